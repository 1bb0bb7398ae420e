"""Every flex checker on hand-made plans that break its rule exactly once.

Three days. A receives: row 2 asks 1 PC on SL on days 0-2 from any ward; row 3 1 PCSO on
SE on days 0-1 from B only. The rotation limit is 2 days. The valid plan: B_PC1 on days
0 and 1, C_PC1 on day 2, B_PCSO1 on days 0 and 1. Each case changes one deployment.
"""

from __future__ import annotations

import pytest

from constraints.flex.report import check_plan
from inputs.flex import Deployment
from tests.flex.helpers import deployed, flex_data, plan, request, setting

ROTA = {
    "A_PC1": "SL SL SL",
    "B_PC1": "SL SL SL",
    "B_PC2": "SL SL SL",
    "B_PCSO1": "SE SE SE",
    "B_PCSO2": "SE SE SE",
    "C_PC1": "SL SL SL",
    "C_PC2": "SL - SL",
    "C_PCSO1": "SE SE SE",
    "C_PCSO2": "SE SE SE",
    "E_PC1": "SL SL SL",
}
ROWS = [request("A", last=2), request("A", "SE", "PCSO", last=1, donors=("B",), row=3)]
VALID = [
    deployed("B_PC1", 0),
    deployed("B_PC1", 1),
    deployed("C_PC1", 2),
    Deployment(0, 3, "B_PCSO1", "SE"),
    Deployment(1, 3, "B_PCSO1", "SE"),
]


def data():
    return flex_data(ROWS, {"flex_rotation": setting("flex_rotation", value=2)}, **ROTA)


def changed(old: Deployment, new: Deployment | None):
    return plan(*(d for d in VALID if d != old), *([new] if new else []))


HARD = [
    # C_PC2 rests on day 1.
    pytest.param("flex_tours", changed(VALID[1], deployed("C_PC2", 1)), id="tours"),
    # C is not approved for the PCSO row.
    pytest.param(
        "flex_donor_wards",
        changed(VALID[3], Deployment(0, 3, "C_PCSO1", "SE")),
        id="donor-wards",
    ),
    # E_PC1 is E's only PC: E keeps none on day 2 from 15:00 to 23:00.
    pytest.param("flex_min_strength", changed(VALID[2], deployed("E_PC1", 2)), id="strength"),
    # B_PC1 on a third day of the request, the limit is 2.
    pytest.param("flex_rotation", changed(VALID[2], deployed("B_PC1", 2)), id="rotation"),
]


def test_the_valid_plan_breaks_no_hard_rule_and_its_soft_figures_are_hand_computed():
    report = check_plan(data(), plan(*VALID))
    assert report.hard_violations == 0
    # B's duty on days 0-2: B_PC1, B_PC2, B_PCSO1, B_PCSO2 x 3 = 12 tours; 4 flexed:
    # 333.3 per-mille, rounded up 334 (C: 1 of 11 tours, 91). x2 = 668.
    assert report.outcome("flex_donor_share").penalty == 2 * 334
    assert report.outcome("flex_officers").penalty == 3  # B_PC1, C_PC1, B_PCSO1
    assert report.outcome("flex_need").penalty == 0
    assert report.objective == 668 + 3


@pytest.mark.parametrize(("rule", "broken"), HARD)
def test_a_plan_breaking_one_hard_rule_once(rule, broken):
    report = check_plan(data(), broken)
    assert [(o.rule.name, len(o.violations)) for o in report.outcomes if o.broken] == [(rule, 1)]
    assert report.outcome(rule).amount == 1


def test_a_plan_one_tour_short_of_the_need():
    report = check_plan(data(), changed(VALID[2], None))
    assert report.hard_violations == 0
    need = report.outcome("flex_need")
    assert [(v.amount, v.day) for v in need.violations] == [(1, data().date_of(2))]
    assert need.penalty == 5000
