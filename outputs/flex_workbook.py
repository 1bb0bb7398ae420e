"""The flex plan workbook: the resource plan for the PSP form 302 and the duty-system records.

Every figure is recomputed from the data and the plan, never read from the
solver: FlexPlan and Records list the deployments, Requests and Need say how
far each request is met (shortfalls per day and tour), Abstraction how much
each ward gives, Rules what the checkers found, Solver how the plan was made.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from constraints.flex.donor_share import out_minutes
from constraints.report import Report
from inputs.flex import OPERATION_CODE, Deployment, FlexData, FlexPlan, FlexRequest
from inputs.problem import WEEKDAY_NAMES, FlexRequestRow, ProblemData
from outputs import styles
from outputs.roster_workbook import (
    KeyValue,
    _header_row,
    _rules_sheet,
    _table_layout,
    _version,
    _write_row,
    _yes_no,
    key_value_sheet,
    run_rows,
)
from outputs.xlsx import save_atomically
from solver.solve import SolveResult

ISO_DATE = "yyyy-mm-dd"


# ---- figures shared with the terminal summary ----------------------------------------------


@dataclass(frozen=True)
class NeedDay:
    """One request row on one day: officers asked for, flexed, short, and who."""

    row: FlexRequestRow
    day: int
    flexed: tuple[str, ...]

    @property
    def short(self) -> int:
        return max(0, self.row.officers - len(self.flexed))


def need_days(data: FlexData, plan: FlexPlan) -> list[NeedDay]:
    """Every day of every request row, in sheet order then by date."""
    who: dict[tuple[int, int], list[str]] = defaultdict(list)
    for d in plan.deployments:
        who[d.request_row, d.day].append(d.officer_id)
    return [
        NeedDay(row, day, tuple(sorted(who[row.row, day])))
        for row in data.rows
        for day in data.row_days(row)
    ]


@dataclass(frozen=True)
class RequestFigures:
    request: FlexRequest
    asked: int
    """Officer-tours asked for over the request."""
    flexed: int
    officers: int

    @property
    def short(self) -> int:
        return self.asked - self.flexed


def request_figures(data: FlexData, plan: FlexPlan) -> list[RequestFigures]:
    needs = need_days(data, plan)
    found = []
    for request in data.requests:
        mine = [n for n in needs if n.row.request_id == request.request_id]
        asked = sum(n.row.officers for n in mine)
        met = sum(min(len(n.flexed), n.row.officers) for n in mine)
        officers = {o for n in mine for o in n.flexed}
        found.append(RequestFigures(request, asked, met, len(officers)))
    return found


@dataclass(frozen=True)
class WardFigures:
    ward: str
    cluster: str | None
    role: str
    """'receiving', 'donor' (approved by some request) or 'not a donor'."""
    officers: int
    duty_minutes: int
    out_minutes: int
    in_minutes: int

    @property
    def share(self) -> Fraction:
        return Fraction(self.out_minutes, self.duty_minutes) if self.duty_minutes else Fraction(0)


@dataclass(frozen=True)
class Abstraction:
    wards: tuple[WardFigures, ...]

    @property
    def largest(self) -> Fraction:
        return max((w.share for w in self.wards), default=Fraction(0))

    @property
    def mean(self) -> Fraction:
        """The borough's share: all hours flexed out over all duty hours of the donor wards."""
        donors = [w for w in self.wards if w.role == "donor"]
        duty = sum(w.duty_minutes for w in donors)
        return Fraction(sum(w.out_minutes for w in donors), duty) if duty else Fraction(0)

    def above_mean(self, ward: WardFigures) -> bool:
        """A ward carrying more than its share of the abstraction."""
        return ward.out_minutes > 0 and ward.share > self.mean


def abstraction(data: FlexData, plan: FlexPlan) -> Abstraction:
    out = out_minutes(data, plan)
    received: Counter[str] = Counter()
    for d in plan.deployments:
        row = data.row_by_number.get(d.request_row)
        if row is not None and d.shift in data.shifts:
            received[row.ward] += data.minutes(d.shift)
    receiving = {row.ward for row in data.rows}
    donors = {w for row in data.rows for w in (row.donor_wards or set(data.wards) - {row.ward})}
    wards = tuple(
        WardFigures(
            ward=ward,
            cluster=cluster,
            role="receiving" if ward in receiving else "donor" if ward in donors else "not a donor",
            officers=len(data.ward_officers(ward)),
            duty_minutes=data.duty_minutes[ward],
            out_minutes=out[ward],
            in_minutes=received[ward],
        )
        for ward, cluster in data.ward_clusters.items()
    )
    return Abstraction(wards)


# ---- the workbook ----------------------------------------------------------------------------


def write_flex_workbook(
    path: Path,
    problem: ProblemData,
    data: FlexData,
    plan: FlexPlan,
    result: SolveResult,
    report: Report,
    hashes: dict[str, str],
) -> None:
    """Write the flex plan workbook to `path` in one rename; `report` is the checkers' verdict."""
    book = Workbook()
    styles.add_styles(book)
    title = f"{data.borough + ' ' if data.borough else ''}SN flex plan"
    _plan_sheet(book.worksheets[0], data, plan, title)
    _requests_sheet(book.create_sheet("Requests"), data, plan, title)
    _need_sheet(book.create_sheet("Need"), data, plan, title)
    _abstraction_sheet(book.create_sheet("Abstraction"), data, plan, title)
    _records_sheet(book.create_sheet("Records"), data, plan, title)
    _rules_sheet(book.create_sheet("Rules"), problem, report, title)
    _solver_sheet(book.create_sheet("Solver"), data, result, report, hashes)
    save_atomically(book, path)


PLAN_HEADER = (
    "request_id", "receiving ward", "date", "weekday", "tour", "officer_id", "name", "rank",
    "home ward", "review date", "end date",
)  # fmt: skip
PLAN_WIDTHS = [11, 18, 13, 9, 6, 12, 22, 6, 18, 13, 13]


def _ordered(data: FlexData, plan: FlexPlan) -> list[tuple[Deployment, FlexRequestRow]]:
    """Deployments by request, date, tour and officer: how the plan is read and briefed."""
    pairs = [(d, data.row_by_number[d.request_row]) for d in plan.deployments]
    return sorted(pairs, key=lambda p: (p[1].request_id, p[0].day, p[0].shift, p[0].officer_id))


def _plan_sheet(ws: Worksheet, data: FlexData, plan: FlexPlan, title: str) -> None:
    ws.title = "FlexPlan"
    _header_row(ws, 1, PLAN_HEADER)
    for r, (d, row) in enumerate(_ordered(data, plan), start=2):
        officer = data.officer_by_id[d.officer_id]
        request = data.request_of(row)
        when = data.date_of(d.day)
        values = (
            row.request_id, row.ward, when, WEEKDAY_NAMES[when.weekday()], d.shift,
            d.officer_id, officer.name, officer.rank.value, officer.ward,
            request.review_date, request.end,
        )  # fmt: skip
        _write_row(ws, r, values)
        style = styles.KIND_STYLES[data.shifts[d.shift].kind]
        ws.cell(r, PLAN_HEADER.index("tour") + 1).style = style
        _date_formats(ws, r, PLAN_HEADER, ("date", "review date", "end date"))
    _table_layout(ws, PLAN_WIDTHS, f"{title}: deployments", filtered=True)


REQUESTS_HEADER = (
    "request_id", "receiving ward", "problem", "authorised by", "from", "to", "days",
    "review date", "end date", "officer-tours asked", "flexed", "short", "officers flexed",
)  # fmt: skip
REQUESTS_WIDTHS = [11, 18, 30, 20, 13, 13, 6, 13, 13, 10, 8, 8, 10]


def _requests_sheet(ws: Worksheet, data: FlexData, plan: FlexPlan, title: str) -> None:
    _header_row(ws, 1, REQUESTS_HEADER)
    for r, figures in enumerate(request_figures(data, plan), start=2):
        q = figures.request
        values = (
            q.request_id, q.ward, q.problem, q.authorised_by, q.start, q.end, q.days,
            q.review_date or "ends before 2 weeks", q.end, figures.asked, figures.flexed,
            figures.short, figures.officers,
        )  # fmt: skip
        _write_row(ws, r, values)
        _date_formats(ws, r, REQUESTS_HEADER, ("from", "to", "review date", "end date"))
        if figures.short:
            ws.cell(r, REQUESTS_HEADER.index("short") + 1).style = styles.BROKEN
    _table_layout(ws, REQUESTS_WIDTHS, f"{title}: requests")


NEED_HEADER = (
    "request_id", "row", "receiving ward", "date", "weekday", "shift", "rank", "needed",
    "flexed", "short", "officers",
)  # fmt: skip
NEED_WIDTHS = [11, 6, 18, 13, 9, 6, 6, 8, 8, 8, 50]


def _need_sheet(ws: Worksheet, data: FlexData, plan: FlexPlan, title: str) -> None:
    _header_row(ws, 1, NEED_HEADER)
    for r, need in enumerate(need_days(data, plan), start=2):
        row, when = need.row, data.date_of(need.day)
        values = (
            row.request_id, row.row, row.ward, when, WEEKDAY_NAMES[when.weekday()], row.shift,
            row.rank.value, row.officers, len(need.flexed), need.short, ", ".join(need.flexed),
        )  # fmt: skip
        _write_row(ws, r, values)
        _date_formats(ws, r, NEED_HEADER, ("date",))
        if need.short:
            for name in ("flexed", "short"):
                ws.cell(r, NEED_HEADER.index(name) + 1).style = styles.BROKEN
    _table_layout(ws, NEED_WIDTHS, f"{title}: need per day and tour", filtered=True)


ABSTRACTION_HEADER = (
    "ward", "cluster", "role", "SN officers", "duty hours", "hours flexed out", "share",
    "hours flexed in", "borough max", "borough mean", "above the mean",
)  # fmt: skip
ABSTRACTION_WIDTHS = [20, 12, 12, 9, 10, 10, 9, 10, 10, 10, 10]


def _abstraction_sheet(ws: Worksheet, data: FlexData, plan: FlexPlan, title: str) -> None:
    figures = abstraction(data, plan)
    _header_row(ws, 1, ABSTRACTION_HEADER)
    share_at = ABSTRACTION_HEADER.index("share") + 1
    for r, w in enumerate(figures.wards, start=2):
        above = figures.above_mean(w)
        values = (
            w.ward, w.cluster, w.role, w.officers, w.duty_minutes / 60, w.out_minutes / 60,
            float(w.share), w.in_minutes / 60, float(figures.largest), float(figures.mean),
            _yes_no(above),
        )  # fmt: skip
        _write_row(ws, r, values)
        for c in (5, 6, 8):
            ws.cell(r, c).number_format = styles.HOURS_FORMAT
        for c in (share_at, share_at + 2, share_at + 3):
            ws.cell(r, c).number_format = styles.SHARE_FORMAT
        if above:
            for c in (share_at, len(ABSTRACTION_HEADER)):
                ws.cell(r, c).style = styles.SHORT
            ws.cell(r, share_at).number_format = styles.SHARE_FORMAT
    window = f"{len(data.window)} days of flex" if data.window else "no flex"
    _table_layout(ws, ABSTRACTION_WIDTHS, f"{title}: abstraction by ward ({window})")


RECORDS_HEADER = (
    "date", "start", "end", "officer_id", "name", "rank", "home ward", "deployed to ward",
    "operation code", "authorised by", "request_id", "problem", "FlexRequests row",
)  # fmt: skip
RECORDS_WIDTHS = [12, 7, 7, 12, 22, 6, 18, 18, 20, 20, 11, 30, 10]


def _records_sheet(ws: Worksheet, data: FlexData, plan: FlexPlan, title: str) -> None:
    """One plain row per officer-tour flexed, for the duty system (CARM3): no styling
    in the data, no blank or total rows."""
    _header_row(ws, 1, RECORDS_HEADER)
    for r, (d, row) in enumerate(_ordered(data, plan), start=2):
        officer, shift = data.officer_by_id[d.officer_id], data.shifts[d.shift]
        request = data.request_of(row)
        values = (
            data.date_of(d.day), f"{shift.start:%H:%M}", f"{shift.end:%H:%M}", d.officer_id,
            officer.name, officer.rank.value, officer.ward, row.ward, OPERATION_CODE,
            request.authorised_by, row.request_id, request.problem, row.row,
        )  # fmt: skip
        _write_row(ws, r, values)
        ws.cell(r, 1).number_format = ISO_DATE
    _table_layout(ws, RECORDS_WIDTHS, f"{title}: records ({OPERATION_CODE})", filtered=True)


def _solver_sheet(
    ws: Worksheet, data: FlexData, result: SolveResult, report: Report, hashes: dict[str, str]
) -> None:
    window = data.window
    rows: list[KeyValue] = [
        *run_rows(result, report, "plan"),
        ("borough", data.borough or None, None),
        ("requests", len(data.requests), None),
        ("days of flex", f"{data.day_text(window[0])} to {data.day_text(window[-1])}", None),
        ("SN officers", len(data.officers), None),
        ("program version", _version("police-roster"), None),
        ("OR-Tools version", _version("ortools"), None),
        *((f"{name} sha256", digest, None) for name, digest in hashes.items()),
        ("written at", datetime.now().replace(microsecond=0), styles.TIMESTAMP_FORMAT),
    ]
    key_value_sheet(ws, rows, "Flex plan solver run")


def _date_formats(ws: Worksheet, r: int, header: tuple[str, ...], names: tuple[str, ...]) -> None:
    for name in names:
        cell = ws.cell(r, header.index(name) + 1)
        if isinstance(cell.value, date | datetime):
            cell.number_format = styles.DATE_FORMAT
