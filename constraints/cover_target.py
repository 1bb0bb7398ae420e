"""cover_target: the Cover sheet's `target` officers on duty (soft by default).

Each officer short of the target on a tour (or hour) is penalised by the weight.
"""

from __future__ import annotations

from constraints.base import Rule, Violation
from constraints.cover import add_cover, check_cover
from inputs.catalogue import RuleSpec
from inputs.problem import CoverRow, ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel

SPEC = RuleSpec(
    name="cover_target",
    summary="The Cover sheet's target officers on duty; each officer short is penalised (soft).",
    default=RuleSetting(hard=False, weight=20),
    unit="officer short of the target",
)


def _need(row: CoverRow) -> int | None:
    return row.target


def add(model: RosterModel, setting: RuleSetting) -> None:
    add_cover(model, setting, SPEC.name, _need)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    return check_cover(problem, roster, setting, SPEC.name, _need)


RULE = Rule(SPEC, add, check)
