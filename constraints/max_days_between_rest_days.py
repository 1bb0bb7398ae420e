"""max_days_between_rest_days: a rest day at intervals of not more than N days (Annex E).

Police Regulations, Annex E: rest days are granted at intervals of not more than
seven days. Annex E is about days of duty in a row, and training, court and
pre-planned aid are duty: a day with a tour or one of those absences is a duty
day; any other day (a rest day, annual leave, sickness, other leave) is time
off. No `value` + 1 days in a row (default 7 + 1) may all be duty days.

How it differs from max_consecutive_days: that rule counts tours in a row, and
any day without a tour, training included, ends the run. Here five tours,
three days of training and two more tours are ten duty days in a row, though
never more than five tours in a row. A week of annual leave is time off, so it
never forces rest days around it.

History: a History `RD`, `AL`, `SK` or `OT` cell is time off; a shift code or a `TR`,
`CT` or `AID` cell is duty; a blank History day is unknown and counts as time off, so
the rule never acts on what it cannot see. Only windows of `value` + 1 days that end in
the period are judged (a window lying wholly in History is not), and only those holding
at least one period day without an absence: a window made only of History and absence
days is fixed by the input, and no roster could put a rest day in it.

Amount per run of days without a rest day = the number of its judged windows,
which for a run with no absence day is the run's days beyond the limit inside
the period (as max_consecutive_days counts); dated on the run's last day.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from constraints import days
from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="max_days_between_rest_days",
    summary="No more than N duty days in a row (tours, training, court, aid; Police "
    "Regulations Annex E), counting History.",
    default=RuleSetting(hard=True, weight=100, value=7),
    unit="window of N + 1 duty days in a row",
    value_help="days between two rest days",
    value_min=1,
    value_max=28,
    per_officer=True,
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    limit = _limit(setting)
    problem = model.problem
    for officer in problem.officers:
        o = officer.officer_id
        for last in range(problem.num_days):
            window = range(last - limit, last + 1)
            if not _judged(problem, o, window):
                continue
            literals = [_not_rest_literal(model, o, d) for d in window]
            group = officer_group(SPEC.name, officer)
            model.forbid_together(SPEC.name, setting, literals, f"{o} to {last}", group=group)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    limit = _limit(setting)
    violations = []
    for officer in problem.officers:
        o = officer.officer_id
        broken: dict[int, list[int]] = {}  # first day of a run -> ends of its broken windows
        for last in range(problem.num_days):
            window = range(last - limit, last + 1)
            if _judged(problem, o, window) and not any(
                _rest(problem, roster, o, d) for d in window
            ):
                broken.setdefault(_run_start(problem, roster, o, last), []).append(last)
        for first, ends in broken.items():
            last = _run_end(problem, roster, o, ends[-1])
            violations.append(
                Violation(
                    SPEC.name,
                    len(ends),
                    f"{last - first + 1} duty days in a row, {problem.day_text(first)} to "
                    f"{problem.day_text(last)}; expected a day off after at most {limit}",
                    o,
                    problem.days[last],
                )
            )
    return violations


def _judged(problem: ProblemData, officer_id: str, window: range) -> bool:
    """Whether the window holds a day the roster decides: a period day without an absence."""
    return any(d >= 0 and not days.absent(problem, officer_id, d) for d in window)


def _not_rest_literal(model: RosterModel, officer_id: str, day: int) -> cp_model.IntVar | bool:
    """True on a duty absence, False on other absences; otherwise the `works` variable."""
    if days.duty_absence(model.problem, officer_id, day):
        return True
    if days.absent(model.problem, officer_id, day):
        return False
    worked = days.worked_literal(model, officer_id, day)
    return worked if worked is not None else False


def _rest(problem: ProblemData, roster: Roster, officer_id: str, day: int) -> bool:
    """Time off: no tour and no duty absence; a blank History day counts as time off."""
    return not days.worked(problem, roster, officer_id, day) and not days.duty_absence(
        problem, officer_id, day
    )


def _run_start(problem: ProblemData, roster: Roster, officer_id: str, day: int) -> int:
    """The first day of the run of days without a rest day that holds `day`."""
    while not _rest(problem, roster, officer_id, day - 1):
        day -= 1
    return day


def _run_end(problem: ProblemData, roster: Roster, officer_id: str, day: int) -> int:
    """The last day in the period of the run of days without a rest day that holds `day`."""
    while day + 1 < problem.num_days and not _rest(problem, roster, officer_id, day + 1):
        day += 1
    return day


def _limit(setting: RuleSetting) -> int:
    return int(setting.value if setting.value is not None else 7)


RULE = Rule(SPEC, add, check)
