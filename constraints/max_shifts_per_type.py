"""max_shifts_per_type: an officer works at most N tours of each shift over the period.

The limit for a shift is the officer's own (Officers.max_shifts, e.g. "N=8, L=10"),
else the rule's value (blank: no borough-wide limit). A limit of 0 means the
officer never works that shift: when the rule is hard the model has no variable
for it at all (see ProblemData.eligible_shifts). When soft, each tour over a
limit costs the weight.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import Officer, ProblemData, RuleSetting, Shift
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="max_shifts_per_type",
    summary="At most N tours of each shift per officer over the period (officers' own "
    "limits in Officers.max_shifts apply; blank value: no borough limit).",
    default=RuleSetting(hard=True, weight=50, value=None),
    unit="tour beyond an officer's limit for its shift",
    value_help="tours of one shift",
    value_min=0,
    value_max=366,
    per_officer=True,
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    for officer in problem.officers:
        o = officer.officer_id
        for shift in problem.shifts:
            limit = _limit(officer, shift, setting)
            if limit is None:
                continue
            tours = [
                var
                for d in range(problem.num_days)
                if (var := model.vars.shift.get((o, d, shift.code))) is not None
            ]
            label, group = f"{o} {shift.code}", officer_group(SPEC.name, officer, detail=shift.code)
            worked = cp_model.LinearExpr.sum(tours)
            model.at_most(SPEC.name, setting, worked, limit, len(tours), label, group=group)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer in problem.officers:
        o = officer.officer_id
        for shift in problem.shifts:
            limit = _limit(officer, shift, setting)
            if limit is None:
                continue
            count = sum(shift.code in roster.on(o, d) for d in range(problem.num_days))
            if count > limit:
                violations.append(
                    Violation(
                        SPEC.name,
                        count - limit,
                        f"works {count} {shift.code} tours; expected at most {limit}",
                        o,
                    )
                )
    return violations


def _limit(officer: Officer, shift: Shift, setting: RuleSetting) -> int | None:
    if shift.code in officer.max_shifts:
        return officer.max_shifts[shift.code]
    return None if setting.value is None else int(setting.value)


RULE = Rule(SPEC, add, check)
