"""Bad input workbooks: every problem is located (sheet, row, column), nothing is written.

Each case writes the small borough with the input writer, damages it with openpyxl
as a resource manager might, then runs `roster validate` and `roster solve` on it.
Where the small borough sits in its workbook:
  Settings rows 2-7: period_start, period_days, borough, time_limit_seconds, random_seed,
    notice_date (key in A, value in B);
  Officers rows 2-12: R1PS, R1PC0-2, R2PS, R2PC0-2, R2PT, W1PC, W1CSO
    (A officer_id, B name, C rank, D team, ..., H contract_hours, I tutor_id);
  Teams rows 2-4: R1, R2, W1 (A team_id, B kind); Shifts rows 2-6: E, L, N, SE, SL
    (A code, B start, C end); Cover rows 2-5 (C day, D shift, E from, G min);
  Absences row 2: R1PC0 from 2026-01-05 (B) to 2026-01-07 (C); Requests rows 2-3 (E weight);
  Rules rows 2-12 in catalogue order, row 4 min_rest_hours (A rule, E value);
  History rows 2-3: R1PC1, R2PC0, dates 2026-01-03 (F) and 2026-01-04 (G);
  Published: written empty (A-E officer_id, name, rank, team, ward); cases add dates and rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from typer.testing import CliRunner

from app.cli import app
from constraints.registry import catalogue
from outputs.input_workbook import write_input_workbook

Damage = Callable[[Path], None]
WIDE = {"COLUMNS": "400"}  # a wide terminal: no message is wrapped across lines


def edit(change: Callable[[Workbook], Any]) -> Damage:
    def damage(path: Path) -> None:
        book = openpyxl.load_workbook(path)
        change(book)
        book.save(path)

    return damage


def put(sheet: str, **cells: Any) -> Damage:
    """Overwrite cells of one sheet, e.g. put("Officers", D5="R9")."""

    def change(book: Workbook) -> None:
        for coordinate, value in cells.items():
            book[sheet][coordinate] = value

    return edit(change)


def together(*damages: Damage) -> Damage:
    def damage(path: Path) -> None:
        for each in damages:
            each(path)

    return damage


def not_a_workbook(path: Path) -> None:
    path.write_text("officer_id,name,rank,team\nP1,Jo Bloggs,PC,R1\n")


def duplicate_first_officer(book: Workbook) -> None:
    ws = book["Officers"]
    ws.append([cell.value for cell in ws[2]])


def empty_officers(book: Workbook) -> None:
    ws = book["Officers"]
    ws.delete_rows(2, ws.max_row)


def published(*rows: tuple[Any, ...], dates: tuple[date, ...] = ()) -> Damage:
    """Fill the (written empty) Published sheet: date headers from F1, then officer rows
    (officer_id in A, the date cells from F)."""

    def change(book: Workbook) -> None:
        ws = book["Published"]
        for column, day in enumerate(dates, start=6):
            ws.cell(1, column, day)
        for r, (officer_id, *cells) in enumerate(rows, start=2):
            ws.cell(r, 1, officer_id)
            for column, value in enumerate(cells, start=6):
                ws.cell(r, column, value)

    return edit(change)


NOT_ON_TEAMS = "is not on the Teams sheet; expected a team_id of the Teams sheet"
NOT_ON_OFFICERS = "is not on the Officers sheet"
NO_ROWS = "the sheet has no data rows; expected at least one row below the header"

# (damage, the exact number of problems reported, what must be among them)
CASES = [
    pytest.param(
        edit(lambda book: book.remove(book["Teams"])),
        17,
        (
            "Teams: the sheet is missing; expected a sheet named Teams",
            f"Officers, row 2, column team (D): team 'R1' {NOT_ON_TEAMS}",
            f"Officers, row 14, column team (D): team 'W1' {NOT_ON_TEAMS}",
            "Cover, row 5, column cluster (B): no SN team is in cluster 'North'",
        ),
        id="sheet_deleted",
    ),
    pytest.param(
        put("Officers", C1=None),
        1,
        ("Officers, row 1, column rank: the column is missing; expected a header named rank",),
        id="header_deleted_without_knock_on_unknown_officers",
    ),
    pytest.param(
        put("Officers", J1="Team"),
        1,
        (
            "Officers, row 1, column team (J): the header 'Team' repeats column D; "
            "expected each column once",
        ),
        id="header_repeated",
    ),
    pytest.param(
        edit(duplicate_first_officer),
        1,
        (
            "Officers, row 17, column officer_id (A): officer_id 'R1PS' is used twice "
            "(also row 2); expected each officer once",
        ),
        id="officer_row_duplicated",
    ),
    pytest.param(
        put("Officers", D5="R9"),
        1,
        (f"Officers, row 5, column team (D): team 'R9' {NOT_ON_TEAMS}",),
        id="unknown_team",
    ),
    pytest.param(
        put("Cover", D3="NN"),
        1,
        (
            "Cover, row 3, column shift (D): shift 'NN' is not on the Shifts sheet "
            "(did you mean 'N'?); expected a shift code",
        ),
        id="unknown_shift_in_cover",
    ),
    pytest.param(
        put("Absences", A2="R1PC9"),
        1,
        (
            f"Absences, row 2, column officer_id (A): officer 'R1PC9' {NOT_ON_OFFICERS} "
            "(did you mean 'R1PC2'?); expected an officer_id",
        ),
        id="unknown_officer_in_absences",
    ),
    pytest.param(
        put("History", F2="Q"),
        1,
        (
            "History, row 2, column 2026-01-03 (F): 'Q' is not a shift code, RD or an absence "
            "code; expected one of those",
        ),
        id="unknown_code_in_history",
    ),
    pytest.param(
        published(
            ("R1PS", "E", "Q", None),
            ("R1PC9", "E", "E", None),
            ("R1PS", "RD", "RD", None),
            dates=(date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 19)),
        ),
        4,
        (
            "Published, row 1, column 2026-01-19 (H): 2026-01-19 is outside the period "
            "2026-01-05 to 2026-01-18; expected one column per date of the period",
            "Published, row 2, column 2026-01-06 (G): 'Q' is not a shift code, RD or an "
            "absence code; expected a shift code (several joined with +), RD or an absence "
            "code, or blank",
            f"Published, row 3, column officer_id: officer 'R1PC9' {NOT_ON_OFFICERS}",
            "Published, row 4, column officer_id: officer 'R1PS' has two Published rows "
            "(also row 2); expected one row per officer",
        ),
        id="published_unknown_code_officer_duplicate_and_date",
    ),
    pytest.param(
        published(("R2PS", "E+RD", "rd", "N+L"), dates=(date(2026, 1, 5), date(2026, 1, 6))),
        2,
        (
            "Published, row 2, column 2026-01-05 (F): 'E+RD' joins RD to other codes; "
            "expected a shift code",
            "Published, row 2, column 2026-01-06 (G): 'rd' is not a shift code, RD or an "
            "absence code (did you mean 'RD'?)",
        ),
        id="published_rest_day_joined_and_lower_case",
    ),
    pytest.param(
        together(
            put("Officers", J3="N=x, Q=2", K3=40, L3=30, P3=-1),
            put("Shifts", F3="E, X"),
            put("Cover", L3=-5),
        ),
        6,
        (
            "Officers, row 3, column max_shifts (J): 'N=x' has no whole number after '='; "
            "expected code=number, e.g. N=8",
            "Officers, row 3, column max_shifts (J): 'Q' is not a shift code; expected "
            "code=number pairs of the Shifts sheet, e.g. N=8",
            "Officers, row 3, column max_hours (L): max_hours 30 is below min_hours 40; "
            "expected at least min_hours",
            "Officers, row 3, column max_weekends (P): -1 is negative; expected 0 or more",
            "Shifts, row 3, column cannot_follow (F): 'X' is not a shift code; expected codes "
            "of the Shifts sheet",
            "Cover, row 3, column over_weight (L): -5 is negative; expected 0 or more",
        ),
        id="officer_limits_successions_and_cover_weights",
    ),
    pytest.param(
        put("Settings", B2=date(2026, 1, 6)),
        1,
        (
            "Settings, row 2, column value (B): period_start 2026-01-06 is a Tuesday; "
            "expected a Monday",
        ),
        id="period_start_not_a_monday",
    ),
    pytest.param(
        put("Settings", A8="start_date", B8=date(2026, 1, 5)),
        1,
        (
            "Settings, row 8, column key: 'start_date' is not a setting; "
            "expected one of period_start",
        ),
        id="unknown_setting",
    ),
    pytest.param(
        put("Absences", C2="31/02/2026"),
        1,
        (
            "Absences, row 2, column to (C): '31/02/2026' is not a date; "
            "expected a date such as 2026-01-05 or 05/01/2026",
        ),
        id="date_that_does_not_exist",
    ),
    pytest.param(
        put("Shifts", B3="25:00"),
        1,
        (
            "Shifts, row 3, column start (B): '25:00' is not a time of day; "
            "expected a time such as 07:00",
        ),
        id="time_25_00_without_knock_on_unknown_shift",
    ),
    pytest.param(
        put("Shifts", C2=time(7)),
        1,
        ("Shifts, row 2, column end (C): end 07:00 equals start; expected a different end time",),
        id="shift_ends_when_it_starts",
    ),
    pytest.param(
        put("Officers", H4="forty"),
        1,
        ("Officers, row 4, column contract_hours (H): 'forty' is not a number; expected a number",),
        id="text_in_number_column",
    ),
    pytest.param(
        put("Officers", C4="Sgt"),
        1,
        (
            "Officers, row 4, column rank (C): 'Sgt' is not allowed; "
            "expected one of Insp, PS, PC, PCSO, SC",
        ),
        id="rank_not_in_the_list",
    ),
    pytest.param(
        put("Teams", B3=None),
        1,
        ("Teams, row 3, column kind (B): is empty; expected one of response, sn, other",),
        id="required_cell_blank_without_knock_on_unknown_team",
    ),
    pytest.param(
        put("Cover", G2=-1),
        1,
        ("Cover, row 2, column min (G): min -1 is negative; expected 0 or more",),
        id="negative_cover_min",
    ),
    pytest.param(
        put("Cover", G4="two"),
        1,
        ("Cover, row 4, column min (G): 'two' is not a whole number; expected a whole number",),
        id="text_cover_min_without_knock_on_zero_cover",
    ),
    pytest.param(
        put("Cover", E5="nine"),
        1,
        ("Cover, row 5, column from (E): 'nine' is not a whole number; expected a whole number",),
        id="text_cover_hour_without_knock_on_missing_hours",
    ),
    pytest.param(
        put("Cover", C3="2026-02-01"),
        1,
        (
            "Cover, row 3, column day (C): 2026-02-01 is outside the period 2026-01-05 to "
            "2026-01-18; expected a date in the period",
        ),
        id="cover_date_outside_period",
    ),
    pytest.param(
        put("Absences", B2=date(2026, 3, 2), C2=date(2026, 3, 6)),
        1,
        (
            "Absences, row 2, column from (B): 2026-03-02 to 2026-03-06 is outside the period "
            "2026-01-05 to 2026-01-18; expected an absence overlapping the period",
        ),
        id="absence_outside_period",
    ),
    pytest.param(
        put("Rules", A4="min_rest_hour"),
        1,
        (
            "Rules, row 4, column rule (A): 'min_rest_hour' is not a rule of the catalogue "
            "(did you mean 'min_rest_hours'?)",
        ),
        id="unknown_rule",
    ),
    pytest.param(
        put("Rules", E4=30),
        1,
        (
            "Rules, row 4, column value (E): 30 is out of range for min_rest_hours; "
            "expected hours of rest between 0 and 24",
        ),
        id="rule_value_out_of_range",
    ),
    pytest.param(
        edit(empty_officers),
        6,
        (
            f"Officers: {NO_ROWS}",
            f"Absences, row 2, column officer_id (A): officer 'R1PC0' {NOT_ON_OFFICERS}",
            f"Requests, row 3, column officer_id (A): officer 'W1PC' {NOT_ON_OFFICERS}",
            f"History, row 2, column officer_id: officer 'R1PC1' {NOT_ON_OFFICERS}",
        ),
        id="officers_header_only",
    ),
    pytest.param(
        edit(lambda book: book["Officers"].merge_cells("B3:B4")),
        1,
        (
            "Officers, row 3, column name (B): cells B3:B4 are merged; "
            "expected one value per cell (unmerge them)",
        ),
        id="merged_cells",
    ),
    pytest.param(
        edit(lambda book: book["History"].merge_cells("F2:G2")),
        1,
        ("History, row 2, column 2026-01-03 (F): cells F2:G2 are merged",),
        id="merged_cells_in_history",
    ),
    pytest.param(
        put("Officers", H3="=40*1"),
        1,
        (
            "Officers, row 3, column contract_hours (H): holds the formula =40*1; "
            "expected a plain value (paste values only)",
        ),
        id="formula_cell",
    ),
    pytest.param(
        put("Settings", B4="=A1"),
        1,
        ("Settings, row 4, column value (B): holds the formula =A1; expected a plain value",),
        id="formula_in_settings",
    ),
    pytest.param(
        not_a_workbook,
        1,
        ("file in.xlsx is not an Excel .xlsx workbook",),
        id="text_file_named_xlsx",
    ),
    pytest.param(
        together(
            put("Officers", D5="R9"),
            put("Shifts", B3="25:00"),
            put("Requests", E2=0),
            put("Settings", B3="many"),
            put("Rules", E4=30),
        ),
        5,
        (
            f"Officers, row 5, column team (D): team 'R9' {NOT_ON_TEAMS}",
            "Shifts, row 3, column start (B): '25:00' is not a time of day",
            "Requests, row 2, column weight (E): weight 0 is below 1; "
            "expected a whole number of 1 or more",
            "Settings, row 3, column period_days (B): 'many' is not a whole number",
            "Rules, row 4, column value (E): 30 is out of range for min_rest_hours",
        ),
        id="several_sheets_at_once",
    ),
]


@pytest.fixture
def workbook(small_borough, tmp_path) -> Path:
    path = tmp_path / "in.xlsx"
    write_input_workbook(path, small_borough, catalogue())
    return path


def test_undamaged_workbook_is_valid(workbook):
    result = CliRunner().invoke(app, ["validate", str(workbook)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "in.xlsx is valid" in result.output


@pytest.mark.parametrize(("damage", "count", "expected"), CASES)
def test_bad_workbook_is_refused_with_every_problem_located(
    workbook: Path, damage: Damage, count: int, expected: tuple[str, ...]
) -> None:
    damage(workbook)
    before = workbook.read_bytes()
    output = workbook.with_name("roster.xlsx")
    commands = (
        ["validate", str(workbook)],
        ["solve", str(workbook), "-o", str(output), "--time-limit", "5"],
    )
    for command in commands:
        result = CliRunner().invoke(app, command, env=WIDE)
        assert result.exit_code == 2, result.output
        assert isinstance(result.exception, SystemExit), "ended by an exception, not an exit"
        assert "Traceback" not in result.output
        assert f"{count} problem(s) in in.xlsx; nothing was written." in result.stderr
        for message in expected:
            assert message in result.stderr, f"{message!r} missing from:\n{result.stderr}"
        assert not output.exists()
        assert sorted(p.name for p in workbook.parent.iterdir()) == ["in.xlsx"]
        assert workbook.read_bytes() == before
