"""Input problems: each names the sheet, row and column, what is wrong and what is expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.sheet] if self.sheet else ["workbook"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class InputError(Exception):
    """Raised with every problem found, so the user can fix them all in one go."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_order)
        super().__init__(f"{len(self.problems)} problem(s) in the input")


def _order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.sheet, problem.row or 0, problem.column or "", problem.message)
