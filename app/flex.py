"""The flex job as plain functions: read the input and the roster, solve, re-check, summarise.

`roster flex` (app/cli.py) calls these; the steps and what is re-checked live here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from rich.console import Console
from rich.table import Table

from app.pipeline import file_hash
from constraints.flex.report import check_plan
from constraints.report import Report
from inputs.flex import FlexData, FlexPlan, build_flex_data, require_requests
from inputs.problem import ProblemData
from inputs.roster_reader import read_roster
from outputs.flex_workbook import abstraction, need_days, request_figures
from solver.flex.solve import solve_flex
from solver.solve import Progress, SolveResult, SolverParams

DEFAULT_TIME_LIMIT = 60.0
"""A flex model is small: a minute is plenty (Settings.time_limit_seconds is the roster's)."""
SHORTFALL_LINES = 12


@dataclass
class FlexRun:
    """Everything the flex workbook and the terminal summary need."""

    problem: ProblemData
    data: FlexData
    result: SolveResult
    plan: FlexPlan | None
    report: Report | None
    hashes: dict[str, str]


def load(problem: ProblemData, roster_path: Path) -> FlexData:
    """The flex data from a validated problem and its roster workbook; `InputError` lists
    every problem (of the roster workbook, or a workbook without flex requests)."""
    require_requests(problem)
    return build_flex_data(problem, read_roster(roster_path, problem))


def run(
    problem: ProblemData,
    data: FlexData,
    params: SolverParams,
    hashes: dict[str, str],
    on_progress: Callable[[Progress], None] | None = None,
) -> FlexRun:
    """Solve, then re-check whatever plan comes back with the flex checkers."""
    found = solve_flex(data, params, on_progress)
    report = check_plan(data, found.plan) if found.plan is not None else None
    return FlexRun(problem, data, found.result, found.plan, report, hashes)


def hashes(workbook: Path, roster: Path) -> dict[str, str]:
    return {"input": file_hash(workbook), "roster": file_hash(roster)}


def print_flex_summary(console: Console, run: FlexRun) -> None:
    """Per request: asked, flexed, short, officers, review and end dates; the shortfalls by
    day and tour; the largest and mean donor shares."""
    if run.plan is None:
        return
    table = Table(title="Requests", title_justify="left")
    for heading in ("request", "ward", "asked", "flexed", "short", "officers", "review", "ends"):
        table.add_column(heading, justify="left" if heading in ("request", "ward") else "right")
    for f in request_figures(run.data, run.plan):
        q = f.request
        review = f"{q.review_date:%a %d %b}" if q.review_date else "-"
        table.add_row(
            q.request_id,
            q.ward,
            str(f.asked),
            str(f.flexed),
            str(f.short),
            str(f.officers),
            review,
            f"{q.end:%a %d %b}",
            style="bold red" if f.short else None,
        )
    console.print(table)
    short = [n for n in need_days(run.data, run.plan) if n.short]
    for need in short[:SHORTFALL_LINES]:
        row = need.row
        console.print(
            f"  short: {row.request_id} {row.ward} {run.data.day_text(need.day)} {row.shift} "
            f"{row.rank.value}: {len(need.flexed)} of {row.officers}",
            highlight=False,
        )
    if len(short) > SHORTFALL_LINES:
        console.print(f"  ... {len(short) - SHORTFALL_LINES} more on the Need sheet")
    figures = abstraction(run.data, run.plan)
    console.print(
        f"Largest donor share {_percent(figures.largest)}, borough mean {_percent(figures.mean)} "
        f"of duty hours on the {len(run.data.window)} days of flex.",
        highlight=False,
    )


def _percent(share: Fraction) -> str:
    return f"{100 * float(share):.1f}%"
