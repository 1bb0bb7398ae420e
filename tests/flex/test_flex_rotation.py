"""flex_rotation: no officer flexed on more than `value` days (default 7) of one request.

A 9-day period; A asks 1 PC on SL every day. B_PC1 and C_PC1 (different wards) are on SL
every day; D exists to receive a second request.
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

RULE = "flex_rotation"
NINE = "SL " * 9
ROTA = {"A_PCSO1": "- " * 9, "D_PCSO1": "- " * 9, "B_PC1": NINE, "C_PC1": NINE}
ALL_DAYS = request("A", last=8)


def days(officer_id, first, last, row=2):
    return [deployed(officer_id, d, row) for d in range(first, last + 1)]


CHECKER = [
    pytest.param([ALL_DAYS], plan(*days("B_PC1", 0, 6), *days("C_PC1", 7, 8)), [], id="seven"),
    # B_PC1 on 8 days, 1 over the limit, counted from the first day flexed.
    pytest.param(
        [ALL_DAYS], plan(*days("B_PC1", 0, 7), *days("C_PC1", 8, 8)), [("B_PC1", 0, 1)], id="8"
    ),
    # 5 days for F1 and 4 for F2: 9 days, but at most 7 in each request.
    pytest.param(
        [request("A", last=4), request("D", first=5, last=8, request_id="F2", row=3)],
        plan(*days("B_PC1", 0, 4), *days("B_PC1", 5, 8, row=3)),
        [],
        id="per-request",
    ),
]


@pytest.mark.parametrize(("rows", "found", "expected"), CHECKER)
def test_checker(rows, found, expected):
    assert judge(RULE, flex_data(rows, only(RULE), **ROTA), found) == expected


@pytest.mark.parametrize(("rows", "found", "expected"), CHECKER)
def test_model_agrees_with_checker(rows, found, expected):
    assert_agrees(RULE, flex_data(rows, only(RULE), **ROTA), found)


@pytest.mark.parametrize(
    ("limit", "officers"),
    [
        # 9 days asked, 7 at most each: B_PC1 and C_PC1 share them, 2 officers x 1.
        (7, 2),
        # A limit of 9: one officer does all 9 days, 1 officer x 1.
        (9, 1),
    ],
)
def test_model_rotates_the_burden(limit, officers):
    rules = only(RULE, "flex_officers", **{RULE: setting(RULE, value=limit)})
    checked = solve_and_check(flex_data([ALL_DAYS], rules, **ROTA))
    assert checked.penalty("flex_need") == 0
    assert checked.penalty("flex_officers") == officers


@pytest.mark.parametrize(
    ("chosen", "objective"),
    [
        # Only B_PC1 can give: hard, 7 days and 2 short x 5000 = 10000.
        (setting(RULE), 10000),
        # Soft x500: all 9 days, 2 days over x 500 = 1000 < 10000.
        (setting(RULE, hard=False, weight=500), 1000),
    ],
)
def test_model_soft(chosen, objective):
    rota = {k: v for k, v in ROTA.items() if k != "C_PC1"}
    checked = solve_and_check(flex_data([ALL_DAYS], only(**{RULE: chosen}), **rota))
    assert checked.result.result.objective == objective
