"""Flex plan benchmark: generated boroughs with the demo's 3-week request, planned with a limit.

Each borough is generated with its reference roster (which keeps every hard rule of the
roster catalogue), given `demo/flex.py`'s request, and planned by `roster flex`'s solve;
the plan is re-checked by the flex checkers. Figures per size: SN officers and wards,
model variables, time to the first plan and to the best, status, objective and the
checkers' objective, bound and gap, officer-tours short, the largest donor share,
officers moved, peak memory of this process so far. Measured, never asserted.
"""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass, replace

from rich.console import Console
from rich.table import Table


@dataclass
class FlexBenchRow:
    officers: int
    sn_officers: int
    wards: int
    variables: int
    first_plan_seconds: float | None
    best_plan_seconds: float | None
    status: str
    objective: int | None
    rechecked_objective: int | None
    hard_violations: int | None
    bound: float | None
    gap: float | None
    short: int | None
    largest_share: float | None
    officers_moved: int | None
    wall_seconds: float
    peak_rss_mb: float


def run_one(size: int, time_limit: float, workers: int | None, seed: int) -> FlexBenchRow:
    from constraints.flex.report import check_plan
    from demo.borough import build_borough
    from demo.flex import with_flex_request
    from inputs.flex import build_flex_data
    from outputs.flex_workbook import abstraction
    from solver.flex.solve import solve_flex
    from solver.solve import SolverParams

    started = time.perf_counter()
    borough = build_borough(size, seed)
    data = build_flex_data(with_flex_request(borough.problem), borough.reference)
    params = SolverParams(time_limit=time_limit, seed=seed)
    if workers:
        params = replace(params, workers=workers)
    found = solve_flex(data, params)
    result, plan = found.result, found.plan
    report = check_plan(data, plan) if plan is not None else None
    return FlexBenchRow(
        officers=size,
        sn_officers=len(data.officers),
        wards=len(data.wards),
        variables=result.num_variables,
        first_plan_seconds=_round(result.first_solution_seconds),
        best_plan_seconds=_round(result.best_solution_seconds),
        status=result.status.value,
        objective=result.objective,
        rechecked_objective=report.objective if report else None,
        hard_violations=report.hard_violations if report else None,
        bound=result.bound,
        gap=_round(result.gap, 4),
        short=report.outcome("flex_need").amount if report else None,
        largest_share=float(abstraction(data, plan).largest) if plan is not None else None,
        officers_moved=len({d.officer_id for d in plan.deployments}) if plan else None,
        wall_seconds=round(time.perf_counter() - started, 1),
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )


def run_flex_bench(
    sizes: list[int], time_limit: float, workers: int | None, seed: int, console: Console
) -> list[FlexBenchRow]:
    rows = []
    for size in sizes:
        console.print(f"Borough of {size} officers, flex request F1, {time_limit:g}s ...")
        rows.append(run_one(size, time_limit, workers, seed))
    table = Table(title="Flex plan benchmark", title_justify="left")
    headings = ("officers", "SN", "wards", "vars", "first plan s", "best s", "status",
                "objective", "re-checked", "hard", "bound", "gap", "short", "largest share",
                "moved", "wall s", "peak MB")  # fmt: skip
    for heading in headings:
        table.add_column(heading, justify="right")
    for r in rows:
        table.add_row(
            str(r.officers), str(r.sn_officers), str(r.wards), f"{r.variables:,}",
            _text(r.first_plan_seconds), _text(r.best_plan_seconds), r.status,
            _text(r.objective), _text(r.rechecked_objective), _text(r.hard_violations),
            _text(r.bound), "-" if r.gap is None else f"{100 * r.gap:.2f}%", _text(r.short),
            "-" if r.largest_share is None else f"{100 * r.largest_share:.1f}%",
            _text(r.officers_moved), f"{r.wall_seconds:.1f}", f"{r.peak_rss_mb:.0f}",
        )  # fmt: skip
    Console(file=console.file, width=max(console.width, 180)).print(table)
    return rows


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _text(value: float | int | None) -> str:
    return "-" if value is None else f"{value:,}"
