"""flex_donor_share: no ward is disproportionately abstracted (the largest share, lowest).

A ward's share is the part of its duty hours flexed out: minutes of its own
officers' tours worked on other wards, over the minutes of all its own
officers' rostered tours (every rank), both counted on the days any request
runs. It is measured in per-mille, rounded up, so that the model's integer
arithmetic and this checker agree exactly: share = ceil(1000 x out / duty).
The rule looks at the largest share of any ward. Soft: each per-mille of it
above the value (a share, default 0) costs the weight; hard: no ward's share
may exceed the value.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from ortools.sat.python import cp_model

from constraints.base import Violation
from constraints.flex.base import FlexRule
from inputs.catalogue import RuleSpec
from inputs.flex import FlexData, FlexPlan
from inputs.problem import RuleSetting
from solver.flex.model import FlexModel

PER_MILLE = 1000

SPEC = RuleSpec(
    name="flex_donor_share",
    summary="The largest share of a ward's duty hours flexed out (per-mille, rounded up) is "
    "kept low; soft: per per-mille above value; hard: every ward at most value.",
    default=RuleSetting(hard=False, weight=2, value=0),
    unit="per-mille of the largest donor share above value",
    value_help="share of a ward's duty hours that may be flexed out freely",
    value_min=0,
    value_max=1,
    can_disable=False,
)


def share(out_minutes: int, duty_minutes: int) -> int:
    """Per-mille of duty flexed out, rounded up (all of it when the ward had no duty)."""
    if duty_minutes <= 0:
        return PER_MILLE if out_minutes > 0 else 0
    return -(-PER_MILLE * out_minutes // duty_minutes)


def out_minutes(data: FlexData, plan: FlexPlan) -> Counter[str]:
    """Per ward: minutes of its own officers' tours flexed to other wards."""
    found: Counter[str] = Counter()
    for d in plan.deployments:
        officer = data.officer_by_id.get(d.officer_id)
        if officer is not None and officer.ward and d.shift in data.shifts:
            found[officer.ward] += data.minutes(d.shift)
    return found


def _bound(setting: RuleSetting) -> int:
    return math.ceil(PER_MILLE * (setting.value or 0))


def add(model: FlexModel, setting: RuleSetting) -> None:
    data, shares = model.data, []
    flexed: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    minutes: dict[str, list[int]] = defaultdict(list)
    for (officer_id, _day, number), var in model.vars.flex.items():
        ward = data.officer_by_id[officer_id].ward or ""
        flexed[ward].append(var)
        minutes[ward].append(data.minutes(data.row_by_number[number].shift))
    for ward, variables in flexed.items():
        duty = data.duty_minutes[ward]
        out = cp_model.LinearExpr.weighted_sum(variables, minutes[ward])
        ward_share = model.vars.new_integer(f"{SPEC.name}:{ward}", PER_MILLE)
        # share = ceil(1000 out / duty)  <=>  0 <= duty x share - 1000 out <= duty - 1
        model.cp.add(duty * ward_share - PER_MILLE * out >= 0)
        model.cp.add(duty * ward_share - PER_MILLE * out <= duty - 1)
        shares.append(ward_share)
    if not shares:
        return
    largest = model.vars.new_integer(f"{SPEC.name}:largest", PER_MILLE)
    model.cp.add_max_equality(largest, shares)
    model.at_most(SPEC.name, setting, largest, _bound(setting), PER_MILLE, "largest donor share")


def check(data: FlexData, plan: FlexPlan, setting: RuleSetting) -> list[Violation]:
    out = out_minutes(data, plan)
    if not out:
        return []
    shares = {ward: share(minutes, data.duty_minutes.get(ward, 0)) for ward, minutes in out.items()}
    ward = max(sorted(shares), key=lambda w: shares[w])
    excess = shares[ward] - _bound(setting)
    if excess <= 0:
        return []
    return [
        Violation(
            SPEC.name,
            excess,
            f"{ward} gives {shares[ward] / 10:.1f}% of its duty hours ({out[ward] / 60:g} of "
            f"{data.duty_minutes.get(ward, 0) / 60:g} h), the largest share; expected at most "
            f"{_bound(setting) / 10:g}%",
        )
    ]


RULE: FlexRule = FlexRule(SPEC, add, check)
