"""flex_need: each request row gets the officers it asks for on every day it runs.

Soft by default: a request the approved donors cannot meet still gets the best
plan there is, and each missing officer-tour (a row, a day, one officer short)
costs the weight. The weight is set so that meeting the need always comes first:
one more tour flexed can raise the largest donor share by at most 1000 per-mille
(x flex_donor_share's weight) and add one officer (x flex_officers' weight).
Hard: the request must be met in full, or there is no plan.
"""

from __future__ import annotations

from collections import Counter

from constraints.base import Violation
from constraints.flex.base import FlexRule, row_text
from inputs.catalogue import RuleSpec
from inputs.flex import FlexData, FlexPlan
from inputs.problem import RuleSetting
from solver.flex.model import FlexModel

SPEC = RuleSpec(
    name="flex_need",
    summary="Each request row gets the officers it asks for on every day it runs.",
    default=RuleSetting(hard=False, weight=5000),
    unit="officer-tour short of a request",
    can_disable=False,
)


def add(model: FlexModel, setting: RuleSetting) -> None:
    groups = model.vars.group(lambda key: (key[2], key[1]))
    for row in model.data.rows:
        for day in model.data.row_days(row):
            found = sum(groups.get((row.row, day), []))
            model.at_least(SPEC.name, setting, found, row.officers, f"row {row.row} day {day}")


def check(data: FlexData, plan: FlexPlan, setting: RuleSetting) -> list[Violation]:
    flexed = Counter((d.request_row, d.day) for d in plan.deployments)
    violations = []
    for row in data.rows:
        for day in data.row_days(row):
            count = flexed[row.row, day]
            if count < row.officers:
                violations.append(
                    Violation(
                        SPEC.name,
                        row.officers - count,
                        f"{row_text(row)} has {count} on {data.day_text(day)}; "
                        f"expected {row.officers}",
                        None,
                        data.date_of(day),
                    )
                )
    return violations


RULE: FlexRule = FlexRule(SPEC, add, check)
