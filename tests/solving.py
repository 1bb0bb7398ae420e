"""Solve a problem in a test and re-check the roster with the independent checkers."""

from __future__ import annotations

from dataclasses import dataclass

from constraints.report import Report, check_roster
from inputs.problem import ProblemData
from inputs.roster import Roster
from solver.solve import SolveResult, SolverParams, build_model, solve

TEST_PARAMS = SolverParams(time_limit=10.0, workers=2, seed=0)


@dataclass
class Checked:
    result: SolveResult
    report: Report

    @property
    def roster(self) -> Roster:
        assert self.result.roster is not None
        return self.result.roster


def solve_and_check(problem: ProblemData, params: SolverParams = TEST_PARAMS) -> Checked:
    """Solve, then hold the solver to the checkers: no hard violation, the same objective."""
    return assert_checked(problem, solve(build_model(problem), params))


def assert_checked(problem: ProblemData, result: SolveResult) -> Checked:
    """Hold a solver result to the checkers: no hard violation, the same objective per rule."""
    assert result.roster is not None, f"no roster: {result.status}"
    report = check_roster(problem, result.roster)
    assert report.hard_violations == 0, [
        v.what for o in report.outcomes if o.broken for v in o.violations
    ]
    assert result.objective == report.objective, (result.rule_penalties, _penalties(report))
    assert result.rule_penalties == {k: v for k, v in _penalties(report).items() if v}, (
        result.rule_penalties,
        _penalties(report),
    )
    return Checked(result, report)


def _penalties(report: Report) -> dict[str, int]:
    return {o.rule.name: o.penalty for o in report.outcomes}
