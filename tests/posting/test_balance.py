"""The balance rules of response teams: probationer_share, experienced_officers,
skill_minima and service_balance, each on two or three officers per team."""

from __future__ import annotations

import pytest

from constraints.posting.report import explain_moves
from tests.posting.builders import (
    allocation,
    assert_agrees,
    hard,
    make_posting,
    months_ago,
    officer,
    only,
    setting,
    soft,
    solve_and_check,
    team,
)

SHARE, EXPERIENCED, SKILLS, BALANCE = (
    "probationer_share",
    "experienced_officers",
    "skill_minima",
    "service_balance",
)

# A is a probationer (1 year), B a qualified PC on R1; C, D, E qualified PCs on R2.
# R1: 1 probationer of 2 PCs = 50% > 25%: 100 x 1 - 25 x 2 = 50 hundredths above: 1.
# A on R2: 1 of 4 = 25%, R1 0 of 1: none above.
SHARED = [
    officer("A", years=1),
    officer("B"),
    *(officer(o, "R2") for o in "CDE"),
]
SHARE_CASES = [
    pytest.param({}, [(None, 1)], id="half"),
    pytest.param({"A": "R2"}, [], id="quarter"),
    # Everyone on R2: 1 of 5 = 20%.
    pytest.param({"A": "R2", "B": "R2"}, [], id="all-on-r2"),
    # B leaves R1 alone: A is 1 of 1 = 100%: 100 - 25 = 75 above, a part of one: 1.
    pytest.param({"B": "R2"}, [(None, 1)], id="alone"),
]


@pytest.mark.parametrize(("moves", "expected"), SHARE_CASES)
def test_share_checker_and_model_agree(moves, expected):
    assert_agrees(SHARE, make_posting(SHARED, rules=only(SHARE)), moves, expected)


@pytest.mark.parametrize(
    ("rules", "objective"),
    [
        pytest.param(only("fewest_moves", SHARE), 10, id="soft-x1000"),  # A moves: 10 < 1000
        pytest.param(only("fewest_moves", **{SHARE: hard(SHARE)}), 10, id="hard"),
        pytest.param(only("fewest_moves", **{SHARE: soft(SHARE, 5)}), 5, id="x5"),  # 1 x 5 < 10
        # At most 50%: 1 of 2 is within.
        pytest.param(only("fewest_moves", **{SHARE: setting(SHARE, value=0.5)}), 0, id="half"),
    ],
)
def test_share_model(rules, objective):
    assert solve_and_check(make_posting(SHARED, rules=rules)).objective == objective


def test_share_reason():
    data = make_posting(SHARED, rules=only(SHARE))
    [move] = explain_moves(data, allocation(data, A="R2"))
    assert move.reasons == ("R1 probationer share 50% -> 0%",)


# Value 2 experienced officers per response team: R1 has A (6 years) and B (1 year), 1 short;
# R2 has C, D, E (6 years). C to R1: 2 and 2.
SEASONED = [officer("A"), officer("B", years=1), *(officer(o, "R2") for o in "CDE")]
TWO = setting(EXPERIENCED, value=2)


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        pytest.param({}, [(None, 1)], id="one-short"),
        pytest.param({"C": "R1"}, [], id="met"),
        # A and C swap: R1 has B and C, 1 experienced (1 short); R2 has A, D and E.
        pytest.param({"A": "R2", "C": "R1"}, [(None, 1)], id="swap"),
    ],
)
def test_experienced_checker_and_model_agree(moves, expected):
    assert_agrees(
        EXPERIENCED, make_posting(SEASONED, rules=only(**{EXPERIENCED: TWO})), moves, expected
    )


@pytest.mark.parametrize(
    ("chosen", "objective"),
    [
        pytest.param(TWO, 10, id="soft-x300"),  # C to R1: 10 < 300
        pytest.param(TWO.model_copy(update={"weight": 3}), 3, id="x3"),  # 1 short x 3 < 10
        pytest.param(TWO.model_copy(update={"hard": True}), 10, id="hard"),
    ],
)
def test_experienced_model(chosen, objective):
    rules = only("fewest_moves", **{EXPERIENCED: chosen})
    assert solve_and_check(make_posting(SEASONED, rules=rules)).objective == objective


def test_experienced_reason():
    data = make_posting(SEASONED, rules=only(**{EXPERIENCED: TWO}))
    [move] = explain_moves(data, allocation(data, C="R1"))
    assert move.reasons == ("R1 gains an experienced officer (1 -> 2, min 2)",)


# R1 wants 1 response driver (min_response_driver 1) and has none; R2 has two, B and C.
DRIVER = frozenset({"response_driver"})
DRIVERS = [officer("A"), officer("B", "R2", skills=DRIVER), officer("C", "R2", skills=DRIVER)]
WANTS = [team("R1", skill_minima={"response_driver": 1}), team("R2")]


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        pytest.param({}, [(None, 1)], id="none"),
        pytest.param({"B": "R2"}, [(None, 1)], id="stays"),
        pytest.param({"B": "R1"}, [], id="met"),
    ],
)
def test_skills_checker_and_model_agree(moves, expected):
    assert_agrees(SKILLS, make_posting(DRIVERS, WANTS, only(SKILLS)), moves, expected)


@pytest.mark.parametrize(
    ("rules", "objective"),
    [
        pytest.param(only("fewest_moves", SKILLS), 10, id="soft-x200"),  # a driver moves
        pytest.param(only("fewest_moves", **{SKILLS: soft(SKILLS, 4)}), 4, id="x4"),  # 1 x 4
        pytest.param(only("fewest_moves"), 0, id="off"),
    ],
)
def test_skills_model(rules, objective):
    assert solve_and_check(make_posting(DRIVERS, WANTS, rules)).objective == objective


def test_skills_reason():
    data = make_posting(DRIVERS, WANTS, only(SKILLS))
    [move] = explain_moves(data, allocation(data, B="R1"))
    assert move.reasons == ("R1 gains a response driver (0 -> 1, min 1)",)


# Service in whole months: A, B 24 on R1; C, D 120 on R2. Reference: (24 x 2 + 120 x 2) / 4
# = 72. R1: (24 - 72) x 2 = -96 months = 8 officer-years out; R2 +96: 8. A and C swapped:
# R1 = -48 + 48 = 0, R2 = 0.
SERVING = [
    officer("A", service_start=months_ago(24)),
    officer("B", service_start=months_ago(24)),
    officer("C", "R2", service_start=months_ago(120)),
    officer("D", "R2", service_start=months_ago(120)),
]


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        pytest.param({}, [(None, 8), (None, 8)], id="apart"),
        pytest.param({"A": "R2", "C": "R1"}, [], id="swapped"),
        # A alone to R2: R1 = -48 (4 years), R2 = -48 + 96 = 48 (4 years).
        pytest.param({"A": "R2"}, [(None, 4), (None, 4)], id="one-moved"),
    ],
)
def test_balance_checker_and_model_agree(moves, expected):
    assert_agrees(BALANCE, make_posting(SERVING, rules=only(BALANCE)), moves, expected)


@pytest.mark.parametrize(
    ("rules", "objective"),
    [
        # Swapping costs 2 moves x 10 = 20 > 16 officer-years x 1: no move.
        pytest.param(only("fewest_moves", BALANCE), 16, id="soft-x1"),
        # x2: 32 > 20, the swap.
        pytest.param(only("fewest_moves", **{BALANCE: soft(BALANCE, 2)}), 20, id="x2"),
    ],
)
def test_balance_model(rules, objective):
    assert solve_and_check(make_posting(SERVING, rules=rules)).objective == objective


def test_balance_reason():
    data = make_posting(SERVING, rules=only(BALANCE))
    moves = explain_moves(data, allocation(data, A="R2", C="R1"))
    assert moves[0].reasons == (
        "R1 mean service 2.0 years -> 6.0 years",
        "R2 mean service 10.0 years -> 6.0 years",
    )
