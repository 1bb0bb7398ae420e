"""min_rest_hours: enough hours between the end of one tour and the start of the next.

Computed from the shift times, so a late (ends 23:00) followed by an early
(starts 07:00) gives 8 hours, and a night that ends at 07:00 the next morning
counts from then. Tours in the History sheet count, so the rule holds across
the start of the period.

The Shifts sheet can also forbid successions outright: a shift's `cannot_follow`
lists the codes that may not be worked on the next day (a late then an early,
say), whatever the hours between. Each pair of tours too close or in a
forbidden succession counts once.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import MINUTES_PER_DAY, ProblemData, RuleSetting, Shift
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="min_rest_hours",
    summary="Hours between the end of a tour and the start of the next, across midnight "
    "and the period start.",
    default=RuleSetting(hard=True, weight=100, value=11),
    unit="pair of tours too close",
    value_help="hours of rest",
    value_max=24,
    per_officer=True,
)
HISTORY_DAYS = 2
"""A rest of at most 24 hours can only be broken by tours at most two days apart."""


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem, rest = model.problem, _rest_minutes(setting)
    for officer in problem.officers:
        o = officer.officer_id
        shifts = problem.eligible_shifts(officer)
        group = officer_group(SPEC.name, officer)
        for offset in range(1, HISTORY_DAYS + 1):
            before = problem.history_shift(o, offset)
            if before is None:
                continue
            for day in range(min(HISTORY_DAYS, problem.num_days)):
                for s in shifts:
                    if _too_close(-offset, before, day, s, rest):
                        label = f"{o} history -{offset} {before.code} / {day} {s.code}"
                        literals = [_var(model, o, day, s)]
                        model.forbid_together(SPEC.name, setting, literals, label, group=group)
        groups = _groups(shifts, rest)
        days = [dict(model.vars.tours(o, day)) for day in range(problem.num_days)]
        for day, tours in enumerate(days):
            for later in range(day + 1, min(day + HISTORY_DAYS + 1, problem.num_days)):
                for firsts, banned in groups[later - day]:
                    model.forbid_followed(
                        SPEC.name,
                        setting,
                        [tours[s.code] for s in firsts],
                        [days[later][s.code] for s in banned],
                        f"{o} {day} {'/'.join(s.code for s in firsts)} / {later}",
                        group,
                    )


Group = tuple[tuple[Shift, ...], tuple[Shift, ...]]


def _groups(shifts: tuple[Shift, ...], rest: int) -> dict[int, list[Group]]:
    """days later -> (first shifts, banned shifts): every first may not be followed, that
    many days later, by any banned one, and the firsts share their banned set, so one
    constraint per group and day states them all (a day has at most one tour)."""
    found: dict[int, list[Group]] = {}
    for delta in range(1, HISTORY_DAYS + 1):
        by_banned: dict[tuple[str, ...], list[Shift]] = {}
        for s in shifts:
            banned = tuple(s2.code for s2 in shifts if _too_close(0, s, delta, s2, rest))
            if banned:
                by_banned.setdefault(banned, []).append(s)
        by_code = {s.code: s for s in shifts}
        found[delta] = [
            (tuple(firsts), tuple(by_code[c] for c in banned))
            for banned, firsts in by_banned.items()
        ]
    return found


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    rest = _rest_minutes(setting)
    violations = []
    for officer in problem.officers:
        tours = _tours(problem, roster, officer.officer_id)
        for i, first in enumerate(tours):
            for second in tours[i + 1 :]:
                if second.day > first.day + HISTORY_DAYS:
                    break
                if second.day < 0:
                    continue
                what = _broken(problem, first, second, rest)
                if what:
                    violations.append(
                        Violation(SPEC.name, 1, what, officer.officer_id, problem.days[second.day])
                    )
    return violations


def _broken(problem: ProblemData, first: _Tour, second: _Tour, rest: int) -> str | None:
    """What is wrong with working `second` after `first`, in words; None if nothing."""
    gap = second.start - first.end
    shift = problem.shift_by_code[first.code]
    between = (
        f"{first.code} on {problem.day_text(first.day)} and {second.code} on "
        f"{problem.day_text(second.day)}"
    )
    if gap < rest:
        return f"{gap / 60:g}h rest between {between}; expected at least {rest / 60:g}h"
    if second.day == first.day + 1 and second.code in shift.cannot_follow:
        return (
            f"{second.code} may not follow {first.code} (Shifts row {shift.row}, "
            f"cannot_follow): {between}"
        )
    return None


@dataclass(frozen=True)
class _Tour:
    day: int
    code: str
    start: int
    end: int


def _tours(problem: ProblemData, roster: Roster, officer_id: str) -> list[_Tour]:
    """The officer's tours in History and the period, as minutes from the period start."""
    found = []
    for offset in range(HISTORY_DAYS, 0, -1):
        shift = problem.history_shift(officer_id, offset)
        if shift is not None:
            found.append(_tour(-offset, shift))
    for day in range(problem.num_days):
        for code in roster.on(officer_id, day):
            found.append(_tour(day, problem.shift_by_code[code]))
    return sorted(found, key=lambda t: t.start)


def _tour(day: int, shift: Shift) -> _Tour:
    start = day * MINUTES_PER_DAY + shift.start_minute
    return _Tour(day, shift.code, start, start + shift.duration_minutes)


def _too_close(day: int, shift: Shift, later: int, next_shift: Shift, rest: int) -> bool:
    """Too little rest between the two tours, or a forbidden succession on the next day."""
    gap = (later - day) * MINUTES_PER_DAY + next_shift.start_minute - shift.end_minute
    return gap < rest or (later == day + 1 and next_shift.code in shift.cannot_follow)


def next_day_banned(problem: ProblemData) -> set[tuple[str, str]]:
    """The (first, next) shift codes no officer may work on two days in a row, the rule being
    hard; empty when it is soft or off. Other rules reason about weekends with it."""
    setting = problem.rule(SPEC.name)
    if not (setting.enabled and setting.hard):
        return set()
    rest = _rest_minutes(setting)
    return {
        (a.code, b.code)
        for a in problem.shifts
        for b in problem.shifts
        if _too_close(0, a, 1, b, rest)
    }


def _rest_minutes(setting: RuleSetting) -> int:
    return round((setting.value if setting.value is not None else 11) * 60)


def _var(model: RosterModel, officer_id: str, day: int, shift: Shift) -> cp_model.IntVar:
    var = model.vars.tour(officer_id, day, shift)
    assert var is not None, "eligible shifts always have a variable"
    return var


RULE = Rule(SPEC, add, check)
