"""A roster as plain data: who works which tour on each day of the period.

Both the solver and the roster-workbook reader produce this, and the checkers
judge it, so a roster edited by hand in Excel is checked exactly like one the
solver made.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Roster:
    """officer_id -> one entry per day: the tours worked that day (usually none or one).

    A day is a tuple so that a hand-edited cell such as "E+N" is kept and judged,
    not silently read as one tour.

    `team_tours` holds, for each response team, the tour the team works as a unit
    each day (None = the team's rest day), when the roster states it;
    `ward_variants`, for each SN ward team, its start variant (a shift code) for
    each week of the period, when the roster states it.
    """

    tours: dict[str, tuple[tuple[str, ...], ...]]
    team_tours: dict[str, tuple[str | None, ...]] = field(default_factory=dict)
    ward_variants: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def on(self, officer_id: str, day: int) -> tuple[str, ...]:
        """The tours an officer works on a day index of the period."""
        return self.tours[officer_id][day]

    def works(self, officer_id: str, day: int) -> bool:
        return bool(self.tours[officer_id][day])

    @classmethod
    def from_codes(cls, codes: dict[str, list[str | None]]) -> Roster:
        """Build from one code (or None) per day; handy in tests and the solver."""
        return cls({o: tuple((c,) if c else () for c in days) for o, days in codes.items()})
