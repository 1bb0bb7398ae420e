"""Taking an uploaded workbook in: is it an .xlsx at all, what do the readers make of it.

The bytes are judged by content, not by the name the browser sent: an .xlsx is a zip
package with a spreadsheet's main part, and not a macro-enabled one. Then the roster
reader and the posting panel's reader each read it, exactly as `roster validate` and
`roster post` would (formulas are not evaluated, external links not followed). A workbook
that neither accepts is deleted and leaves no trace; one that either accepts is kept under
a number, with the problems the other found.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from app import pipeline, posting
from inputs.errors import InputError, Problem
from inputs.problem import RuleSetting
from web.store import Store

MAIN_PART = b"spreadsheetml.sheet.main+xml"
MACRO_PART = b"macroEnabled"
MAX_UNPACKED_RATIO = 20
"""A workbook may unpack to at most this many times the upload limit (zip bombs)."""
NAME_LENGTH = 120
AS_UPLOADED = "As uploaded"


@dataclass
class Outcome:
    """An upload kept (its number) or refused (the problems, as the command line says them)."""

    upload_id: int | None = None
    problems: list[Problem] = field(default_factory=list)
    headline: str = ""


def display_name(filename: str | None) -> str:
    """The browser's file name, only ever shown: no folders, no control characters."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    return name[:NAME_LENGTH] or "workbook.xlsx"


def not_a_workbook(data: bytes, name: str, limit: int) -> Problem | None:
    """Why the bytes are not a plain .xlsx workbook, in the command line's words; else None."""
    refused = Problem("", None, None, f"file {name} is not an Excel .xlsx workbook")
    if not data.startswith(b"PK\x03\x04"):
        return refused
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        names = set(package.namelist())
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            return refused
        unpacked = sum(entry.file_size for entry in package.infolist())
        if unpacked > MAX_UNPACKED_RATIO * limit:
            return Problem(
                "",
                None,
                None,
                f"file {name} unpacks to {unpacked / 2**20:,.0f} MB; expected a workbook of at "
                f"most {MAX_UNPACKED_RATIO * limit / 2**20:,.0f} MB unpacked",
            )
        types = package.read("[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, ValueError):
        return refused
    if MACRO_PART in types:
        return Problem(
            "",
            None,
            None,
            f"file {name} is a macro-enabled workbook; expected a plain .xlsx workbook "
            "(save it as Excel Workbook .xlsx)",
        )
    return None if MAIN_PART in types else refused


def accept(store: Store, data: bytes, name: str, limit: int) -> Outcome:
    """Keep the workbook when the roster or the panel's reader accepts it."""
    refused = not_a_workbook(data, name, limit)
    if refused is not None:
        return Outcome(None, [refused], _headline(1, name))
    incoming = store.incoming / f"{secrets.token_hex(16)}.xlsx"
    try:
        incoming.write_bytes(data)
        roster, roster_problems = _read(pipeline.load, incoming, name)
        panel, posting_problems = _read(posting.load, incoming, name)
        if roster is None and panel is None:
            return Outcome(None, roster_problems, _headline(len(roster_problems), name))
        facts = _facts(roster or panel, roster_problems, posting_problems, panel)
        digest = hashlib.sha256(data).hexdigest()
        upload_id = store.add_upload(name, digest, len(data), facts)
        rules = rule_settings(roster.rules) if roster is not None else {}
        scenario_id = store.add_scenario(upload_id, AS_UPLOADED, [], rules)
        shutil.copyfile(incoming, store.scenario_file(scenario_id))
        os.replace(incoming, store.upload_file(upload_id))
        return Outcome(upload_id)
    finally:
        incoming.unlink(missing_ok=True)


def rule_settings(rules: dict[str, RuleSetting]) -> dict[str, dict[str, Any]]:
    """The settings as JSON for the database (the workbook row is not kept)."""
    return {name: setting.model_dump(exclude={"row"}) for name, setting in rules.items()}


def _read(load: Any, path: Path, name: str) -> tuple[Any, list[Problem]]:
    try:
        return load(path), []
    except InputError as error:
        return None, [_named(p, path.name, name) for p in error.problems]


def _named(problem: Problem, stored: str, name: str) -> Problem:
    """The browser's file name where a message names the file (never the stored one)."""
    message = problem.message.replace(stored, name)
    return Problem(problem.sheet, problem.row, problem.column, message)


def _headline(count: int, name: str) -> str:
    return f"{count} problem(s) in {name}; nothing was written."


def _facts(
    data: Any, roster_problems: list[Problem], posting_problems: list[Problem], panel: Any
) -> dict[str, Any]:
    """What the pages say about the workbook without reading it again."""
    settings = data.settings
    return {
        "borough": settings.borough,
        "period_start": settings.period_start.isoformat(),
        "period_days": settings.period_days,
        "officers": len(data.officers),
        "teams": len(data.teams),
        "time_limit": settings.time_limit_seconds,
        "available_for_posting": sum(o.available for o in panel.officers) if panel else None,
        "roster_problems": [_row(p) for p in roster_problems],
        "posting_problems": [_row(p) for p in posting_problems],
    }


def _row(problem: Problem) -> list[Any]:
    return [problem.sheet, problem.row, problem.column, problem.message]
