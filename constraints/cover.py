"""Cover rows, shared by cover_min (hard minimum) and cover_target (soft target).

A Cover row becomes one *slot* per matching day (shift rows) or per matching
day and clock hour (from/to rows). For hour slots an officer counts when one
of their tours covers the whole hour, whichever day the tour started: a night
that began the day before counts, including one recorded in History.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from constraints.base import Violation
from inputs.problem import TEAM_KIND_VALUES, CoverRow, ProblemData, RuleSetting, Shift
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import Group, LinearExpr

Need = Callable[[CoverRow], int | None]
Weight = Callable[[CoverRow], int]


@dataclass(frozen=True)
class Slot:
    row: CoverRow
    day: int
    hour: int | None = None
    """Clock hour from the start of `day` (24-47 = the next morning) for from/to rows."""

    def when(self, problem: ProblemData) -> str:
        if self.hour is None:
            return f"{self.row.shift} on {problem.day_text(self.day)}"
        start = self.hour % 24
        return (
            f"{start:02d}:00-{start + 1:02d}:00 on {problem.day_text(self.day + self.hour // 24)}"
        )


def scope_words(row: CoverRow) -> str:
    """Who a Cover row counts, in words: 'cluster North', 'all response teams', 'team R1'."""
    if row.cluster is not None:
        return f"cluster {row.cluster}"
    if row.team in TEAM_KIND_VALUES:
        return f"all {row.team} teams"
    return f"team {row.team}"


def slots(
    problem: ProblemData,
    need: Need,
    rows: Iterable[CoverRow] | None = None,
    over: Weight | None = None,
) -> list[Slot]:
    """The slots of the Cover sheet's rows (or of `rows`) that need someone, or that cost
    something when over-staffed (`over`)."""
    found = []
    for row in problem.cover if rows is None else rows:
        if not need(row) and not (over and over(row) and need(row) is not None):
            continue
        for day in problem.cover_days(row):
            if row.shift is not None:
                found.append(Slot(row, day))
                continue
            for hour in row.hours:
                if day + hour // 24 < problem.num_days:
                    found.append(Slot(row, day, hour))
    return found


def _covers(shift: Shift, started: int, slot: Slot) -> bool:
    """Whether a tour of `shift` that started on day `started` counts for the slot."""
    if slot.hour is None:
        return started == slot.day and shift.code == slot.row.shift
    return shift.covers_hour(slot.hour + (slot.day - started) * 24)


def _start_days(slot: Slot) -> range:
    return range(slot.day, slot.day + 1) if slot.hour is None else range(slot.day - 1, slot.day + 2)


def add_cover(
    model: RosterModel,
    setting: RuleSetting,
    rule: str,
    need: Need,
    rows: Iterable[CoverRow] | None = None,
    under: Weight | None = None,
    over: Weight | None = None,
    sheet: str = "Cover",
) -> list[tuple[Slot, cp_model.IntVar]]:
    """At least `need` on duty in each slot; when soft, each officer short costs `under`
    units (default 1) and each officer above the need costs `over` units (default 0).
    The slots of one row and day are one diagnosis group, named by `sheet` and the row.
    Returns each soft slot's shortfall variable."""
    problem = model.problem
    shortfalls = []
    for slot in slots(problem, need, rows, None if setting.hard else over):
        required = need(slot.row) or 0
        terms = _on_duty_terms(model, slot)
        label = f"row {slot.row.row} day {slot.day} hour {slot.hour}"
        weight = under(slot.row) if under else 1
        group = cover_group(rule, sheet, slot)
        on_duty = cp_model.LinearExpr.sum(terms)
        short = model.at_least(rule, setting, on_duty, required, label, weight, group)
        if short is not None:
            shortfalls.append((slot, short))
        if over and over(slot.row) and not setting.hard:
            label, extra = f"over {label}", over(slot.row)
            model.at_most(rule, setting, on_duty, required, len(terms), label, extra)
    return shortfalls


def cover_group(rule: str, sheet: str, slot: Slot) -> Group:
    """The diagnosis group of a slot: its row (a Cover row, or a cluster's window) and day."""
    row = slot.row
    return Group(rule, sheet, row.row or None, slot.day, row.cluster, row.shift)


def _on_duty_terms(model: RosterModel, slot: Slot) -> list[LinearExpr]:
    """One 0/1 term per officer counting for the slot who could be on duty in it."""
    officers = model.problem.cover_officers(slot.row)
    if slot.hour is None:
        code = slot.row.shift
        assert code is not None
        found = (model.vars.tour(o.officer_id, slot.day, code) for o in officers)
        return [var for var in found if var is not None]
    covering = _covering_codes(model.problem, slot)
    terms = (_on_duty_term(model, o.officer_id, covering) for o in officers)
    return [term for term in terms if term is not None]


def _covering_codes(problem: ProblemData, slot: Slot) -> dict[int, frozenset[str]]:
    """start day -> codes of the tours starting that day that count for the slot."""
    return {
        started: frozenset(s.code for s in problem.shifts if _covers(s, started, slot))
        for started in _start_days(slot)
        if started < problem.num_days
    }


def _on_duty_term(
    model: RosterModel, officer_id: str, covering: dict[int, frozenset[str]]
) -> LinearExpr | None:
    """1 when the officer is on duty in the slot, counted once even if two tours overlap it.

    Tours that start on the same day exclude each other (one tour per day), so their
    sum is already 0/1; only tours from different start days need an indicator.
    """
    by_start: dict[int, list[cp_model.IntVar]] = {}
    for started, codes in covering.items():
        if started < 0:
            if model.problem.history_code(officer_id, -started) in codes:
                return 1
            continue
        found = [var for code, var in model.vars.tours(officer_id, started) if code in codes]
        if found:
            by_start[started] = found
    tours = [var for group in by_start.values() for var in group]
    if len(by_start) <= 1:
        return sum(tours) if tours else None
    on_duty = model.vars.new_indicator(f"on duty {officer_id} {sorted(covering)}")
    model.cp.add_max_equality(on_duty, tours)
    return on_duty


def check_cover(
    problem: ProblemData,
    roster: Roster,
    setting: RuleSetting,
    rule: str,
    need: Need,
    rows: Iterable[CoverRow] | None = None,
    label: Callable[[CoverRow], str] = lambda row: f"Cover row {row.row}",
    under: Weight | None = None,
    over: Weight | None = None,
) -> list[Violation]:
    """The checker of `add_cover`: one violation per slot short (amount: officers short x
    `under`) and, when soft, per slot over-staffed (officers above x `over`)."""
    violations = []
    for slot in slots(problem, need, rows, None if setting.hard else over):
        row, required = slot.row, need(slot.row) or 0
        count = rostered(problem, roster, slot)
        on = f"{count} {row.filter_text()} of {row.scope_text} on {slot.when(problem)}"
        day = problem.days[slot.day]
        if count < required:
            amount = (required - count) * (under(row) if under else 1)
            what = f"{label(row)}: {on}; expected at least {required}"
            violations.append(Violation(rule, amount, what, None, day))
        extra = over(row) if over and not setting.hard else 0
        if count > required and extra:
            what = f"{label(row)}: {on}; expected at most {required}"
            violations.append(Violation(rule, (count - required) * extra, what, None, day))
    return violations


def rostered(problem: ProblemData, roster: Roster, slot: Slot) -> int:
    """Officers counting for the slot's Cover row on duty in it, as the checkers count them."""
    return sum(
        1 for o in problem.cover_officers(slot.row) if _on_duty(problem, roster, o.officer_id, slot)
    )


def _on_duty(problem: ProblemData, roster: Roster, officer_id: str, slot: Slot) -> bool:
    for started in _start_days(slot):
        if started >= problem.num_days:
            continue
        if started < 0:
            shifts = [s] if (s := problem.history_shift(officer_id, -started)) else []
        else:
            shifts = [problem.shift_by_code[c] for c in roster.on(officer_id, started)]
        if any(_covers(shift, started, slot) for shift in shifts):
            return True
    return False
