"""flex_officers: fewer distinct officers moved; each beyond `value` costs the weight.

A receives 1 PC on SL on days 0-1. B and C each have two PCs on SL both days (duty 4
tours = 1920 minutes each).
"""

from __future__ import annotations

import pytest

from tests.flex.helpers import (
    assert_agrees,
    deployed,
    flex_data,
    judge,
    only,
    plan,
    request,
    setting,
    solve_and_check,
)

RULE = "flex_officers"
ROTA = {"A_PCSO1": "- -", "B_PC1": "SL SL", "B_PC2": "SL SL", "C_PC1": "SL SL", "C_PC2": "SL SL"}
EACH_DAY = request("A", last=1)
THREE = plan(deployed("B_PC1", 0), deployed("B_PC2", 1), deployed("C_PC1", 1))

CHECKER = [
    pytest.param(0, plan(), [], id="none"),
    pytest.param(0, THREE, [(None, None, 3)], id="three"),
    pytest.param(2, THREE, [(None, None, 1)], id="two-free"),
]


def data(value):
    rules = only(**{RULE: setting(RULE, value=value)})
    return flex_data([request("A", officers=2, last=1)], rules, **ROTA)


@pytest.mark.parametrize(("value", "found", "expected"), CHECKER)
def test_checker(value, found, expected):
    assert judge(RULE, data(value), found) == expected


@pytest.mark.parametrize(("value", "found", "expected"), CHECKER)
def test_model_agrees_with_checker(value, found, expected):
    assert_agrees(RULE, data(value), found)


@pytest.mark.parametrize(
    ("weight", "officers", "objective"),
    [
        # x1: one officer per ward, largest share 480/1920 = 250: 2 x 250 + 2 x 1 = 502
        # (one officer for both days: 2 x 500 + 1 = 1001).
        (1, 2, 502),
        # x600: one officer for both days, 2 x 500 + 600 = 1600 < 2 x 250 + 1200 = 1700.
        (600, 1, 1600),
    ],
)
def test_model_trades_officers_against_shares(weight, officers, objective):
    chosen = setting(RULE, weight=weight)
    rules = only("flex_donor_share", **{RULE: chosen})
    checked = solve_and_check(flex_data([EACH_DAY], rules, **ROTA))
    assert checked.result.result.objective == objective
    assert len({d.officer_id for d in checked.plan.deployments}) == officers
