"""sn_evening_weekend: enough of each cluster's SN duty hours in the evenings and at weekends.

Residents expect to see more SN officers in the evenings and at weekends. Per
cluster, over the period: the hours its SN officers are on duty between 18:00
and 23:00 should be at least the evening share of all their duty hours, and
the hours of tours that start on a Saturday or Sunday at least the weekend
share. The shares are the Clusters sheet's, or `value` (0.3) for both. Each
hour (or part hour) short of either target costs the weight.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import EVENING, MINUTES_PER_DAY, Officer, ProblemData, RuleSetting, Shift
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import Group

SPEC = RuleSpec(
    name="sn_evening_weekend",
    summary="Each SN cluster's duty hours reach the evening (18:00-23:00) and weekend shares "
    "(Clusters sheet, else value); each hour short is penalised.",
    default=RuleSetting(hard=False, weight=2, value=0.3),
    unit="hour short of an evening or weekend target",
    value_help="the share of SN duty hours wanted in each",
    value_max=1,
)
HUNDREDTHS = 100
PARTS = ("evening", "weekend")


def evening_minutes(shift: Shift) -> int:
    """Minutes of a tour between 18:00 and 23:00 (of its own day or, past midnight, the next)."""
    total = 0
    for day in (0, 1):
        start = day * MINUTES_PER_DAY + EVENING[0] * 60
        end = day * MINUTES_PER_DAY + EVENING[1] * 60
        total += max(0, min(end, shift.end_minute) - max(start, shift.start_minute))
    return total


def targets(problem: ProblemData, cluster: str, setting: RuleSetting) -> dict[str, float]:
    default = setting.value if setting.value is not None else 0.3
    row = problem.cluster(cluster)
    return {
        "evening": row.evening_share if row.evening_share is not None else default,
        "weekend": row.weekend_share if row.weekend_share is not None else default,
    }


@dataclass(frozen=True)
class Hours:
    """A cluster's SN duty minutes over the period: in all, in the evenings, at weekends."""

    total: int
    evening: int
    weekend: int

    def part(self, name: str) -> int:
        return self.evening if name == "evening" else self.weekend


def achieved(problem: ProblemData, roster: Roster, cluster: str) -> Hours:
    total = evening = weekend = 0
    for officer in problem.cluster_officers(cluster):
        for day in range(problem.num_days):
            for code in roster.on(officer.officer_id, day):
                shift = problem.shift_by_code[code]
                total += shift.duration_minutes
                evening += evening_minutes(shift)
                weekend += shift.duration_minutes if problem.weekday(day) >= 5 else 0
    return Hours(total, evening, weekend)


def hours_short(hours: Hours, part: str, share: float) -> int:
    """ceil(max(0, share x total - part) / 60), in whole numbers as the model computes it."""
    scaled = round(HUNDREDTHS * share) * hours.total - HUNDREDTHS * hours.part(part)
    return math.ceil(max(0, scaled) / (HUNDREDTHS * 60))


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    for cluster in problem.cluster_names:
        people = problem.cluster_officers(cluster)
        if not people:
            continue
        goal = targets(problem, cluster, setting)
        for part in PARTS:
            total, counted, most = _minutes(model, people, part)
            scaled = round(HUNDREDTHS * goal[part]) * total - HUNDREDTHS * counted
            bound = HUNDREDTHS * most
            short = model.vars.new_integer(f"{SPEC.name}:{cluster}:{part}", bound)
            model.cp.add_max_equality(short, [scaled, 0])
            hours = model.vars.new_penalty(SPEC.name, most // 60 + 1, setting.weight, cluster)
            model.cp.add_division_equality(hours, short + HUNDREDTHS * 60 - 1, HUNDREDTHS * 60)
            if setting.hard:
                row = problem.cluster(cluster).row or None
                group = Group(SPEC.name, "Clusters", row, None, cluster, part)
                model.require(model.cp.add(hours == 0), group)


def _minutes(
    model: RosterModel, people: tuple[Officer, ...], part: str
) -> tuple[cp_model.LinearExpr, cp_model.LinearExpr, int]:
    """(all duty minutes, the part's minutes, the most all could be) as model expressions."""
    problem = model.problem
    total: list[cp_model.LinearExprT] = []
    counted: list[cp_model.LinearExprT] = []
    most = 0
    for officer in people:
        for day in range(problem.num_days):
            longest = 0
            for code, var in model.vars.tours(officer.officer_id, day):
                shift = problem.shift_by_code[code]
                total.append(shift.duration_minutes * var)
                longest = max(longest, shift.duration_minutes)
                if part == "evening":
                    counted.append(evening_minutes(shift) * var)
                elif problem.weekday(day) >= 5:
                    counted.append(shift.duration_minutes * var)
            most += longest
    return cp_model.LinearExpr.sum(total), cp_model.LinearExpr.sum(counted), most


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for cluster in problem.cluster_names:
        hours = achieved(problem, roster, cluster)
        goal = targets(problem, cluster, setting)
        for part in PARTS:
            short = hours_short(hours, part, goal[part])
            if short:
                share = hours.part(part) / hours.total if hours.total else 0.0
                violations.append(
                    Violation(
                        SPEC.name,
                        short,
                        f"cluster {cluster}: {share:.0%} of {hours.total / 60:g}h of SN duty in "
                        f"the {part}s; expected at least {goal[part]:.0%} ({short}h short)",
                    )
                )
    return violations


RULE = Rule(SPEC, add, check)
