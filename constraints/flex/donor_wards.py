"""flex_donor_wards: officers come only from the wards the request approves.

The SN SMT lead approves which wards give officers (the protocol's ward
dialogue). A request row's `donor_wards` lists them; blank means any other ward.
"""

from __future__ import annotations

from constraints.base import Violation
from constraints.flex.base import FlexRule, row_text, who
from inputs.catalogue import RuleSpec
from inputs.flex import FlexData, FlexPlan
from inputs.problem import FlexRequestRow, RuleSetting
from solver.flex.model import FlexModel

SPEC = RuleSpec(
    name="flex_donor_wards",
    summary="Officers are flexed only from the donor wards a request approves "
    "(blank donor_wards: any other ward).",
    default=RuleSetting(hard=True, weight=1000),
    unit="tour flexed from a ward not approved",
    can_disable=False,
    can_soften=False,
)


def approved(row: FlexRequestRow, ward: str | None) -> bool:
    """Whether a request row accepts officers of `ward` (the receiving ward's own officers
    are flex_tours' concern: they are never flexed to their own ward)."""
    return not row.donor_wards or ward in row.donor_wards


def add(model: FlexModel, setting: RuleSetting) -> None:
    data = model.data
    for (officer_id, _day, number), var in model.vars.flex.items():
        if not approved(data.row_by_number[number], data.officer_by_id[officer_id].ward):
            model.cp.add(var == 0)


def check(data: FlexData, plan: FlexPlan, setting: RuleSetting) -> list[Violation]:
    violations = []
    for d in plan.deployments:
        row = data.row_by_number.get(d.request_row)
        officer = data.officer_by_id.get(d.officer_id)
        if row is None or officer is None or approved(row, officer.ward):
            continue
        donors = ", ".join(sorted(row.donor_wards))
        violations.append(
            Violation(
                SPEC.name,
                1,
                f"{who(data, d.officer_id)} is flexed to {row_text(row)} on "
                f"{data.day_text(d.day)}; expected an officer of {donors}",
                d.officer_id,
                data.date_of(d.day),
            )
        )
    return violations


RULE: FlexRule = FlexRule(SPEC, add, check)
