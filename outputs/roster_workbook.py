"""The roster workbook (SPEC section 6): what a borough resource manager prints and pins up.

The Roster and TeamRota sheets use exactly the layout `inputs.roster_reader`
reads, so a roster edited by hand in Excel can be re-checked with `roster
check`; everything else is for people: Coverage, Rules, Officers and Solver
explain the roster with the checkers' figures, never the solver's own claims.
"""

from __future__ import annotations

import importlib.metadata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from constraints import contract_hours, requests, rest_day_notice, stability
from constraints.base import Violation
from constraints.cover import Slot, rostered, scope_words, slots
from constraints.explain import Refusal
from constraints.findings import Reason
from constraints.report import Report, RuleOutcome
from inputs.posting import PostingData
from inputs.problem import (
    ABSENCE_BY_CODE,
    REST_CODE,
    WEEKDAY_NAMES,
    AbsenceType,
    Officer,
    ProblemData,
    Rank,
    Request,
    ShiftKind,
    is_weekend,
)
from inputs.roster import Roster
from inputs.roster_reader import (
    ROSTER_ID_COLUMNS,
    ROSTER_SHEET,
    TEAM_ROTA_ID_COLUMNS,
    TEAM_ROTA_SHEET,
    TOUR_SEPARATOR,
    WARD_VARIANTS_SHEET,
)
from outputs import styles
from outputs.clusters_sheet import write_clusters, write_ward_variants
from outputs.xlsx import save_atomically
from solver.solve import SolveFigures, SolveResult

RANK_ORDER = {rank: index for index, rank in enumerate(Rank)}
FOOTER_LIMIT = 200
"""Excel refuses a page header or footer over 255 characters; leave room for the page number."""

HasOfficers = ProblemData | PostingData
"""The Rules sheet names officers; the posting panel's workbook lays out its Rules sheet
the same way."""
Cells = dict[tuple[str | None, date | None], list[str]]
"""(officer_id or None, day or None) -> what the checkers say is wrong there."""


def write_roster_workbook(
    path: Path,
    problem: ProblemData,
    result: SolveResult,
    report: Report,
    input_hash: str,
    reasons: Sequence[Reason] = (),
    refusals: Sequence[Refusal] = (),
) -> None:
    """Write the roster workbook to `path` in one rename; `report` is the checkers' verdict;
    `reasons`, when given (a best-effort roster), go on a Diagnosis sheet; `refusals` say on
    the Officers sheet why requests were refused."""
    if result.roster is None:
        raise ValueError(f"no roster to write: the solver's status is {result.status.value}")
    roster = result.roster
    book = Workbook()
    styles.add_styles(book)
    first = book.worksheets[0]
    first.title = ROSTER_SHEET
    title = roster_title(problem)
    _roster_sheet(first, problem, roster, _breaches(report), title)
    if roster.team_tours:
        _team_rota_sheet(book.create_sheet(TEAM_ROTA_SHEET), problem, roster, title)
    if roster.ward_variants:
        write_ward_variants(book.create_sheet(WARD_VARIANTS_SHEET), problem, roster)
    if problem.cluster_names:
        write_clusters(book.create_sheet("Clusters"), problem, roster)
    if problem.published:
        _changes_sheet(book.create_sheet(CHANGES_SHEET), problem, roster, report, title)
    _coverage_sheet(book.create_sheet("Coverage"), problem, roster, title)
    _rules_sheet(book.create_sheet("Rules"), problem, report, title)
    why = {r.request.row: r.text for r in refusals}
    _officers_sheet(book.create_sheet("Officers"), problem, roster, report, title, why)
    _solver_sheet(book.create_sheet("Solver"), problem, result, report, input_hash)
    if reasons:
        from outputs.diagnosis_sheet import DIAGNOSIS_SHEET, write_diagnosis

        write_diagnosis(book.create_sheet(DIAGNOSIS_SHEET, 1), reasons, title)
    save_atomically(book, path)


# ---- Roster and TeamRota -----------------------------------------------------------------


def _roster_sheet(
    ws: Worksheet, problem: ProblemData, roster: Roster, breaches: Cells, title: str
) -> None:
    first_day = len(ROSTER_ID_COLUMNS) + 1
    _date_header(ws, problem, ROSTER_ID_COLUMNS)
    for r, officer in enumerate(roster_order(problem), start=2):
        o = officer.officer_id
        ids = (o, officer.name, officer.rank.value, officer.team, officer.ward)
        for c, value in enumerate(ids, start=1):
            ws.cell(r, c, value).style = styles.CELL
        if (o, None) in breaches:
            _mark_breach(ws.cell(r, 1), breaches[o, None])
        for d, day in enumerate(problem.days):
            tours = roster.on(o, d)
            cell = ws.cell(r, first_day + d, _cell_code(problem, o, d, tours))
            problems = breaches.get((o, day))
            if problems:
                _mark_breach(cell, problems)
            else:
                cell.style = _cell_style(problem, o, d, tours)
    for d, day in enumerate(problem.days, start=first_day):
        if (None, day) in breaches:
            _mark_breach(ws.cell(1, d), breaches[None, day])
            ws.cell(1, d).number_format = styles.DATE_HEADER_FORMAT
    widths = [styles.ID_WIDTHS[name] for name in ROSTER_ID_COLUMNS]
    _grid_layout(ws, problem, widths, roster, title, _key_text(problem))


def _team_rota_sheet(ws: Worksheet, problem: ProblemData, roster: Roster, title: str) -> None:
    _date_header(ws, problem, TEAM_ROTA_ID_COLUMNS)
    for r, team_id in enumerate(sorted(roster.team_tours), start=2):
        ws.cell(r, 1, team_id).style = styles.CELL
        for d, code in enumerate(roster.team_tours[team_id], start=2):
            cell = ws.cell(r, d, code or REST_CODE)
            kind = problem.shift_by_code[code].kind if code else None
            cell.style = styles.KIND_STYLES[kind] if kind else styles.REST
    widths = [styles.ID_WIDTHS[name] for name in TEAM_ROTA_ID_COLUMNS]
    _grid_layout(ws, problem, widths, roster, f"{title}: team tours", _key_text(problem))


def roster_order(problem: ProblemData) -> list[Officer]:
    """By team, then rank (Insp first), then officer_id: how a team's sheet is read on the wall."""
    return sorted(problem.officers, key=lambda o: (o.team, RANK_ORDER[o.rank], o.officer_id))


def _date_header(ws: Worksheet, problem: ProblemData, id_columns: Sequence[str]) -> None:
    for c, name in enumerate(id_columns, start=1):
        ws.cell(1, c, name).style = styles.HEADER
    for d, day in enumerate(problem.days, start=len(id_columns) + 1):
        cell = ws.cell(1, d, datetime.combine(day, time()))
        cell.style = styles.WEEKEND_HEADER if is_weekend(day) else styles.DATE_HEADER


def _grid_layout(
    ws: Worksheet,
    problem: ProblemData,
    id_widths: Sequence[float],
    roster: Roster,
    title: str,
    footer: str,
) -> None:
    longest = max((len(c) for c in _all_codes(problem, roster)), default=2)
    day_width = max(styles.DAY_WIDTH, longest + 2.5)
    styles.set_widths(ws, [*id_widths, *[day_width] * problem.num_days])
    ws.row_dimensions[1].height = styles.DATE_HEADER_HEIGHT
    ws.freeze_panes = ws.cell(2, len(id_widths) + 1).coordinate
    styles.make_printable(ws, title, footer)


def _all_codes(problem: ProblemData, roster: Roster) -> Iterable[str]:
    yield from problem.shift_by_code
    yield from (TOUR_SEPARATOR.join(t) for days in roster.tours.values() for t in days if t)


def _cell_code(problem: ProblemData, officer_id: str, day: int, tours: tuple[str, ...]) -> str:
    if tours:
        return TOUR_SEPARATOR.join(tours)
    absence = problem.absence_on(officer_id, day)
    return absence.type.code if absence is not None else REST_CODE


def _cell_style(problem: ProblemData, officer_id: str, day: int, tours: tuple[str, ...]) -> str:
    if tours:
        return styles.KIND_STYLES[problem.shift_by_code[tours[0]].kind]
    return styles.REST if problem.absence_on(officer_id, day) is None else styles.ABSENCE


def _breaches(report: Report) -> Cells:
    """Where each broken (or, best effort, breached) hard rule points: an officer's day, the
    officer as a whole, or a day (a tour's supervision, say: its date header)."""
    found: Cells = defaultdict(list)
    for outcome in report.outcomes:
        if not outcome.flagged:
            continue
        for v in outcome.violations:
            if v.officer_id is not None or v.day is not None:
                found[v.officer_id, v.day].append(f"{v.rule}: {v.what}")
    return found


def _mark_breach(cell: Cell | MergedCell, problems: list[str]) -> None:
    cell.style = styles.BREACH
    comment = Comment("\n".join(problems), "roster check")
    comment.width, comment.height = 320, 40 + 30 * len(problems)
    cell.comment = comment


def roster_title(problem: ProblemData) -> str:
    borough = f"{problem.settings.borough} " if problem.settings.borough else ""
    return f"{borough}duty roster {_period(problem)}"


def _period(problem: ProblemData) -> str:
    return f"{problem.days[0]:%a %d %b %Y} to {problem.days[-1]:%a %d %b %Y}"


def _key_text(problem: ProblemData) -> str:
    """The footer key: shift times, rest day and absence codes (shift times dropped if too long)."""
    absences = [f"{t.code} {t.value.replace('_', ' ')}" for t in AbsenceType]
    codes = ", ".join([f"{REST_CODE} rest day", *absences, "red: a hard rule broken (see Rules)"])
    shifts = ", ".join(f"{s.code} {s.start:%H:%M}-{s.end:%H:%M}" for s in problem.shifts)
    both = f"{shifts}; {codes}"
    return both if len(both) <= FOOTER_LIMIT else codes


# ---- Changes (re-rostering) ----------------------------------------------------------------

CHANGES_SHEET = "Changes"
CHANGES_HEADER = (
    "officer_id",
    "name",
    "date",
    "weekday",
    "published",
    "now",
    "change",
    "days of notice",
    "owed",
    "penalty",
)
CHANGES_WIDTHS = [12, 22, 13, 9, 10, 10, 36, 9, 34, 9]
NOTHING_OWED = "none"


@dataclass(frozen=True)
class Change:
    """An officer-day whose cell differs from the Published sheet's."""

    officer_id: str
    day: int
    published: str
    now: str
    change: str
    notice: int
    owed: str
    penalty: int
    """What stability and rest_day_notice charge for it (0 when forced by an absence)."""


def changes(problem: ProblemData, roster: Roster, report: Report) -> list[Change]:
    """Every officer-day with something published whose cell is now different, by date then
    officer; the penalty is the checkers' (stability and rest_day_notice), never the solver's."""
    costs: Counter[tuple[str | None, date | None]] = Counter()
    for name in (stability.SPEC.name, rest_day_notice.SPEC.name):
        outcome = report.outcome(name)
        for v in outcome.violations:
            costs[v.officer_id, v.day] += _cost(outcome, v) or 0
    found = []
    for row in problem.published:
        o = row.officer_id
        for when, published in row.codes.items():
            d = problem.day_index(when)
            if d is None:
                continue
            now = _cell_code(problem, o, d, roster.on(o, d))
            if _tour_set(published) == _tour_set(now):
                continue
            change, owed = _what_changed(problem, o, d, published, roster.on(o, d))
            found.append(
                Change(o, d, published, now, change, problem.notice_days(d), owed, costs[o, when])
            )
    return sorted(found, key=lambda c: (c.day, c.officer_id))


def _tour_set(cell: str) -> list[str]:
    return sorted(part.strip() for part in cell.split(TOUR_SEPARATOR))


def _what_changed(
    problem: ProblemData, officer_id: str, day: int, published: str, tours: tuple[str, ...]
) -> tuple[str, str]:
    """(what kind of change, what is owed for it)."""
    absence = problem.absence_on(officer_id, day)
    if absence is not None:
        kind = absence.type.value.replace("_", " ")
        return f"now absent: {kind} (Absences row {absence.row})", NOTHING_OWED
    if published == REST_CODE:
        return "rest day worked", rest_day_notice.owed_on(problem, day).text
    if published in ABSENCE_BY_CODE:
        return "published absence no longer in the input", NOTHING_OWED
    if tours:
        return "tour changed", NOTHING_OWED
    return "tour cancelled: now a rest day", NOTHING_OWED


def _changes_sheet(
    ws: Worksheet, problem: ProblemData, roster: Roster, report: Report, title: str
) -> None:
    _header_row(ws, 1, CHANGES_HEADER)
    owed_at = CHANGES_HEADER.index("owed") + 1
    for r, change in enumerate(changes(problem, roster, report), start=2):
        officer = problem.officer_by_id[change.officer_id]
        when = problem.days[change.day]
        values = (
            change.officer_id,
            officer.name,
            when,
            WEEKDAY_NAMES[when.weekday()],
            change.published,
            change.now,
            change.change,
            change.notice,
            change.owed,
            change.penalty,
        )
        _write_row(ws, r, values)
        ws.cell(r, CHANGES_HEADER.index("date") + 1).number_format = styles.DATE_FORMAT
        if change.owed not in (NOTHING_OWED, rest_day_notice.REPLACEMENT):
            ws.cell(r, owed_at).style = styles.SHORT
    _table_layout(ws, CHANGES_WIDTHS, f"{title}: changes to the published roster", filtered=True)


# ---- Coverage ----------------------------------------------------------------------------

COVERAGE_HEADER = (
    "cover row",
    "scope",
    "filters",
    "date",
    "weekday",
    "shift or hour",
    "required (min)",
    "target",
    "rostered",
    "short of min",
    "short of target",
)
COVERAGE_WIDTHS = [10, 24, 18, 13, 9, 13, 9, 8, 9, 9, 9]
DATE, ROSTERED, SHORT_OF_MIN, SHORT_OF_TARGET = (
    COVERAGE_HEADER.index(name) + 1
    for name in ("date", "rostered", "short of min", "short of target")
)


def coverage_slots(problem: ProblemData) -> list[Slot]:
    """One slot per Cover row with a min or a target, per day (and hour for from/to rows)."""
    return slots(problem, lambda row: row.min or row.target)


def _coverage_sheet(ws: Worksheet, problem: ProblemData, roster: Roster, title: str) -> None:
    _header_row(ws, 1, COVERAGE_HEADER)
    for r, slot in enumerate(coverage_slots(problem), start=2):
        row = slot.row
        count = rostered(problem, roster, slot)
        short_min = max(0, row.min - count)
        short_target = max(0, row.target - count) if row.target is not None else None
        when = problem.days[slot.day + (slot.hour or 0) // 24]
        values = (
            row.row,
            scope_words(row),
            row.filter_text(),
            when,
            WEEKDAY_NAMES[when.weekday()],
            row.shift
            if slot.hour is None
            else f"{slot.hour % 24:02d}:00-{slot.hour % 24 + 1:02d}:00",
            row.min,
            row.target,
            count,
            short_min,
            short_target,
        )
        for c, value in enumerate(values, start=1):
            ws.cell(r, c, value)
        ws.cell(r, DATE).number_format = styles.DATE_FORMAT
        if short_min:
            ws.cell(r, ROSTERED).style = ws.cell(r, SHORT_OF_MIN).style = styles.BROKEN
        elif short_target:
            ws.cell(r, ROSTERED).style = styles.SHORT
        if short_target:
            ws.cell(r, SHORT_OF_TARGET).style = styles.SHORT
    _table_layout(ws, COVERAGE_WIDTHS, f"{title}: cover", filtered=True)


# ---- Rules -------------------------------------------------------------------------------

RULES_HEADER = (
    "rule",
    "enabled",
    "hard/soft",
    "weight",
    "value",
    "violations",
    "amount",
    "unit",
    "penalty",
    "share of objective",
)
VIOLATIONS_HEADER = (
    "rule",
    "hard/soft",
    "officer_id",
    "officer name",
    "date",
    "amount",
    "cost",
    "what",
)
RULES_WIDTHS = [28, 10, 12, 22, 13, 10, 9, styles.TEXT_WIDTH, 10, 10]


def _rules_sheet(ws: Worksheet, problem: HasOfficers, report: Report, title: str) -> None:
    _header_row(ws, 1, RULES_HEADER)
    total = report.objective
    for r, outcome in enumerate(report.outcomes, start=2):
        setting = outcome.setting
        values = (
            outcome.rule.name,
            _yes_no(setting.enabled),
            _mode(outcome),
            setting.weight,
            setting.value,
            len(outcome.violations),
            outcome.amount,
            outcome.rule.spec.unit,
            outcome.penalty,
            outcome.penalty / total if total else None,
        )
        _write_row(ws, r, values, styles.BROKEN if outcome.flagged else None)
        ws.cell(r, len(RULES_HEADER)).number_format = styles.SHARE_FORMAT
    total_row = len(report.outcomes) + 2
    ws.cell(total_row, 1, "objective (sum of penalties)").style = styles.TITLE
    ws.cell(total_row, RULES_HEADER.index("penalty") + 1, total).style = styles.TITLE
    _violations_table(ws, total_row + 2, problem, report)
    _table_layout(ws, RULES_WIDTHS, f"{title}: rules")


def _violations_table(ws: Worksheet, top: int, problem: HasOfficers, report: Report) -> None:
    listed = _violations_by_cost(report)
    ws.cell(
        top, 1, f"Violations ({len(listed)}), hard rules first, then by cost"
    ).style = styles.TITLE
    _header_row(ws, top + 1, VIOLATIONS_HEADER)
    for r, (outcome, v) in enumerate(listed, start=top + 2):
        officer = problem.officer_by_id.get(v.officer_id or "")
        values = (
            v.rule,
            _mode(outcome),
            v.officer_id,
            officer.name if officer else None,
            v.day,
            v.amount,
            _cost(outcome, v),
            v.what,
        )
        _write_row(ws, r, values, styles.BROKEN if outcome.flagged else None)
        ws.cell(r, VIOLATIONS_HEADER.index("date") + 1).number_format = styles.DATE_FORMAT


def _violations_by_cost(report: Report) -> list[tuple[RuleOutcome, Violation]]:
    listed = [(o, v) for o in report.outcomes for v in o.violations]
    order = {o.rule.name: i for i, o in enumerate(report.outcomes)}
    return sorted(
        listed,
        key=lambda item: (
            not item[0].flagged,
            -(_cost(*item) or 0),
            order[item[1].rule],
            item[1].officer_id or "",
            item[1].day or date.min,
        ),
    )


def _cost(outcome: RuleOutcome, violation: Violation) -> int | None:
    """What the violation adds to the objective; None for hard rules, which are not traded."""
    if outcome.setting.hard:
        return None
    return outcome.setting.weight * violation.amount


def _mode(outcome: RuleOutcome) -> str:
    if outcome.setting.relaxed:
        return "hard, relaxed"
    return "hard" if outcome.setting.hard else "soft"


# ---- Officers ----------------------------------------------------------------------------

OFFICERS_HEADER = (
    "officer_id",
    "name",
    "rank",
    "team",
    "ward",
    "tours",
    "hours worked",
    "absence credit hours",
    "total hours",
    "contract band low",
    "contract band high",
    "nights",
    "lates",
    "earlies",
    "day tours",
    "weekend days worked",
    "rest days",
    "absence days",
    "requests made",
    "requests granted",
    "team rota deviations",
    "requests refused",
    "why refused",
)
OFFICERS_WIDTHS = [12, 22, 6, 9, 14, *[10] * (len(OFFICERS_HEADER) - 7), 34, styles.TEXT_WIDTH]
HOURS_COLUMNS = range(
    OFFICERS_HEADER.index("hours worked") + 1, OFFICERS_HEADER.index("contract band high") + 2
)
TOTAL_COLUMN = OFFICERS_HEADER.index("total hours") + 1


def _officers_sheet(
    ws: Worksheet,
    problem: ProblemData,
    roster: Roster,
    report: Report,
    title: str,
    why: dict[int, str],
) -> None:
    """One row per officer; `why` (Requests row -> reason) explains refused requests."""
    extras = list(dict.fromkeys(key for o in problem.officers for key in o.extra))
    _header_row(ws, 1, (*OFFICERS_HEADER, *extras))
    hours_rule = report.outcome(contract_hours.SPEC.name)
    share = hours_rule.setting.value if hours_rule.setting.value is not None else 0.10
    out_of_band = {v.officer_id for v in hours_rule.violations}
    band_style = styles.BROKEN if hours_rule.broken else styles.SHORT
    refused = _refused_requests(report)
    requests_judged = report.outcome("requests").setting.enabled
    turned_down = _turned_down(problem, roster) if requests_judged else {}
    deviations = Counter(v.officer_id for v in report.outcome("team_rota").violations)
    made = Counter(q.officer_id for q in problem.requests if problem.day_index(q.date) is not None)
    for r, officer in enumerate(roster_order(problem), start=2):
        o = officer.officer_id
        limits = contract_hours.band(problem, officer, share)
        tours = [problem.shift_by_code[c] for day in roster.tours[o] for c in day]
        worked = sum(s.duration_minutes for s in tours) / 60
        kinds = Counter(s.kind for s in tours)
        absent = problem.absence_days.get(o, {})
        values = (
            o,
            officer.name,
            officer.rank.value,
            officer.team,
            officer.ward,
            len(tours),
            worked,
            limits.credit / 60,
            worked + limits.credit / 60,
            limits.low / 60,
            limits.high / 60,
            kinds[ShiftKind.NIGHT],
            kinds[ShiftKind.LATE],
            kinds[ShiftKind.EARLY],
            kinds[ShiftKind.DAY],
            sum(1 for d, day in enumerate(problem.days) if is_weekend(day) and roster.works(o, d)),
            sum(1 for d in range(problem.num_days) if not roster.works(o, d) and d not in absent),
            len(absent),
            made[o],
            made[o] - refused[o] if requests_judged else None,
            deviations[o],
            "; ".join(_request_text(problem, q) for q in turned_down.get(o, [])) or None,
            "; ".join(why[q.row] for q in turned_down.get(o, []) if q.row in why) or None,
            *(officer.extra.get(key) for key in extras),
        )
        _write_row(ws, r, values)
        for c in HOURS_COLUMNS:
            ws.cell(r, c).number_format = styles.HOURS_FORMAT
        if o in out_of_band:
            ws.cell(r, TOTAL_COLUMN).style = band_style
            ws.cell(r, TOTAL_COLUMN).number_format = styles.HOURS_FORMAT
    _table_layout(
        ws,
        [*OFFICERS_WIDTHS, *[styles.DEFAULT_WIDTH] * len(extras)],
        f"{title}: officers",
        filtered=True,
        frozen="C2",
    )


def _turned_down(problem: ProblemData, roster: Roster) -> dict[str, list[Request]]:
    found: dict[str, list[Request]] = defaultdict(list)
    for request in requests.refused(problem, roster):
        found[request.officer_id].append(request)
    return found


def _request_text(problem: ProblemData, request: Request) -> str:
    """'OFF Tue 12 Jan (row 5)'."""
    day = problem.day_index(request.date)
    assert day is not None
    return f"{requests.wish(request)} {problem.day_text(day)} (row {request.row})"


def _refused_requests(report: Report) -> Counter[str]:
    """Requests the `requests` rule judged refused, one per officer and date as the rule reports."""
    refused = {(v.officer_id, v.day) for v in report.outcome("requests").violations}
    return Counter(officer_id for officer_id, _ in refused if officer_id is not None)


# ---- Solver ------------------------------------------------------------------------------


KeyValue = tuple[str, Any, str | None]
"""A Solver sheet row: key, value, number format."""


def _solver_sheet(
    ws: Worksheet, problem: ProblemData, result: SolveResult, report: Report, input_hash: str
) -> None:
    rows: list[KeyValue] = [
        *run_rows(result, report),
        ("borough", problem.settings.borough or None, None),
        ("period", f"{_period(problem)} ({problem.num_days} days)", None),
        ("notice date (changes counted from)", problem.settings.notice_date, styles.DATE_FORMAT),
        ("published roster rows", len(problem.published), None),
        ("officers", len(problem.officers), None),
        *provenance_rows(input_hash),
    ]
    key_value_sheet(ws, rows, "Solver run")


def run_rows(result: SolveFigures, report: Report, noun: str = "roster") -> list[KeyValue]:
    """What the solver did, for any job's Solver sheet; objectives both as the solver and as
    the checkers count them."""
    params = result.params
    return [
        ("status", result.status.value, None),
        ("objective (solver)", result.objective, None),
        ("objective (re-checked by the checkers)", report.objective, None),
        ("objective as CP-SAT reported it", result.reported_objective, None),
        ("hard violations", report.hard_violations, None),
        ("best bound", result.bound, None),
        ("gap", result.gap, styles.SHARE_FORMAT),
        (f"first {noun} after (s)", result.first_solution_seconds, styles.SECONDS_FORMAT),
        (f"best {noun} after (s)", result.best_solution_seconds, styles.SECONDS_FORMAT),
        ("build time (s)", result.build_seconds, styles.SECONDS_FORMAT),
        ("solve time (s)", result.solve_seconds, styles.SECONDS_FORMAT),
        ("workers", params.workers, None),
        ("seed", params.seed, None),
        ("time limit (s)", params.time_limit, None),
        (f"{noun}s found", result.solutions, None),
        ("stopped by Ctrl-C", _yes_no(result.interrupted), None),
        ("model variables", result.num_variables, None),
        ("model constraints", result.num_constraints, None),
    ]


def provenance_rows(input_hash: str) -> list[KeyValue]:
    return [
        ("program version", _version("police-roster"), None),
        ("OR-Tools version", _version("ortools"), None),
        ("input sha256", input_hash, None),
        ("written at", datetime.now().replace(microsecond=0), styles.TIMESTAMP_FORMAT),
    ]


def key_value_sheet(ws: Worksheet, rows: list[KeyValue], title: str) -> None:
    _header_row(ws, 1, ("key", "value"))
    for r, (key, value, number_format) in enumerate(rows, start=2):
        ws.cell(r, 1, key)
        cell = ws.cell(r, 2, "-" if value is None else value)
        cell.alignment = styles.LEFT
        if number_format:
            cell.number_format = number_format
    _table_layout(ws, [38, 68], title)


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "dev"


# ---- helpers -----------------------------------------------------------------------------


def _header_row(ws: Worksheet, r: int, names: Sequence[str]) -> None:
    for c, name in enumerate(names, start=1):
        ws.cell(r, c, name).style = styles.HEADER


def _write_row(ws: Worksheet, r: int, values: Sequence[Any], style: str | None = None) -> None:
    for c, value in enumerate(values, start=1):
        cell = ws.cell(r, c, value)
        if style:
            cell.style = style


def _table_layout(
    ws: Worksheet, widths: Sequence[float], title: str, filtered: bool = False, frozen: str = "A2"
) -> None:
    styles.set_widths(ws, widths)
    ws.freeze_panes = frozen
    if filtered:
        ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"
    styles.make_printable(ws, title)


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"
