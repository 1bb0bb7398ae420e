"""What the flex plan works from, built once: the requests, the SN officers and their tours.

`roster flex` reads the input workbook (for the FlexRequests sheet, the officers,
teams, shifts and rules) and a solved roster workbook. Flex changes where an SN
officer works, never when, so all it needs of the roster is each SN officer's
rostered tours; `FlexData` keeps exactly that, with the requests grouped and
indexed, and `FlexPlan` is its answer: which officer-tours go to which request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from inputs.errors import InputError, Problem
from inputs.problem import (
    WEEKDAY_NAMES,
    CachedModel,
    FlexRequestRow,
    Officer,
    ProblemData,
    RuleSetting,
    Shift,
    TeamKind,
)
from inputs.roster import Roster
from inputs.sheets import FLEX_REQUESTS

REVIEW_AFTER_DAYS = 14
"""The protocol: a flex is reviewed at the borough tasking process after 2 weeks."""
OPERATION_CODE = "Authorised SNT flex"
"""The CARM3 operation code every flexed deployment is recorded under."""


class FlexRequest(BaseModel):
    """A request as a whole: its rows (one per shift and rank) and the dates it runs."""

    model_config = ConfigDict(frozen=True)

    request_id: str
    ward: str
    problem: str
    authorised_by: str
    start: date
    end: date
    rows: tuple[FlexRequestRow, ...]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def review_date(self) -> date | None:
        """Two weeks in; None when the request ends before then."""
        review = self.start + timedelta(days=REVIEW_AFTER_DAYS)
        return review if review <= self.end else None


class FlexData(CachedModel):
    """The validated input of a flex plan. Built only by `build_flex_data` (or tests)."""

    period_start: date
    num_days: int
    borough: str = ""
    rows: tuple[FlexRequestRow, ...]
    officers: tuple[Officer, ...]
    """The SN officers, every rank: wards' duty hours count them all."""
    ward_clusters: dict[str, str | None]
    """Every SN ward, in Teams order, and its cluster."""
    shifts: dict[str, Shift]
    tours: dict[str, tuple[tuple[str, ...], ...]]
    """SN officer -> the tours rostered on each day of the period."""
    rules: dict[str, RuleSetting]

    # ---- calendar ---------------------------------------------------------------
    def day_index(self, day: date) -> int:
        return (day - self.period_start).days

    def date_of(self, day: int) -> date:
        return self.period_start + timedelta(days=day)

    def day_text(self, day: int) -> str:
        """A day index as a resource manager reads it, e.g. 'Tue 6 Jan'."""
        when = self.date_of(day)
        return f"{WEEKDAY_NAMES[when.weekday()]} {when.day} {when:%b}"

    def row_days(self, row: FlexRequestRow) -> range:
        """Day indices of the period a request row asks for officers on."""
        first = max(0, self.day_index(row.start))
        return range(first, min(self.num_days, self.day_index(row.end) + 1))

    @cached_property
    def window(self) -> tuple[int, ...]:
        """Days on which any request runs: wards' duty hours are counted over these."""
        return tuple(sorted({d for row in self.rows for d in self.row_days(row)}))

    # ---- lookups ----------------------------------------------------------------
    @property
    def wards(self) -> tuple[str, ...]:
        return tuple(self.ward_clusters)

    @cached_property
    def officer_by_id(self) -> dict[str, Officer]:
        return {o.officer_id: o for o in self.officers}

    @cached_property
    def row_by_number(self) -> dict[int, FlexRequestRow]:
        return {row.row: row for row in self.rows}

    @cached_property
    def requests(self) -> tuple[FlexRequest, ...]:
        """The requests in sheet order, each with its rows and the dates it runs."""
        grouped: dict[str, list[FlexRequestRow]] = {}
        for row in self.rows:
            grouped.setdefault(row.request_id, []).append(row)
        return tuple(_request(rows) for rows in grouped.values())

    def request_of(self, row: FlexRequestRow) -> FlexRequest:
        return next(r for r in self.requests if r.request_id == row.request_id)

    def ward_officers(self, ward: str) -> tuple[Officer, ...]:
        return self._by_ward.get(ward, ())

    @cached_property
    def _by_ward(self) -> dict[str, tuple[Officer, ...]]:
        found: dict[str, list[Officer]] = {}
        for officer in self.officers:
            found.setdefault(officer.ward or "", []).append(officer)
        return {ward: tuple(group) for ward, group in found.items()}

    def on(self, officer_id: str, day: int) -> tuple[str, ...]:
        """The tours the roster gives an SN officer on a day index of the period."""
        return self.tours[officer_id][day]

    def rule(self, name: str) -> RuleSetting:
        return self.rules[name]

    # ---- what may be flexed -----------------------------------------------------
    @cached_property
    def candidates(self) -> tuple[tuple[str, int, FlexRequestRow], ...]:
        """(officer, day, request row) for every rostered tour that could answer a row:
        an SN officer of the row's rank from another ward, rostered on the row's shift that
        day. Approval of the donor ward is a rule of its own, not part of this."""
        found = []
        for row in self.rows:
            for officer in self.officers:
                if officer.rank != row.rank or officer.ward == row.ward:
                    continue
                for day in self.row_days(row):
                    if row.shift in self.on(officer.officer_id, day):
                        found.append((officer.officer_id, day, row))
        return tuple(found)

    # ---- duty hours ---------------------------------------------------------------
    def minutes(self, code: str) -> int:
        return self.shifts[code].duration_minutes

    @cached_property
    def duty_minutes(self) -> dict[str, int]:
        """Per ward: minutes of its own officers' rostered tours starting on window days."""
        return {
            ward: sum(
                self.minutes(code)
                for officer in self.ward_officers(ward)
                for day in self.window
                for code in self.on(officer.officer_id, day)
            )
            for ward in self.wards
        }


@dataclass(frozen=True, order=True)
class Deployment:
    """One officer-tour flexed: the officer works their rostered `shift` on `day` on the
    receiving ward of the FlexRequests row `request_row`."""

    day: int
    request_row: int
    officer_id: str
    shift: str


@dataclass(frozen=True)
class FlexPlan:
    """The answer of `roster flex`, as plain data: both the solver and tests produce it."""

    deployments: tuple[Deployment, ...]

    @classmethod
    def of(cls, *deployments: Deployment) -> FlexPlan:
        return cls(tuple(sorted(deployments)))


def require_requests(problem: ProblemData) -> None:
    """A flex plan needs something to plan: `InputError` when the workbook has no request."""
    if not problem.flex_requests:
        sheet = FLEX_REQUESTS.name
        raise InputError(
            [Problem(sheet, None, None, f"no flex request; expected a {sheet} sheet with rows")]
        )


def build_flex_data(problem: ProblemData, roster: Roster) -> FlexData:
    """The flex plan's input from the validated problem and a roster of its period."""
    require_requests(problem)
    sn_teams = problem.teams_of_kind(TeamKind.SN)
    officers = tuple(o for t in sn_teams for o in problem.team_members(t.team_id))
    return FlexData(
        period_start=problem.settings.period_start,
        num_days=problem.num_days,
        borough=problem.settings.borough,
        rows=problem.flex_requests,
        officers=officers,
        ward_clusters={t.ward: t.cluster for t in sn_teams if t.ward},
        shifts=problem.shift_by_code,
        tours={o.officer_id: roster.tours[o.officer_id] for o in officers},
        rules=problem.rules,
    )


def _request(rows: list[FlexRequestRow]) -> FlexRequest:
    first = rows[0]
    return FlexRequest(
        request_id=first.request_id,
        ward=first.ward,
        problem=next((r.problem for r in rows if r.problem), ""),
        authorised_by=next((r.authorised_by for r in rows if r.authorised_by), ""),
        start=min(r.start for r in rows),
        end=max(r.end for r in rows),
        rows=tuple(rows),
    )
