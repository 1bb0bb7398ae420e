"""`roster flex` and `roster demo --flex` end to end: workbooks in, checked plan workbook out.

The borough is generated (60 officers, 4 wards: the request is short of donors); the
flex plan is read back from the Records sheet and re-checked independently.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from app import pipeline
from app.cli import app
from app.flex import load
from constraints.flex.report import check_plan
from constraints.registry import catalogue
from constraints.report import check_roster
from demo.borough import build_borough
from demo.flex import with_flex_request
from inputs.flex import OPERATION_CODE, Deployment, FlexData, FlexPlan
from outputs.input_workbook import write_input_workbook
from outputs.roster_workbook import write_roster_workbook
from tests.test_rerostering import as_result

RUNNER = CliRunner(env={"COLUMNS": "300"})
SHEETS = ["FlexPlan", "Requests", "Need", "Abstraction", "Records", "Rules", "Solver"]


def run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def rows_of(ws: Any) -> list[dict[str, Any]]:
    names = [c.value for c in ws[1]]
    return [dict(zip(names, values, strict=True)) for values in ws.iter_rows(2, values_only=True)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A generated borough with its flex request, its reference roster written as a roster
    workbook (it keeps every hard rule: no solve needed), and `roster flex` run on them."""
    folder = tmp_path_factory.mktemp("flex")
    borough = build_borough(60, seed=1)
    problem = with_flex_request(borough.problem)
    write_input_workbook(folder / "borough.xlsx", problem, catalogue())
    report = check_roster(problem, borough.reference)
    result = as_result(borough.reference, report)
    write_roster_workbook(folder / "roster.xlsx", problem, result, report, "reference")
    code, output = run(
        "flex", str(folder / "borough.xlsx"), "--roster", str(folder / "roster.xlsx"),
        "-o", str(folder / "flex.xlsx"), "-t", "20", "-w", "2",
    )  # fmt: skip
    assert code == 0, output
    return folder, output


@pytest.fixture(scope="module")
def data(demo: tuple[Path, str]) -> FlexData:
    folder, _ = demo
    return load(pipeline.load(folder / "borough.xlsx"), folder / "roster.xlsx")


def plan_from_records(data: FlexData, ws: Any) -> FlexPlan:
    """The plan as the duty system would load it: one Records row per officer-tour."""
    found = []
    for r in rows_of(ws):
        row = data.row_by_number[r["FlexRequests row"]]
        day = data.day_index(r["date"].date())
        times = (r["start"], r["end"])
        shift = next(
            s for s in data.shifts.values() if (f"{s.start:%H:%M}", f"{s.end:%H:%M}") == times
        )
        found.append(Deployment(day, row.row, r["officer_id"], shift.code))
    return FlexPlan.of(*found)


def test_flex_writes_a_plan_the_checkers_pass(demo: tuple[Path, str], data: FlexData):
    folder, output = demo
    assert sorted(p.name for p in folder.iterdir()) == ["borough.xlsx", "flex.xlsx", "roster.xlsx"]
    book = openpyxl.load_workbook(folder / "flex.xlsx")
    assert book.sheetnames == SHEETS
    plan = plan_from_records(data, book["Records"])
    report = check_plan(data, plan)
    assert report.hard_violations == 0
    solver = {row[0]: row[1] for row in book["Solver"].iter_rows(values_only=True)}
    assert solver["objective (solver)"] == solver["objective (re-checked by the checkers)"]
    assert solver["objective (re-checked by the checkers)"] == report.objective
    assert "Largest donor share" in output and "Wrote" in output


def test_records_are_one_row_per_officer_tour_ready_to_load(demo, data: FlexData):
    folder, _ = demo
    book = openpyxl.load_workbook(folder / "flex.xlsx")
    records, plan = rows_of(book["Records"]), rows_of(book["FlexPlan"])
    (request,) = data.requests
    assert records and len(records) == len(plan)
    for record in records:
        assert record["operation code"] == OPERATION_CODE == "Authorised SNT flex"
        assert record["authorised by"] == request.authorised_by
        assert record["request_id"] == request.request_id
        assert record["deployed to ward"] == request.ward != record["home ward"]
    for row in plan:
        assert row["review date"].date() == request.start + timedelta(days=14)
        assert row["end date"].date() == request.end


def test_shortfalls_are_reported_per_day_and_tour(demo, data: FlexData):
    folder, output = demo
    book = openpyxl.load_workbook(folder / "flex.xlsx")
    need = rows_of(book["Need"])
    plan = plan_from_records(data, book["Records"])
    short = check_plan(data, plan).outcome("flex_need")
    assert sum(r["short"] for r in need) == short.amount > 0, "the 60-officer borough is short"
    (request,) = rows_of(book["Requests"])
    assert request["short"] == short.amount
    assert request["flexed"] + request["short"] == request["officer-tours asked"]
    assert "short: F1" in output


def test_abstraction_marks_the_wards_above_the_borough_mean(demo):
    folder, _ = demo
    wards = rows_of(openpyxl.load_workbook(folder / "flex.xlsx")["Abstraction"])
    assert max(w["share"] for w in wards) == wards[0]["borough max"]
    for w in wards:
        above = w["hours flexed out"] > 0 and w["share"] > w["borough mean"]
        assert w["above the mean"] == ("yes" if above else "no")
    assert any(w["above the mean"] == "yes" for w in wards)


def test_flex_refuses_to_overwrite_its_inputs(demo):
    folder, _ = demo
    borough, roster = folder / "borough.xlsx", folder / "roster.xlsx"
    before = roster.read_bytes()
    code, output = run("flex", str(borough), "--roster", str(roster), "-o", str(roster))
    assert code == 2, output
    assert roster.read_bytes() == before


def test_a_hard_need_the_donors_cannot_meet_exits_3_and_writes_nothing(demo, tmp_path: Path):
    folder, _ = demo
    book = openpyxl.load_workbook(folder / "borough.xlsx")
    need = next(r for r in book["Rules"].iter_rows(min_row=2) if r[0].value == "flex_need")
    need[2].value = "yes"  # hard
    source, output = tmp_path / "hard.xlsx", tmp_path / "flex.xlsx"
    book.save(source)
    code, text = run(
        "flex", str(source), "--roster", str(folder / "roster.xlsx"), "-o", str(output)
    )
    assert code == 3, text
    assert "The requests cannot be met in full" in text
    assert not output.exists()


def test_bench_flex_prints_the_checked_figures():
    from bench.flex import run_one

    row = run_one(60, 5.0, 2, seed=1)
    assert row.hard_violations == 0
    assert row.objective == row.rechecked_objective is not None
    code, output = run("bench", "flex", "--officers", "60", "-t", "5", "-w", "2", "--seed", "1")
    assert code == 0, output
    assert "Flex plan benchmark" in output and f"{row.objective:,}" in output


def test_demo_solves_the_borough_then_plans_its_flex_request(tmp_path: Path):
    code, output = run(
        "demo", "--officers", "60", "--seed", "1", "-t", "15", "-w", "2", "-o", str(tmp_path),
        "--flex",
    )  # fmt: skip
    assert code == 0, output
    assert openpyxl.load_workbook(tmp_path / "flex.xlsx").sheetnames == SHEETS
    assert "Largest donor share" in output
