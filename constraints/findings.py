"""Reasons a month cannot be rostered, in a resource manager's words, with the rows they rest on.

A `Finding` is one statement ("Cover row 7 needs 2 PS on N on Sat 9 Jan; 3 count for it;
2 are absent: annual leave (Absences rows 4, 9)"); a `Reason` is a set of findings that
cannot all hold together: a conflict the solver proved, or a count the capacity checks
made before any solving. The helpers here put officers, absences and rows into words the
same way for both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from inputs.problem import Absence, CoverRow, Officer, ProblemData, RuleSetting

SheetRow = tuple[str, int]


@dataclass(frozen=True)
class Finding:
    """One statement of a reason: the rules it is about, in words, and the rows it names."""

    rules: tuple[str, ...]
    text: str
    rows: tuple[SheetRow, ...] = ()
    day: date | None = None

    def where(self) -> str:
        """The rows named, by sheet: 'Cover row 7; Absences rows 4, 9'."""
        return rows_text(self.rows)


@dataclass(frozen=True)
class Reason:
    """Findings that cannot all hold together."""

    findings: tuple[Finding, ...]
    source: str
    """'capacity check' (counted from the data, no solver) or 'solver' (a proven conflict)."""
    minimal: bool = True
    """Every finding is needed: relax any one and the others can all hold."""

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r for f in self.findings for r in f.rules))

    def rows(self) -> tuple[SheetRow, ...]:
        return tuple(dict.fromkeys(row for f in self.findings for row in f.rows))


def lines(reasons: Sequence[Reason]) -> list[str]:
    """One line per finding, numbered by conflict, with its rows: for a page or a log."""
    return [
        f"Conflict {number} ({reason.source}): {finding.text}"
        + (f" ({finding.where()})" if finding.rows else "")
        for number, reason in enumerate(reasons, start=1)
        for finding in reason.findings
    ]


def rules_of(reasons: Iterable[Reason]) -> set[str]:
    """Every rule some reason names: what best effort relaxes."""
    return {rule for reason in reasons for rule in reason.rules}


CAPACITY, SOLVER = "capacity check", "solver"


def rows_text(rows: Iterable[SheetRow]) -> str:
    by_sheet: dict[str, list[int]] = defaultdict(list)
    for sheet, row in rows:
        if row not in by_sheet[sheet]:
            by_sheet[sheet].append(row)
    return "; ".join(
        f"{sheet} row{'s' if len(found) > 1 else ''} {', '.join(map(str, sorted(found)))}"
        for sheet, found in by_sheet.items()
    )


def who(officer: Officer) -> str:
    """'PC Jo Bloggs (P123)': rank, name and id."""
    name = f" {officer.name}" if officer.name else ""
    return f"{officer.rank.value}{name} ({officer.officer_id})"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def counted_text(row: CoverRow, count: int) -> str:
    """'3 PS' for a row with filters, '3 officers' without."""
    if row.ranks or row.skill:
        return f"{count} {row.filter_text()}"
    return plural(count, "officer")


def absences_on(
    problem: ProblemData, officers: Iterable[Officer], day: int
) -> list[tuple[Officer, Absence]]:
    """The officers absent on a day index, with the Absences row that says so."""
    found = []
    for officer in officers:
        absence = problem.absence_on(officer.officer_id, day)
        if absence is not None:
            found.append((officer, absence))
    return found


def absences_text(absent: Sequence[tuple[Officer, Absence]]) -> str:
    """'2 are absent: annual leave (Absences rows 4, 9), court (Absences row 12)'."""
    if not absent:
        return "none is absent"
    by_type: dict[str, list[int]] = defaultdict(list)
    for _, absence in absent:
        by_type[absence.type.value.replace("_", " ")].append(absence.row)
    kinds = ", ".join(
        f"{kind} ({rows_text(('Absences', r) for r in rows)})" for kind, rows in by_type.items()
    )
    verb = "is" if len(absent) == 1 else "are"
    return f"{len(absent)} {verb} absent: {kinds}"


def absence_rows(absent: Iterable[tuple[Officer, Absence]]) -> tuple[SheetRow, ...]:
    return tuple(("Absences", absence.row) for _, absence in absent)


def rule_row(
    rules: Mapping[str, RuleSetting], rule: str, sheet: str = "Rules"
) -> tuple[SheetRow, ...]:
    """The row that sets the rule, if the Rules sheet (or `sheet`) has one, else nothing:
    the rule's default holds."""
    setting = rules.get(rule)
    return ((sheet, setting.row),) if setting is not None and setting.row else ()
