"""establishment_max and establishment_target: per-rank maxima (hard) and targets (soft).

A and B are PCs of R1; R2 is empty. R1 may hold 1 PC (max_PC 1) or wants 1 (target_PC 1);
R2 wants 1 officer in all (target_strength 1).
"""

from __future__ import annotations

import pytest

from constraints.posting.report import explain_moves
from tests.posting.builders import (
    allocation,
    assert_agrees,
    hard,
    make_posting,
    officer,
    only,
    soft,
    solve_and_check,
    team,
)

MAX, TARGET = "establishment_max", "establishment_target"
PCS = [officer("A"), officer("B")]
CAPPED = [team("R1", maxima={"PC": 1}), team("R2")]
TARGETED = [team("R1", targets={"PC": 1}), team("R2", target_strength=1)]
BOTH = [team("R1", targets={"PC": 1}, maxima={"PC": 1}), team("R2", target_strength=1)]


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        pytest.param({}, [(None, 1)], id="two-pcs-max-one"),  # 2 - 1 = 1 above
        pytest.param({"A": "R2"}, [], id="one-moved"),
    ],
)
def test_max_checker_and_model_agree(moves, expected):
    assert_agrees(MAX, make_posting(PCS, CAPPED, only(MAX)), moves, expected)


@pytest.mark.parametrize(
    ("rules", "objective"),
    [
        pytest.param(only("fewest_moves", MAX), 10, id="hard"),  # one PC leaves R1: 1 x 10
        pytest.param(only("fewest_moves", **{MAX: soft(MAX, 7)}), 7, id="soft"),  # 1 x 7 < 10
        pytest.param(only("fewest_moves"), 0, id="off"),
    ],
)
def test_max_model(rules, objective):
    assert solve_and_check(make_posting(PCS, CAPPED, rules)).objective == objective


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        # R1: 2 PCs against 1 (1 off); R2: 0 officers against 1 (1 off).
        pytest.param({}, [(None, 1), (None, 1)], id="both-off"),
        pytest.param({"A": "R2"}, [], id="met"),
        # Both on R2: R1 0 PCs (1 off), R2 2 officers (1 off).
        pytest.param({"A": "R2", "B": "R2"}, [(None, 1), (None, 1)], id="overshoot"),
    ],
)
def test_target_checker_and_model_agree(moves, expected):
    assert_agrees(TARGET, make_posting(PCS, TARGETED, only(TARGET)), moves, expected)


@pytest.mark.parametrize(
    ("rules", "objective"),
    [
        pytest.param(only("fewest_moves", TARGET), 10, id="soft-x20"),  # 1 move x 10 < 2 x 20
        pytest.param(only("fewest_moves", **{TARGET: soft(TARGET, 4)}), 8, id="x4"),  # 2 x 4
        pytest.param(only("fewest_moves", **{TARGET: hard(TARGET)}), 10, id="hard"),
    ],
)
def test_target_model(rules, objective):
    assert solve_and_check(make_posting(PCS, TARGETED, rules)).objective == objective


def test_reasons_name_the_teams_the_move_serves():
    data = make_posting(PCS, BOTH, only(MAX, TARGET))
    [move] = explain_moves(data, allocation(data, A="R2"))
    assert move.reasons == (
        "R1 PCs 2 -> 1 (max 1)",
        "R1 PCs 2 -> 1 (target 1)",
        "R2 officers 0 -> 1 (target 1)",
    )
