"""The complete borough exercises every rule, and its solved roster passes the checkers.

"Exercises" is tested without trusting the rule's own code: switching any one rule off
must change the CP-SAT model (fewer constraints or fewer objective terms), so each rule
has something to act on in this borough.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from app.cli import app
from constraints.registry import RULES, catalogue
from constraints.report import check_roster
from inputs.problem import ProblemData
from inputs.reader import read_problem
from inputs.roster_reader import read_roster
from outputs.input_workbook import write_input_workbook
from solver.solve import build_model


def _size(problem: ProblemData) -> tuple[int, int, int]:
    """Constraints, objective terms and the objective's total weight: what a rule adds."""
    proto = build_model(problem).cp.Proto()
    weight = sum(abs(c) for c in proto.objective.coeffs)
    return len(proto.constraints), len(proto.objective.vars), weight


def _without(problem: ProblemData, name: str) -> ProblemData:
    rules = dict(problem.rules)
    rules[name] = rules[name].model_copy(update={"enabled": False})
    return problem.model_copy(update={"rules": rules})


@pytest.mark.parametrize("name", [rule.name for rule in RULES])
def test_every_rule_acts_on_the_complete_borough(complete_borough: ProblemData, name: str):
    assert complete_borough.rule(name).enabled
    assert _size(_without(complete_borough, name)) != _size(complete_borough)


def test_complete_borough_solves_with_every_rule_on_the_rules_sheet(
    tmp_path: Path, complete_borough: ProblemData
):
    source, output = tmp_path / "month.xlsx", tmp_path / "roster.xlsx"
    write_input_workbook(source, complete_borough, catalogue())
    result = CliRunner().invoke(app, ["solve", str(source), "-o", str(output), "-t", "10"])
    assert result.exit_code == 0, result.output

    problem = read_problem(source, catalogue())
    report = check_roster(problem, read_roster(output, problem))
    assert report.hard_violations == 0
    book = openpyxl.load_workbook(output)
    listed = {row[0] for row in book["Rules"].iter_rows(min_row=2, values_only=True)}
    assert {rule.name for rule in RULES} <= listed
    solver = {row[0]: row[1] for row in book["Solver"].iter_rows(values_only=True)}
    assert solver["objective (re-checked by the checkers)"] == report.objective
    assert "Changes" in book.sheetnames
