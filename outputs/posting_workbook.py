"""The posting panel's workbook: the proposals to decide on, the teams before and after, each
rule's outcome, the probationer share chart and the solver run.

Every figure comes from the data, the two allocations and the checkers' report, never the
solver's own claims. The Proposals sheet uses the layout `inputs.posting_reader` reads, so
the panel's decisions typed into it bind the next run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from constraints.findings import Reason
from constraints.posting import (
    establishment_max,
    establishment_target,
    experienced_officers,
    probationer_share,
    service_balance,
    skill_minima,
)
from constraints.posting.report import ProposalLine
from constraints.report import Report
from inputs import sheets
from inputs.posting import (
    MONTHS_PER_YEAR,
    POSTED_RANKS,
    Allocation,
    Decision,
    PostingData,
    PostingTeam,
)
from inputs.problem import Rank
from outputs import styles
from outputs.roster_workbook import (
    KeyValue,
    _header_row,
    _rules_sheet,
    _table_layout,
    _write_row,
    key_value_sheet,
    provenance_rows,
    run_rows,
)
from outputs.xlsx import save_atomically
from solver.solve import SolveFigures

PROPOSALS_WIDTHS = [12, 22, 6, 12, 12, styles.TEXT_WIDTH, 40, 26, 11]
DECIDED_ROWS = 500
"""The decision drop-down reaches this many rows below the last proposal."""
TEAMS_SHEET, SHARE_SHEET = "Teams before & after", "Probationer share"
TARGET = establishment_target.SPEC.name
MISSED = "missed"
"""A breach of a soft rule (amber); a hard rule's breach is `BROKEN` (red)."""


@dataclass(frozen=True)
class PostingOutcome:
    """What the workbook shows: the run, the proposal, the checkers' verdict, its lines."""

    figures: SolveFigures
    allocation: Allocation
    report: Report
    lines: list[ProposalLine]
    input_hash: str
    reasons: Sequence[Reason] = ()
    """Why hard rules were relaxed (a best-effort proposal): the Diagnosis sheet."""


def write_posting_workbook(path: Path, data: PostingData, outcome: PostingOutcome) -> None:
    """Write the proposals workbook to `path` in one rename."""
    book = Workbook()
    styles.add_styles(book)
    title = posting_title(data)
    proposals = book.worksheets[0]
    proposals.title = sheets.PROPOSALS.name
    _proposals_sheet(proposals, data, outcome.lines, title)
    _teams_sheet(book.create_sheet(TEAMS_SHEET), data, outcome, title)
    _rules_sheet(book.create_sheet("Rules"), data, outcome.report, f"{title}: rules")
    _share_sheet(book.create_sheet(SHARE_SHEET), data, outcome.allocation, title)
    _solver_sheet(book.create_sheet("Solver"), data, outcome)
    if outcome.reasons:
        from outputs.diagnosis_sheet import DIAGNOSIS_SHEET, write_diagnosis

        write_diagnosis(book.create_sheet(DIAGNOSIS_SHEET, 1), outcome.reasons, title)
    save_atomically(book, path)


def posting_title(data: PostingData) -> str:
    borough = f"{data.settings.borough} " if data.settings.borough else ""
    return f"{borough}posting panel, postings from {data.start:%a %d %b %Y}"


# ---- Proposals ---------------------------------------------------------------------------


def _proposals_sheet(
    ws: Worksheet, data: PostingData, lines: list[ProposalLine], title: str
) -> None:
    _header_row(ws, 1, [c.name for c in sheets.PROPOSALS.columns])
    for r, line in enumerate(lines, start=2):
        officer = data.officer_by_id[line.officer_id]
        values = (
            line.officer_id,
            officer.name,
            officer.rank.value,
            line.from_team,
            line.to_team,
            "; ".join(line.reasons) or None,
            "; ".join(line.costs) or None,
            line.change,
            line.decision.value if line.decision else None,
        )
        _write_row(ws, r, values, None if line.proposed else styles.REST)
    decision = len(sheets.PROPOSALS.columns)
    letter = get_column_letter(decision)
    drop_down = DataValidation(
        type="list",
        formula1='"' + ",".join(d.value for d in Decision) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="decision",
        error="Expected approve or reject (or blank: not decided).",
    )
    drop_down.add(f"{letter}2:{letter}{len(lines) + DECIDED_ROWS}")
    ws.add_data_validation(drop_down)
    _table_layout(ws, PROPOSALS_WIDTHS, f"{title}: proposals", filtered=True, frozen="B2")


# ---- Teams before & after ----------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A column pair of the Teams sheet: one figure of a team, before and after, and whether
    the after figure breaks a rule (None: no; else the rule's name)."""

    heading: str
    value: Callable[[PostingData, Allocation, PostingTeam], Any]
    breach: Callable[[PostingData, Any, PostingTeam], str | None] = lambda data, value, team: None
    number_format: str | None = None


Which = Callable[[PostingData], Callable[[Any], bool]]
"""Given the data, which officers a measure counts (the rules' own predicates)."""


def _count_of(which: Which) -> Callable[[PostingData, Allocation, PostingTeam], int]:
    def value(data: PostingData, allocation: Allocation, team: PostingTeam) -> int:
        keep = which(data)
        return sum(1 for o in allocation.members(team.team_id) if keep(data.officer_by_id[o]))

    return value


def _measures(data: PostingData) -> list[Measure]:
    share = data.rule(probationer_share.SPEC.name).value or 0.25
    fewest = data.rule(experienced_officers.SPEC.name).value or 5
    return [
        Measure(
            "officers",
            lambda d, a, t: len(a.members(t.team_id)),
            lambda d, v, t: _missed(
                d, TARGET, t.target_strength is not None and v != t.target_strength
            ),
        ),
        *(_rank_measure(rank) for rank in POSTED_RANKS),
        Measure(
            "probationer share",
            _share_of,
            lambda d, v, t: _missed(d, probationer_share.SPEC.name, _is_response(t) and v > share),
            styles.SHARE_FORMAT,
        ),
        Measure(
            "experienced (5+ years)",
            _count_of(experienced_officers.experienced),
            lambda d, v, t: _missed(
                d, experienced_officers.SPEC.name, _is_response(t) and v < fewest
            ),
        ),
        Measure("mean service (years)", _mean_service, number_format=styles.HOURS_FORMAT),
        *(_skill_measure(skill) for skill in _skills(data)),
    ]


def _rank_measure(rank: Rank) -> Measure:
    def breach(data: PostingData, value: int, team: PostingTeam) -> str | None:
        most, target = team.maxima.get(rank), team.targets.get(rank)
        if most is not None and value > most:
            return _missed(data, establishment_max.SPEC.name, True)
        return _missed(data, TARGET, target is not None and value != target)

    return Measure(rank.value, _count_of(lambda data: establishment_max.of_rank(rank)), breach)


def _skill_measure(skill: str) -> Measure:
    def breach(data: PostingData, value: int, team: PostingTeam) -> str | None:
        return _missed(data, skill_minima.SPEC.name, value < team.skill_minima.get(skill, 0))

    label = skill.replace("_", " ")
    return Measure(label, _count_of(lambda data: skill_minima.having(skill)), breach)


def _is_response(team: PostingTeam) -> bool:
    return team.kind.value == "response"


def _skills(data: PostingData) -> list[str]:
    """Skills with a minimum somewhere, then response_driver and tutor if anyone has them."""
    wanted = {s for t in data.teams for s in t.skill_minima}
    held = {s for o in data.officers for s in o.skills}
    extra = [s for s in ("response_driver", "tutor") if s in held and s not in wanted]
    return sorted(wanted) + extra


def _missed(data: PostingData, rule: str, broken: bool) -> str | None:
    setting = data.rule(rule)
    if not broken or not setting.enabled:
        return None
    return styles.BROKEN if setting.hard or setting.relaxed else MISSED


def _share_of(data: PostingData, allocation: Allocation, team: PostingTeam) -> float | None:
    learners = _count_of(probationer_share.learner)(data, allocation, team)
    constables = _count_of(lambda _: probationer_share.constable)(data, allocation, team)
    return learners / constables if constables else None


def _mean_service(data: PostingData, allocation: Allocation, team: PostingTeam) -> float | None:
    months = [
        data.service_months(data.officer_by_id[o]) or 0
        for o in allocation.members(team.team_id)
        if service_balance.counted(data, data.officer_by_id[o])
    ]
    return sum(months) / len(months) / MONTHS_PER_YEAR if months else None


def _teams_sheet(ws: Worksheet, data: PostingData, outcome: PostingOutcome, title: str) -> None:
    """Per team: each measure before, after, and the establishment it is held to."""
    measures = _measures(data)
    heading = ["team_id", "kind"]
    for m in measures:
        heading += [f"{m.heading} before", f"{m.heading} after", _bound_heading(m.heading)]
    _header_row(ws, 1, heading)
    for r, team in enumerate(data.teams, start=2):
        _write_row(ws, r, (team.team_id, team.kind.value))
        for i, m in enumerate(measures):
            column = 3 + 3 * i
            before = m.value(data, data.before, team)
            after = m.value(data, outcome.allocation, team)
            bound = _bound(data, team, m.heading)
            for offset, value in enumerate((before, after, bound)):
                cell = ws.cell(r, column + offset, value)
                if m.number_format:
                    cell.number_format = m.number_format
            breach = m.breach(data, after, team) if after is not None else None
            if breach is not None:
                ws.cell(r, column + 1).style = styles.SHORT if breach == MISSED else breach
                if m.number_format:
                    ws.cell(r, column + 1).number_format = m.number_format
    widths = [12, 9, *[9] * (3 * len(measures))]
    _table_layout(ws, widths, f"{title}: teams", frozen="C2")


def _bound_heading(heading: str) -> str:
    if heading in {r.value for r in POSTED_RANKS} or heading == "officers":
        return f"{heading} target / max"
    return f"{heading} limit"


def _bound(data: PostingData, team: PostingTeam, heading: str) -> Any:
    """What the after figure is held to, in words or as a number; None when nothing."""
    rank = next((r for r in POSTED_RANKS if r.value == heading), None)
    if rank is not None:
        return _target_max(team.targets.get(rank), team.maxima.get(rank))
    if heading == "officers":
        return team.target_strength
    if not _is_response(team):
        return _skill_bound(team, heading)
    if heading == "probationer share":
        return f"at most {data.rule(probationer_share.SPEC.name).value or 0.25:.0%}"
    if heading.startswith("experienced"):
        return f"at least {data.rule(experienced_officers.SPEC.name).value or 5:g}"
    return _skill_bound(team, heading)


def _skill_bound(team: PostingTeam, heading: str) -> str | None:
    fewest = team.skill_minima.get(heading.replace(" ", "_"))
    return f"at least {fewest}" if fewest else None


def _target_max(target: int | None, most: int | None) -> str | None:
    if target is None and most is None:
        return None
    return f"{'-' if target is None else target} / {'-' if most is None else most}"


# ---- Probationer share chart -------------------------------------------------------------


def _share_sheet(ws: Worksheet, data: PostingData, after: Allocation, title: str) -> None:
    """Each response team's probationer share before and after, against the rule's share."""
    limit = data.rule(probationer_share.SPEC.name).value or 0.25
    _header_row(ws, 1, ("team_id", "before", "after", "at most"))
    teams = data.response_teams
    for r, team in enumerate(teams, start=2):
        values = (team.team_id, *(_share_of(data, a, team) for a in (data.before, after)), limit)
        _write_row(ws, r, values)
        for c in (2, 3, 4):
            ws.cell(r, c).number_format = styles.SHARE_FORMAT
    _table_layout(ws, [12, 10, 10, 10], f"{title}: probationer share")
    if not teams:
        return
    bars = BarChart()
    bars.title = "Probationer share of constables per response team"
    bars.y_axis.title = "share of constables"
    bars.y_axis.number_format = "0%"
    bars.x_axis.title = "response team"
    last = len(teams) + 1
    bars.add_data(
        Reference(ws, min_col=2, max_col=3, min_row=1, max_row=last), titles_from_data=True
    )
    bars.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    line = LineChart()
    line.add_data(Reference(ws, min_col=4, min_row=1, max_row=last), titles_from_data=True)
    bars += line
    bars.width, bars.height = 20, 10
    ws.add_chart(bars, "F2")


# ---- Solver ------------------------------------------------------------------------------


def _solver_sheet(ws: Worksheet, data: PostingData, outcome: PostingOutcome) -> None:
    moves = outcome.allocation.moves(data.before)
    rows: list[KeyValue] = [
        *run_rows(outcome.figures, outcome.report, "proposal"),
        ("borough", data.settings.borough or None, None),
        ("postings take effect", data.start, styles.DATE_FORMAT),
        ("officers", len(data.officers), None),
        ("available for posting", sum(o.available for o in data.officers), None),
        ("moves proposed", len(moves), None),
        ("approved moves kept", len(data.approved), None),
        ("rejected moves not proposed", len(data.rejected), None),
        *provenance_rows(outcome.input_hash),
    ]
    key_value_sheet(ws, rows, "Posting panel solver run")
