"""`roster post --apply`: next month's roster input, with the moves the panel approved.

The input workbook is copied as it is (every sheet, formats and extra columns kept) and
only the Officers rows of moved officers change: `team`, `ward` (the new team's, for an SN
team; blank otherwise), `team_since` (the day postings take effect),
`available_for_posting` (no: just posted) and `preferences` (cleared). The Proposals
sheet, which belonged to this panel, is left out. Written atomically, never over the input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from inputs import cells, sheets
from inputs.posting import Allocation, PostingData
from inputs.problem import TeamKind
from inputs.workbook import find_sheet, normalise
from outputs.xlsx import save_atomically


def write_applied(source: Path, target: Path, data: PostingData, after: Allocation) -> int:
    """Write the roster input with `after`'s moves to `target`; returns how many moved."""
    book = openpyxl.load_workbook(source)
    moves = {o: team for o, _, team in after.moves(data.before)}
    officers = find_sheet(book, sheets.OFFICERS.name, [])
    if officers is None:
        raise ValueError(f"{source.name} has no Officers sheet")
    _update_officers(officers, data, moves)
    proposals = find_sheet(book, sheets.PROPOSALS.name, [])
    if proposals is not None:
        book.remove(proposals)
    save_atomically(book, target)
    return len(moves)


def _update_officers(ws: Worksheet, data: PostingData, moves: dict[str, str]) -> None:
    columns = _columns(ws)
    for number, row in enumerate(ws.iter_rows(min_row=2), start=2):
        raw = row[columns["officer_id"] - 1].value
        officer_id = None if cells.is_blank(raw) else cells.parse_text(raw)
        if officer_id not in moves:
            continue
        team = data.team_by_id[moves[officer_id]]
        ward = team.ward if team.kind == TeamKind.SN else None
        changes: dict[str, Any] = {
            "team": team.team_id,
            "ward": ward,
            "team_since": data.start,
            "available_for_posting": "no",
            "preferences": None,
        }
        for name, value in changes.items():
            cell = ws.cell(number, _column(ws, columns, name), value)
            if name == "team_since":
                cell.number_format = "yyyy-mm-dd"


def _columns(ws: Worksheet) -> dict[str, int]:
    """Header name (normalised) -> 1-based column index."""
    header = next(ws.iter_rows(min_row=1, max_row=1))
    return {normalise(c.value): i for i, c in enumerate(header, start=1) if c.value is not None}


def _column(ws: Worksheet, columns: dict[str, int], name: str) -> int:
    """The column of `name`, added after the last one when the sheet lacks it."""
    key = normalise(name)
    if key not in columns:
        columns[key] = max(columns.values(), default=0) + 1
        ws.cell(1, columns[key], name)
    return columns[key]
