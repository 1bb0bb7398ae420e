"""The rules about people: tutor_together, min_tenure, preferences and fewest_moves."""

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
    soft,
    solve_and_check,
    team,
)

TUTOR, TENURE, PREFERENCES, MOVES = "tutor_together", "min_tenure", "preferences", "fewest_moves"
TUTOR_SKILL = frozenset({"tutor"})

# P, a probationer of R1, is tutored by T (R1); U, another tutor, is on R3; R2 has none.
PAIR = [
    officer("P", years=1, tutor_id="T", preferences=("R2",)),
    officer("T", skills=TUTOR_SKILL),
    officer("U", "R3", skills=TUTOR_SKILL),
]
PAIR_TEAMS = [team("R1"), team("R2"), team("R3")]


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        pytest.param({}, [], id="nobody-moves"),
        pytest.param({"P": "R2"}, [("P", 1)], id="alone-to-r2"),
        pytest.param({"P": "R3"}, [], id="to-another-tutor"),
        pytest.param({"P": "R2", "T": "R2"}, [], id="together"),
        # The tutor leaves; R1 has no other tutor.
        pytest.param({"T": "R2"}, [("P", 1)], id="tutor-leaves"),
        pytest.param({"T": "R3"}, [("P", 1)], id="tutor-joins-another"),
    ],
)
def test_tutor_checker_and_model_agree(moves, expected):
    assert_agrees(TUTOR, make_posting(PAIR, PAIR_TEAMS, only(TUTOR)), moves, expected)


@pytest.mark.parametrize(
    ("rules", "objective"),
    [
        # P wants R2 (staying costs 1 place x 15). Alone there is forbidden; with T it is two
        # moves (20) > 15: P stays, 15.
        pytest.param(only(PREFERENCES, MOVES, TUTOR), 15, id="hard"),
        # Soft x4: P alone to R2 costs 10 + 4 = 14 < 15.
        pytest.param(only(PREFERENCES, MOVES, **{TUTOR: soft(TUTOR, 4)}), 14, id="soft"),
        pytest.param(only(PREFERENCES, MOVES), 10, id="off"),
    ],
)
def test_tutor_model(rules, objective):
    assert solve_and_check(make_posting(PAIR, PAIR_TEAMS, rules)).objective == objective


def test_tutor_reasons():
    data = make_posting(PAIR, PAIR_TEAMS, only(TUTOR))
    moves = explain_moves(data, allocation(data, P="R2", T="R2"))
    assert [m.reasons for m in moves] == [
        ("moves with tutor T on R2",),
        ("with probationer P on R2",),
    ]


# A joined ward W1 10 months ago, B 30 months ago; the minimum is 24 months.
WARD = [
    officer("A", "W1", team_since=months_ago(10), preferences=("W2",)),
    officer("B", "W1", team_since=months_ago(30)),
]
WARDS = [team("W1", "sn", ward="W1"), team("W2", "sn", ward="W2")]


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        pytest.param({}, [], id="stay"),
        pytest.param({"A": "W2"}, [("A", 1)], id="new-in-post-moves"),
        pytest.param({"B": "W2"}, [], id="long-in-post-moves"),
    ],
)
def test_tenure_checker_and_model_agree(moves, expected):
    assert_agrees(TENURE, make_posting(WARD, WARDS, only(TENURE)), moves, expected)


@pytest.mark.parametrize(
    ("rules", "objective"),
    [
        # A wants W2: moving costs 10 + 30 = 40 > staying, 1 place x 15.
        pytest.param(only(PREFERENCES, MOVES, TENURE), 15, id="soft-x30"),
        pytest.param(only(PREFERENCES, MOVES, **{TENURE: hard(TENURE)}), 15, id="hard"),
        # A minimum of 6 months: A may go, 10 for the move.
        pytest.param(only(PREFERENCES, MOVES, **{TENURE: soft(TENURE, 30, value=6)}), 10, id="6"),
        pytest.param(only(PREFERENCES, MOVES), 10, id="off"),
    ],
)
def test_tenure_model(rules, objective):
    assert solve_and_check(make_posting(WARD, WARDS, rules)).objective == objective


def test_tenure_is_a_cost_of_the_move():
    data = make_posting(WARD, WARDS, only(TENURE, PREFERENCES))
    [move] = explain_moves(data, allocation(data, A="W2"))
    assert move.reasons == ("the officer's 1st choice",)
    assert move.costs == ("10 months in post (minimum 24) on W1",)


# A on R1 asks for R2, then R3.
ASKING = [officer("A", preferences=("R2", "R3"))]
THREE = [team("R1"), team("R2"), team("R3")]


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        pytest.param({}, [("A", 2)], id="unlisted"),  # not listed: as many places as listed
        pytest.param({"A": "R3"}, [("A", 1)], id="second"),
        pytest.param({"A": "R2"}, [], id="first"),
    ],
)
def test_preferences_checker_and_model_agree(moves, expected):
    assert_agrees(PREFERENCES, make_posting(ASKING, THREE, only(PREFERENCES)), moves, expected)


@pytest.mark.parametrize(
    ("rules", "objective"),
    [
        pytest.param(only(MOVES, PREFERENCES), 10, id="soft-x15"),  # R2: 10 < 2 x 15
        pytest.param(only(MOVES, **{PREFERENCES: soft(PREFERENCES, 4)}), 8, id="x4"),  # 2 x 4
        pytest.param(only(MOVES, **{PREFERENCES: hard(PREFERENCES)}), 10, id="hard"),
        # Not available: preferences are not judged, nobody moves.
        pytest.param(None, 0, id="not-available"),
    ],
)
def test_preferences_model(rules, objective):
    people = ASKING if rules else [officer("A", preferences=("R2", "R3"), available=False)]
    data = make_posting(people, THREE, rules or only(MOVES, PREFERENCES))
    assert solve_and_check(data).objective == objective


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        pytest.param({}, [], id="none"),
        pytest.param({"A": "R2"}, [("A", 1)], id="one"),
    ],
)
def test_moves_checker_and_model_agree(moves, expected):
    assert_agrees(MOVES, make_posting(ASKING, THREE, only(MOVES)), moves, expected)


def test_moves_hard_keeps_everyone():
    # Nobody may move: A stays on an unlisted team, 2 places x 15.
    data = make_posting(ASKING, THREE, only(PREFERENCES, **{MOVES: hard(MOVES)}))
    checked = solve_and_check(data)
    assert checked.moves == {}
    assert checked.objective == 30
