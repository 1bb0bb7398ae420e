"""contract_hours: hours over the period within a band around the contract.

The contract gives hours per week; over the period that is hours x days / 7.
Each absence day counts as a normal day's hours (contract / 5), except that in
a block of consecutive absence days only five of every seven count, so a week
of leave counts as a normal week however it falls, and no more. Worked hours
plus that credit must lie within +-value (default 10%) of the contract;
part-time officers have a smaller contract and the same band.
When soft, each hour (or part hour) outside the band is penalised.

An officer may have a band of their own (Officers.min_hours / max_hours over the
period, e.g. an annualised-hours agreement): each given end replaces the
contract's. A fixed day off (absence type day_off) is rest and earns no credit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import TIME_OFF_ABSENCES, Officer, ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="contract_hours",
    summary="Hours over the period within +-value (a share, default 0.10) of the contract; "
    "absence days count contract/5 hours (5 of every 7 in a block).",
    default=RuleSetting(hard=True, weight=10, value=0.10),
    unit="hour outside the band",
    value_help="a share of the contract, e.g. 0.10 for 10%",
    value_max=1,
    per_officer=True,
)
FULL_WEEK_DAYS = 5


@dataclass(frozen=True)
class Band:
    """Minutes of the period: the absence credit and the allowed total (worked + credit)."""

    credit: int
    low: int
    high: int


def band(problem: ProblemData, officer: Officer, share: float) -> Band:
    weekly = officer.contract_minutes_per_week
    expected = weekly * problem.num_days / 7
    absent = [
        day
        for day, absence in problem.absence_days.get(officer.officer_id, {}).items()
        if absence.type not in TIME_OFF_ABSENCES
    ]
    credit_days = sum(_credited(length) for length in _blocks(sorted(absent)))
    low, high = officer.min_minutes, officer.max_minutes
    return Band(
        credit=round(credit_days * weekly / FULL_WEEK_DAYS),
        low=math.ceil(expected * (1 - share) - 1e-6) if low is None else low,
        high=math.floor(expected * (1 + share) + 1e-6) if high is None else high,
    )


def _blocks(days: list[int]) -> list[int]:
    """Lengths of the runs of consecutive day indices in a sorted list."""
    lengths: list[int] = []
    for index, day in enumerate(days):
        if index and day == days[index - 1] + 1:
            lengths[-1] += 1
        else:
            lengths.append(1)
    return lengths


def _credited(block: int) -> int:
    """Days credited for a block of consecutive absence days: 5 of every 7."""
    return FULL_WEEK_DAYS * (block // 7) + min(block % 7, FULL_WEEK_DAYS)


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    for officer in problem.officers:
        o = officer.officer_id
        limits = band(problem, officer, _share(setting))
        tours = [tour for day in range(problem.num_days) for tour in model.vars.tours(o, day)]
        minutes = [problem.shift_by_code[code].duration_minutes for code, _ in tours]
        total = limits.credit + cp_model.LinearExpr.weighted_sum([v for _, v in tours], minutes)
        if setting.hard:
            within = model.cp.add_linear_constraint(total, limits.low, limits.high)
            model.require(within, officer_group(SPEC.name, officer))
            continue
        longest = max((s.duration_minutes for s in problem.eligible_shifts(officer)), default=0)
        most = limits.credit + longest * problem.num_days + limits.low
        outside_minutes = model.vars.new_integer(f"contract_hours:{o}:minutes", most)
        model.cp.add_max_equality(outside_minutes, [limits.low - total, total - limits.high, 0])
        hours = model.vars.new_penalty(SPEC.name, most // 60 + 1, setting.weight, o)
        model.cp.add_division_equality(hours, outside_minutes + 59, 60)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer in problem.officers:
        limits = band(problem, officer, _share(setting))
        worked = sum(
            problem.shift_by_code[code].duration_minutes
            for day in range(problem.num_days)
            for code in roster.on(officer.officer_id, day)
        )
        total = worked + limits.credit
        outside = max(limits.low - total, total - limits.high, 0)
        if outside:
            credit = f" + {_h(limits.credit)} absence credit" if limits.credit else ""
            violations.append(
                Violation(
                    SPEC.name,
                    math.ceil(outside / 60),
                    f"{_h(worked)} worked{credit} = {_h(total)}; expected {_h(limits.low)} "
                    f"to {_h(limits.high)} {_basis(officer)}",
                    officer.officer_id,
                )
            )
    return violations


def _share(setting: RuleSetting) -> float:
    return setting.value if setting.value is not None else 0.10


def _basis(officer: Officer) -> str:
    if officer.min_minutes is None and officer.max_minutes is None:
        return f"for {officer.contract_hours:g}h a week"
    return "(the officer's own band)"


def _h(minutes: int) -> str:
    return f"{minutes / 60:g}h"


RULE = Rule(SPEC, add, check)
