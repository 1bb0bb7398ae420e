"""The FlexRequests sheet: validated like every sheet (sheet, row, column; all at once;
exit 2; nothing written), and optional for the roster job.

The workbook: 35 days from Mon 5 Jan 2026; SN wards Riverside and Highbury (cluster
North) and Abbey (South); FlexRequests columns A request_id, B ward, C problem, D from,
E to, F shift, G rank, H officers, I donor_wards, J authorised_by; rows 2 and 3 are
request F1 for Riverside, 6-12 Jan: 1 PC on SL from Highbury, 1 PCSO on SE from anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from typer.testing import CliRunner

from app.cli import app
from constraints.registry import catalogue
from inputs.problem import FlexRequestRow, ProblemData
from inputs.reader import read_problem
from outputs.input_workbook import write_input_workbook
from tests.builders import MONDAY, make_problem, officer, team
from tests.conftest import RESPONSE_SHIFTS

WIDE = {"COLUMNS": "400"}
SHEET = "FlexRequests"
RULE_ROW = list(catalogue()).index("max_flex_days") + 2
"""The Rules sheet lists every rule of the catalogue in order, below its header."""


def flex_row(row: int, shift: str, rank: str, **fields: Any) -> FlexRequestRow:
    values: dict[str, Any] = {
        "row": row,
        "request_id": "F1",
        "ward": "Riverside",
        "start": MONDAY + timedelta(days=1),
        "end": MONDAY + timedelta(days=7),
        "shift": shift,
        "rank": rank,
        "officers": 1,
    }
    return FlexRequestRow(**(values | fields))


@pytest.fixture
def flex_borough() -> ProblemData:
    wards = {"W1": ("Riverside", "North"), "W2": ("Highbury", "North"), "W3": ("Abbey", "South")}
    people = []
    for team_id, (ward, _) in wards.items():
        people += [officer(f"{team_id}PC", team_id, ward=ward)]
        people += [officer(f"{team_id}CSO", team_id, rank="PCSO", ward=ward)]
    problem = make_problem(
        people,
        teams=[team(t, "sn", cluster=c, ward=w) for t, (w, c) in wards.items()],
        shifts=RESPONSE_SHIFTS,
        days=35,
    )
    rows = (
        flex_row(2, "SL", "PC", problem="ASB", donor_wards=frozenset({"Highbury"}),
                 authorised_by="Supt X"),
        flex_row(3, "SE", "PCSO"),
    )  # fmt: skip
    return problem.model_copy(update={"flex_requests": rows})


@pytest.fixture
def workbook(flex_borough: ProblemData, tmp_path: Path) -> Path:
    path = tmp_path / "in.xlsx"
    write_input_workbook(path, flex_borough, catalogue())
    return path


Damage = Callable[[Workbook], None]


def put(**cells: Any) -> Damage:
    def change(book: Workbook) -> None:
        for coordinate, value in cells.items():
            book[SHEET][coordinate] = value

    return change


def rule_value(name: str, value: float) -> Damage:
    def change(book: Workbook) -> None:
        ws = book["Rules"]
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == name)
        row[4].value = value

    return change


def together(*damages: Damage) -> Damage:
    def change(book: Workbook) -> None:
        for damage in damages:
            damage(book)

    return change


PREFIX = f"{SHEET}, row"
CASES = [
    pytest.param(
        put(B2="Riversde", B3=None),
        2,  # B3 blank: a ward is required on every row
        (
            f"{PREFIX} 2, column ward (B): ward 'Riversde' is not the ward of an SN team on "
            "the Teams sheet (did you mean 'Riverside'?); expected the receiving ward's name",
            f"{PREFIX} 3, column ward (B): is empty; expected some text",
        ),
        id="unknown_ward",
    ),
    pytest.param(
        put(E2=date(2026, 2, 10)),
        1,
        (
            f"{PREFIX} 2, column to (E): 2026-02-10 is outside the period 2026-01-05 to "
            "2026-02-08; expected a date in the period of the roster",
        ),
        id="date_outside_the_period",
    ),
    pytest.param(
        put(D3=date(2026, 1, 20)),
        1,
        (
            f"{PREFIX} 3, column to (E): to 2026-01-12 is before from 2026-01-20; "
            "expected a last day on or after the first",
        ),
        id="from_after_to",
    ),
    pytest.param(
        put(F2="SX", F3="E"),
        2,
        (
            f"{PREFIX} 2, column shift (F): shift 'SX' is not on the Shifts sheet; expected a "
            "shift SN teams work: SE, SL",
            f"{PREFIX} 3, column shift (F): shift 'E' is for response teams; expected a shift "
            "SN teams work: SE, SL",
        ),
        id="unknown_shift_and_shift_not_for_sn",
    ),
    pytest.param(
        put(G2="PS", H3=0),
        2,
        (
            f"{PREFIX} 2, column rank (G): 'PS' is not allowed; expected one of PC, PCSO",
            f"{PREFIX} 3, column officers (H): officers 0 is below 1; expected 1 or more",
        ),
        id="rank_and_officers",
    ),
    pytest.param(
        put(I2="Highbury, Riverside", I3="Abey"),
        2,
        (
            f"{PREFIX} 2, column donor_wards (I): donor ward 'Riverside' is the receiving "
            "ward; expected other SN wards of the Teams sheet",
            f"{PREFIX} 3, column donor_wards (I): donor ward 'Abey' is not the ward of an SN "
            "team (did you mean 'Abbey'?)",
        ),
        id="donor_wards",
    ),
    pytest.param(
        put(E3=date(2026, 2, 5)),
        1,
        (
            f"{PREFIX} 3, column to (E): request F1 runs 31 days, 2026-01-06 to 2026-02-05; "
            f"expected at most 28 days (rule max_flex_days, Rules row {RULE_ROW})",
        ),
        id="longer_than_28_days",
    ),
    pytest.param(
        rule_value("max_flex_days", 5),
        1,
        (
            f"{PREFIX} 2, column to (E): request F1 runs 7 days, 2026-01-06 to 2026-01-12; "
            f"expected at most 5 days (rule max_flex_days, Rules row {RULE_ROW})",
        ),
        id="longer_than_the_rule_allows",
    ),
    pytest.param(
        put(J2=None),
        1,
        (
            f"{PREFIX} 2, column authorised_by (J): request F1 names no authorising officer; "
            "expected the superintendent who authorised it, on at least one of its rows",
        ),
        id="not_authorised",
    ),
    pytest.param(
        put(J3="Supt Y", F3="SL", G3="PC"),
        2,
        (
            f"{PREFIX} 3, column authorised_by (J): request F1 gives 'Supt Y' here but "
            "'Supt X' on row 2; expected the same authorised_by on every row of a request",
            f"{PREFIX} 3, column rank (G): request F1 asks again for PCs on SL (also row 2); "
            "expected one row per shift and rank of a request",
        ),
        id="rows_of_a_request_disagree",
    ),
    pytest.param(
        together(put(B2="Riversde", F3="SX", E2=date(2026, 3, 1)), rule_value("max_flex_days", 0)),
        4,
        (
            f"{PREFIX} 2, column ward (B)",
            f"{PREFIX} 3, column shift (F)",
            f"{PREFIX} 2, column to (E)",
            f"Rules, row {RULE_ROW}, column value (E): 0 is out of range for max_flex_days",
        ),
        id="several_at_once",
    ),
]


@pytest.mark.parametrize(("damage", "count", "expected"), CASES)
def test_bad_flex_requests_are_refused_with_every_problem_located(
    workbook: Path, damage: Damage, count: int, expected: tuple[str, ...]
) -> None:
    book = openpyxl.load_workbook(workbook)
    damage(book)
    book.save(workbook)
    before = workbook.read_bytes()
    output = workbook.with_name("flex.xlsx")
    roster = workbook.with_name("roster.xlsx")
    for command in (
        ["validate", str(workbook)],
        ["flex", str(workbook), "--roster", str(roster), "-o", str(output)],
    ):
        result = CliRunner().invoke(app, command, env=WIDE)
        assert result.exit_code == 2, result.output
        assert isinstance(result.exception, SystemExit), "ended by an exception, not an exit"
        assert f"{count} problem(s) in in.xlsx; nothing was written." in result.stderr
        for message in expected:
            assert message in result.stderr, f"{message!r} missing from:\n{result.stderr}"
        assert sorted(p.name for p in workbook.parent.iterdir()) == ["in.xlsx"]
        assert workbook.read_bytes() == before


def test_the_requests_read_back_as_written(workbook: Path, flex_borough: ProblemData) -> None:
    assert read_problem(workbook, catalogue()).flex_requests == flex_borough.flex_requests


@pytest.mark.parametrize("keep_sheet", [True, False])
def test_the_roster_job_accepts_workbooks_with_or_without_the_sheet(
    workbook: Path, keep_sheet: bool
) -> None:
    if not keep_sheet:
        book = openpyxl.load_workbook(workbook)
        book.remove(book[SHEET])
        book.save(workbook)
    result = CliRunner().invoke(app, ["validate", str(workbook)], env=WIDE)
    assert result.exit_code == 0, result.output
    problem = read_problem(workbook, catalogue())
    assert bool(problem.flex_requests) == keep_sheet


def test_flex_without_requests_is_refused(workbook: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    book.remove(book[SHEET])
    book.save(workbook)
    roster = tmp_path / "roster.xlsx"
    roster.write_bytes(b"")
    command = ["flex", str(workbook), "--roster", str(roster), "-o", str(tmp_path / "f.xlsx")]
    result = CliRunner().invoke(app, command, env=WIDE)
    assert result.exit_code == 2, result.output
    assert "FlexRequests: no flex request; expected a FlexRequests sheet with rows" in (
        result.stderr
    )
