"""skill_minima: each team has at least its min_<skill> officers with that skill.

A Teams column min_response_driver (or min_<any skill of the Officers sheet>) sets the
minimum; a blank cell sets none. Officers of every rank count. Soft by default: each
officer short costs the weight.
"""

from __future__ import annotations

from collections.abc import Iterator

from constraints.base import Violation
from constraints.posting.base import Note, PostingRule, count, minimum_notes
from inputs.catalogue import RuleSpec
from inputs.posting import Allocation, PostingData, PostingOfficer, PostingTeam
from inputs.problem import RuleSetting
from solver.posting.model import PostingModel
from solver.posting.variables import Which
from solver.variables import team_group

SPEC = RuleSpec(
    name="skill_minima",
    summary="Each team has at least its min_<skill> officers with the skill (e.g. "
    "min_response_driver).",
    default=RuleSetting(hard=False, weight=200),
    unit="officer short of a team's skill minimum",
)


def having(skill: str) -> Which:
    return lambda officer: skill in officer.skills


def _minima(data: PostingData) -> Iterator[tuple[PostingTeam, str, int]]:
    for team in data.teams:
        for skill, fewest in team.skill_minima.items():
            if fewest > 0:
                yield team, skill, fewest


def add(model: PostingModel, setting: RuleSetting) -> None:
    for team, skill, fewest in _minima(model.data):
        expr, _ = model.vars.count(team.team_id, having(skill))
        label, group = f"{team.team_id} {skill}", team_group(SPEC.name, team, skill)
        model.at_least(SPEC.name, setting, expr, fewest, label, group=group)


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    violations = []
    for team, skill, fewest in _minima(data):
        number = count(data, allocation, team.team_id, having(skill))
        if number < fewest:
            what = (
                f"{team.team_id} has {number} officers with {skill}; expected at least "
                f"{fewest} (min_{skill})"
            )
            violations.append(Violation(SPEC.name, fewest - number, what))
    return violations


def explain(
    data: PostingData, after: Allocation, officer: PostingOfficer, setting: RuleSetting
) -> list[Note]:
    return [
        note
        for team, skill, fewest in _minima(data)
        for note in minimum_notes(
            data, after, officer, team.team_id, having(skill), skill.replace("_", " "), fewest
        )
    ]


RULE = PostingRule(SPEC, add, check, explain)
