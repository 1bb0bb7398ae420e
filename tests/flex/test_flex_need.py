"""flex_need: each request row gets its officers every day; soft per officer-tour short.

A asks 2 PCs on SL on days 0-1. B_PC1 is on SL on day 0 only, C_PC1 on both days.
"""

from __future__ import annotations

import pytest

from solver.flex.solve import need_first, solve_flex
from solver.solve import Status
from tests.flex.helpers import (
    FLEX_PARAMS,
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

RULE = "flex_need"
TWO = request("A", officers=2, last=1)
ROTA = {"A_PCSO1": "- -", "B_PC1": "SL -", "C_PC1": "SL SL"}

CHECKER = [
    # Day 0: 1 of 2 (1 short); day 1: none (2 short).
    pytest.param(plan(deployed("C_PC1", 0)), [(None, 0, 1), (None, 1, 2)], id="short"),
    pytest.param(
        plan(deployed("B_PC1", 0), deployed("C_PC1", 0), deployed("C_PC1", 1)),
        [(None, 1, 1)],
        id="all-they-can",
    ),
]


@pytest.mark.parametrize(("found", "expected"), CHECKER)
def test_checker(found, expected):
    assert judge(RULE, flex_data([TWO], only(), **ROTA), found) == expected


@pytest.mark.parametrize(("found", "expected"), CHECKER)
def test_model_agrees_with_checker(found, expected):
    assert_agrees(RULE, flex_data([TWO], only(), **ROTA), found)


def test_model_soft_meets_what_it_can():
    # 3 tours exist (B day 0, C days 0 and 1) of 4 asked: 1 short x 5000.
    checked = solve_and_check(flex_data([TWO], only(), **ROTA))
    assert checked.penalty(RULE) == 5000
    assert len(checked.plan.deployments) == 3


def test_model_hard_has_no_plan_when_the_donors_cannot_meet_it():
    rules = only(**{RULE: setting(RULE, hard=True)})
    result = solve_flex(flex_data([TWO], rules, **ROTA), FLEX_PARAMS)
    assert result.result.status == Status.INFEASIBLE and result.plan is None


def test_model_hard_meets_it_when_they_can():
    rules = only(**{RULE: setting(RULE, hard=True)})
    checked = solve_and_check(flex_data([TWO], rules, **ROTA, C_PC2="SL SL", D_PC1="SL SL"))
    assert len(checked.plan.deployments) == 4


# One PC a day on days 0-1; only B_PC1 can give (B's duty: 2 tours, 960 minutes), so each
# tour flexed is 500 per-mille of B: both cost 2 x 1000 + 1 officer = 2001.
ALONE = {"A_PCSO1": "- -", "B_PC1": "SL SL"}


@pytest.mark.parametrize(
    ("weight", "staged", "objective", "flexed"),
    [
        # x5000: the need comes first (two stages): 2001 < 2 x 5000.
        (5000, True, 2001, 2),
        # x1: the weights say a share is dearer than the need: nothing flexed, 2 x 1 = 2.
        (1, False, 2, 0),
    ],
)
def test_the_weights_decide_when_the_need_does_not_come_first(weight, staged, objective, flexed):
    rules = only("flex_donor_share", "flex_officers", **{RULE: setting(RULE, weight=weight)})
    problem = flex_data([request("A", last=1)], rules, **ALONE)
    assert need_first(problem) == staged
    checked = solve_and_check(problem)
    assert checked.result.result.objective == objective
    assert len(checked.plan.deployments) == flexed
