"""max_average_weekly_hours: worked hours averaged per week at most N (Working Time Regulations).

An officer's worked minutes over the period (every tour rostered in the period,
at its full length, also when it ends after the period), times 7 and divided by
the period's days, must not exceed `value` hours (default 48). Put as a total,
the period allows floor(value x 60 x days / 7) minutes. Only worked time counts:
an absence day is not working time (unlike contract_hours, which credits it),
and History days are not part of the reference period.
When soft, each hour (or part hour) of the period's total over that limit costs
the weight: ceil(minutes over / 60), as contract_hours does for its band.
"""

from __future__ import annotations

import math

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="max_average_weekly_hours",
    summary="Worked hours averaged per week over the period at most N (Working Time "
    "Regulations, default 48); absence days are not working time.",
    default=RuleSetting(hard=True, weight=100, value=48),
    unit="hour (or part hour) over the period's limit (N x days / 7)",
    value_help="hours a week, averaged over the period",
    value_min=1,
    value_max=168,
    per_officer=True,
)


def limit_minutes(problem: ProblemData, setting: RuleSetting) -> int:
    """The most minutes the period allows: value hours a week x days / 7."""
    return math.floor(_hours(setting) * 60 * problem.num_days / 7 + 1e-6)


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    limit = limit_minutes(problem, setting)
    for officer in problem.officers:
        o = officer.officer_id
        total = sum(
            problem.shift_by_code[code].duration_minutes * var
            for day in range(problem.num_days)
            for code, var in model.vars.tours(o, day)
        )
        longest = max((s.duration_minutes for s in problem.eligible_shifts(officer)), default=0)
        most = longest * problem.num_days
        if setting.hard:
            group = officer_group(SPEC.name, officer)
            model.at_most(SPEC.name, setting, total, limit, most, o, group=group)
            continue
        if most <= limit:
            continue
        over_minutes = model.vars.new_integer(f"{SPEC.name}:{o}:minutes", most - limit)
        model.cp.add_max_equality(over_minutes, [total - limit, 0])
        hours = model.vars.new_penalty(SPEC.name, math.ceil((most - limit) / 60), setting.weight, o)
        model.cp.add_division_equality(hours, over_minutes + 59, 60)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    limit = limit_minutes(problem, setting)
    violations = []
    for officer in problem.officers:
        worked = sum(
            problem.shift_by_code[code].duration_minutes
            for day in range(problem.num_days)
            for code in roster.on(officer.officer_id, day)
        )
        if worked > limit:
            average = worked * 7 / problem.num_days / 60
            violations.append(
                Violation(
                    SPEC.name,
                    math.ceil((worked - limit) / 60),
                    f"{_h(worked)} worked in {problem.num_days} days, {average:.1f}h a week on "
                    f"average; expected at most {_hours(setting):g}h a week ({_h(limit)} "
                    f"over the period)",
                    officer.officer_id,
                )
            )
    return violations


def _hours(setting: RuleSetting) -> float:
    return setting.value if setting.value is not None else 48


def _h(minutes: int) -> str:
    return f"{minutes / 60:g}h"


RULE = Rule(SPEC, add, check)
