"""The panel's decisions typed on the web page, written where `roster post --decisions`
reads them: the decision column of the Proposals sheet of the run they were taken on.

The proposals workbook is copied as it is and only the decision cells of the moves named
change, so a re-run reads the decisions exactly as if the panel had typed them in Excel.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import openpyxl

from inputs import cells, sheets
from inputs.workbook import find_sheet
from outputs.posting_apply import _column, _columns
from outputs.xlsx import save_atomically

Move = tuple[str, str, str]
"""(officer_id, from, to) of a Proposals row."""


def write_decisions(source: Path, target: Path, decisions: Mapping[Move, str | None]) -> None:
    """Copy the proposals workbook `source` to `target` with the decisions of the moves in
    `decisions` ('approve', 'reject' or None for undecided); other rows keep theirs."""
    book = openpyxl.load_workbook(source, keep_links=False)
    ws = find_sheet(book, sheets.PROPOSALS.name, [])
    if ws is None:
        raise ValueError(f"{source.name} has no {sheets.PROPOSALS.name} sheet")
    columns = _columns(ws)
    decision = _column(ws, columns, "decision")
    keys = [columns["officer_id"], columns["from"], columns["to"]]
    for number, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        move = tuple(
            "" if cells.is_blank(row[k - 1]) else cells.parse_text(row[k - 1]) for k in keys
        )
        if move in decisions:
            ws.cell(number, decision, decisions[move])  # type: ignore[index]
    save_atomically(book, target)
