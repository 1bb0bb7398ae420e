"""flex_donor_share: the largest share of a ward's duty hours flexed out, per-mille rounded
up, is kept low.

Every tour is 8 hours (480 minutes). A receives, B and C give.
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

RULE = "flex_donor_share"

# One day; B has three PCs on SL: duty 3 x 480 = 1440 minutes.
ONE_DAY = {"A_PCSO1": "-", "B_PC1": "SL", "B_PC2": "SL", "B_PC3": "SL"}
CHECKER = [
    pytest.param(0, plan(), [], id="nothing-flexed"),
    # 480 of 1440 = 333.3 per-mille, rounded up: 334.
    pytest.param(0, plan(deployed("B_PC1", 0)), [(None, None, 334)], id="a-third"),
    # value 0.3: 300 free, 334 - 300 = 34 above.
    pytest.param(0.3, plan(deployed("B_PC1", 0)), [(None, None, 34)], id="value"),
    # 960 of 1440 = 666.7, rounded up: 667.
    pytest.param(0, plan(deployed("B_PC1", 0), deployed("B_PC2", 0)), [(None, None, 667)], id="2"),
]


def one_day(value):
    rules = only(**{RULE: setting(RULE, value=value)})
    return flex_data([request("A", officers=2, last=0)], rules, **ONE_DAY)


@pytest.mark.parametrize(("value", "found", "expected"), CHECKER)
def test_checker(value, found, expected):
    assert judge(RULE, one_day(value), found) == expected


@pytest.mark.parametrize(("value", "found", "expected"), CHECKER)
def test_model_agrees_with_checker(value, found, expected):
    assert_agrees(RULE, one_day(value), found)


# 1 PC on SL on days 0-1. B: 2 PCs (duty 4 tours, 1920 min), C: 3 PCs (6 tours, 2880 min).
# Both from B: 960/1920 = 500; both from C: 960/2880 = 334; one each: B 480/1920 = 250,
# C 480/2880 = 167, largest 250. With flex_officers x1: one each costs 2 x 250 + 2 = 502,
# the best (both from one C officer: 2 x 334 + 1 = 669).
TWO_WARDS = {
    "A_PCSO1": "- -",
    **{f"B_PC{i}": "SL SL" for i in (1, 2)},
    **{f"C_PC{i}": "SL SL" for i in (1, 2, 3)},
}
EACH_DAY = request("A", last=1)


def test_model_spreads_the_abstraction():
    checked = solve_and_check(flex_data([EACH_DAY], only(RULE, "flex_officers"), **TWO_WARDS))
    assert checked.result.result.objective == 502
    assert {d.officer_id[0] for d in checked.plan.deployments} == {"B", "C"}


def test_without_the_rule_one_officer_does_both_days():
    checked = solve_and_check(flex_data([EACH_DAY], only("flex_officers"), **TWO_WARDS))
    assert checked.penalty("flex_officers") == 1
    assert len({d.officer_id for d in checked.plan.deployments}) == 1


@pytest.mark.parametrize(
    ("value", "objective"),
    [
        # Hard at 25%: one each (250 and 167) is allowed; 2 officers x 1.
        (0.25, 2),
        # Hard at 20%: any B tour is 250, two C tours 334: one C tour only, 1 short:
        # 5000 + 1 officer.
        (0.2, 5001),
    ],
)
def test_model_hard(value, objective):
    rules = only("flex_officers", **{RULE: setting(RULE, hard=True, value=value)})
    checked = solve_and_check(flex_data([EACH_DAY], rules, **TWO_WARDS))
    assert checked.result.result.objective == objective
