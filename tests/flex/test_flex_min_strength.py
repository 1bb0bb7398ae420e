"""flex_min_strength: whenever a ward had its own PCs (PCSOs) on duty, it keeps one.

A receives. B has two PCs and a PCSO on SL (15-23); C has a PC on SE (07-15) and one on
SM (10-18), so from 07:00 to 10:00 C_PC1 is C's only PC on duty.
"""

from __future__ import annotations

import pytest

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
    setting,
    solve_and_check,
    without,
)

RULE = "flex_min_strength"
ROWS = [
    request("A", "SL", officers=3, last=1),
    request("A", "SE", row=3, last=1),
    request("A", "SL", "PCSO", row=4, last=1),
]
ROTA = {
    "A_PCSO1": "- -",
    "B_PC1": "SL SL",
    "B_PC2": "SL SL",
    "B_PCSO1": "SL SL",
    "C_PC1": "SE SE",
    "C_PC2": "SM SM",
}

CHECKER = [
    pytest.param(1, plan(deployed("B_PC1", 0)), [], id="one-of-two-pcs"),
    # B_PC1 and B_PC2 both gone: B keeps 0 PCs of 1 needed from 15:00 to 23:00.
    pytest.param(1, plan(deployed("B_PC1", 0), deployed("B_PC2", 0)), [(None, 0, 1)], id="both"),
    # C_PC1 gone: 07:00-10:00 without a PC (10:00-15:00 C_PC2 is there): 1 short, once.
    pytest.param(1, plan(Deployment(0, 3, "C_PC1", "SE")), [(None, 0, 1)], id="staggered"),
    pytest.param(1, plan(Deployment(1, 4, "B_PCSO1", "SL")), [(None, 1, 1)], id="only-pcso"),
    # value 2: B had 2 PCs on duty, keeps 1: 1 short.
    pytest.param(2, plan(deployed("B_PC1", 0)), [(None, 0, 1)], id="value-2"),
]


def data(value=1, rows=ROWS, **rota):
    rules = only(RULE, **{RULE: setting(RULE, value=value)})
    return flex_data(rows, rules, **(rota or ROTA))


@pytest.mark.parametrize(("value", "found", "expected"), CHECKER)
def test_checker(value, found, expected):
    assert judge(RULE, data(value), found) == expected


@pytest.mark.parametrize(("value", "found", "expected"), CHECKER)
def test_model_agrees_with_checker(value, found, expected):
    assert_agrees(RULE, data(value), found)


# The PC rows only: 3 on SL and 1 on SE a day, for 2 days; B's three PCs on SL. Value 1:
# B gives 2 a day (1 short a day, 2); C_PC1 could go to the SE row only by leaving C
# without a PC from 07:00 to 10:00: never (2 short). 4 x 5000. Value 2: B gives 1 a day
# (2 short a day, 4); C kept its only PC of 07-10 anyway (2 short). 6 x 5000.
PC_ROWS = ROWS[:2]
THREE = {"A_PCSO1": "- -", "B_PC1": "SL SL", "B_PC2": "SL SL", "B_PC3": "SL SL"}
THREE |= {"C_PC1": "SE SE", "C_PC2": "SM SM"}


@pytest.mark.parametrize(("value", "short"), [(1, 2 + 2), (2, 4 + 2)])
def test_model(value, short):
    checked = solve_and_check(data(value, PC_ROWS, **THREE))
    assert checked.penalty("flex_need") == 5000 * short


def test_without_the_rule_wards_would_be_left_without_a_pc():
    problem = data(1, PC_ROWS, **THREE)
    found = solve_flex(problem, FLEX_PARAMS, rules=without(RULE)).plan
    assert found is not None
    assert judge(RULE, problem, found)
