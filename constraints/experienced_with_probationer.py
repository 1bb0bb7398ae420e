"""experienced_with_probationer: a response tour with a probationer has an experienced officer.

Experienced means five years' service or more on the first day of the period,
any rank, on the same response tour (day and shift).
"""

from __future__ import annotations

from constraints import response_tours
from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import Group

SPEC = RuleSpec(
    name="experienced_with_probationer",
    summary="Every response tour with a probationer also has an officer with 5+ years' service.",
    default=RuleSetting(hard=True, weight=300),
    unit="response tour with probationers and no experienced officer",
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    people = response_tours.officers(problem)
    learners = [o for o in people if problem.is_probationer(o)]
    veterans = [o for o in people if problem.is_experienced(o)]
    for day, code in response_tours.tours(problem):
        probationers = response_tours.on_tour(model, learners, day, code)
        if not probationers:
            continue
        with_learner = model.vars.new_indicator(f"{SPEC.name}:{day} {code}")
        model.cp.add_max_equality(with_learner, probationers)
        experienced = sum(response_tours.on_tour(model, veterans, day, code))
        # experienced >= 1 when a probationer is on; soft: max(0, with_learner - experienced)
        label = f"day {day} {code}"
        group = Group(SPEC.name, day=day, detail=code)
        model.at_least(SPEC.name, setting, experienced + 1 - with_learner, 1, label, group=group)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    people = response_tours.officers(problem)
    violations = []
    for day, code in response_tours.tours(problem):
        on = response_tours.rostered(roster, people, day, code)
        learners = [o.officer_id for o in on if problem.is_probationer(o)]
        if learners and not any(problem.is_experienced(o) for o in on):
            violations.append(
                Violation(
                    SPEC.name,
                    1,
                    f"probationer(s) {', '.join(learners)} on the response {code} on "
                    f"{problem.day_text(day)} with nobody of 5+ years' service",
                    None,
                    problem.days[day],
                )
            )
    return violations


RULE = Rule(SPEC, add, check)
