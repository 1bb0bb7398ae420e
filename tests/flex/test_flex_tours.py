"""flex_tours: flexed tours are rostered tours matching their request row, once a day,
never more than a row asks for.

Wards A and B receive; C gives. Row 2 (request F1) asks 1 PC on SL for A on days 0-2,
row 3 (request F2) 1 PC on SL for B on days 0-1. Every tour is 8 hours.
"""

from __future__ import annotations

import pytest

from constraints.flex.report import check_plan
from inputs.flex import Deployment
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

RULE = "flex_tours"
REQUESTS = [request("A", last=2), request("B", last=1, request_id="F2", row=3)]
ROTA = {
    "A_PC1": "SL SL SL",
    "B_PC1": "SL SL SL",
    "C_PC1": "SL - SE",
    "C_PC2": "SL SL SL",
    "C_PCSO1": "SL SL SL",
}


def data():
    return flex_data(REQUESTS, only(RULE), **ROTA)


REPRESENTABLE = [
    pytest.param(plan(deployed("C_PC1", 0)), [], id="rostered-tour"),
    pytest.param(
        plan(deployed("C_PC2", 0), deployed("C_PC2", 0, row=3)),
        [("C_PC2", 0, 1)],
        id="two-requests-one-day",
    ),
    pytest.param(
        plan(deployed("C_PC1", 0), deployed("C_PC2", 0)), [(None, 0, 1)], id="more-than-asked"
    ),
]
NOT_IN_THE_MODEL = [
    pytest.param(plan(deployed("C_PC1", 1)), [("C_PC1", 1, 1)], id="rest-day"),
    pytest.param(plan(deployed("C_PC1", 2)), [("C_PC1", 2, 1)], id="rostered-another-shift"),
    pytest.param(plan(Deployment(0, 2, "C_PC1", "SE")), [("C_PC1", 0, 1)], id="tour-not-row's"),
    pytest.param(plan(deployed("C_PCSO1", 0)), [("C_PCSO1", 0, 1)], id="wrong-rank"),
    pytest.param(plan(deployed("A_PC1", 0)), [("A_PC1", 0, 1)], id="own-ward"),
    pytest.param(plan(deployed("C_PC2", 2, row=3)), [("C_PC2", 2, 1)], id="outside-dates"),
    pytest.param(plan(deployed("C_PC2", 0, row=9)), [("C_PC2", 0, 1)], id="unknown-row"),
]


@pytest.mark.parametrize(("found", "expected"), REPRESENTABLE + NOT_IN_THE_MODEL)
def test_checker(found, expected):
    assert judge(RULE, data(), found) == expected


@pytest.mark.parametrize(("found", "expected"), REPRESENTABLE)
def test_model_agrees_with_checker(found, expected):
    assert_agrees(RULE, data(), found)


# Only C gives PCs: C_PC1 is on SL on day 0 only (rest, then SE), C_PC2 on SL every day.
# F1 asks 1 on days 0-2, F2 1 on days 0-1: 2 + 2 + 1 = 5 officer-tours. Day 0: C_PC1 and
# C_PC2, one each (2); day 1: C_PC2 for one of the two rows (1 short); day 2: C_PC2 (1).
# 4 tours flexed, 1 short x 5000 = 5000.
MODEL_ROTA = {"A_PCSO1": "- - -", "B_PCSO1": "- - -", "C_PC1": "SL - SE", "C_PC2": "SL SL SL"}


def test_model_flexes_rostered_tours_once_a_day():
    checked = solve_and_check(flex_data(REQUESTS, only(RULE), **MODEL_ROTA))
    assert checked.penalty("flex_need") == 5000
    assert len(checked.plan.deployments) == 4


def test_without_the_rule_an_officer_would_go_to_two_requests_a_day():
    problem = flex_data(REQUESTS, only(RULE), **MODEL_ROTA)
    found = solve_flex(problem, FLEX_PARAMS, rules=without(RULE)).plan
    assert found is not None
    assert check_plan(problem, found).outcome("flex_need").penalty == 0
    assert ("C_PC2", 1, 1) in judge(RULE, problem, found)  # day 1: C_PC2 to F1 and F2
