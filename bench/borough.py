"""Borough benchmark: generated boroughs at several sizes, solved with a time limit.

Each size runs in its own Python process so that peak memory (max RSS) is that
run's alone. Figures printed per size: model size, build time, time to the
first roster, time to a gap under 5%, objective, bound and gap at the time
limit, the objective re-checked by the checkers, hard violations, peak memory.
Timings are measured, never asserted: tests do not depend on this machine's speed.
"""

from __future__ import annotations

import csv
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

TARGET_GAP = 0.05


@dataclass
class BenchRow:
    officers: int
    seed: int
    workers: int
    time_limit: float
    variables: int
    constraints: int
    build_seconds: float
    first_roster_seconds: float | None
    gap_under_5pct_seconds: float | None
    status: str
    objective: int | None
    rechecked_objective: int | None
    hard_violations: int | None
    bound: float | None
    gap: float | None
    wall_seconds: float
    peak_rss_mb: float


def run_one(officers: int, time_limit: float, workers: int | None, seed: int) -> BenchRow:
    """Generate, build, solve and re-check one borough in this process."""
    from app.pipeline import run
    from demo.borough import generate_borough
    from solver.solve import Progress, SolverParams

    started = time.perf_counter()
    problem = generate_borough(officers, seed)
    params = SolverParams(time_limit=time_limit, seed=seed)
    if workers:
        params = replace(params, workers=workers)
    reached: list[float] = []

    def watch(progress: Progress) -> None:
        if not reached and progress.gap is not None and progress.gap < TARGET_GAP:
            reached.append(progress.elapsed)

    outcome = run(problem, params, on_progress=watch)
    result, report = outcome.result, outcome.report
    return BenchRow(
        officers=officers,
        seed=seed,
        workers=params.workers,
        time_limit=time_limit,
        variables=result.num_variables,
        constraints=result.num_constraints,
        build_seconds=round(result.build_seconds, 2),
        first_roster_seconds=rounded(result.first_solution_seconds),
        gap_under_5pct_seconds=rounded(reached[0] if reached else None),
        status=result.status.value,
        objective=result.objective,
        rechecked_objective=report.objective if report else None,
        hard_violations=report.hard_violations if report else None,
        bound=rounded(result.bound),
        gap=rounded(result.gap, 4),
        wall_seconds=round(time.perf_counter() - started, 1),
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )


def run_borough_bench(
    sizes: list[int],
    time_limit: float,
    workers: int | None,
    seed: int,
    csv_path: Path | None,
    console: Console,
) -> list[BenchRow]:
    rows = []
    wide = Console(file=console.file, width=max(console.width, 180))
    for size in sizes:
        console.print(f"Borough of {size} officers, {time_limit:g}s ...")
        command = [sys.executable, "-m", "bench.borough", str(size), str(time_limit), str(seed)]
        if workers:
            command.append(str(workers))
        found = run_process(command, console, f"size {size}")
        if found is None:
            continue
        rows.append(BenchRow(**found))
        wide.print(_table(rows[-1:]))
    wide.print(_table(rows))
    write_csv(rows, csv_path)
    return rows


def run_process(command: list[str], console: Console, label: str) -> dict[str, Any] | None:
    """Run one benchmark in its own Python process, so that its peak memory is its own;
    its last line of output is the row, as JSON. None (and the error shown) if it failed."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        console.print(f"[red]{label} failed[/]:\n{done.stderr[-2000:]}")
        return None
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def write_csv(rows: Sequence[Any], path: Path | None) -> None:
    """The rows (dataclasses) as a CSV file, when a path is given."""
    if path is None or not rows:
        return
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(asdict(rows[0])))
        writer.writeheader()
        writer.writerows(asdict(row) for row in rows)


def _table(rows: list[BenchRow]) -> Table:
    table = Table(title="Borough benchmark", title_justify="left")
    headings = ("officers", "vars", "build s", "first roster s", "gap<5% at s", "status",
                "objective", "re-checked", "hard", "bound", "gap", "wall s", "peak MB")  # fmt: skip
    for heading in headings:
        table.add_column(heading, justify="right")
    for r in rows:
        table.add_row(
            str(r.officers), f"{r.variables:,}", f"{r.build_seconds:.1f}",
            shown(r.first_roster_seconds), shown(r.gap_under_5pct_seconds), r.status,
            shown(r.objective), shown(r.rechecked_objective), shown(r.hard_violations),
            shown(r.bound), "-" if r.gap is None else f"{100 * r.gap:.2f}%",
            f"{r.wall_seconds:.0f}", f"{r.peak_rss_mb:.0f}",
        )  # fmt: skip
    return table


def rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def shown(value: float | int | None) -> str:
    return "-" if value is None else f"{value:,}"


if __name__ == "__main__":
    size, limit, bench_seed = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else None
    print(json.dumps(asdict(run_one(size, limit, threads, bench_seed))))
