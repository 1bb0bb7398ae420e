"""A roster as plain data: who works which tour on each day of the period.

Both the solver and the roster-workbook reader produce this, and the checkers
judge it, so a roster edited by hand in Excel is checked exactly like one the
solver made.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Roster:
    """officer_id -> one entry per day: a shift code, or None for no tour (rest or absence).

    `team_tours` holds, for each response team, the tour the team works as a unit
    each day (None = the team's rest day), when the roster states it.
    """

    tours: dict[str, tuple[str | None, ...]]
    team_tours: dict[str, tuple[str | None, ...]] = field(default_factory=dict)

    def tour(self, officer_id: str, day: int) -> str | None:
        return self.tours[officer_id][day]

    def works(self, officer_id: str, day: int) -> bool:
        return self.tours[officer_id][day] is not None
