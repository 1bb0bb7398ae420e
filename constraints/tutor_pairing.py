"""tutor_pairing: a probationer in tutorship works exactly their tutor's tours.

Every officer with a `tutor_id` is paired: on each day they are not absent
they work the same tours as the tutor (the same shift, or both rest). On a day
the tutor is absent the probationer rests; on a day the probationer is absent
the tutor works as rostered. When soft, each day apart costs the weight.
"""

from __future__ import annotations

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="tutor_pairing",
    summary="A probationer with a tutor_id works exactly the tutor's tours.",
    default=RuleSetting(hard=True, weight=300),
    unit="day a probationer and their tutor work apart",
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    for learner in problem.officers:
        tutor = learner.tutor_id
        if tutor is None:
            continue
        p = learner.officer_id
        for day in range(problem.num_days):
            if problem.absence_on(p, day) is not None:
                continue
            mine, theirs = dict(model.vars.tours(p, day)), dict(model.vars.tours(tutor, day))
            codes = sorted(set(mine) | set(theirs))
            if setting.hard:
                group = officer_group(SPEC.name, learner)
                for code in codes:
                    model.require(model.cp.add(mine.get(code, 0) == theirs.get(code, 0)), group)
                continue
            apart = model.vars.new_penalty(SPEC.name, 1, setting.weight, f"{p} {day}")
            for code in codes:
                a, b = mine.get(code, 0), theirs.get(code, 0)
                model.cp.add(apart >= a - b)
                model.cp.add(apart >= b - a)
                model.cp.add(apart <= 2 - a - b)
            works = model.vars.works[p, day] + model.vars.works[tutor, day]
            model.cp.add(apart <= works)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for learner in problem.officers:
        tutor = learner.tutor_id
        if tutor is None:
            continue
        p = learner.officer_id
        for day in range(problem.num_days):
            mine, theirs = roster.on(p, day), roster.on(tutor, day)
            if problem.absence_on(p, day) is None and set(mine) != set(theirs):
                violations.append(
                    Violation(
                        SPEC.name,
                        1,
                        f"{'+'.join(mine) or 'rests'} on {problem.day_text(day)} while tutor "
                        f"{tutor} {'works ' + '+'.join(theirs) if theirs else 'rests'}",
                        p,
                        problem.days[day],
                    )
                )
    return violations


RULE = Rule(SPEC, add, check)
