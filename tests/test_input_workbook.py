"""The input workbook writer: what it writes reads back, and the template documents the contract."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from app.cli import app
from constraints.registry import catalogue
from inputs import sheets
from inputs.errors import InputError
from inputs.problem import (
    Absence,
    CoverRow,
    HistoryRow,
    ProblemData,
    PublishedRow,
    Request,
    Row,
    Settings,
    Shift,
)
from inputs.reader import default_rules, read_problem
from outputs.input_workbook import write_input_workbook
from tests.builders import MONDAY, officer, team

RowT = TypeVar("RowT", bound=Row)


def numbered(rows: Sequence[RowT]) -> tuple[RowT, ...]:
    return tuple(row.model_copy(update={"row": n}) for n, row in enumerate(rows, start=2))


def as_written(problem: ProblemData) -> ProblemData:
    """The problem as the reader gives it back: every row numbered by its Excel row."""
    return ProblemData(
        settings=problem.settings,
        officers=numbered(problem.officers),
        teams=numbered(problem.teams),
        shifts=numbered(problem.shifts),
        cover=numbered(problem.cover),
        absences=numbered(problem.absences),
        requests=numbered(problem.requests),
        rules={
            name: setting.model_copy(update={"row": n})
            for n, (name, setting) in enumerate(problem.rules.items(), start=2)
        },
        history=numbered(problem.history),
        published=numbered(problem.published),
    )


def round_trip(problem: ProblemData, path: Path) -> ProblemData:
    write_input_workbook(path, problem, catalogue())
    return read_problem(path, catalogue())


def every_column_problem() -> ProblemData:
    """A problem that fills every column of every sheet, with extra columns on three sheets."""
    rules = default_rules(catalogue())
    rules["min_rest_hours"] = rules["min_rest_hours"].model_copy(update={"value": 12.0})
    rules["requests"] = rules["requests"].model_copy(update={"weight": 7, "hard": False})
    rules["min_consecutive_rest_days"] = rules["min_consecutive_rest_days"].model_copy(
        update={"enabled": False}
    )
    return ProblemData(
        settings=Settings(
            period_start=MONDAY,
            period_days=14,
            borough="Northbridge",
            time_limit_seconds=7.5,
            random_seed=3,
            notice_date=date(2025, 12, 20),
        ),
        officers=(
            officer(
                "P1",
                rank="PS",
                name="PS Ann Lee",
                service_start=date(2015, 3, 2),
                skills=frozenset({"taser", "response_driver"}),
                extra={"station": "Central", "phone": 1234},
            ),
            officer("P2", rank="PC", service_start=date(2025, 9, 1), tutor_id="P3"),
            officer("P3", rank="PC", skills=frozenset({"tutor"}), contract_hours=37.5),
            officer("P4", "W1", rank="PCSO", ward="Riverside", extra={"station": "Eastgate"}),
            officer("P5", "OPS", rank="SC", contract_hours=16),
            officer("P6", "R1", rank="Insp", ward="Hilltop"),
        ),
        teams=(
            team("R1", target_strength=12),
            team("W1", "sn", cluster="North", ward="Riverside", target_strength=6),
            team("OPS", "other", extra={"notes": "specials"}),
        ),
        shifts=(
            Shift(code="E", start=time(7), end=time(16), kind="early", for_="response"),
            Shift(code="N", start=time(22), end=time(7), kind="night", for_="all"),
            Shift(
                code="D",
                start=time(8, 30),
                end=time(16, 30),
                kind="day",
                for_="sn",
                extra={"colour": "yellow"},
            ),
            Shift(code="X", start=time(10), end=time(18), kind="day", for_="other"),
        ),
        cover=(
            CoverRow(
                team="response", day="all", shift="E", min=1, target=2, ranks=frozenset({"PS"})
            ),
            CoverRow(cluster="North", day="weekend", from_hour=9, to_hour=21, min=1, target=1),
            CoverRow(team="R1", day="2026-01-07", shift="N", min=1, skill="response_driver"),
            CoverRow(team="sn", day="Sat", shift="D", target=1, ranks=frozenset({"PC", "PCSO"})),
        ),
        absences=(
            Absence(
                officer_id="P2", start=date(2026, 1, 12), end=date(2026, 1, 14), type="training"
            ),
            Absence(
                officer_id="P4",
                start=MONDAY,
                end=MONDAY,
                type="annual_leave",
                extra={"approved_by": "Insp Gray"},
            ),
        ),
        requests=(
            Request(officer_id="P3", date=date(2026, 1, 10), shift="OFF", want=True, weight=3),
            Request(officer_id="P1", date=date(2026, 1, 8), shift="N", want=False),
        ),
        rules=rules,
        history=(
            HistoryRow(officer_id="P1", codes={date(2026, 1, 4): "N", date(2026, 1, 3): "RD"}),
            HistoryRow(officer_id="P4", codes={date(2026, 1, 4): "AL"}),
        ),
        published=(
            # Every kind of cell: tours (one, or two joined with +), RD, an absence code;
            # days left out are blank cells (nothing published).
            PublishedRow(
                officer_id="P1",
                codes={MONDAY: "E", date(2026, 1, 6): "RD", date(2026, 1, 18): "E+N"},
            ),
            PublishedRow(officer_id="P4", codes={MONDAY: "AL", date(2026, 1, 7): "D"}),
        ),
    )


def header(ws: Worksheet) -> list[Any]:
    return [cell.value for cell in ws[1]]


def drop_down_at(ws: Worksheet, coordinate: str) -> Any:
    found = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(found) == 1, f"{ws.title}!{coordinate} has {len(found)} validations"
    return found[0]


# ---- round trips -------------------------------------------------------------------------


def test_small_borough_reads_back_unchanged(small_borough, tmp_path):
    assert round_trip(small_borough, tmp_path / "in.xlsx") == as_written(small_borough)


def test_every_column_and_extra_columns_read_back_unchanged(tmp_path):
    problem = every_column_problem()
    back = round_trip(problem, tmp_path / "in.xlsx")
    assert back == as_written(problem)
    assert back.officer_by_id["P1"].extra == {"station": "Central", "phone": 1234}
    assert back.shift_by_code["D"].extra == {"colour": "yellow"}


def test_cells_are_real_dates_times_and_yes_no(tmp_path):
    path = tmp_path / "in.xlsx"
    write_input_workbook(path, every_column_problem(), catalogue())
    book = openpyxl.load_workbook(path)
    officers, shifts = book["Officers"], book["Shifts"]
    assert header(officers) == [c.name for c in sheets.OFFICERS.columns] + ["station", "phone"]
    assert header(shifts)[4] == "for"
    assert header(book["Cover"])[4:6] == ["from", "to"]
    start = officers["F2"]
    assert start.is_date and start.number_format == "yyyy-mm-dd"
    assert officers["G2"].value == "response_driver, taser"
    assert shifts["B4"].value == time(8, 30) and shifts["B4"].number_format == "hh:mm"
    assert book["Requests"]["D3"].value == "no"
    history = book["History"]
    assert header(history)[:5] == list(sheets.HISTORY_ID_COLUMNS)
    assert history["F1"].is_date and history["F1"].value.date() == date(2026, 1, 3)
    assert [history["A2"].value, history["C2"].value, history["G2"].value] == ["P1", "PS", "N"]
    published = book["Published"]
    assert header(published)[:5] == list(sheets.PUBLISHED_ID_COLUMNS)
    assert published["F1"].is_date and published["F1"].value.date() == MONDAY
    assert published.max_column == 5 + 14, "one column per date of the period"
    assert [published["A2"].value, published["F2"].value, published["G2"].value] == [
        "P1",
        "E",
        "RD",
    ]
    assert [published["S2"].value, published["H2"].value] == ["E+N", None]
    settings = {row[0].value: row[1] for row in book["Settings"].iter_rows(min_row=2)}
    assert settings["period_start"].is_date and settings["borough"].value == "Northbridge"


# ---- the template ------------------------------------------------------------------------


@pytest.fixture
def template(tmp_path) -> Path:
    path = tmp_path / "template.xlsx"
    write_input_workbook(path, None, catalogue())
    return path


def test_template_reads_as_a_workbook_waiting_for_its_data(template):
    with pytest.raises(InputError) as raised:
        read_problem(template, catalogue())
    assert [str(p) for p in raised.value.problems] == [
        "Officers: the sheet has no data rows; expected at least one row below the header",
        "Settings, row 2, column value: period_start is not set; "
        "expected the period's first day, a Monday",
        "Shifts: the sheet has no data rows; expected at least one row below the header",
        "Teams: the sheet has no data rows; expected at least one row below the header",
    ]


def test_template_filled_in_by_hand_reads_with_its_rules_at_their_defaults(template):
    book = openpyxl.load_workbook(template)
    book["Settings"]["B2"] = "05/01/2026"
    book["Teams"].append(["R1", "response"])
    book["Shifts"].append(["E", "07:00", "15:00", "early"])
    book["Officers"].append(["P1", "PC Jo Bloggs", "PC", "R1"])
    book.save(template)
    problem = read_problem(template, catalogue())
    assert problem.settings == Settings(period_start=MONDAY)
    assert problem.settings.notice_date == date.today(), "blank notice_date: the day it is read"
    assert problem.published == ()
    expected = {
        name: spec.default.model_copy(update={"row": n})
        for n, (name, spec) in enumerate(catalogue().items(), start=2)
    }
    assert problem.rules == expected


def test_template_layout_follows_the_sheet_contract(template):
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["ReadMe", *(s.name for s in sheets.ALL_SHEETS)]
    for sheet in sheets.ALL_SHEETS:
        ws = book[sheet.name]
        assert ws.freeze_panes == ("F2" if sheet in sheets.GRID_SHEETS else "A2")
        assert all(cell.font.bold for cell in ws[1])
        if sheet.key_value:
            assert header(ws) == ["key", "value", "help"]
            assert [r[0].value for r in ws.iter_rows(min_row=2)] == [c.name for c in sheet.columns]
        elif sheet in sheets.GRID_SHEETS:
            assert header(ws) == list(sheets.HISTORY_ID_COLUMNS)
        else:
            assert header(ws)[: len(sheet.columns)] == [c.name for c in sheet.columns]
    rules = book["Rules"]
    assert [r[0].value for r in rules.iter_rows(min_row=2)] == list(catalogue())
    assert [c.value for c in rules[3]][:5] == ["absences", "yes", "yes", 1000, None]
    assert [c.value for c in rules[4]][:5] == ["min_rest_hours", "yes", "yes", 100, 11]


def test_template_has_drop_downs_on_coded_columns(template):
    book = openpyxl.load_workbook(template)
    rank = drop_down_at(book["Officers"], "C2")
    assert rank.type == "list" and rank.formula1 == '"Insp,PS,PC,PCSO,SC"'
    assert rank.showErrorMessage and "C2000" in str(rank.sqref)
    assert drop_down_at(book["Shifts"], "D2").formula1 == '"early,late,night,day"'
    assert drop_down_at(book["Shifts"], "E2").formula1 == '"response,sn,other,all"'
    assert drop_down_at(book["Teams"], "B2").formula1 == '"response,sn,other"'
    assert drop_down_at(book["Absences"], "D2").formula1.startswith('"annual_leave,training')
    assert drop_down_at(book["Requests"], "D2").formula1 == '"yes,no"'
    for letter in "BC":
        assert drop_down_at(book["Rules"], f"{letter}2").formula1 == '"yes,no"'
    day = drop_down_at(book["Cover"], "C2")
    assert day.formula1 == '"all,weekday,weekend,Mon,Tue,Wed,Thu,Fri,Sat,Sun"'
    assert not day.showErrorMessage, "a Cover day may also be a date"
    assert book["Cover"].column_dimensions["C"].number_format == "@"


def test_readme_documents_every_sheet_column_and_rule(template):
    ws = openpyxl.load_workbook(template)["ReadMe"]
    text = [[str(c.value) for c in row if c.value is not None] for row in ws.iter_rows()]
    flat = "\n".join(" | ".join(row) for row in text)
    for sheet in sheets.ALL_SHEETS:
        assert sheet.help in flat
        for column in sheet.columns:
            need = "required" if column.required else "optional"
            row = [column.name, need, column.kind.value]
            assert any(r[:3] == row and column.help in r[3] for r in text), (sheet.name, row)
    rules_at = next(i for i, r in enumerate(text) if r and r[0].startswith("Rules (set them"))
    for spec in catalogue().values():
        row = next(r for r in text[rules_at:] if r and r[0] == spec.name)
        assert spec.summary in row[3] and spec.unit in row
        assert str(spec.default.weight) in row and (spec.value_help or "takes no value") in row


def test_template_command_writes_the_template(tmp_path):
    path = tmp_path / "next_month.xlsx"
    result = CliRunner().invoke(app, ["template", str(path)])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(path).sheetnames[:2] == ["ReadMe", "Settings"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["next_month.xlsx"]
