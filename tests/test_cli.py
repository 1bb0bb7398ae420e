"""End to end through the command line: workbook in, checked roster workbook out."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from app.cli import app
from constraints.registry import catalogue
from constraints.report import check_roster
from inputs.problem import CoverRow, ProblemData
from inputs.reader import read_problem
from inputs.roster_reader import read_roster
from outputs.input_workbook import write_input_workbook

RUNNER = CliRunner(env={"COLUMNS": "300"})


def run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


@pytest.fixture
def solved(tmp_path: Path, small_borough: ProblemData) -> tuple[Path, Path, str]:
    source, roster = tmp_path / "in.xlsx", tmp_path / "roster.xlsx"
    write_input_workbook(source, small_borough, catalogue())
    code, output = run("solve", str(source), "-o", str(roster), "-t", "10", "-w", "2")
    assert code == 0, output
    return source, roster, output


def solver_sheet(path: Path) -> dict[str, object]:
    sheet = openpyxl.load_workbook(path)["Solver"]
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}


def test_solve_writes_a_roster_the_checkers_pass(solved: tuple[Path, Path, str]) -> None:
    source, roster, output = solved
    problem = read_problem(source, catalogue())
    report = check_roster(problem, read_roster(roster, problem))
    assert report.hard_violations == 0
    figures = {str(key).lower(): value for key, value in solver_sheet(roster).items()}
    solver_objective = next(v for k, v in figures.items() if k.startswith("objective (solver"))
    assert solver_objective == report.objective
    assert "objective (re-checked)" in output


def test_check_passes_the_solved_roster(solved: tuple[Path, Path, str]) -> None:
    source, roster, _ = solved
    code, output = run("check", str(source), str(roster))
    assert code == 0, output
    assert "hard violations 0" in output


def test_check_finds_a_tour_typed_over_annual_leave(
    solved: tuple[Path, Path, str], tmp_path: Path
) -> None:
    source, roster, _ = solved
    book = openpyxl.load_workbook(roster)
    sheet = book["Roster"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "R1PC0")
    monday = 5  # the first date column; R1PC0 is on annual leave Mon 5 - Wed 7 Jan
    assert row[monday].value == "AL", header
    row[monday].value = "E"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    code, output = run("check", str(source), str(edited))
    assert code == 1, output
    assert "HARD absences: R1PC0: E on Mon 5 Jan during annual leave" in output


def test_check_rejects_an_unknown_code_with_its_cell(
    solved: tuple[Path, Path, str], tmp_path: Path
) -> None:
    source, roster, _ = solved
    book = openpyxl.load_workbook(roster)
    book["Roster"]["G3"] = "Q"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    code, output = run("check", str(source), str(edited))
    assert code == 2, output
    assert "Roster, row 3, column 2026-01-06 (G): 'Q' is not a shift code" in output


def test_infeasible_month_exits_3_and_writes_only_the_diagnosis(
    tmp_path: Path, small_borough: ProblemData
) -> None:
    # Four sergeants, but a Cover row asks for 3 on every early tour besides a PS on the
    # weekend lates: 23 tours a week of them, where two rest days each leave 20.
    impossible = small_borough.model_copy(
        update={
            "cover": (
                *small_borough.cover,
                CoverRow(
                    row=6, team="response", day="all", shift="E", min=3, ranks=frozenset({"PS"})
                ),
            )
        }
    )
    source, roster = tmp_path / "in.xlsx", tmp_path / "roster.xlsx"
    write_input_workbook(source, impossible, catalogue())
    code, output = run("solve", str(source), "-o", str(roster), "-t", "10", "-w", "2")
    assert code == 3, output
    assert "cannot all be met" in output
    assert "Cover rows 4, 6 need 23 tours in the week from Mon 5 Jan of the same 4 PS" in output
    assert openpyxl.load_workbook(roster).sheetnames == ["Diagnosis", "Solver"]


def test_no_roster_within_the_time_limit_exits_4(
    tmp_path: Path, small_borough: ProblemData
) -> None:
    source, roster = tmp_path / "in.xlsx", tmp_path / "roster.xlsx"
    write_input_workbook(source, small_borough, catalogue())
    code, output = run("solve", str(source), "-o", str(roster), "-t", "0.0001", "-w", "1")
    assert code == 4, output
    assert "No roster found" in output
    assert not roster.exists()


def test_output_over_the_input_is_refused(tmp_path: Path, small_borough: ProblemData) -> None:
    source = tmp_path / "in.xlsx"
    write_input_workbook(source, small_borough, catalogue())
    before = source.read_bytes()
    code, output = run("solve", str(source), "-o", str(source), "-t", "5")
    assert code == 2, output
    assert "is the input workbook" in output
    assert source.read_bytes() == before


def test_validate_summarises_a_good_workbook(tmp_path: Path, small_borough: ProblemData) -> None:
    source = tmp_path / "in.xlsx"
    write_input_workbook(source, small_borough, catalogue())
    code, output = run("validate", str(source))
    assert code == 0, output
    assert "15 officers, 3 teams, 5 shifts, 4 cover rows, 14 days from Mon 05 Jan 2026" in output
