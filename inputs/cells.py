"""Turning spreadsheet cells into typed values, with messages a resource manager can act on.

Cells arrive as whatever openpyxl gives: text typed by hand, numbers, dates,
times, booleans. Each parser accepts the usual ways people type a value and
raises `CellError` with a one-line description of what was found.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

TRUE_WORDS = frozenset({"yes", "y", "true", "1"})
FALSE_WORDS = frozenset({"no", "n", "false", "0"})
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")
TIME_PATTERN = re.compile(r"^(\d{1,2})[:.]?(\d{2})(?::00)?$")


class CellError(ValueError):
    """A cell that cannot be read as the column's type; the text says what was found."""


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def shown(value: Any) -> str:
    """How a cell value is quoted back in a message."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time(0) else f"{value:%Y-%m-%d}"
    return f"'{value}'" if isinstance(value, str) else str(value)


def parse_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        raise CellError(f"{shown(value)} is a date or time, not text")
    return str(value).strip()


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError(f"{shown(value)} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        if re.fullmatch(r"[+-]?\d+\.0+", text):
            return int(float(text))
    raise CellError(f"{shown(value)} is not a whole number")


def parse_number(value: Any) -> float:
    if isinstance(value, bool):
        raise CellError(f"{shown(value)} is not a number")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().rstrip("%")) / (100 if value.strip().endswith("%") else 1)
        except ValueError:
            pass
    raise CellError(f"{shown(value)} is not a number")


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        if value.time() != time(0):
            raise CellError(f"{shown(value)} has a time of day")
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise CellError(f"{shown(value)} is not a date")


def parse_time(value: Any) -> time:
    if isinstance(value, datetime):
        if value.date() != date(1899, 12, 30) and value.date() != date(1900, 1, 1):
            raise CellError(f"{shown(value)} is a date, not a time of day")
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, str):
        match = TIME_PATTERN.match(value.strip())
        if match:
            hour, minute = int(match.group(1)), int(match.group(2))
            if hour < 24 and minute < 60:
                return time(hour, minute)
    raise CellError(f"{shown(value)} is not a time of day")


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise CellError(f"{shown(value)} is not yes or no")


def parse_day(value: Any) -> str:
    """A Cover day: a word as typed, or a date (a date cell or typed text) as ISO text."""
    if isinstance(value, datetime | date):
        return parse_date(value).isoformat()
    text = parse_text(value)
    try:
        return parse_date(text).isoformat()
    except CellError:
        return text


def parse_list(value: Any) -> tuple[str, ...]:
    text = parse_text(value)
    return tuple(item.strip() for item in re.split(r"[,;]", text) if item.strip())


def parse_choice(value: Any, choices: tuple[str, ...]) -> str:
    """Case-insensitive match against the allowed values, returning the canonical spelling."""
    text = parse_text(value)
    for choice in choices:
        if choice.lower() == text.lower():
            return choice
    raise CellError(f"{shown(value)} is not allowed")
