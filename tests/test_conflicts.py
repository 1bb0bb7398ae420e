"""The conflict search, the capacity counts and the refusal re-solve, piece by piece.

The end-to-end catalogue is `test_diagnosis.py`; here each piece is held to what it
promises: conflicts whose every group is needed, counts that never refuse a month that
has a roster, and refusals whose cost is the checkers' difference between two rosters.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from constraints.capacity import check_capacity
from constraints.explain import explain, refusal
from constraints.report import check_roster
from demo.borough import build_borough
from inputs.problem import CoverRow, ProblemData, Request
from solver.diagnose import ConflictSearch, diagnose_roster, switched_model
from solver.refusals import LocalSolver
from solver.solve import SolverParams, Status, build_model
from tests.builders import MONDAY, make_problem, officer, only
from tests.conftest import RESPONSE_SHIFTS
from tests.solving import solve_and_check

PARAMS = SolverParams(time_limit=10.0, workers=2, seed=0)


def rest_clash(*days: int) -> ProblemData:
    """Both officers on the night of each day, and on the early of the next: no rest."""
    cover = []
    for day in days:
        night, early = MONDAY + timedelta(days=day), MONDAY + timedelta(days=day + 1)
        cover.append(
            CoverRow(row=len(cover) + 2, team="R1", day=night.isoformat(), shift="N", min=2)
        )
        cover.append(
            CoverRow(row=len(cover) + 2, team="R1", day=early.isoformat(), shift="E", min=2)
        )
    return make_problem(
        [officer("A"), officer("B")],
        shifts=RESPONSE_SHIFTS,
        cover=cover,
        rules=only("cover_min", "min_rest_hours"),
    )


def test_a_normal_model_has_no_switches(small_borough: ProblemData) -> None:
    assert build_model(small_borough).vars.switches is None
    assert switched_model(small_borough).vars.switches


def test_every_group_of_a_conflict_is_needed() -> None:
    problem = rest_clash(1)
    diagnosis = diagnose_roster(problem, PARAMS)
    assert diagnosis.status == Status.INFEASIBLE
    (conflict,) = diagnosis.conflicts
    # Cover rows 2 (Tuesday night) and 3 (Wednesday early), and one officer's rest.
    assert conflict.minimal
    assert sorted((g.rule, g.row) for g in conflict.groups if g.rule == "cover_min") == [
        ("cover_min", 2),
        ("cover_min", 3),
    ]
    assert [g.rule for g in conflict.groups].count("min_rest_hours") == 1
    model = switched_model(problem)
    assert model.vars.switches is not None
    search = ConflictSearch(model.cp, model.vars.switches, PARAMS, time.perf_counter() + 30)
    assert search.test(conflict.groups, 5)[0] == Status.INFEASIBLE
    for left_out in conflict.groups:
        rest = [g for g in conflict.groups if g != left_out]
        assert search.test(rest, 5)[0].has_roster, left_out


def test_each_conflict_is_set_aside_to_find_the_next() -> None:
    diagnosis = diagnose_roster(rest_clash(1, 4), PARAMS)
    assert len(diagnosis.conflicts) == 2
    first, second = (
        {g.day for g in c.groups if g.rule == "cover_min"} for c in diagnosis.conflicts
    )
    assert sorted([sorted(first), sorted(second)]) == [[1, 2], [4, 5]]
    assert diagnosis.complete, "with both set aside, the rest can hold"


def test_a_month_that_can_be_rostered_has_no_conflict(small_borough: ProblemData) -> None:
    diagnosis = diagnose_roster(small_borough, PARAMS)
    assert diagnosis.status == Status.FEASIBLE
    assert diagnosis.conflicts == () and diagnosis.complete


def test_a_conflict_is_told_with_its_rows() -> None:
    problem = rest_clash(1)
    (reason,) = explain(problem, diagnose_roster(problem, PARAMS))
    texts = [f.text for f in reason.findings]
    assert any(t.startswith("Cover row 2 needs 2 or more officers of team R1 on N") for t in texts)
    assert any(t.startswith("min_rest_hours: PC (") for t in texts)
    assert {("Cover", 2), ("Cover", 3)} <= set(reason.rows())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_counts_never_refuse_a_month_that_has_a_roster(seed: int) -> None:
    """Generated boroughs come with a reference roster that keeps every hard rule."""
    borough = build_borough(80, seed=seed, period_days=14)
    assert check_roster(borough.problem, borough.reference).hard_violations == 0
    assert check_capacity(borough.problem) == []


def test_a_refusal_costs_what_granting_it_would() -> None:
    """A wants Wednesday off (x5); Cover row 2 targets 2 on the early (x20 per officer
    short), and there are only two officers: granting costs 20 in cover, refusing 5, so
    refusing saves 20 - 5 = 15."""
    wednesday = MONDAY + timedelta(days=2)
    problem = make_problem(
        [officer("A"), officer("B")],
        shifts=RESPONSE_SHIFTS,
        cover=[CoverRow(row=2, team="R1", day=wednesday.isoformat(), shift="E", target=2)],
        requests=[Request(row=2, officer_id="A", date=wednesday, shift="OFF")],
        rules=only("cover_target", "requests"),
    )
    checked = solve_and_check(problem)
    assert checked.report.objective == 5
    status, granted = LocalSolver(problem, checked.roster, PARAMS).grant(problem.requests[0])
    assert status.has_roster and granted is not None
    again = check_roster(problem, granted)
    found = refusal(problem, problem.requests[0], checked.report, status, again)
    assert found.saves == 15
    assert "cover_target +20 (Cover row 2: 1 officers of team R1 on E on Wed 7 Jan" in found.text
