"""stay_put and panel_decisions: who the panel may move, and what it has decided.

Both are always hard: a hand-made allocation breaking them is refused by the model."""

from __future__ import annotations

import pytest

from inputs.posting import ProposalRow
from solver.posting.solve import build_posting_model, solve_model
from solver.solve import Status
from tests.posting.builders import (
    PARAMS,
    allocation,
    judge,
    make_posting,
    officer,
    only,
    solve_and_check,
    team,
)

STAY, DECISIONS, TARGET, MOVES, PREFERENCES = (
    "stay_put",
    "panel_decisions",
    "establishment_target",
    "fewest_moves",
    "preferences",
)
# R1 wants 1 PC and has A and B; R2 wants 1 and has none.
TEAMS = [team("R1", targets={"PC": 1}), team("R2", targets={"PC": 1})]


def refused(data, after) -> bool:
    """The model with every officer pinned to `after` has no solution."""
    model = build_posting_model(data)
    for (officer_id, team_id), var in model.vars.assign.items():
        model.cp.add(var == int(after.team_of(officer_id) == team_id))
    return solve_model(model, PARAMS).figures.status == Status.INFEASIBLE


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        pytest.param({}, [], id="stays"),
        pytest.param({"A": "R2"}, [("A", 1)], id="moved"),
        pytest.param({"B": "R2"}, [], id="available-moved"),
    ],
)
def test_stay_put_checker_and_model_agree(moves, expected):
    people = [officer("A", available=False), officer("B")]
    data = make_posting(people, TEAMS, only())
    after = allocation(data, **moves)
    assert judge(STAY, data, after) == expected
    assert refused(data, after) == bool(expected)


@pytest.mark.parametrize(
    ("available", "objective"),
    [
        # Neither may move: R1 1 PC above its target, R2 1 below: 2 x 20.
        pytest.param(False, 40, id="neither"),
        # B available: B to R2, 10 for the move.
        pytest.param(True, 10, id="b-available"),
    ],
)
def test_stay_put_model(available, objective):
    people = [officer("A", available=False), officer("B", available=available)]
    data = make_posting(people, TEAMS, only(TARGET, MOVES))
    assert solve_and_check(data).objective == objective


# A: the panel approved A to R2; B (who asks for R2): the panel rejected B to R2.
DECIDED = [
    ProposalRow(row=2, officer_id="A", from_team="R1", to_team="R2", decision="approve"),
    ProposalRow(row=3, officer_id="B", from_team="R1", to_team="R2", decision="reject"),
    ProposalRow(row=4, officer_id="B", from_team="R1", to_team="R3"),
]
ASKING = [officer("A"), officer("B", preferences=("R2",))]
THREE = [team("R1"), team("R2"), team("R3")]


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        pytest.param({}, [("A", 1)], id="approved-not-made"),
        pytest.param({"A": "R2", "B": "R2"}, [("B", 1)], id="rejected-made"),
        pytest.param({"A": "R2"}, [], id="honoured"),
        # A row without a decision binds nothing.
        pytest.param({"A": "R2", "B": "R3"}, [], id="undecided"),
    ],
)
def test_decisions_checker_and_model_agree(moves, expected):
    data = make_posting(ASKING, THREE, only(), DECIDED)
    after = allocation(data, **moves)
    assert judge(DECISIONS, data, after) == expected
    assert refused(data, after) == bool(expected)


@pytest.mark.parametrize(
    ("proposals", "objective"),
    [
        # A moves as approved (10); B may not go to R2 and stays, 1 place x 15.
        pytest.param(DECIDED, 25, id="decided"),
        # Without decisions only B moves, to R2: 10.
        pytest.param([], 10, id="undecided"),
    ],
)
def test_decisions_model(proposals, objective):
    data = make_posting(ASKING, THREE, only(MOVES, PREFERENCES), proposals)
    assert solve_and_check(data).objective == objective
