"""Worked / off days across the period start, shared by the consecutive-day rules.

Days before the period are read from History: a shift code is a worked day,
RD or an absence code a day off, and a missing cell is unknown. Day -1 is the
day before the period starts.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from inputs.problem import ABSENCE_BY_CODE, TIME_OFF_ABSENCES, AbsenceType, ProblemData
from inputs.roster import Roster
from solver.model import RosterModel

Literal = cp_model.IntVar | bool | None


def worked_literal(model: RosterModel, officer_id: str, day: int) -> Literal:
    """The model's `works` variable in the period; True/False from History; None if unknown."""
    if day >= 0:
        return model.vars.works[officer_id, day]
    return model.problem.history_worked(officer_id, -day)


def off_literal(model: RosterModel, officer_id: str, day: int) -> Literal:
    worked = worked_literal(model, officer_id, day)
    if worked is None or isinstance(worked, bool):
        return None if worked is None else not worked
    return worked.negated()  # type: ignore[return-value]


def worked(problem: ProblemData, roster: Roster, officer_id: str, day: int) -> bool | None:
    """Whether the roster (or History, before the period) has the officer working that day."""
    if day >= 0:
        return roster.works(officer_id, day)
    return problem.history_worked(officer_id, -day)


def absent(problem: ProblemData, officer_id: str, day: int) -> bool:
    """Away on an absence; a fixed day off (day_off) is rest, not an absence."""
    if day >= 0:
        absence = problem.absence_on(officer_id, day)
        return absence is not None and absence.type not in TIME_OFF_ABSENCES
    return problem.history_absent(officer_id, -day)


DUTY_ABSENCES = frozenset({AbsenceType.TRAINING, AbsenceType.COURT, AbsenceType.AID})
"""Absences that are duty (training, court, pre-planned aid), unlike leave and sickness."""


def duty_absence(problem: ProblemData, officer_id: str, day: int) -> bool:
    """Whether the officer is away on duty that day (in the period, or per History)."""
    if day >= 0:
        absence = problem.absence_on(officer_id, day)
        return absence is not None and absence.type in DUTY_ABSENCES
    code = problem.history_code(officer_id, -day)
    return code in ABSENCE_BY_CODE and ABSENCE_BY_CODE[code] in DUTY_ABSENCES


def runs(state: dict[int, bool | None], num_days: int, worked: bool) -> list[tuple[int, int]]:
    """Maximal runs of days whose known state is `worked` (True: worked days, False: days
    off), as (first, last) day indices, from the first day of `state` to the period's end."""
    found, start = [], None
    for day in range(min(state), num_days + 1):
        inside = day < num_days and state.get(day) is worked
        if inside and start is None:
            start = day
        elif not inside and start is not None:
            found.append((start, day - 1))
            start = None
    return found


def short_run_patterns(
    model: RosterModel, officer_id: str, want: int, working: bool
) -> list[tuple[range, list[cp_model.IntVar | bool]]]:
    """For the minimum-run rules: each run of `working` days (True: work, False: rest)
    shorter than `want`, as (its days, the literals that all hold when the officer's
    roster has exactly that run with the other kind on each side). Runs whose either side
    is unknown (History not filled in, or after the period) are left out."""
    inside, outside = (worked_literal, off_literal) if working else (off_literal, worked_literal)
    found = []
    for length in range(1, want):
        for first in range(1 - length, model.problem.num_days - length):
            block = range(first, first + length)
            pattern = [
                outside(model, officer_id, first - 1),
                *(inside(model, officer_id, d) for d in block),
                outside(model, officer_id, first + length),
            ]
            if all(lit is not None for lit in pattern):
                found.append((block, [lit for lit in pattern if lit is not None]))
    return found


def short_runs(
    problem: ProblemData, roster: Roster, officer_id: str, want: int, working: bool
) -> list[tuple[int, int]]:
    """The checkers' side: runs of `working` days shorter than `want` with the other kind
    known on each side, as (first, last) day indices."""
    state = {d: worked(problem, roster, officer_id, d) for d in range(-want, problem.num_days)}
    return [
        (first, last)
        for first, last in runs(state, problem.num_days, working)
        if state.get(first - 1) is (not working)
        and last + 1 < problem.num_days
        and last - first + 1 < want
        and last >= 0
    ]
