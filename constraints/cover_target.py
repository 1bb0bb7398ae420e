"""cover_target: the Cover sheet's `target` officers on duty (soft by default).

Each officer short of the target on a tour (or hour) costs the row's
`under_weight` units (default 1) and, when the rule is soft, each officer above
it costs the row's `over_weight` units (default 0: being over is free); a unit
costs the rule's weight. A row with a target of 0 and an over weight penalises
anyone rostered. Hard, the rule is a second minimum and over-staffing is free.

Soft, with max_weekends hard, the model also states what the two imply together: the
officers short on weekend days add up to at least the weekend cover needed less the most
weekend days the officers can work (`_add_weekend_cut`). Every roster keeps its
objective; the linear relaxation, which does not see it from the rules one at a time
within the whole model's share of the time, proves the bound at once.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from constraints import max_weekends
from constraints.base import Rule, Violation
from constraints.cover import Slot, add_cover, check_cover
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
    shortfalls = add_cover(model, setting, SPEC.name, _need, under=_under, over=_over)
    _add_weekend_cut(model, shortfalls)


def _add_weekend_cut(model: RosterModel, shortfalls: list[tuple[Slot, cp_model.IntVar]]) -> None:
    """The officers short on weekend tours sum to at least the weekend target less the most
    weekend days the officers can work (`max_weekends.most_weekend_days`), when that is
    above 0 and max_weekends is hard. Each officer works one tour a day, so counts once
    among the tour slots of a day; one slot per day and tour (the largest target) keeps
    that true where rows overlap. Hour slots are left out: one tour covers many. Best
    effort (max_weekends relaxed, so soft) and the diagnosis (hard rules only, so no
    shortfall) never add it.
    On instance 12, 285 officer-days of weekend cover against 260 allowed: the root
    relaxation proves 2,500 within a second, where the table's bound had been 7
    (measured in bench/RESULTS.md)."""
    problem = model.problem
    setting = problem.rule(max_weekends.SPEC.name)
    if not (setting.enabled and setting.hard):
        return
    weekend = {d for days in max_weekends.weekends(problem) for d in days}
    chosen: dict[tuple[int, str], tuple[int, cp_model.IntVar]] = {}
    for slot, short in shortfalls:
        code, target = slot.row.shift, _need(slot.row) or 0
        if slot.hour is not None or code is None or slot.day not in weekend:
            continue
        if (slot.day, code) not in chosen or chosen[slot.day, code][0] < target:
            chosen[slot.day, code] = (target, short)
    needed = sum(target for target, _ in chosen.values())
    most = sum(max_weekends.most_weekend_days(problem, setting, o) for o in problem.officers)
    if needed > most:
        model.cp.add(
            cp_model.LinearExpr.sum([short for _, short in chosen.values()]) >= needed - most
        )


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    return check_cover(problem, roster, setting, SPEC.name, _need, under=_under, over=_over)


RULE = Rule(SPEC, add, check)
