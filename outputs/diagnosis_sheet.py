"""The Diagnosis sheet: why the hard rules cannot all hold, row by row of the input workbook.

Written on its own (with a Solver sheet) when a month cannot be rostered (exit 3), and
into a best-effort roster workbook to say why it breaks hard rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from constraints.findings import Reason
from outputs import styles
from outputs.roster_workbook import (
    KeyValue,
    _header_row,
    _table_layout,
    _write_row,
    key_value_sheet,
    provenance_rows,
)
from outputs.xlsx import save_atomically
from solver.diagnose import Diagnosis
from solver.solve import SolveFigures

DIAGNOSIS_SHEET = "Diagnosis"
HEADER = ("conflict", "found by", "rules", "rows", "date", "what")
WIDTHS = [9, 16, 26, 34, 13, 110]
NOTES = (
    "Each conflict is a set of rules and rows that cannot all hold together: change any one "
    "of them (a Cover minimum, an absence, a rule made soft or given another value on the "
    "Rules sheet) and the others can.",
    "Found by the capacity check: counted from the data alone, before any solving. Found by "
    "the solver: proven by CP-SAT, then shrunk until every line is needed.",
    "roster solve --best-effort writes the roster that breaks these rules the least; "
    "absences are never broken.",
)


def write_diagnosis(ws: Worksheet, reasons: Sequence[Reason], title: str) -> None:
    """One row per finding, numbered by conflict; notes on reading it below."""
    _header_row(ws, 1, HEADER)
    r = 2
    for number, reason in enumerate(reasons, start=1):
        source = reason.source if reason.minimal else f"{reason.source} (not shrunk in time)"
        for finding in reason.findings:
            values = (
                number,
                source,
                ", ".join(finding.rules),
                finding.where(),
                finding.day,
                finding.text,
            )
            _write_row(ws, r, values)
            ws.cell(r, HEADER.index("date") + 1).number_format = styles.DATE_FORMAT
            ws.cell(r, HEADER.index("what") + 1).alignment = styles.WRAP
            r += 1
    for offset, note in enumerate(NOTES, start=1):
        ws.cell(r + offset, 1, note)
    _table_layout(ws, WIDTHS, f"{title}: diagnosis")


def diagnosis_figures(
    result: SolveFigures,
    diagnosis: Diagnosis | None,
    capacity_seconds: float,
    diagnosis_seconds: float,
) -> list[KeyValue]:
    """The Solver sheet of a month that cannot be rostered: what ran, and for how long."""
    params = result.params
    rows: list[KeyValue] = [
        ("status", result.status.value, None),
        ("capacity checks (s)", capacity_seconds, styles.SECONDS_FORMAT),
        ("solve time (s)", result.build_seconds + result.solve_seconds, styles.SECONDS_FORMAT),
        ("diagnosis time (s)", diagnosis_seconds, styles.SECONDS_FORMAT),
    ]
    if diagnosis is not None:
        rows += [
            ("conflicts found by the solver", len(diagnosis.conflicts), None),
            (
                "first conflict after (s)",
                diagnosis.conflicts[0].seconds if diagnosis.conflicts else None,
                styles.SECONDS_FORMAT,
            ),
            ("diagnosis solves", diagnosis.solves, None),
            ("no other conflict (proven)", "yes" if diagnosis.complete else "not known", None),
        ]
    rows += [
        ("time limit (s)", params.time_limit, None),
        ("workers", params.workers, None),
        ("seed", params.seed, None),
    ]
    return rows


def write_diagnosis_workbook(
    path: Path,
    title: str,
    reasons: Sequence[Reason],
    figures: list[KeyValue],
    input_hash: str,
) -> None:
    """The workbook of a month (or a panel) whose hard rules cannot all hold: Diagnosis and
    Solver sheets; `title` heads its pages."""
    book = Workbook()
    styles.add_styles(book)
    ws = book.worksheets[0]
    ws.title = DIAGNOSIS_SHEET
    write_diagnosis(ws, reasons, title)
    rows = [*figures, *provenance_rows(input_hash)]
    key_value_sheet(book.create_sheet("Solver"), rows, "Solver run")
    save_atomically(book, path)
