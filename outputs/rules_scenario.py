"""A scenario's input workbook: the uploaded workbook with its Rules sheet rewritten.

The senior management team tries rule changes on the web page without touching the
workbook the resource manager uploaded: every other sheet is copied as it is, the Rules
sheet is replaced in place (same position) and the copy is written atomically elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from inputs import sheets
from inputs.catalogue import RuleSpec
from inputs.workbook import find_sheet
from outputs.input_workbook import write_rules_sheet
from outputs.xlsx import save_atomically


def write_with_rules(
    source: Path,
    target: Path,
    rows: Sequence[Mapping[str, Any]],
    catalogue: Mapping[str, RuleSpec],
) -> None:
    """Copy `source` to `target` with a Rules sheet of `rows` (see `write_rules_sheet`)."""
    book = openpyxl.load_workbook(source, keep_links=False)
    old = find_sheet(book, sheets.RULES.name, [])
    index = book.index(old) if old is not None else len(book.worksheets)
    if old is not None:
        book.remove(old)
    write_rules_sheet(book.create_sheet(sheets.RULES.name, index), rows, catalogue)
    save_atomically(book, target)
