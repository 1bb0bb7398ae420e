"""The two-stage search: teams as units first, then the full model from that roster."""

from __future__ import annotations

import pytest

from inputs.problem import CoverRow, ProblemData, RuleSetting
from solver import search
from solver.search import solve_roster
from solver.solve import Progress, SolverParams, Status
from tests.builders import make_problem, officer, only
from tests.solving import assert_checked

PARAMS = SolverParams(time_limit=10.0, workers=2, seed=0)


def test_two_stages_give_a_roster_the_checkers_pass(small_borough: ProblemData) -> None:
    checked = assert_checked(small_borough, solve_roster(small_borough, PARAMS))
    assert checked.result.bound is not None
    assert checked.result.first_solution_seconds is not None


def _one_team_needing_two_tours_a_day(team_rota: RuleSetting) -> ProblemData:
    # One response team of four; every day needs one officer on E and one on N. A team
    # working as a unit cannot do both, so stage 1 (team_rota hard) is infeasible and the
    # full model must let officers leave the team's tour.
    return make_problem(
        [officer(f"P{i}") for i in range(4)],
        days=7,
        cover=[
            CoverRow(row=2, team="R1", day="all", shift="E", min=1),
            CoverRow(row=3, team="R1", day="all", shift="N", min=1),
        ],
        rules=only("cover_min", "min_rest_hours", team_rota=team_rota),
    )


def test_when_teams_cannot_work_as_units_individuals_deviate() -> None:
    problem = _one_team_needing_two_tours_a_day(RuleSetting(hard=False, weight=50, value=40))
    checked = assert_checked(problem, solve_roster(problem, PARAMS))
    # Each day one of the two tours is not the team's: at least 7 deviations x 50.
    assert checked.report.outcome("team_rota").amount >= 7
    assert checked.result.objective == 50 * checked.report.outcome("team_rota").amount


def test_a_hard_team_rota_is_solved_in_one_stage_and_can_be_infeasible() -> None:
    problem = _one_team_needing_two_tours_a_day(RuleSetting(hard=True, weight=50, value=40))
    result = solve_roster(problem, PARAMS)
    assert result.status == Status.INFEASIBLE


def test_the_planned_stage_stops_past_its_share_once_it_stops_gaining(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # limit 100 s: past PLANNED_UNTIL (25 s) with a roster, after PLANNED_STALL (5 s) without
    # a better one.
    clock = [0.0]
    monkeypatch.setattr(search.time, "perf_counter", lambda: clock[0])
    stop = search._planned_stop(0.0, 100.0)

    def at(seconds: float, objective: float | None) -> bool:
        clock[0] = seconds
        return stop(Progress(seconds, objective, None, 0 if objective is None else 1))

    assert not at(26.0, None), "no roster yet"
    assert not at(27.0, 900)
    assert not at(31.9, 900), "4.9 s without a gain"
    assert not at(32.0, 890), "a gain"
    assert not at(36.9, 890)
    assert at(37.0, 890), "5 s without a gain, past 25 s"
