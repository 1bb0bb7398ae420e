"""rest_day_notice: a published rest day is only moved with notice, or at a cost.

Judged against the optional Published sheet (the roster already published for the
period); without one the rule has no effect. A published rest day (cell RD) on which
the officer now works a tour is a moved rest day. Its notice is counted in whole days
from Settings.notice_date to the rest day's date (the day itself: notice 0; a date
before notice_date: negative). What the officer is owed, in units of the rule's
weight, with `value` the notice threshold (default 15 days):

- notice >= value: a replacement rest day (REPLACEMENT_UNITS = 1);
- notice < value: compensation at time and a half (TIME_AND_A_HALF_UNITS = 3);
- notice < SHORT_NOTICE_DAYS (8): higher compensation (SHORT_NOTICE_UNITS = 5).

With a value of 8 or less, notice short of the value is also under 8 days and costs 5.

Not moves: a published working day now made a rest day, a tour changed for another,
a published absence now worked (stability counts all of these); a published rest day
on which the officer is now absent (the absence forces it; absences are always hard).
History plays no part.

Hard: no published rest day is worked with less than `value` days' notice; moves with
enough notice are allowed (the replacement rest day is still owed, see the Changes
sheet) and are not violations.

Model: the penalty of a moved rest day is units x works[o,d], an expression of the
existing variables, exact by construction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from constraints.base import Rule, Violation
from constraints.stability import published_group
from inputs.catalogue import RuleSpec
from inputs.problem import REST_CODE, TOUR_SEPARATOR, ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel

REPLACEMENT_UNITS = 1
"""Notice of at least `value` days: a replacement rest day is owed."""
TIME_AND_A_HALF_UNITS = 3
"""Notice under `value` days: the rest day worked is compensated at time and a half."""
SHORT_NOTICE_UNITS = 5
"""Notice under SHORT_NOTICE_DAYS: higher compensation still."""
SHORT_NOTICE_DAYS = 8
DEFAULT_NOTICE_DAYS = 15

REPLACEMENT = "replacement rest day"
TIME_AND_A_HALF = "compensation at time and a half"
SHORT_NOTICE = f"compensation (under {SHORT_NOTICE_DAYS} days notice)"

SPEC = RuleSpec(
    name="rest_day_notice",
    summary="Re-rostering (Published sheet): a published rest day now worked costs by the "
    "notice given from notice_date: 1 unit (replacement rest day) with at least value days, "
    f"{TIME_AND_A_HALF_UNITS} (time and a half) with less, {SHORT_NOTICE_UNITS} with under "
    f"{SHORT_NOTICE_DAYS} days.",
    default=RuleSetting(hard=False, weight=20, value=DEFAULT_NOTICE_DAYS),
    unit="compensation unit for a published rest day worked",
    value_help="days of notice from which moving a rest day only owes a replacement rest day",
    value_min=0,
    value_max=366,
    per_officer=True,
)


@dataclass(frozen=True)
class Owed:
    """What moving a rest day with some notice owes the officer."""

    units: int
    text: str

    @property
    def in_notice(self) -> bool:
        """True when the notice was short of the threshold (compensation, not replacement)."""
        return self.units > REPLACEMENT_UNITS


def owed(notice: int, threshold: float) -> Owed:
    """What a rest day moved with `notice` days' notice owes, for a threshold of `value` days."""
    if notice >= threshold:
        return Owed(REPLACEMENT_UNITS, REPLACEMENT)
    if notice < SHORT_NOTICE_DAYS:
        return Owed(SHORT_NOTICE_UNITS, SHORT_NOTICE)
    return Owed(TIME_AND_A_HALF_UNITS, TIME_AND_A_HALF)


def threshold(setting: RuleSetting) -> float:
    """The notice threshold in days: the rule's value, or the default 15."""
    return float(DEFAULT_NOTICE_DAYS if setting.value is None else setting.value)


def owed_on(problem: ProblemData, day: int) -> Owed:
    """What moving a rest day on a day index of the period owes, by the borough's threshold."""
    setting = problem.rules.get(SPEC.name, SPEC.default)
    return owed(problem.notice_days(day), threshold(setting))


def published_rest_days(problem: ProblemData) -> Iterator[tuple[str, int]]:
    """(officer_id, day index) of every published RD the officer is not now absent on."""
    for row in problem.published:
        for when, code in sorted(row.codes.items()):
            day = problem.day_index(when)
            if code != REST_CODE or day is None:
                continue
            if problem.absence_on(row.officer_id, day) is None:
                yield row.officer_id, day


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    limit = threshold(setting)
    for officer_id, day in published_rest_days(problem):
        due = owed(problem.notice_days(day), limit)
        works = model.vars.works[officer_id, day]
        if setting.hard:
            if due.in_notice:
                group = published_group(problem, SPEC.name, officer_id)
                model.require(model.cp.add(works == 0), group)
        else:
            label = f"{officer_id} {problem.day_text(day)}"
            model.vars.add_penalty(SPEC.name, works, setting.weight * due.units, label)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    limit = threshold(setting)
    violations = []
    for officer_id, day in published_rest_days(problem):
        tours = roster.on(officer_id, day)
        if not tours:
            continue
        notice = problem.notice_days(day)
        due = owed(notice, limit)
        if setting.hard and not due.in_notice:
            continue
        violations.append(
            Violation(
                SPEC.name,
                due.units,
                f"published rest day {problem.day_text(day)} now {TOUR_SEPARATOR.join(tours)}, "
                f"{notice} days' notice (threshold {limit:g}): {due.text}",
                officer_id,
                problem.days[day],
            )
        )
    return violations


RULE = Rule(SPEC, add, check)
