"""Validated problem data: what the input workbook says, checked once and indexed.

Everything downstream (the CP-SAT model, the checkers, the writers) reads these
objects and never the workbook. Rows keep their workbook row number so that
every message can point back at the sheet row a resource manager typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time, timedelta
from enum import StrEnum
from functools import cached_property
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field

MINUTES_PER_DAY = 24 * 60
REST_CODE = "RD"
PROBATION_YEARS = 2
EXPERIENCED_YEARS = 5
HISTORY_MAX_DAYS = 14
"""History is read for this many days before the period; older cells are ignored."""
OFF_REQUEST = "OFF"
TOUR_SEPARATOR = "+"
"""Joins several tours of one day in a roster cell, e.g. 'E+N' (a hand-edited day)."""
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Rank(StrEnum):
    INSP = "Insp"
    PS = "PS"
    PC = "PC"
    PCSO = "PCSO"
    SC = "SC"


SUPERVISOR_RANKS = frozenset({Rank.INSP, Rank.PS})


class TeamKind(StrEnum):
    RESPONSE = "response"
    SN = "sn"
    OTHER = "other"


class ShiftKind(StrEnum):
    EARLY = "early"
    LATE = "late"
    NIGHT = "night"
    DAY = "day"


class ShiftFor(StrEnum):
    RESPONSE = "response"
    SN = "sn"
    OTHER = "other"
    ALL = "all"


class AbsenceType(StrEnum):
    ANNUAL_LEAVE = "annual_leave"
    TRAINING = "training"
    COURT = "court"
    SICK = "sick"
    AID = "aid"
    OTHER = "other"
    DAY_OFF = "day_off"

    @property
    def code(self) -> str:
        """The short code shown in a roster cell."""
        return ABSENCE_CODES[self]


ABSENCE_CODES: dict[AbsenceType, str] = {
    AbsenceType.ANNUAL_LEAVE: "AL",
    AbsenceType.TRAINING: "TR",
    AbsenceType.COURT: "CT",
    AbsenceType.SICK: "SK",
    AbsenceType.AID: "AID",
    AbsenceType.OTHER: "OT",
    AbsenceType.DAY_OFF: "DO",
}
TIME_OFF_ABSENCES = frozenset({AbsenceType.DAY_OFF})
"""Absences that are rest, not leave: a fixed day off counts as a day off for the rest
rules (blocks of rest, days between rest days) and earns no contract-hours credit."""
ABSENCE_BY_CODE: dict[str, AbsenceType] = {code: kind for kind, code in ABSENCE_CODES.items()}


class Row(BaseModel):
    """A row of an input sheet: its Excel row number and any extra columns."""

    model_config = ConfigDict(frozen=True)

    row: int = 0
    extra: dict[str, Any] = Field(default_factory=dict)


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True)

    period_start: date
    period_days: int = 28
    borough: str = ""
    time_limit_seconds: float | None = None
    random_seed: int | None = None
    notice_date: date = Field(default_factory=date.today)
    """Notice of roster changes is counted in whole days from this date. Blank in the
    workbook means the day it is read: the reader leaves it out and this default fills it
    in when the Settings are built, so every problem has one."""


class Officer(Row):
    officer_id: str
    name: str = ""
    rank: Rank
    team: str
    ward: str | None = None
    service_start: date | None = None
    skills: frozenset[str] = frozenset()
    contract_hours: float = 40.0
    tutor_id: str | None = None
    max_shifts: dict[str, int] = Field(default_factory=dict)
    """shift code -> most tours of it over the period (rule max_shifts_per_type)."""
    min_minutes: int | None = None
    max_minutes: int | None = None
    """The officer's own band of minutes worked over the period (rule contract_hours)."""
    max_consecutive_days: int | None = None
    min_consecutive_days: int | None = None
    min_rest_days: int | None = None
    max_weekends: int | None = None
    """The officer's own limits; None: the rule's value applies."""

    @property
    def contract_minutes_per_week(self) -> int:
        return round(self.contract_hours * 60)

    def own(self, limit: str, default: int) -> int:
        """The officer's own value of a per-officer limit, else the rule's `default`."""
        value: int | None = getattr(self, limit)
        return default if value is None else value


class Team(Row):
    team_id: str
    kind: TeamKind
    cluster: str | None = None
    ward: str | None = None
    target_strength: int | None = None
    start_variant: str | None = None


SN_WINDOW = (7, 23)
EVENING = (18, 23)


class ClusterRow(Row):
    """An SN cluster's window, minimum on duty and visibility targets (None: the rule's value)."""

    cluster: str
    from_hour: int = SN_WINDOW[0]
    to_hour: int = SN_WINDOW[1]
    min: int | None = None
    evening_share: float | None = None
    weekend_share: float | None = None

    @property
    def hours(self) -> tuple[int, ...]:
        """Clock hours of the window (24-47 = after midnight when it ends the next day)."""
        end = self.to_hour if self.to_hour > self.from_hour else self.to_hour + 24
        return tuple(range(self.from_hour, end))


class Shift(Row):
    """A tour of duty. `end` at or before `start` means the tour passes midnight."""

    code: str
    start: time
    end: time
    kind: ShiftKind
    for_: ShiftFor = Field(default=ShiftFor.ALL, alias="for")
    cannot_follow: frozenset[str] = frozenset()
    """Shift codes that may not be worked on the day after this tour (rule min_rest_hours)."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    @cached_property
    def start_minute(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @cached_property
    def duration_minutes(self) -> int:
        end = self.end.hour * 60 + self.end.minute
        return (end - self.start_minute) % MINUTES_PER_DAY

    @cached_property
    def end_minute(self) -> int:
        """Minutes after the start of the tour's own day; above 1440 past midnight."""
        return self.start_minute + self.duration_minutes

    @property
    def hours(self) -> float:
        return self.duration_minutes / 60

    def covers_hour(self, hour: int) -> bool:
        """True when the tour covers the whole clock hour `hour` (0-47, from its own day)."""
        return self.start_minute <= hour * 60 and (hour + 1) * 60 <= self.end_minute

    def works_for(self, kind: TeamKind) -> bool:
        return self.for_ == ShiftFor.ALL or self.for_.value == kind.value


class CoverRow(Row):
    """A staffing requirement: who counts (scope and filters), when, how many."""

    team: str | None = None
    cluster: str | None = None
    day: str = "all"
    shift: str | None = None
    from_hour: int | None = None
    to_hour: int | None = None
    min: int = 0
    target: int | None = None
    ranks: frozenset[Rank] = frozenset()
    skill: str | None = None
    under_weight: int = 1
    """Penalty units per officer short of the target (rule cover_target)."""
    over_weight: int = 0
    """Penalty units per officer above the target; 0: being over costs nothing."""

    @property
    def scope_text(self) -> str:
        return f"cluster {self.cluster}" if self.cluster else f"team {self.team}"

    @property
    def hours(self) -> tuple[int, ...]:
        """The clock hours (0-47 from the cover day) an hour-based row spans."""
        if self.from_hour is None or self.to_hour is None:
            return ()
        end = self.to_hour if self.to_hour > self.from_hour else self.to_hour + 24
        return tuple(range(self.from_hour, end))

    def filter_text(self) -> str:
        parts = []
        if self.ranks:
            parts.append("/".join(sorted(self.ranks)))
        if self.skill:
            parts.append(self.skill)
        return " ".join(parts) or "officers"


class Absence(Row):
    officer_id: str
    start: date
    end: date
    type: AbsenceType


class Request(Row):
    officer_id: str
    date: date
    shift: str
    want: bool = True
    weight: int = 1


FLEX_RANKS = (Rank.PC, Rank.PCSO)
"""The ranks a flex request may ask for: ward sergeants stay with their own wards."""
MAX_FLEX_DAYS = "max_flex_days"
"""The Rules row that sets the longest flex request accepted (protocol: ideally 4 weeks)."""
DEFAULT_MAX_FLEX_DAYS = 28


class FlexRequestRow(Row):
    """One row of the FlexRequests sheet: a request's need for one shift and rank.

    A request (`request_id`) may span several rows; `donor_wards` empty means any
    other ward may give officers.
    """

    request_id: str
    ward: str
    problem: str = ""
    start: date
    end: date
    shift: str
    rank: Rank
    officers: int
    donor_wards: frozenset[str] = frozenset()
    authorised_by: str = ""


class RuleSetting(BaseModel):
    """How the borough wants a rule applied; `row` is None when it is the default."""

    model_config = ConfigDict(frozen=True)

    enabled: bool = True
    hard: bool = True
    weight: int = 1
    value: float | None = None
    row: int | None = None
    relaxed: bool = False
    """A hard rule made a heavily weighted penalty by `--best-effort` because it conflicts
    with others: each of its violations is a breach of a hard rule."""


class HistoryRow(Row):
    """One officer's last days before the period: date -> roster cell code."""

    officer_id: str
    codes: dict[date, str] = Field(default_factory=dict)


class PublishedRow(Row):
    """One officer's row of the Published sheet: date -> the published cell.

    A cell is a shift code (several joined with '+'), RD or an absence code; blank
    cells (nothing published that day) are left out.
    """

    officer_id: str
    codes: dict[date, str] = Field(default_factory=dict)


class CachedModel(BaseModel):
    """A frozen model with cached lookups (`cached_property`) that a copy must not keep."""

    model_config = ConfigDict(frozen=True)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy without the cached lookups: they were computed from the old fields."""
        copy = super().model_copy(update=update, deep=deep)
        for key in [k for k in copy.__dict__ if k not in type(self).model_fields]:
            del copy.__dict__[key]
        return copy


class ProblemData(CachedModel):
    """The whole validated input. Built only by `inputs.reader` (or tests)."""

    settings: Settings
    officers: tuple[Officer, ...]
    teams: tuple[Team, ...]
    shifts: tuple[Shift, ...]
    cover: tuple[CoverRow, ...] = ()
    absences: tuple[Absence, ...] = ()
    requests: tuple[Request, ...] = ()
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    history: tuple[HistoryRow, ...] = ()
    published: tuple[PublishedRow, ...] = ()
    clusters: tuple[ClusterRow, ...] = ()
    flex_requests: tuple[FlexRequestRow, ...] = ()

    # ---- calendar -------------------------------------------------------
    @cached_property
    def days(self) -> tuple[date, ...]:
        start = self.settings.period_start
        return tuple(start + timedelta(days=i) for i in range(self.settings.period_days))

    @property
    def num_days(self) -> int:
        return self.settings.period_days

    def day_index(self, day: date) -> int | None:
        index = (day - self.settings.period_start).days
        return index if 0 <= index < self.num_days else None

    def day_text(self, day: int) -> str:
        """A day index as a resource manager reads it, e.g. 'Tue 6 Jan'."""
        when = self.settings.period_start + timedelta(days=day)
        return f"{WEEKDAY_NAMES[when.weekday()]} {when.day} {when:%b}"

    def weekday(self, day: int) -> int:
        """0 = Monday ... 6 = Sunday for a day index of the period."""
        return self.days[day].weekday()

    @cached_property
    def weeks(self) -> tuple[tuple[int, ...], ...]:
        """Day indices of each Mon-Sun week (the period starts on a Monday)."""
        return tuple(tuple(range(w, min(w + 7, self.num_days))) for w in range(0, self.num_days, 7))

    # ---- lookups --------------------------------------------------------
    @cached_property
    def officer_by_id(self) -> dict[str, Officer]:
        return {o.officer_id: o for o in self.officers}

    @cached_property
    def team_by_id(self) -> dict[str, Team]:
        return {t.team_id: t for t in self.teams}

    @cached_property
    def shift_by_code(self) -> dict[str, Shift]:
        return {s.code: s for s in self.shifts}

    def team_of(self, officer: Officer) -> Team:
        return self.team_by_id[officer.team]

    def eligible_shifts(self, officer: Officer) -> tuple[Shift, ...]:
        """The tours an officer may be rostered on: those meant for their team's kind."""
        return self._eligible[officer.officer_id]

    @cached_property
    def _eligible(self) -> dict[str, tuple[Shift, ...]]:
        """Tours meant for the officer's team kind, less those a hard max_shifts_per_type
        limits to none for the officer (the model then has no variable for them)."""
        limits = self.rules.get("max_shifts_per_type")
        strict = limits is not None and limits.enabled and limits.hard
        return {
            o.officer_id: tuple(
                s
                for s in self.shifts
                if s.works_for(self.team_of(o).kind)
                and not (strict and o.max_shifts.get(s.code) == 0)
            )
            for o in self.officers
        }

    def team_members(self, team_id: str) -> tuple[Officer, ...]:
        return self._members.get(team_id, ())

    @cached_property
    def _members(self) -> dict[str, tuple[Officer, ...]]:
        members: dict[str, list[Officer]] = {}
        for officer in self.officers:
            members.setdefault(officer.team, []).append(officer)
        return {team: tuple(group) for team, group in members.items()}

    def teams_of_kind(self, kind: TeamKind) -> tuple[Team, ...]:
        return tuple(t for t in self.teams if t.kind == kind)

    # ---- Safer Neighbourhoods clusters --------------------------------------
    @cached_property
    def cluster_names(self) -> tuple[str, ...]:
        """Clusters of the SN teams, in the order they first appear on the Teams sheet."""
        names = (t.cluster for t in self.teams_of_kind(TeamKind.SN) if t.cluster)
        return tuple(dict.fromkeys(names))

    def cluster(self, name: str) -> ClusterRow:
        """The Clusters sheet's row for a cluster, or the defaults when it has none."""
        found = next((c for c in self.clusters if c.cluster == name), None)
        return found or ClusterRow(cluster=name)

    def cluster_teams(self, name: str) -> tuple[Team, ...]:
        return tuple(t for t in self.teams_of_kind(TeamKind.SN) if t.cluster == name)

    def cluster_officers(self, name: str) -> tuple[Officer, ...]:
        return tuple(o for t in self.cluster_teams(name) for o in self.team_members(t.team_id))

    def sn_shifts(self) -> tuple[Shift, ...]:
        """The start variants of SN teams: the shifts SN teams may work."""
        return tuple(s for s in self.shifts if s.works_for(TeamKind.SN))

    def week_of(self, day: int) -> int:
        return day // 7

    # ---- service ------------------------------------------------------------
    def is_probationer(self, officer: Officer) -> bool:
        """Under two years' service on the first day of the period (unknown: not)."""
        return probationer_on(officer, self.days[0])

    def is_experienced(self, officer: Officer) -> bool:
        """Five years' service or more on the first day of the period (unknown: not)."""
        return experienced_on(officer, self.days[0])

    # ---- absences ---------------------------------------------------------
    @cached_property
    def absence_days(self) -> dict[str, dict[int, Absence]]:
        """officer_id -> day index -> the absence row covering that day."""
        result: dict[str, dict[int, Absence]] = {}
        for absence in self.absences:
            days = result.setdefault(absence.officer_id, {})
            day = absence.start
            while day <= absence.end:
                index = self.day_index(day)
                if index is not None:
                    days.setdefault(index, absence)
                day += timedelta(days=1)
        return result

    def absence_on(self, officer_id: str, day: int) -> Absence | None:
        return self.absence_days.get(officer_id, {}).get(day)

    # ---- history ----------------------------------------------------------
    @cached_property
    def history_by_officer(self) -> dict[str, HistoryRow]:
        return {h.officer_id: h for h in self.history}

    def history_code(self, officer_id: str, offset: int) -> str | None:
        """The History cell `offset` days before the period (1 = the day before), if known."""
        row = self.history_by_officer.get(officer_id)
        if row is None:
            return None
        return row.codes.get(self.settings.period_start - timedelta(days=offset))

    def history_shift(self, officer_id: str, offset: int) -> Shift | None:
        code = self.history_code(officer_id, offset)
        return self.shift_by_code.get(code) if code else None

    def history_worked(self, officer_id: str, offset: int) -> bool | None:
        """Whether the officer worked a tour `offset` days before the period; None if unknown."""
        code = self.history_code(officer_id, offset)
        return None if code is None else code in self.shift_by_code

    def history_absent(self, officer_id: str, offset: int) -> bool:
        """Whether History shows an absence (a fixed day off is rest, not an absence)."""
        code = self.history_code(officer_id, offset)
        return code in ABSENCE_BY_CODE and ABSENCE_BY_CODE[code] not in TIME_OFF_ABSENCES

    # ---- published roster (re-rostering) -------------------------------------
    @cached_property
    def published_by_officer(self) -> dict[str, PublishedRow]:
        return {p.officer_id: p for p in self.published}

    def published_code(self, officer_id: str, day: int) -> str | None:
        """The Published cell of a day index of the period; None when nothing was published."""
        row = self.published_by_officer.get(officer_id)
        return None if row is None else row.codes.get(self.days[day])

    def published_tours(self, officer_id: str, day: int) -> tuple[str, ...] | None:
        """The tours published for the day: () for RD or an absence, None if nothing published."""
        code = self.published_code(officer_id, day)
        if code is None:
            return None
        if code == REST_CODE or code in ABSENCE_BY_CODE:
            return ()
        return tuple(part.strip() for part in code.split(TOUR_SEPARATOR) if part.strip())

    def notice_days(self, day: int) -> int:
        """Whole days of notice from Settings.notice_date to a day index of the period."""
        return (self.days[day] - self.settings.notice_date).days

    # ---- rules --------------------------------------------------------------
    def rule(self, name: str) -> RuleSetting:
        """The borough's setting for a rule; the reader fills in every default."""
        return self.rules[name]

    # ---- cover --------------------------------------------------------------
    def cover_days(self, row: CoverRow) -> tuple[int, ...]:
        """Day indices of the period that a cover row applies to."""
        found = self._cover_days.get(row.day)
        if found is None:
            found = self._dated(row.day)
            if found is None:
                found = tuple(d for d in range(self.num_days) if day_matches(row.day, self.days[d]))
            self._cover_days[row.day] = found
        return found

    def _dated(self, spec: str) -> tuple[int, ...] | None:
        """The day index of an ISO-dated row without a scan of the period (a year of one-day
        rows made the scan most of a one-officer model's build); None for a day word."""
        if spec.lower() in DAY_WORDS:
            return None
        try:
            day = date.fromisoformat(spec)
        except ValueError:
            return None
        if day.isoformat() != spec:
            return None
        index = self.day_index(day)
        return () if index is None else (index,)

    @cached_property
    def _cover_days(self) -> dict[str, tuple[int, ...]]:
        """Cover `day` value -> its day indices, filled in as rows ask."""
        return {}

    def cover_officers(self, row: CoverRow) -> tuple[Officer, ...]:
        """Officers who count towards a cover row: its team/kind/cluster, rank and skill."""
        key = (row.team, row.cluster, row.ranks, row.skill)
        found = self._cover_members.get(key)
        if found is None:
            found = tuple(o for o in self.officers if self._in_cover_scope(row, o))
            self._cover_members[key] = found
        return found

    @cached_property
    def _cover_members(self) -> dict[tuple[object, ...], tuple[Officer, ...]]:
        """Filled as cover rows are asked about; rows with the same scope share an entry."""
        return {}

    def _in_cover_scope(self, row: CoverRow, officer: Officer) -> bool:
        team = self.team_of(officer)
        if row.cluster is not None:
            in_scope = team.kind == TeamKind.SN and team.cluster == row.cluster
        elif row.team in TEAM_KIND_VALUES:
            in_scope = team.kind.value == row.team
        else:
            in_scope = team.team_id == row.team
        if not in_scope:
            return False
        if row.ranks and officer.rank not in row.ranks:
            return False
        return row.skill is None or row.skill in officer.skills


TEAM_KIND_VALUES = frozenset(k.value for k in TeamKind)
DAY_WORDS = frozenset({"all", "weekday", "weekend", *(w.lower() for w in WEEKDAY_NAMES)})


def day_matches(spec: str, day: date) -> bool:
    """Whether a Cover `day` value (Mon..Sun, weekday, weekend, all or an ISO date) covers `day`."""
    word = spec.strip().lower()
    if word == "all":
        return True
    if word == "weekday":
        return day.weekday() < 5
    if word == "weekend":
        return day.weekday() >= 5
    if word in DAY_WORDS:
        return WEEKDAY_NAMES[day.weekday()].lower() == word
    return spec == day.isoformat()


def probationer_on(officer: Officer, day: date) -> bool:
    """Under two years' service on `day` (unknown service: not a probationer)."""
    start = officer.service_start
    return start is not None and _years_after(start, PROBATION_YEARS) > day


def experienced_on(officer: Officer, day: date) -> bool:
    """Five years' service or more on `day` (unknown service: not experienced)."""
    start = officer.service_start
    return start is not None and _years_after(start, EXPERIENCED_YEARS) <= day


def _years_after(day: date, years: int) -> date:
    """The same calendar day `years` later (29 February becomes 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5
