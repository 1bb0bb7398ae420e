"""absences: no tour on a day of leave, training, court, sickness or aid.

Always hard and never relaxed, not even in a best-effort roster: these are
commitments made to the officer or to others, not preferences.
"""

from __future__ import annotations

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel

SPEC = RuleSpec(
    name="absences",
    summary="No tour on a day of leave, training, court, sickness or aid (Absences sheet).",
    default=RuleSetting(hard=True, weight=1000),
    unit="tour on an absence day",
    can_disable=False,
    can_soften=False,
    per_officer=True,
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    for officer_id, days in model.problem.absence_days.items():
        for day in days:
            for _, var in model.vars.tours(officer_id, day):
                model.cp.add(var == 0)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer_id, days in problem.absence_days.items():
        for day, absence in sorted(days.items()):
            for code in roster.on(officer_id, day):
                violations.append(
                    Violation(
                        SPEC.name,
                        1,
                        f"{code} on {problem.day_text(day)} during "
                        f"{absence.type.value.replace('_', ' ')} (Absences row {absence.row})",
                        officer_id,
                        problem.days[day],
                    )
                )
    return violations


RULE = Rule(SPEC, add, check)
