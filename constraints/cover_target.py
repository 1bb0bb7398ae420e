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
within the whole model's share of the time, proves the bound at once. Counted again with
the successions min_rest_hours forbids, the weekends prove more on some months; that
count only raises the floor reported as a bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from constraints import max_weekends, min_rest_hours
from constraints.base import Rule, Violation
from constraints.cover import Slot, add_cover, check_cover
from inputs.catalogue import RuleSpec
from inputs.problem import CoverRow, Officer, ProblemData, RuleSetting
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
    """What the weekend limits and the forbidden successions imply for weekend cover. With
    each tour slot of a weekend given a worth such that no officer's weekend can be worth
    more than 2, the officers' weekends are worth at most `_most_worth` between them, so the
    slots short, counted at their worth, make up the rest of the cover needed. Two such
    counts, each used when that rest is above 0 and max_weekends is hard:

    - every slot worth 1, the plain count, stated in the model (the weekend cut): weekend
      cover needed against the weekend days the officers can work (instance 12: 285 against
      260, so 25 short; 17: 56; 18: 41);
    - worths of 0, 1 or 2 with a Saturday tour and a Sunday tour that `min_rest_hours` lets
      follow it worth 2 at most together (`_worths`): a weekend worked whole then covers less
      than its two days where most Sunday tours may not follow most Saturday tours. On
      instance 13 (482 days needed, 500 workable) it proves 11 short (1,100) where the plain
      count proves nothing; 12: 40; 19: 28, not 19. It only raises the floor: stated in the
      model as well, it made the search worse on 15 and 17 (60 s, seeds 0 and 1: 15 4,421
      and 4,528, 17 6,290 and 6,411, each at or above its worst of six runs before).

    Each raises the model's floor (`PenaltyTerms.floor`) to what it proves alone; together
    they prove what the weekends alone imply on every instance of 12-19, the same as a model
    of all weekend cover by pairs of tours solved exactly (measured in bench/RESULTS.md).
    Each officer works one tour a day, so counts once among the tour slots of a day; one
    slot per day and tour (the largest target) keeps that true where rows overlap. Hour
    slots are left out: one tour covers many. Best effort (max_weekends relaxed, so soft)
    and the diagnosis (hard rules only, so no shortfall) use neither."""
    problem = model.problem
    setting = problem.rule(max_weekends.SPEC.name)
    if not (setting.enabled and setting.hard):
        return
    weekends = max_weekends.weekends(problem)
    slots = _weekend_slots(problem, weekends, shortfalls)
    plain = dict.fromkeys(slots, 1)
    rest = _rest(model, setting, weekends, slots, plain)
    if rest > 0:
        model.cp.add(cp_model.LinearExpr.sum([s.short for s in slots.values()]) >= rest)
        _raise_floor(model, slots, plain, rest)
    banned = min_rest_hours.next_day_banned(problem)
    paired: dict[tuple[int, str], int] = {}
    for days in weekends:
        paired.update(
            _worths(days, {k: s.target for k, s in slots.items() if k[0] in days}, banned)
        )
    rest = _rest(model, setting, weekends, slots, paired)
    if rest > 0:
        _raise_floor(model, slots, paired, rest)


def _rest(
    model: RosterModel,
    setting: RuleSetting,
    weekends: list[list[int]],
    slots: dict[tuple[int, str], _WeekendSlot],
    worth: dict[tuple[int, str], int],
) -> int:
    """The worth of the weekend cover needed less the most the officers' weekends are worth:
    what the slots short must make up, at their worth."""
    problem = model.problem
    needed = sum(worth[k] * s.target for k, s in slots.items())
    return needed - sum(_most_worth(problem, setting, o, weekends, worth) for o in problem.officers)


def _raise_floor(
    model: RosterModel,
    slots: dict[tuple[int, str], _WeekendSlot],
    worth: dict[tuple[int, str], int],
    rest: int,
) -> None:
    units = [(worth[k], s.target, s.cost) for k, s in slots.items() if worth[k]]
    model.vars.floor = max(model.vars.floor, _floor(rest, units))


@dataclass(frozen=True)
class _WeekendSlot:
    target: int
    short: cp_model.IntVar
    cost: int
    """What a unit short costs in the objective."""


def _weekend_slots(
    problem: ProblemData,
    weekends: list[list[int]],
    shortfalls: list[tuple[Slot, cp_model.IntVar]],
) -> dict[tuple[int, str], _WeekendSlot]:
    """Each weekend tour slot by (day, shift code), the largest target where rows overlap."""
    weekend = {d for days in weekends for d in days}
    weight = problem.rule(SPEC.name).weight
    chosen: dict[tuple[int, str], _WeekendSlot] = {}
    for slot, short in shortfalls:
        code, target = slot.row.shift, _need(slot.row) or 0
        if slot.hour is not None or code is None or slot.day not in weekend:
            continue
        if (slot.day, code) not in chosen or chosen[slot.day, code].target < target:
            chosen[slot.day, code] = _WeekendSlot(target, short, weight * _under(slot.row))
    return chosen


def _floor(rest: int, units: list[tuple[int, int, int]]) -> int:
    """The least the slots short can cost with their worth adding up to `rest`, each (worth,
    target, cost) short by at most its target: the cheapest per unit of worth first, parts
    of units allowed (the linear relaxation), rounded up as objectives are whole."""
    total, left = 0.0, float(rest)
    for worth, target, cost in sorted(units, key=lambda u: u[2] / u[0]):
        take = min(target, left / worth)
        total, left = total + take * cost, left - take * worth
        if left <= 0:
            break
    return math.ceil(total - 1e-6)


TOP = 2
"""The most a weekend worked can be worth: two days, or one tour worth 2."""


def _worths(
    days: list[int], targets: dict[tuple[int, str], int], banned: set[tuple[str, str]]
) -> dict[tuple[int, str], int]:
    """A worth of 0 to TOP for each slot of one weekend, the most cover needed in all, with
    a Saturday tour and a Sunday tour that may follow it worth TOP at most together. A tiny
    model, solved exactly: the pairs form a bipartite graph, so its linear relaxation is
    already integral."""
    if len(days) < 2:
        return dict.fromkeys(targets, TOP)
    saturday, sunday = days
    worth_model = cp_model.CpModel()
    worth = {k: worth_model.new_int_var(0, TOP, f"worth{k}") for k in targets}
    for (day, first), a in worth.items():
        for (later, then), b in worth.items():
            if day == saturday and later == sunday and (first, then) not in banned:
                worth_model.add(a + b <= TOP)
    worth_model.maximize(
        cp_model.LinearExpr.weighted_sum(list(worth.values()), list(targets.values()))
    )
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.catch_sigint_signal = False  # else Ctrl-C kills the run after it
    solver.solve(worth_model)
    return {k: int(solver.value(v)) for k, v in worth.items()}


def _most_worth(
    problem: ProblemData,
    setting: RuleSetting,
    officer: Officer,
    weekends: list[list[int]],
    worth: dict[tuple[int, str], int],
) -> int:
    """The most the officer's weekends can be worth: on each weekend, the worthiest tour
    they may work on each day free of absences, TOP at most in all; their best `limit`
    weekends (every weekend without a limit)."""
    codes = {s.code for s in problem.eligible_shifts(officer)}
    o = officer.officer_id
    per_weekend = []
    for days in weekends:
        free = [d for d in days if problem.absence_on(o, d) is None]
        best = sum(max((worth.get((d, c), 0) for c in codes), default=0) for d in free)
        per_weekend.append(min(TOP, best))
    limit = max_weekends.weekend_limit(officer, setting)
    return sum(sorted(per_weekend, reverse=True)[: len(per_weekend) if limit is None else limit])


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    return check_cover(problem, roster, setting, SPEC.name, _need, under=_under, over=_over)


RULE = Rule(SPEC, add, check)
