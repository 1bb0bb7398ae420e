"""Write an input workbook: the documented empty template, or a problem laid out for the reader.

Headers, types, drop-downs and the ReadMe text all come from `inputs.sheets`, the
contract the reader parses by, so a workbook written here reads back as the problem
it was written from, and the template documents exactly what the reader accepts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, time
from enum import Enum
from pathlib import Path
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from inputs import sheets
from inputs.catalogue import RuleSpec
from inputs.posting import (
    MAX_PREFIX,
    SKILL_MINIMUM_PREFIX,
    TARGET_PREFIX,
    PostingOfficer,
    PostingTeam,
)
from inputs.problem import (
    Absence,
    ClusterRow,
    CoverRow,
    FlexRequestRow,
    HistoryRow,
    Officer,
    ProblemData,
    PublishedRow,
    Request,
    RuleSetting,
    Settings,
    Shift,
    Team,
)
from inputs.sheets import Column, Kind, Sheet
from outputs.xlsx import save_atomically

DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
TEXT_FORMAT = "@"
COLUMN_FORMATS = {Kind.DATE: DATE_FORMAT, Kind.TIME: TIME_FORMAT}
MAX_WIDTH = 60
VALIDATED_ROWS = 2000
"""Drop-downs reach this many rows below the data, so rows typed in later get them too."""

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADING = Font(bold=True, size=12)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")

# Columns whose drop-down only suggests: a Cover day may also be a date, a Cover rank a list.
SUGGESTIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Cover", "day"): sheets.DAY_CHOICES,
    ("Cover", "rank"): sheets.RANKS,
}
# Cover day holds words or dates: kept as text so a typed date is not turned into a number.
TEXT_COLUMNS = frozenset({("Cover", "day")})

Record = tuple[dict[str, Any], dict[str, Any]]
"""One sheet row: known column name -> value, and the row's extra columns."""


def write_input_workbook(
    path: Path,
    problem: ProblemData | None,
    catalogue: Mapping[str, RuleSpec],
    posting_catalogue: Mapping[str, RuleSpec] | None = None,
) -> None:
    """Write the input workbook for `problem`, or the empty template when it is None.

    With `posting_catalogue`, the PostingRules sheet lists the posting panel's rules at their
    defaults and the ReadMe explains them; without, that sheet is left empty.
    """
    book = Workbook()
    _write_readme(book.worksheets[0], catalogue, posting_catalogue or {})
    for sheet in sheets.ALL_SHEETS:
        ws = book.create_sheet(sheet.name)
        if sheet.key_value:
            _write_settings(ws, sheet, problem.settings if problem else None)
        elif sheet is sheets.HISTORY:
            rows = problem.history if problem else ()
            days = sorted({day for row in rows for day in row.codes})
            _write_grid(ws, sheet, problem, rows, days)
        elif sheet is sheets.PUBLISHED:
            # The Roster layout: a column per date of the period once anything is published.
            published = problem.published if problem else ()
            period = problem.days if problem and published else ()
            _write_grid(ws, sheet, problem, published, period)
        elif sheet is sheets.POSTING_RULES:
            defaults = (posting_catalogue or {}).items()
            _write_table(ws, sheet, [_rule(n, s.default, s) for n, s in defaults])
        else:
            _write_table(ws, sheet, _records(sheet, problem, catalogue))
    save_atomically(book, path)


# ---- records: domain objects as sheet rows ----------------------------------------------


def _records(
    sheet: Sheet, problem: ProblemData | None, catalogue: Mapping[str, RuleSpec]
) -> list[Record]:
    if sheet is sheets.RULES:
        rules = problem.rules if problem else {n: s.default for n, s in catalogue.items()}
        return [_rule(name, setting, catalogue.get(name)) for name, setting in rules.items()]
    if problem is None:
        return []
    converters: dict[str, tuple[Iterable[Any], Callable[[Any], dict[str, Any]]]] = {
        "Officers": (problem.officers, _officer),
        "Teams": (problem.teams, _team),
        "Clusters": (problem.clusters, _cluster),
        "Shifts": (problem.shifts, _shift),
        "Cover": (problem.cover, _cover),
        "Absences": (problem.absences, _absence),
        "Requests": (problem.requests, _request),
        "FlexRequests": (problem.flex_requests, _flex_request),
    }
    rows, convert = converters[sheet.name]
    known = {c.name for c in sheet.columns}
    records = []
    for row in rows:
        values = convert(row)
        undeclared = {k: v for k, v in values.items() if k not in known}  # e.g. min_pol2
        records.append((values, {**row.extra, **undeclared}))
    return records


def _officer(o: Officer) -> dict[str, Any]:
    return {
        "officer_id": o.officer_id,
        "name": o.name,
        "rank": o.rank,
        "team": o.team,
        "ward": o.ward,
        "service_start": o.service_start,
        "skills": o.skills,
        "contract_hours": o.contract_hours,
        "tutor_id": o.tutor_id,
        "max_shifts": [f"{code}={n}" for code, n in o.max_shifts.items()],
        "min_hours": None if o.min_minutes is None else o.min_minutes / 60,
        "max_hours": None if o.max_minutes is None else o.max_minutes / 60,
        "max_consecutive_days": o.max_consecutive_days,
        "min_consecutive_days": o.min_consecutive_days,
        "min_rest_days": o.min_rest_days,
        "max_weekends": o.max_weekends,
        **(_posting_officer(o) if isinstance(o, PostingOfficer) else {}),
    }


def _posting_officer(o: PostingOfficer) -> dict[str, Any]:
    return {
        "available_for_posting": o.available,
        "preferences": ", ".join(o.preferences) or None,
        "team_since": o.team_since,
    }


def _team(t: Team) -> dict[str, Any]:
    return {
        "team_id": t.team_id,
        "kind": t.kind,
        "cluster": t.cluster,
        "ward": t.ward,
        "target_strength": t.target_strength,
        "start_variant": t.start_variant,
        **(_establishment(t) if isinstance(t, PostingTeam) else {}),
    }


def _establishment(t: PostingTeam) -> dict[str, Any]:
    return {
        **{f"{TARGET_PREFIX}{rank.value}": n for rank, n in t.targets.items()},
        **{f"{MAX_PREFIX}{rank.value}": n for rank, n in t.maxima.items()},
        **{f"{SKILL_MINIMUM_PREFIX}{skill}": n for skill, n in t.skill_minima.items()},
    }


def _cluster(c: ClusterRow) -> dict[str, Any]:
    return {
        "cluster": c.cluster,
        "from": c.from_hour,
        "to": c.to_hour,
        "min": c.min,
        "evening_share": c.evening_share,
        "weekend_share": c.weekend_share,
    }


def _shift(s: Shift) -> dict[str, Any]:
    return {
        "code": s.code,
        "start": s.start,
        "end": s.end,
        "kind": s.kind,
        "for": s.for_,
        "cannot_follow": s.cannot_follow,
    }


def _cover(c: CoverRow) -> dict[str, Any]:
    return {
        "team": c.team,
        "cluster": c.cluster,
        "day": c.day,
        "shift": c.shift,
        "from": c.from_hour,
        "to": c.to_hour,
        "min": c.min,
        "target": c.target,
        "rank": c.ranks,
        "skill": c.skill,
        "under_weight": None if c.under_weight == 1 else c.under_weight,
        "over_weight": c.over_weight or None,
    }


def _absence(a: Absence) -> dict[str, Any]:
    return {"officer_id": a.officer_id, "from": a.start, "to": a.end, "type": a.type}


def _request(r: Request) -> dict[str, Any]:
    return {
        "officer_id": r.officer_id,
        "date": r.date,
        "shift": r.shift,
        "want": r.want,
        "weight": r.weight,
    }


def _flex_request(r: FlexRequestRow) -> dict[str, Any]:
    return {
        "request_id": r.request_id,
        "ward": r.ward,
        "problem": r.problem,
        "from": r.start,
        "to": r.end,
        "shift": r.shift,
        "rank": r.rank,
        "officers": r.officers,
        "donor_wards": r.donor_wards,
        "authorised_by": r.authorised_by,
    }


def _rule(name: str, setting: RuleSetting, spec: RuleSpec | None) -> Record:
    values = {
        "rule": name,
        "enabled": setting.enabled,
        "hard": setting.hard,
        "weight": setting.weight,
        "value": setting.value,
    }
    return values, {"about": _rule_about(spec)} if spec else {}


def _rule_about(spec: RuleSpec) -> str:
    if spec.value_help is None:
        return f"{spec.summary} Takes no value."
    return f"{spec.summary} Value: {spec.value_help}."


def _cell_value(value: Any) -> Any:
    """A domain value as the reader parses it back: yes/no, comma lists, plain text, numbers."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, frozenset | tuple | list):
        return ", ".join(sorted(str(v) for v in value)) or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value == "":
        return None
    return value


# ---- sheets -------------------------------------------------------------------------------


def _write_table(ws: Worksheet, sheet: Sheet, records: list[Record]) -> None:
    extra_names = list(dict.fromkeys(name for _, extra in records for name in extra))
    known = {c.name: c for c in sheet.columns}
    names = [*known, *extra_names]
    _write_header(ws, names, sheet)
    for number, (values, extra) in enumerate(records, start=2):
        for index, column in enumerate(sheet.columns, start=1):
            _put(ws, number, index, values.get(column.name), column.kind)
        for index, name in enumerate(extra_names, start=len(sheet.columns) + 1):
            _put(ws, number, index, extra.get(name), None)
    last_row = len(records) + VALIDATED_ROWS
    for index, column in enumerate(sheet.columns, start=1):
        _add_drop_down(ws, sheet.name, column, index, last_row)
        layout = ws.column_dimensions[get_column_letter(index)]
        if (sheet.name, column.name) in TEXT_COLUMNS:
            layout.number_format = TEXT_FORMAT
        elif column.kind in COLUMN_FORMATS:
            layout.number_format = COLUMN_FORMATS[column.kind]
    for index, name in enumerate(names, start=1):
        column_cells = next(ws.iter_cols(index, index, 2, ws.max_row, values_only=True), ())
        example = known[name].example if name in known else ""
        longest = max((_shown_length(v) for v in column_cells), default=0)
        width = max(len(str(name)), len(example), longest, 7) + 3
        ws.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)


def _shown_length(value: Any) -> int:
    if isinstance(value, date):
        return len(DATE_FORMAT)
    return len(str(value)) if value is not None else 0


def _write_settings(ws: Worksheet, sheet: Sheet, settings: Settings | None) -> None:
    """Key/value rows, one per setting, with the help the reader ignores in a third column."""
    _write_header(ws, ["key", "value", "help"], None)
    for number, column in enumerate(sheet.columns, start=2):
        ws.cell(number, 1, column.name)
        value = getattr(settings, column.name) if settings else None
        _put(ws, number, 2, value, column.kind)
        need = "Required" if column.required else "Optional"
        help_cell = ws.cell(
            number, 3, f"{need}, {column.kind.value}. {column.help} Example: {column.example}."
        )
        help_cell.alignment = WRAP
    for letter, width in (("A", 22), ("B", 16), ("C", 70)):
        ws.column_dimensions[letter].width = width


def _write_grid(
    ws: Worksheet,
    sheet: Sheet,
    problem: ProblemData | None,
    rows: Sequence[HistoryRow | PublishedRow],
    days: Sequence[date],
) -> None:
    """The Roster layout (History, Published): who, then one column per date (a real date
    header) holding codes."""
    id_count = len(sheets.HISTORY_ID_COLUMNS)
    _write_header(ws, list(sheets.HISTORY_ID_COLUMNS), sheet)
    for index, day in enumerate(days, start=id_count + 1):
        cell = ws.cell(1, index, day)
        cell.number_format = DATE_FORMAT
        cell.font = BOLD
        cell.fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(index)].width = 12
    for number, row in enumerate(rows, start=2):
        officer = problem.officer_by_id.get(row.officer_id) if problem else None
        who = _officer(officer) if officer else {"officer_id": row.officer_id}
        for index, name in enumerate(sheets.HISTORY_ID_COLUMNS, start=1):
            _put(ws, number, index, who.get(name), None)
        for index, day in enumerate(days, start=id_count + 1):
            ws.cell(number, index, row.codes.get(day))
    for index, width in enumerate((14, 24, 8, 10, 16), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"{get_column_letter(id_count + 1)}2"


def _write_header(ws: Worksheet, names: list[str], sheet: Sheet | None) -> None:
    known = {c.name: c for c in sheet.columns} if sheet else {}
    for index, name in enumerate(names, start=1):
        cell = ws.cell(1, index, name)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        column = known.get(name)
        if column is not None:
            need = "required" if column.required else "optional"
            cell.comment = Comment(f"{column.help} ({need}, {column.kind.value})", "roster")
    ws.freeze_panes = "A2"


def _put(ws: Worksheet, row: int, column: int, value: Any, kind: Kind | None) -> None:
    cell = ws.cell(row, column, _cell_value(value))
    if kind == Kind.DATE or (kind is None and isinstance(value, date)):
        cell.number_format = DATE_FORMAT
    elif kind == Kind.TIME or isinstance(value, time):
        cell.number_format = TIME_FORMAT


def _add_drop_down(ws: Worksheet, sheet_name: str, column: Column, index: int, last: int) -> None:
    """One list validation per column range: the choices strictly, suggestions loosely."""
    strict = bool(column.choices)
    choices = column.choices or SUGGESTIONS.get((sheet_name, column.name), ())
    if not choices:
        return
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=strict,
        errorStyle="stop" if strict else "information",
        errorTitle=f"{sheet_name} {column.name}",
        error=f"Expected {column.expected()}.",
        promptTitle=column.name,
        prompt=column.help[:255],
        showInputMessage=False,
    )
    letter = get_column_letter(index)
    validation.add(f"{letter}2:{letter}{last}")
    ws.add_data_validation(validation)


# ---- ReadMe -------------------------------------------------------------------------------

INTRODUCTION = (
    "This workbook is the input of the roster optimiser. Fill in one sheet per subject; "
    "each sheet has a header row, then one row per item.",
    "Sheet and column names are not case-sensitive. Leave an optional cell blank for its "
    "default. Extra columns of your own are kept and carried to the output.",
    "Coded columns have drop-down lists. Dates are real dates (2026-01-05) or typed as "
    "05/01/2026; times as 07:00. Formulas and merged cells are refused: paste values only.",
    "Check the workbook with 'roster validate FILE.xlsx', then build the roster with "
    "'roster solve FILE.xlsx -o roster.xlsx'.",
)
SHEET_TABLE = ("column", "required", "type", "what it means", "example")
RULE_TABLE = (
    "rule",
    "default",
    "weight",
    "what it does",
    "value",
    "what value means",
    "one unit of violation",
)
README_WIDTHS = (26, 12, 14, 60, 16, 36, 30)


def _write_readme(
    ws: Worksheet, catalogue: Mapping[str, RuleSpec], posting_catalogue: Mapping[str, RuleSpec]
) -> None:
    """For each sheet what it is for and what each column takes; then the rule catalogue."""
    ws.title = "ReadMe"
    ws.cell(1, 1, "Roster input workbook").font = TITLE
    number = 2
    for line in INTRODUCTION:
        ws.cell(number, 1, line)
        number += 1
    for sheet in sheets.ALL_SHEETS:
        number = _readme_sheet(ws, sheet, number + 1)
    number = _readme_rules(ws, catalogue, number + 1)
    if posting_catalogue:
        _readme_rules(ws, posting_catalogue, number + 1, sheets.POSTING_RULES.name)
    for index, width in enumerate(README_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _readme_sheet(ws: Worksheet, sheet: Sheet, number: int) -> int:
    need = "required sheet" if sheet.required else "optional sheet"
    ws.cell(number, 1, f"{sheet.name} ({need})").font = HEADING
    ws.cell(number + 1, 1, sheet.help)
    headings = ("key", *SHEET_TABLE[1:]) if sheet.key_value else SHEET_TABLE
    number = _readme_header(ws, number + 2, headings)
    for column in sheet.columns:
        values = (
            column.name,
            "required" if column.required else "optional",
            column.kind.value,
            column.help + (f" One of: {', '.join(column.choices)}." if column.choices else ""),
            column.example,
        )
        _readme_row(ws, number, values)
        number += 1
    if sheet in sheets.GRID_SHEETS:
        rest = "name, rank, team, ward: optional; then one column per date, headed by the date."
        _readme_row(ws, number, ("(others)", "optional", "", rest, ""))
        number += 1
    return number


def _readme_rules(
    ws: Worksheet, catalogue: Mapping[str, RuleSpec], number: int, sheet: str = "Rules"
) -> int:
    ws.cell(number, 1, f"{sheet} (set them on the {sheet} sheet)").font = HEADING
    ws.cell(
        number + 1,
        1,
        "Hard rules must hold; soft rules cost weight x violations. A rule missing from the "
        "Rules sheet applies at its default below.",
    )
    number = _readme_header(ws, number + 2, RULE_TABLE)
    for spec in catalogue.values():
        default = spec.default
        kind = "hard" if default.hard else "soft"
        fixed = [] if spec.can_disable and spec.can_soften else ["always on and hard"]
        values = (
            spec.name,
            kind if default.enabled else f"off ({kind})",
            str(default.weight),
            " ".join([spec.summary, *(f"({f})" for f in fixed)]),
            "-" if default.value is None else f"{default.value:g}",
            spec.value_help or "takes no value",
            spec.unit,
        )
        _readme_row(ws, number, values)
        number += 1
    return number


def _readme_header(ws: Worksheet, number: int, headings: tuple[str, ...]) -> int:
    for index, heading in enumerate(headings, start=1):
        cell = ws.cell(number, index, heading)
        cell.font = BOLD
        cell.fill = HEADER_FILL
    return number + 1


def _readme_row(ws: Worksheet, number: int, values: tuple[str, ...]) -> None:
    for index, value in enumerate(values, start=1):
        ws.cell(number, index, value).alignment = WRAP


def write_rules_sheet(
    ws: Worksheet, rows: Sequence[Mapping[str, Any]], catalogue: Mapping[str, RuleSpec]
) -> None:
    """A Rules sheet alone, laid out as the template's: `rows` hold each rule's cells (rule,
    enabled, hard, weight, value), as typed, so that the reader judges them as it would a
    resource manager's; each row gets the rule's about text."""
    records = [(dict(values), {"about": _rule_about(catalogue[values["rule"]])}) for values in rows]
    _write_table(ws, sheets.RULES, records)
