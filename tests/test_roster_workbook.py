"""The roster workbook: read back exactly as solved, and every sheet agrees with the checkers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from constraints.report import Report, check_roster
from inputs.problem import ProblemData
from inputs.roster import Roster
from inputs.roster_reader import read_roster
from outputs import styles
from outputs.roster_workbook import coverage_slots, roster_order, write_roster_workbook
from solver.solve import SolveResult, SolverParams, Status
from tests.solving import solve_and_check

HASH = "0123abcd" * 8


@dataclass
class Written:
    problem: ProblemData
    result: SolveResult
    report: Report
    path: Path
    book: Workbook

    @property
    def roster(self) -> Roster:
        assert self.result.roster is not None
        return self.result.roster


SOLVED: dict[str, Written] = {}
"""The small borough solved and written once per test process: solving is the slow part."""


@pytest.fixture
def written(small_borough: ProblemData, tmp_path_factory: pytest.TempPathFactory) -> Written:
    if not SOLVED:
        checked = solve_and_check(small_borough, SolverParams(time_limit=5.0, workers=2, seed=0))
        path = tmp_path_factory.mktemp("out") / "roster.xlsx"
        write_roster_workbook(path, small_borough, checked.result, checked.report, HASH)
        book = openpyxl.load_workbook(path)
        SOLVED["small_borough"] = Written(small_borough, checked.result, checked.report, path, book)
    return SOLVED["small_borough"]


def fill(cell: Cell | Any) -> str:
    return str(cell.fill.fgColor.rgb)[-6:]


def column(ws: Worksheet, name: str, header_row: int = 1) -> list[Any]:
    names = [c.value for c in ws[header_row]]
    index = names.index(name) + 1
    return [ws.cell(r, index).value for r in range(header_row + 1, ws.max_row + 1)]


def test_roster_reads_back_exactly_as_solved(written: Written) -> None:
    back = read_roster(written.path, written.problem)

    assert back.tours == written.roster.tours
    assert back.team_tours == written.roster.team_tours
    assert written.roster.team_tours, "the fixture has response teams, so TeamRota is written"
    report = check_roster(written.problem, back)
    assert report.hard_violations == 0
    assert report.objective == written.result.objective


def test_roster_sheet_is_laid_out_for_people(written: Written) -> None:
    ws, problem = written.book["Roster"], written.problem
    header = [c.value for c in ws[1]]

    assert header[:5] == ["officer_id", "name", "rank", "team", "ward"]
    assert header[5:] == [datetime(d.year, d.month, d.day) for d in problem.days]
    assert all(ws.cell(1, c).number_format == "ddd dd mmm" for c in range(6, len(header) + 1))
    assert fill(ws["K1"]) == styles.WEEKEND_FILL != fill(ws["J1"])  # Sat 10 Jan, Fri 9 Jan
    assert ws.freeze_panes == "F2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert written.book["TeamRota"].freeze_panes == "B2"
    assert column(ws, "officer_id") == [o.officer_id for o in roster_order(problem)]
    assert column(ws, "officer_id")[:5] == ["R1PS", "R1PS2", "R1PC0", "R1PC1", "R1PC2"]


def test_roster_cells_show_tours_rest_days_and_absences_in_their_colours(
    written: Written,
) -> None:
    ws, problem, roster = written.book["Roster"], written.problem, written.roster
    for r, officer in enumerate(roster_order(problem), start=2):
        for d in range(problem.num_days):
            cell = ws.cell(r, 6 + d)
            tours = roster.on(officer.officer_id, d)
            absence = problem.absence_on(officer.officer_id, d)
            if tours:
                kind = problem.shift_by_code[tours[0]].kind
                assert (cell.value, fill(cell)) == ("+".join(tours), styles.KIND_FILLS[kind])
            elif absence:
                assert (cell.value, fill(cell)) == (absence.type.code, styles.ABSENCE_FILL)
            else:
                assert (cell.value, fill(cell)) == ("RD", styles.REST_FILL)
    assert ws.cell(4, 6).value == "AL"  # R1PC0 is on annual leave on Mon 5 Jan


def test_coverage_has_one_row_per_slot_and_the_checkers_shortfalls(written: Written) -> None:
    ws = written.book["Coverage"]
    short_target = column(ws, "short of target")

    assert ws.max_row - 1 == len(coverage_slots(written.problem))
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:K{ws.max_row}"
    assert sum(column(ws, "short of min")) == written.report.outcome("cover_min").amount
    assert sum(v or 0 for v in short_target) == written.report.outcome("cover_target").amount
    assert sum(v or 0 for v in short_target) > 0, "the fixture's targets cannot all be met"
    for r, short in enumerate(short_target, start=2):
        assert (fill(ws.cell(r, 11)) == styles.SHORT_FILL) == bool(short)
    assert all(isinstance(v, datetime) for v in column(ws, "date"))


def test_rules_sheet_lists_every_rule_and_every_violation(written: Written) -> None:
    ws, report = written.book["Rules"], written.report
    names = [ws.cell(r, 1).value for r in range(2, len(report.outcomes) + 2)]
    values = [ws.cell(r, 9).value for r in range(2, len(report.outcomes) + 2)]
    top = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 3).value == "officer_id")
    listed = ws.max_row - top

    assert names == [o.rule.name for o in report.outcomes]
    assert values == [o.penalty for o in report.outcomes]
    assert listed == sum(len(o.violations) for o in report.outcomes)
    costs = [ws.cell(r, 7).value for r in range(top + 1, ws.max_row + 1)]
    soft_costs = [c for c in costs if isinstance(c, int)]
    assert soft_costs == costs, "no hard rule is broken here, so every violation has a cost"
    assert soft_costs == sorted(soft_costs, reverse=True)


def test_officers_sheet_counts_agree_with_the_roster_and_the_checkers(written: Written) -> None:
    ws, roster, report = written.book["Officers"], written.roster, written.report
    by_id = dict(zip(column(ws, "officer_id"), column(ws, "tours"), strict=True))

    assert by_id == {o: sum(len(day) for day in days) for o, days in roster.tours.items()}
    assert sum(column(ws, "team rota deviations")) == len(report.outcome("team_rota").violations)
    assert sum(column(ws, "requests made")) == len(written.problem.requests)
    refused = len(report.outcome("requests").violations)
    assert sum(column(ws, "requests granted")) == len(written.problem.requests) - refused
    for worked, credit, total in zip(
        column(ws, "hours worked"),
        column(ws, "absence credit hours"),
        column(ws, "total hours"),
        strict=True,
    ):
        assert worked + credit == total
    rest = column(ws, "rest days")
    absent = column(ws, "absence days")
    days = [sum(1 for day in roster.tours[o] if day) for o in column(ws, "officer_id")]
    assert [w + r + a for w, r, a in zip(days, rest, absent, strict=True)] == [
        written.problem.num_days
    ] * len(days)


def test_solver_sheet_shows_the_objective_and_provenance(written: Written) -> None:
    ws = written.book["Solver"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, ws.max_row + 1)}

    assert values["objective (solver)"] == written.result.objective
    assert values["objective (re-checked by the checkers)"] == written.report.objective
    assert values["hard violations"] == 0
    assert values["status"] == written.result.status.value
    assert values["input sha256"] == HASH
    assert isinstance(values["written at"], datetime)


def test_no_temporary_file_is_left_behind(written: Written) -> None:
    assert list(written.path.parent.iterdir()) == [written.path]


def test_a_broken_hard_rule_is_red_in_its_cell(small_borough: ProblemData, tmp_path: Path) -> None:
    problem = small_borough
    codes: dict[str, list[str | None]] = {o.officer_id: [None] * 14 for o in problem.officers}
    codes["R1PC0"][0] = "E"  # on annual leave on Mon 5 Jan
    roster = Roster.from_codes(codes)
    report = check_roster(problem, roster)
    result = SolveResult(
        status=Status.FEASIBLE,
        roster=roster,
        objective=report.objective,
        reported_objective=report.objective,
        bound=None,
        rule_penalties={},
        params=SolverParams(time_limit=1.0, workers=1),
        build_seconds=0.0,
        solve_seconds=0.0,
        first_solution_seconds=None,
        best_solution_seconds=None,
        solutions=0,
        interrupted=False,
        num_variables=0,
        num_constraints=0,
    )
    path = tmp_path / "broken.xlsx"
    write_roster_workbook(path, problem, result, report, HASH)
    book = openpyxl.load_workbook(path)
    ws = book["Roster"]

    assert report.outcome("absences").broken
    breach = ws["F4"]
    assert (ws["A4"].value, breach.value, fill(breach)) == ("R1PC0", "E", styles.BREACH_FILL)
    assert breach.comment is not None and "annual leave" in breach.comment.text
    assert (ws["G4"].value, fill(ws["G4"])) == ("AL", styles.ABSENCE_FILL)
    assert (ws["F2"].value, fill(ws["F2"])) == ("RD", styles.REST_FILL)
    assert report.outcome("contract_hours").broken  # no day: the officer's id is marked
    assert fill(ws["A3"]) == styles.BREACH_FILL
    assert "contract_hours" in ws["A3"].comment.text
    assert (book["Rules"]["A3"].value, fill(book["Rules"]["A3"])) == (
        "absences",
        styles.BROKEN_FILL,
    )
    coverage = book["Coverage"]
    short_min = column(coverage, "short of min")
    assert sum(short_min) == report.outcome("cover_min").amount > 0
    for r, short in enumerate(short_min, start=2):
        assert (fill(coverage.cell(r, 10)) == styles.BROKEN_FILL) == bool(short)
