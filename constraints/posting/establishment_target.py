"""establishment_target: each team holds its target of each rank (target_<rank>) and its
target_strength of officers in all.

Soft by default: each officer above or below a target costs the weight (|count - target|,
exactly). Hard: every target is met exactly. Teams without a target column have none.
"""

from __future__ import annotations

from collections.abc import Iterator

from constraints.base import Violation
from constraints.posting.base import (
    Note,
    PostingRule,
    before_after,
    count,
    count_amounts,
    effect,
    ends,
    figures,
    judged,
    off,
)
from constraints.posting.establishment_max import of_rank
from inputs.catalogue import RuleSpec
from inputs.posting import Allocation, PostingData, PostingOfficer, PostingTeam
from inputs.problem import RuleSetting
from solver.posting.model import PostingModel
from solver.posting.variables import Which
from solver.variables import team_group

SPEC = RuleSpec(
    name="establishment_target",
    summary="Each team holds its target_PS, target_PC, target_PCSO and target_strength "
    "(all ranks).",
    default=RuleSetting(hard=False, weight=20),
    unit="officer above or below a team's target",
)


def _everyone(officer: PostingOfficer) -> bool:
    return True


def _targets(data: PostingData) -> Iterator[tuple[PostingTeam, str, Which, int]]:
    """(team, what is counted, who counts, target)."""
    for team in data.teams:
        if team.target_strength is not None:
            yield team, "officers", _everyone, team.target_strength
        for rank, target in team.targets.items():
            yield team, f"{rank}s", of_rank(rank), target


def add(model: PostingModel, setting: RuleSetting) -> None:
    for team, label, which, target in _targets(model.data):
        expr, largest = model.vars.count(team.team_id, which)
        if setting.hard:
            model.require(model.cp.add(expr == target), team_group(SPEC.name, team, label))
            continue
        name = f"{team.team_id} {label}"
        off = model.vars.new_penalty(SPEC.name, max(target, largest - target), setting.weight, name)
        model.cp.add_abs_equality(off, expr - target)


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    violations = []
    for team, label, which, target in _targets(data):
        number = count(data, allocation, team.team_id, which)
        if number != target:
            what = f"{team.team_id} has {number} {label}; target {target}"
            violations.append(Violation(SPEC.name, abs(number - target), what))
    return violations


def explain(
    data: PostingData, after: Allocation, officer: PostingOfficer, setting: RuleSetting
) -> list[Note]:
    notes = []
    teams = ends(data, after, officer)
    for team, label, which, target in _targets(data):
        if team.team_id not in teams or not which(officer):
            continue
        was, now = before_after(data, after, team.team_id, which)
        text = figures(team.team_id, label, was, now, f"target {target}")
        step = effect(officer, team.team_id)
        notes += judged(text, count_amounts(was, now, step, off(target)))
    return notes


RULE = PostingRule(SPEC, add, check, explain)
