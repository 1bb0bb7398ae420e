"""Reading sheets of an .xlsx workbook into typed rows, collecting every problem on the way.

Sheet and column names are matched case-insensitively after trimming (and
spaces count as underscores). Formulas are refused rather than evaluated, and
merged cells are refused because they hide values; both are common in
hand-kept rosters and would otherwise be read wrongly without a word.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from inputs import cells
from inputs.errors import InputError, Problem
from inputs.sheets import Column, Kind, Sheet


@dataclass
class RawRow:
    """One data row: parsed values of the known columns, extra columns kept as they were.

    `unreadable` names the known columns whose cell was reported as unreadable, so that
    cross-checks do not report the same cell again as if it were blank.
    """

    number: int
    values: dict[str, Any]
    letters: dict[str, str]
    extra: dict[str, Any] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)

    def get(self, name: str, default: Any = None) -> Any:
        value = self.values.get(name)
        return default if value is None else value

    def cell(self, name: str) -> str | None:
        return self.letters.get(name)


@dataclass
class GridRow:
    """A row of a Roster-layout sheet (History, or a roster to check): id columns and date cells."""

    number: int
    officer_id: str
    codes: dict[date, str | None]
    letters: dict[date, str]


def normalise(name: Any) -> str:
    return str(name).strip().lower().replace(" ", "_") if name is not None else ""


def open_workbook(path: Path) -> Workbook:
    """Open without evaluating formulas or following external links; bad files become problems."""
    if not path.exists():
        raise InputError([Problem("", None, None, f"file {path} does not exist")])
    try:
        return openpyxl.load_workbook(path, data_only=False, keep_links=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        reason = "is not an Excel .xlsx workbook" if not isinstance(exc, OSError) else str(exc)
        raise InputError([Problem("", None, None, f"file {path.name} {reason}")]) from None


def find_sheet(book: Workbook, name: str, problems: list[Problem]) -> Worksheet | None:
    matches = [ws for ws in book.worksheets if normalise(ws.title) == normalise(name)]
    if len(matches) > 1:
        titles = ", ".join(repr(ws.title) for ws in matches)
        problems.append(
            Problem(name, None, None, f"several sheets are named {titles}; expected one")
        )
    return matches[0] if matches else None


def read_table(book: Workbook, sheet: Sheet, problems: list[Problem]) -> list[RawRow]:
    """Read a sheet laid out as a header row then one record per row."""
    ws = find_sheet(book, sheet.name, problems)
    if ws is None:
        if sheet.required:
            problems.append(
                Problem(
                    sheet.name,
                    None,
                    None,
                    f"the sheet is missing; expected a sheet named {sheet.name}",
                )
            )
        return []
    header = _header(ws, sheet, problems)
    if header is None:
        return []
    _refuse_merged(ws, sheet.name, problems, {i: name for i, (name, _) in header.items()})
    known = {normalise(c.name): c for c in sheet.columns}
    rows = []
    for number, values in _data_rows(ws):
        row = RawRow(number, {}, {})
        for index, value in enumerate(values):
            name, original = header.get(index, ("", ""))
            letter = get_column_letter(index + 1)
            if not name:
                continue
            column = known.get(name)
            name = column.name if column is not None else name  # as declared, e.g. target_PS
            if _is_formula(value):
                problems.append(_formula_problem(sheet.name, number, name, letter, value))
                if column is not None:
                    row.unreadable.add(name)
                continue
            if column is None:
                if not cells.is_blank(value):
                    row.extra[original] = value
                continue
            row.letters[name] = letter
            if cells.is_blank(value):
                if column.required:
                    problems.append(
                        Problem(
                            sheet.name,
                            number,
                            f"{name} ({letter})",
                            f"is empty; expected {column.expected()}",
                        )
                    )
                continue
            parsed = _parse(column, value, sheet.name, number, letter, problems)
            if parsed is None:
                row.unreadable.add(name)
            else:
                row.values[name] = parsed
        rows.append(row)
    if sheet.required and not rows:
        problems.append(
            Problem(
                sheet.name,
                None,
                None,
                "the sheet has no data rows; expected at least one row below the header",
            )
        )
    return rows


def read_settings(book: Workbook, sheet: Sheet, problems: list[Problem]) -> dict[str, RawRow]:
    """Read a two-column key/value sheet; each known key's value is parsed by its column."""
    ws = find_sheet(book, sheet.name, problems)
    if ws is None:
        problems.append(
            Problem(
                sheet.name,
                None,
                None,
                f"the sheet is missing; expected a sheet named {sheet.name} "
                "with columns key and value",
            )
        )
        return {}
    head = [normalise(c.value) for c in next(ws.iter_rows(min_row=1, max_row=1))]
    _refuse_merged(ws, sheet.name, problems, dict(enumerate(head)))
    if "key" not in head or "value" not in head:
        problems.append(
            Problem(
                sheet.name,
                1,
                None,
                "the header must have columns key and value; "
                f"found {', '.join(h for h in head if h) or 'nothing'}",
            )
        )
        return {}
    key_at, value_at = head.index("key"), head.index("value")
    letter = get_column_letter(value_at + 1)
    known = {c.name: c for c in sheet.columns}
    found: dict[str, RawRow] = {}
    for number, values in _data_rows(ws):
        key = normalise(values[key_at]) if key_at < len(values) else ""
        value = values[value_at] if value_at < len(values) else None
        if not key:
            continue
        if key not in known:
            problems.append(
                Problem(
                    sheet.name,
                    number,
                    "key",
                    f"'{key}' is not a setting; expected one of " + ", ".join(known),
                )
            )
            continue
        if key in found:
            problems.append(
                Problem(
                    sheet.name,
                    number,
                    "key",
                    f"'{key}' is set twice (also on row {found[key].number}); "
                    "expected each setting once",
                )
            )
            continue
        if _is_formula(value):
            problems.append(_formula_problem(sheet.name, number, "value", letter, value))
            continue
        row = RawRow(number, {}, {"value": letter})
        if not cells.is_blank(value):
            parsed = _parse(known[key], value, sheet.name, number, letter, problems, label=key)
            if parsed is None:
                continue
            row.values["value"] = parsed
        found[key] = row
    return found


def read_grid(
    book: Workbook,
    sheet_name: str,
    id_columns: tuple[str, ...],
    problems: list[Problem],
    required: bool = False,
    id_column: str = "officer_id",
) -> list[GridRow]:
    """Read a Roster-layout sheet: id columns, then one column per date (headers are dates).

    `GridRow.officer_id` holds the `id_column` value (a team_id for TeamRota).
    """
    ws = find_sheet(book, sheet_name, problems)
    if ws is None:
        if required:
            problems.append(
                Problem(
                    sheet_name,
                    None,
                    None,
                    f"the sheet is missing; expected a sheet named {sheet_name}",
                )
            )
        return []
    header_cells = next(ws.iter_rows(min_row=1, max_row=1), ())
    id_at: dict[str, int] = {}
    date_at: dict[int, date] = {}
    for index, cell in enumerate(header_cells):
        if cells.is_blank(cell.value):
            continue
        name = normalise(cell.value)
        if name in id_columns:
            id_at[name] = index
            continue
        try:
            date_at[index] = cells.parse_date(cell.value)
        except cells.CellError:
            problems.append(
                Problem(
                    sheet_name,
                    1,
                    get_column_letter(index + 1),
                    f"header {cells.shown(cell.value)} is neither a date nor one "
                    f"of {', '.join(id_columns)}; expected a date",
                )
            )
    names = {i: name for name, i in id_at.items()} | {i: f"{d}" for i, d in date_at.items()}
    _refuse_merged(ws, sheet_name, problems, names)
    if id_column not in id_at:
        problems.append(
            Problem(
                sheet_name, 1, id_column, f"the column is missing; expected a {id_column} column"
            )
        )
        return []
    rows = []
    for number, values in _data_rows(ws):
        raw_id = values[id_at[id_column]] if id_at[id_column] < len(values) else None
        if cells.is_blank(raw_id):
            problems.append(
                Problem(sheet_name, number, id_column, f"is empty; expected a {id_column}")
            )
            continue
        row = GridRow(number, cells.parse_text(raw_id), {}, {})
        for index, day in date_at.items():
            value = values[index] if index < len(values) else None
            letter = get_column_letter(index + 1)
            if _is_formula(value):
                problems.append(_formula_problem(sheet_name, number, f"{day}", letter, value))
                continue
            row.codes[day] = None if cells.is_blank(value) else cells.parse_text(value)
            row.letters[day] = letter
        rows.append(row)
    return rows


# ---- helpers ---------------------------------------------------------------------------


def _header(ws: Worksheet, sheet: Sheet, problems: list[Problem]) -> dict[int, tuple[str, str]]:
    first = next(ws.iter_rows(min_row=1, max_row=1), ())
    header: dict[int, tuple[str, str]] = {}
    seen: dict[str, str] = {}
    for index, cell in enumerate(first):
        if cells.is_blank(cell.value):
            continue
        letter = get_column_letter(index + 1)
        name = normalise(cell.value)
        if name in seen:
            problems.append(
                Problem(
                    sheet.name,
                    1,
                    f"{name} ({letter})",
                    f"the header '{cell.value}' repeats column {seen[name]}; "
                    "expected each column once",
                )
            )
            continue
        seen[name] = letter
        header[index] = (name, str(cell.value).strip())
    names = {name for name, _ in header.values()}
    missing = [c.name for c in sheet.columns if c.required and normalise(c.name) not in names]
    for name in missing:
        problems.append(
            Problem(sheet.name, 1, name, f"the column is missing; expected a header named {name}")
        )
    if not header:
        problems.append(
            Problem(
                sheet.name,
                1,
                None,
                "the sheet is empty; expected a header row with "
                + ", ".join(c.name for c in sheet.columns),
            )
        )
    return header


def _data_rows(ws: Worksheet) -> list[tuple[int, list[Any]]]:
    rows = []
    for number, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        values = list(row)
        if all(cells.is_blank(v) for v in values):
            continue
        rows.append((number, values))
    return rows


def _refuse_merged(
    ws: Worksheet, sheet_name: str, problems: list[Problem], names: dict[int, str]
) -> None:
    """`names` maps a 0-based column index to its header, so the message names the column."""
    for merged in ws.merged_cells.ranges:
        letter = get_column_letter(merged.min_col)
        name = names.get(merged.min_col - 1)
        problems.append(
            Problem(
                sheet_name,
                merged.min_row,
                f"{name} ({letter})" if name else letter,
                f"cells {merged.coord} are merged; expected one value per cell (unmerge them)",
            )
        )


def _is_formula(value: Any) -> bool:
    return (isinstance(value, str) and value.startswith("=")) or type(value).__name__ in {
        "ArrayFormula",
        "DataTableFormula",
    }


def _formula_problem(sheet: str, row: int, name: str, letter: str, value: Any) -> Problem:
    text = value if isinstance(value, str) else "a formula"
    return Problem(
        sheet,
        row,
        f"{name} ({letter})",
        f"holds the formula {text}; expected a plain value (paste values only)",
    )


PARSERS: dict[Kind, Callable[[Any], Any]] = {
    Kind.TEXT: cells.parse_text,
    Kind.INT: cells.parse_int,
    Kind.NUMBER: cells.parse_number,
    Kind.DATE: cells.parse_date,
    Kind.TIME: cells.parse_time,
    Kind.BOOL: cells.parse_bool,
    Kind.LIST: cells.parse_list,
    Kind.DAY: cells.parse_day,
}


def _parse(
    column: Column,
    value: Any,
    sheet: str,
    row: int,
    letter: str,
    problems: list[Problem],
    label: str | None = None,
) -> Any:
    if cells.is_blank(value):
        return None
    try:
        if column.kind == Kind.CHOICE:
            return cells.parse_choice(value, column.choices)
        return PARSERS[column.kind](value)
    except cells.CellError as error:
        problems.append(
            Problem(
                sheet,
                row,
                f"{label or column.name} ({letter})",
                f"{error}; expected {column.expected()}",
            )
        )
        return None
