"""flex_donor_wards: officers come only from the approved donor wards (blank: any other).

A receives; B and C could give PCs, 8-hour SL tours on days 0-1.
"""

from __future__ import annotations

import pytest

from solver.flex.solve import solve_flex
from tests.flex.helpers import (
    FLEX_PARAMS,
    assert_agrees,
    deployed,
    flex_data,
    judge,
    only,
    plan,
    request,
    solve_and_check,
    without,
)

RULE = "flex_donor_wards"
ROTA = {"A_PCSO1": "- -", "B_PC1": "SL SL", "C_PC1": "SL SL", "C_PC2": "SL SL"}
FROM_B = request("A", last=1, donors=("B",))
ANY = request("A", last=1)

CHECKER = [
    pytest.param(FROM_B, plan(deployed("B_PC1", 0)), [], id="approved"),
    pytest.param(FROM_B, plan(deployed("C_PC1", 0)), [("C_PC1", 0, 1)], id="not-approved"),
    pytest.param(ANY, plan(deployed("C_PC1", 0)), [], id="blank-means-any-other-ward"),
]


@pytest.mark.parametrize(("row", "found", "expected"), CHECKER)
def test_checker(row, found, expected):
    assert judge(RULE, flex_data([row], only(RULE), **ROTA), found) == expected


@pytest.mark.parametrize(("row", "found", "expected"), CHECKER)
def test_model_agrees_with_checker(row, found, expected):
    assert_agrees(RULE, flex_data([row], only(RULE), **ROTA), found)


# 2 PCs a day for 2 days, only B approved: B_PC1 both days, 1 short a day: 2 x 5000.
NEED_TWO = request("A", officers=2, last=1, donors=("B",))


def test_model_takes_only_approved_wards():
    checked = solve_and_check(flex_data([NEED_TWO], only(RULE), **ROTA))
    assert checked.penalty("flex_need") == 10000
    assert {d.officer_id for d in checked.plan.deployments} == {"B_PC1"}


def test_without_the_rule_c_would_give_too():
    problem = flex_data([NEED_TWO], only(RULE), **ROTA)
    found = solve_flex(problem, FLEX_PARAMS, rules=without(RULE)).plan
    assert found is not None and len(found.deployments) == 4
    assert len(judge(RULE, problem, found)) >= 2  # B has one PC: a C officer each day
