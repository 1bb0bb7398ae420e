"""establishment_max: no team has more officers of a rank than its max_<rank> column.

Hard by default (an establishment ceiling is a budget, not a wish). When soft, each
officer above the maximum costs the weight. Teams without the column have no maximum.
"""

from __future__ import annotations

from collections.abc import Iterator

from constraints.base import Violation
from constraints.posting.base import (
    Note,
    PostingRule,
    above,
    before_after,
    count,
    count_amounts,
    effect,
    ends,
    figures,
    judged,
)
from inputs.catalogue import RuleSpec
from inputs.posting import Allocation, PostingData, PostingOfficer, PostingTeam
from inputs.problem import Rank, RuleSetting
from solver.posting.model import PostingModel
from solver.posting.variables import Which
from solver.variables import team_group

SPEC = RuleSpec(
    name="establishment_max",
    summary="No team has more officers of a rank than its max_PS, max_PC or max_PCSO.",
    default=RuleSetting(hard=True, weight=500),
    unit="officer above a team's maximum for the rank",
)


def of_rank(rank: Rank) -> Which:
    return lambda officer: officer.rank == rank


def _limits(data: PostingData) -> Iterator[tuple[PostingTeam, Rank, int]]:
    for team in data.teams:
        for rank, most in team.maxima.items():
            yield team, rank, most


def add(model: PostingModel, setting: RuleSetting) -> None:
    for team, rank, most in _limits(model.data):
        expr, largest = model.vars.count(team.team_id, of_rank(rank))
        label, group = f"{team.team_id} {rank}", team_group(SPEC.name, team, rank)
        model.at_most(SPEC.name, setting, expr, most, largest, label, group=group)


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    violations = []
    for team, rank, most in _limits(data):
        number = count(data, allocation, team.team_id, of_rank(rank))
        if number > most:
            what = f"{team.team_id} has {number} {rank}s; expected at most {most} (max_{rank})"
            violations.append(Violation(SPEC.name, number - most, what))
    return violations


def explain(
    data: PostingData, after: Allocation, officer: PostingOfficer, setting: RuleSetting
) -> list[Note]:
    notes = []
    for team_id in ends(data, after, officer):
        most = data.team_by_id[team_id].maxima.get(officer.rank)
        if most is None:
            continue
        was, now = before_after(data, after, team_id, of_rank(officer.rank))
        text = figures(team_id, f"{officer.rank}s", was, now, f"max {most}")
        step = effect(officer, team_id)
        notes += judged(text, count_amounts(was, now, step, above(most)))
    return notes


RULE = PostingRule(SPEC, add, check, explain)
