"""The Safer Neighbourhoods sheets of the roster workbook.

`WardVariants` states each ward team's start variant of each week in the Roster
layout (team_id, ward, cluster, then one column per week's Monday), so that
`roster check` judges sn_offset_starts against what the solver chose.
`Clusters` is for the cluster inspector: per cluster, the variants of its wards,
an hour-by-day grid of SN officers on duty coloured against the minimum, and
the evening and weekend shares of SN duty hours against their targets.
"""

from __future__ import annotations

from datetime import datetime, time

from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from constraints import sn_cluster_cover, sn_evening_weekend
from constraints.cover import Slot, rostered
from inputs.problem import CoverRow, ProblemData, RuleSetting
from inputs.roster import Roster
from inputs.roster_reader import WARD_VARIANTS_ID_COLUMNS
from outputs import styles

BELOW_MIN, AT_MIN, ABOVE_MIN = "F8CBAD", "FFE699", "C6EFCE"
BOLD = Font(bold=True)


def write_ward_variants(ws: Worksheet, problem: ProblemData, roster: Roster) -> None:
    for c, name in enumerate(WARD_VARIANTS_ID_COLUMNS, start=1):
        ws.cell(1, c, name).style = styles.HEADER
    for w, week in enumerate(problem.weeks, start=len(WARD_VARIANTS_ID_COLUMNS) + 1):
        ws.cell(1, w, datetime.combine(problem.days[week[0]], time())).style = styles.DATE_HEADER
    for r, team_id in enumerate(sorted(roster.ward_variants), start=2):
        team = problem.team_by_id[team_id]
        for c, value in enumerate((team_id, team.ward, team.cluster), start=1):
            ws.cell(r, c, value).style = styles.CELL
        for w, code in enumerate(roster.ward_variants[team_id], start=4):
            ws.cell(r, w, code).style = styles.KIND_STYLES[problem.shift_by_code[code].kind]
    ws.freeze_panes = "D2"
    styles.set_widths(ws, [12, 16, 12, *([10] * len(problem.weeks))])


def write_clusters(ws: Worksheet, problem: ProblemData, roster: Roster) -> None:
    cover = problem.rule("sn_cluster_cover")
    visible = problem.rule("sn_evening_weekend")
    windows = {row.cluster: row for row in sn_cluster_cover.windows(problem, cover)}
    r = 1
    for cluster in problem.cluster_names:
        window = windows[cluster]
        ws.cell(r, 1, f"Cluster {cluster}").style = styles.TITLE
        ws.cell(r, 3, f"SN window {window.from_hour:02d}:00-{window.to_hour:02d}:00, "
                      f"at least {window.min} on duty")  # fmt: skip
        r = _variants(ws, problem, roster, cluster, r + 2)
        r = _grid(ws, problem, roster, window, r + 1)
        r = _shares(ws, problem, roster, cluster, visible, r + 1) + 2
    styles.set_widths(ws, [14, 12, *([5.5] * problem.num_days)])


def _variants(ws: Worksheet, problem: ProblemData, roster: Roster, cluster: str, r: int) -> int:
    """Start variant per ward per week; the first week column shows each week's Monday."""
    ws.cell(r, 1, "ward").style = styles.HEADER
    ws.cell(r, 2, "team").style = styles.HEADER
    for w, week in enumerate(problem.weeks, start=3):
        ws.cell(r, w, datetime.combine(problem.days[week[0]], time())).style = styles.DATE_HEADER
    for team in problem.cluster_teams(cluster):
        r += 1
        ws.cell(r, 1, team.ward).style = styles.CELL
        ws.cell(r, 2, team.team_id).style = styles.CELL
        for w, code in enumerate(roster.ward_variants.get(team.team_id, ()), start=3):
            ws.cell(r, w, code).style = styles.KIND_STYLES[problem.shift_by_code[code].kind]
    return r + 1


def _grid(ws: Worksheet, problem: ProblemData, roster: Roster, window: CoverRow, r: int) -> int:
    """SN officers on duty in each hour of the window (rows) on each day (columns)."""
    ws.cell(r, 1, "hour").style = styles.HEADER
    for d, day in enumerate(problem.days, start=3):
        ws.cell(r, d, datetime.combine(day, time())).style = styles.DATE_HEADER
    for hour, counts in zip(window.hours, on_duty(problem, roster, window), strict=True):
        r += 1
        ws.cell(r, 1, f"{hour % 24:02d}:00-{(hour + 1) % 24:02d}:00").font = BOLD
        for d, count in enumerate(counts):
            if count is None:
                continue
            cell = ws.cell(r, d + 3, count)
            colour = (
                BELOW_MIN if count < window.min else AT_MIN if count == window.min else ABOVE_MIN
            )
            cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
    return r + 1


def on_duty(problem: ProblemData, roster: Roster, window: CoverRow) -> list[list[int | None]]:
    """SN officers on duty in each hour of a cluster's window (rows) on each day (columns);
    None for an hour past the end of the period. The Clusters sheet and the web page."""
    return [
        [
            rostered(problem, roster, Slot(window, d, hour))
            if d + hour // 24 < problem.num_days
            else None
            for d in range(problem.num_days)
        ]
        for hour in window.hours
    ]


def _shares(
    ws: Worksheet,
    problem: ProblemData,
    roster: Roster,
    cluster: str,
    setting: RuleSetting,
    r: int,
) -> int:
    """Evening and weekend shares of the cluster's SN duty hours, achieved against target."""
    hours = sn_evening_weekend.achieved(problem, roster, cluster)
    goal = sn_evening_weekend.targets(problem, cluster, setting)
    for c, heading in enumerate(("SN duty", "hours", "share", "target", "hours short"), start=1):
        ws.cell(r, c, heading).style = styles.HEADER
    ws.cell(r + 1, 1, "all")
    ws.cell(r + 1, 2, round(hours.total / 60, 1))
    for part in sn_evening_weekend.PARTS:
        r += 1
        share = hours.part(part) / hours.total if hours.total else 0.0
        short = sn_evening_weekend.hours_short(hours, part, goal[part])
        values: tuple[str | float, ...] = (
            f"{part}s",
            round(hours.part(part) / 60, 1),
            share,
            goal[part],
            short,
        )
        for c, value in enumerate(values, start=1):
            ws.cell(r + 1, c, value)
        ws.cell(r + 1, 3).number_format = styles.SHARE_FORMAT
        ws.cell(r + 1, 4).number_format = styles.SHARE_FORMAT
        if short:
            ws.cell(r + 1, 5).style = styles.SHORT
    return r + 2
