"""Reading the web page as a browser would, for the API tests: forms, tables, jobs."""

from __future__ import annotations

import time
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient

JOB_TIMEOUT = 120.0


class _Forms(HTMLParser):
    """The fields a browser would submit from each form: checked boxes and radios, selected
    options, text inputs; disabled fields are not submitted."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.select: str | None = None
        self.first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({})
            return
        if not self.forms or "disabled" in a:
            if tag == "select":
                self.select = None
            return
        fields = self.forms[-1]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields[a["name"]] = a.get("value", "on")
            elif kind != "file":
                fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self.select = a.get("name")
            self.first_option = None
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.first_option is None:
                self.first_option = value
                fields.setdefault(self.select, value)
            if "selected" in a:
                fields[self.select] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None


def form_fields(html: str, index: int = 0) -> dict[str, str]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms[index]


class _Tables(HTMLParser):
    """The text of each body row of the table with the given id."""

    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id = table_id
        self.depth = 0
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and (self.depth or dict(attrs).get("id") == self.table_id):
            self.depth += 1
        if self.depth == 1:
            if tag == "tbody":
                self.in_body = True
            elif tag == "tr" and self.in_body:
                self.rows.append([])
            elif tag == "td" and self.in_body:
                self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.depth:
            self.depth -= 1
        if self.depth == 1 and tag == "td" and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        if self.depth == 1 and tag == "tbody":
            self.in_body = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table_rows(html: str, table_id: str) -> list[list[str]]:
    parser = _Tables(table_id)
    parser.feed(html)
    return parser.rows


def problem_rows(html: str) -> list[str]:
    """The problems table as the command line prints each problem: 'sheet, row N, column C:
    message'."""
    lines = []
    for sheet, row, column, message in table_rows(html, "problems-table"):
        where = [sheet] + ([f"row {row}"] if row else []) + ([f"column {column}"] if column else [])
        lines.append(f"{', '.join(where)}: {message}")
    return lines


def wait_for_job(client: TestClient, job_url: str, until: Any = None) -> dict[str, Any]:
    """Poll the job's progress until it has ended (or `until(progress)` holds)."""
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        progress: dict[str, Any] = client.get(f"{job_url}/progress").json()
        if progress["state"] != "running" or (until is not None and until(progress)):
            return progress
        time.sleep(0.3)
    raise AssertionError(f"{job_url} still running after {JOB_TIMEOUT:g}s")
