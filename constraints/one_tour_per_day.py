"""one_tour_per_day: at most one tour starts per officer per day.

Always hard: a roster cell holds one tour, and every other rule reads it so.
"""

from __future__ import annotations

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel

SPEC = RuleSpec(
    name="one_tour_per_day",
    summary="At most one tour starts per officer per day.",
    default=RuleSetting(hard=True, weight=1000),
    unit="extra tour on a day",
    can_disable=False,
    can_soften=False,
    per_officer=True,
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    for officer in model.problem.officers:
        for day in range(model.problem.num_days):
            tours = [var for _, var in model.vars.tours(officer.officer_id, day)]
            if len(tours) > 1:
                model.cp.add_at_most_one(tours)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer in problem.officers:
        for day in range(problem.num_days):
            tours = roster.on(officer.officer_id, day)
            if len(tours) > 1:
                violations.append(
                    Violation(
                        SPEC.name,
                        len(tours) - 1,
                        f"{'+'.join(tours)} on {problem.day_text(day)}: "
                        f"{len(tours)} tours on one day",
                        officer.officer_id,
                        problem.days[day],
                    )
                )
    return violations


RULE = Rule(SPEC, add, check)
