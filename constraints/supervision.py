"""supervision: at least N sergeants (or inspectors) on every response tour that is worked.

A response tour nobody works needs no supervisor. The supervisors counted are
those of the response teams, rank PS or Insp.
"""

from __future__ import annotations

from constraints import response_tours
from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import SUPERVISOR_RANKS, ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import Group

SPEC = RuleSpec(
    name="supervision",
    summary="At least N sergeants or inspectors on every response tour that is worked.",
    default=RuleSetting(hard=True, weight=500, value=1),
    unit="supervisor short on a response tour",
    value_help="supervisors per tour",
    value_min=1,
    value_max=10,
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    needed = _needed(setting)
    people = response_tours.officers(model.problem)
    supervisors = [o for o in people if o.rank in SUPERVISOR_RANKS]
    for day, code in response_tours.tours(model.problem):
        everyone = response_tours.on_tour(model, people, day, code)
        if not everyone:
            continue
        worked = model.vars.new_indicator(f"supervision:worked {day} {code}")
        model.cp.add_max_equality(worked, everyone)
        sup = sum(response_tours.on_tour(model, supervisors, day, code))
        # supervisors >= needed x worked; when soft the shortfall max(0, needed x worked - sup)
        label = f"day {day} {code}"
        group = Group(SPEC.name, day=day, detail=code)
        model.at_least(SPEC.name, setting, sup + needed * (1 - worked), needed, label, group=group)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    needed = _needed(setting)
    people = response_tours.officers(problem)
    violations = []
    for day, code in response_tours.tours(problem):
        on = response_tours.rostered(roster, people, day, code)
        found = sum(o.rank in SUPERVISOR_RANKS for o in on)
        if on and found < needed:
            violations.append(
                Violation(
                    SPEC.name,
                    needed - found,
                    f"{len(on)} on the response {code} on {problem.day_text(day)} with "
                    f"{found} sergeant(s); expected at least {needed}",
                    None,
                    problem.days[day],
                )
            )
    return violations


def _needed(setting: RuleSetting) -> int:
    return int(setting.value if setting.value is not None else 1)


RULE = Rule(SPEC, add, check)
