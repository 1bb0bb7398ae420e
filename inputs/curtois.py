"""The Curtois-Qu employee rostering benchmark (instances 1-24) as the product's own problem.

The format is described in `../shared/benchmarks/curtois/README.md`: sections of
comma-separated lines (horizon, shifts, staff, days off, shift-on and shift-off
requests, cover). Each instance becomes a `ProblemData` whose rules are ordinary
rules of the catalogue, so the same model, checkers and writers serve it:

- one shift per day: rule one_tour_per_day;
- CannotFollow: Shifts.cannot_follow, rule min_rest_hours (at 0 hours: times play no part);
- MaxShifts per type: Officers.max_shifts, rule max_shifts_per_type;
- Min/MaxTotalMinutes: Officers.min_hours / max_hours, rule contract_hours;
- Max/MinConsecutiveShifts: Officers.max/min_consecutive_days, rules max_consecutive_days
  and min_consecutive_days;
- MinConsecutiveDaysOff: Officers.min_rest_days, rule min_consecutive_rest_days;
- MaxWeekends: Officers.max_weekends, rule max_weekends;
- days off: Absences of type day_off, rule absences;
- shift-on / shift-off requests: Requests (want yes / no), rule requests at weight 1;
- cover with under and over weights: a Cover target with under_weight and over_weight,
  rule cover_target at weight 1.

Every other rule is off, every benchmark constraint is hard, and the soft rules weigh 1,
so the product's objective is the benchmark's objective exactly. The benchmark's
boundary conventions (days outside the horizon are days off for maximum runs, and
unlimited work or rest for minimum runs) are those of the product's rules when there is
no History. Every shift starts at midnight: its times only carry its length.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path

from inputs.catalogue import RuleSpec
from inputs.errors import InputError, Problem
from inputs.problem import (
    MINUTES_PER_DAY,
    Absence,
    AbsenceType,
    CoverRow,
    Officer,
    ProblemData,
    Rank,
    Request,
    RuleSetting,
    Settings,
    Shift,
    ShiftKind,
    Team,
    TeamKind,
)
from inputs.reader import default_rules

START = date(2024, 1, 1)
"""A Monday: day 0 of every instance is a Monday."""
TEAM = "STAFF"
SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)
HARD = ("one_tour_per_day", "absences", "max_shifts_per_type", "contract_hours")
HARD_RUNS = ("max_consecutive_days", "min_consecutive_days", "min_consecutive_rest_days")
SOFT = ("cover_target", "requests")
"""The rules an instance uses (hard, or soft at weight 1), with min_rest_hours at 0 hours
and max_weekends; every other rule of the catalogue is off. Each officer's own limits
replace the rules' values."""


@dataclass
class _Sections:
    lines: dict[str, list[tuple[int, list[str]]]] = field(default_factory=dict)


def read_instance(path: Path, catalogue: Mapping[str, RuleSpec]) -> ProblemData:
    """The instance at `path` as a problem; `InputError` says what it cannot read."""
    sections = _sections(path)
    try:
        return _problem(path.stem, sections, catalogue)
    except (ValueError, KeyError, IndexError) as error:
        problem = Problem(path.name, None, None, f"cannot read the instance: {error}")
        raise InputError([problem]) from None


def _sections(path: Path) -> _Sections:
    found = _Sections()
    current: str | None = None
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line:
                current = None
            continue
        if line.startswith("SECTION_"):
            current = line
            found.lines[current] = []
            continue
        if current is None:
            raise InputError([Problem(path.name, number, None, "data outside a section")])
        found.lines[current].append((number, [part.strip() for part in line.split(",")]))
    missing = [s for s in SECTIONS if s not in found.lines]
    if missing:
        raise InputError([Problem(path.name, None, None, f"missing {', '.join(missing)}")])
    return found


def _problem(name: str, sections: _Sections, catalogue: Mapping[str, RuleSpec]) -> ProblemData:
    days = int(sections.lines["SECTION_HORIZON"][0][1][0])
    shifts = tuple(_shift(n, parts) for n, parts in sections.lines["SECTION_SHIFTS"])
    officers = tuple(_officer(n, parts) for n, parts in sections.lines["SECTION_STAFF"])
    return ProblemData(
        settings=Settings(period_start=START, period_days=days, borough=name, notice_date=START),
        officers=officers,
        teams=(Team(team_id=TEAM, kind=TeamKind.OTHER),),
        shifts=shifts,
        cover=tuple(_cover(n, parts) for n, parts in sections.lines["SECTION_COVER"]),
        absences=tuple(_days_off(sections.lines["SECTION_DAYS_OFF"])),
        requests=(
            *(_request(n, p, True) for n, p in sections.lines["SECTION_SHIFT_ON_REQUESTS"]),
            *(_request(n, p, False) for n, p in sections.lines["SECTION_SHIFT_OFF_REQUESTS"]),
        ),
        rules=_rules(catalogue),
    )


def _shift(line: int, parts: list[str]) -> Shift:
    code, minutes = parts[0], int(parts[1])
    if not 0 < minutes < MINUTES_PER_DAY:
        raise ValueError(f"line {line}: shift {code} lasts {minutes} minutes")
    end = time(minutes // 60, minutes % 60)
    follow = frozenset(c for c in (parts[2] if len(parts) > 2 else "").split("|") if c)
    return Shift(
        row=line,
        code=code,
        start=time(0),
        end=end,
        kind=ShiftKind.DAY,
        cannot_follow=follow,
    )


def _officer(line: int, parts: list[str]) -> Officer:
    limits = dict(item.split("=") for item in parts[1].split("|") if item)
    return Officer(
        row=line,
        officer_id=parts[0],
        rank=Rank.PC,
        team=TEAM,
        max_shifts={code: int(n) for code, n in limits.items()},
        max_minutes=int(parts[2]),
        min_minutes=int(parts[3]),
        max_consecutive_days=int(parts[4]),
        min_consecutive_days=int(parts[5]),
        min_rest_days=int(parts[6]),
        max_weekends=int(parts[7]),
    )


def _days_off(lines: list[tuple[int, list[str]]]) -> list[Absence]:
    """One day_off absence per run of consecutive days off."""
    found = []
    for line, (officer_id, *days) in lines:
        indices = sorted(int(d) for d in days if d)
        for first, last in _runs(indices):
            found.append(
                Absence(
                    row=line,
                    officer_id=officer_id,
                    start=START + timedelta(days=first),
                    end=START + timedelta(days=last),
                    type=AbsenceType.DAY_OFF,
                )
            )
    return found


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for day in indices:
        if runs and day == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _request(line: int, parts: list[str], want: bool) -> Request:
    officer_id, day, code, weight = parts[0], int(parts[1]), parts[2], int(parts[3])
    return Request(
        row=line,
        officer_id=officer_id,
        date=START + timedelta(days=day),
        shift=code,
        want=want,
        weight=weight,
    )


def _cover(line: int, parts: list[str]) -> CoverRow:
    day, code, need, under, over = int(parts[0]), parts[1], *map(int, parts[2:5])
    return CoverRow(
        row=line,
        team=TEAM,
        day=(START + timedelta(days=day)).isoformat(),
        shift=code,
        min=0,
        target=need,
        under_weight=under,
        over_weight=over,
    )


def _rules(catalogue: Mapping[str, RuleSpec]) -> dict[str, RuleSetting]:
    rules = default_rules(catalogue)
    chosen = {
        **{name: rules[name].model_copy(update={"hard": True}) for name in HARD + HARD_RUNS},
        **{name: rules[name].model_copy(update={"hard": False, "weight": 1}) for name in SOFT},
        "min_rest_hours": rules["min_rest_hours"].model_copy(update={"hard": True, "value": 0}),
        "max_weekends": rules["max_weekends"].model_copy(update={"hard": True}),
    }
    return {
        name: chosen.get(name, setting.model_copy(update={"enabled": False}))
        for name, setting in rules.items()
    }
