"""cover_target: the Cover sheet's `target` officers on duty (soft by default).

Each officer short of the target on a tour (or hour) costs the row's
`under_weight` units (default 1) and, when the rule is soft, each officer above
it costs the row's `over_weight` units (default 0: being over is free); a unit
costs the rule's weight. A row with a target of 0 and an over weight penalises
anyone rostered. Hard, the rule is a second minimum and over-staffing is free.
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
    unit="officer short of (or above) the target, times the row's weight",
)


def _need(row: CoverRow) -> int | None:
    return row.target


def _under(row: CoverRow) -> int:
    return row.under_weight


def _over(row: CoverRow) -> int:
    return row.over_weight


def add(model: RosterModel, setting: RuleSetting) -> None:
    add_cover(model, setting, SPEC.name, _need, under=_under, over=_over)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    return check_cover(problem, roster, setting, SPEC.name, _need, under=_under, over=_over)


RULE = Rule(SPEC, add, check)
