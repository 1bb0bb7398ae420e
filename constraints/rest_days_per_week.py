"""rest_days_per_week: at least N days without a tour in each Mon-Sun week of the period.

A rest day or an absence day both count. A final part-week of n days needs
N - (7 - n) such days (never fewer than 0): the rest of that week falls in the
next period, where it can still be given.
"""

from __future__ import annotations

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="rest_days_per_week",
    summary="At least N days without a tour (rest or absence) in each Mon-Sun week.",
    default=RuleSetting(hard=True, weight=100, value=2),
    unit="rest day missing in a week",
    value_help="days",
    value_max=7,
    per_officer=True,
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    for officer in model.problem.officers:
        o = officer.officer_id
        for week in model.problem.weeks:
            needed = _needed(setting, len(week))
            worked = sum(model.vars.works[o, d] for d in week)
            label = f"{o} week of {week[0]}"
            group = officer_group(SPEC.name, officer, week[0])
            most = len(week) - needed
            model.at_most(SPEC.name, setting, worked, most, len(week), label, group=group)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer in problem.officers:
        for week in problem.weeks:
            needed = _needed(setting, len(week))
            rest = sum(1 for d in week if not roster.works(officer.officer_id, d))
            if rest < needed:
                violations.append(
                    Violation(
                        SPEC.name,
                        needed - rest,
                        f"{rest} day(s) without a tour in the week from "
                        f"{problem.day_text(week[0])}; expected at least {needed}",
                        officer.officer_id,
                        problem.days[week[0]],
                    )
                )
    return violations


def _needed(setting: RuleSetting, week_length: int) -> int:
    value = int(setting.value if setting.value is not None else 2)
    return max(0, value - (7 - week_length))


RULE = Rule(SPEC, add, check)
