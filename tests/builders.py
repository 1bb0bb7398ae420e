"""Small hand-made problems for rule tests: two or three officers, a week or two."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from constraints.registry import catalogue
from inputs.problem import (
    Absence,
    ClusterRow,
    CoverRow,
    HistoryRow,
    Officer,
    ProblemData,
    PublishedRow,
    Request,
    RuleSetting,
    Settings,
    Shift,
    Team,
)
from inputs.reader import default_rules

MONDAY = date(2026, 1, 5)

EARLY = Shift(code="E", start=time(7), end=time(15), kind="early", for_="all")
LATE = Shift(code="L", start=time(15), end=time(23), kind="late", for_="all")
NIGHT = Shift(code="N", start=time(22), end=time(7), kind="night", for_="all")
SHIFTS = (EARLY, LATE, NIGHT)


def officer(officer_id: str, team: str = "R1", **fields: Any) -> Officer:
    return Officer(officer_id=officer_id, rank=fields.pop("rank", "PC"), team=team, **fields)


def team(team_id: str = "R1", kind: str = "response", **fields: Any) -> Team:
    return Team(team_id=team_id, kind=kind, **fields)


def only(*names: str, **overrides: RuleSetting) -> dict[str, RuleSetting]:
    """Rule settings with every rule off except `names` (at their defaults) and `overrides`."""
    rules = {
        name: spec.default.model_copy(update={"enabled": name in names or name in overrides})
        for name, spec in catalogue().items()
    }
    for name in ("one_tour_per_day", "absences"):
        rules[name] = catalogue()[name].default
    rules.update(overrides)
    return rules


def make_problem(
    officers: list[Officer],
    *,
    teams: list[Team] | None = None,
    shifts: tuple[Shift, ...] = SHIFTS,
    days: int = 7,
    cover: list[CoverRow] | None = None,
    absences: list[Absence] | None = None,
    requests: list[Request] | None = None,
    rules: dict[str, RuleSetting] | None = None,
    history: dict[str, dict[int, str]] | None = None,
    published: dict[str, str] | None = None,
    notice_date: date | None = None,
    clusters: list[ClusterRow] | None = None,
) -> ProblemData:
    """A problem starting Monday 5 Jan 2026; history maps officer -> {days before: code};
    published maps officer -> a Published row as text, one cell per day from the first
    (a code such as E, E+L, RD or AL; `.` for a blank cell)."""
    team_ids = sorted({o.team for o in officers})
    history_rows = tuple(
        HistoryRow(
            officer_id=o,
            codes={date.fromordinal(MONDAY.toordinal() - k): c for k, c in codes.items()},
        )
        for o, codes in (history or {}).items()
    )
    return ProblemData(
        settings=Settings(period_start=MONDAY, period_days=days, notice_date=notice_date or MONDAY),
        officers=tuple(officers),
        teams=tuple(teams or [team(t) for t in team_ids]),
        shifts=shifts,
        cover=tuple(cover or ()),
        absences=tuple(absences or ()),
        requests=tuple(requests or ()),
        rules=rules if rules is not None else default_rules(catalogue()),
        history=history_rows,
        published=tuple(
            PublishedRow(
                row=n,
                officer_id=o,
                codes={
                    date.fromordinal(MONDAY.toordinal() + d): c
                    for d, c in enumerate(text.split())
                    if c != "."
                },
            )
            for n, (o, text) in enumerate((published or {}).items(), start=2)
        ),
        clusters=tuple(clusters or ()),
    )
