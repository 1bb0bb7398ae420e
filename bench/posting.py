"""Posting panel benchmark: generated boroughs with their probationers bunched on two
response teams (`demo.posting`), solved with a time limit.

Each size runs in its own Python process so that peak memory (max RSS) is that run's
alone. Figures printed per size: officers, teams, officers available for posting, model
size, build time, time to the first proposal, status, objective and bound and gap at the
end, the objective re-checked by the checkers, hard violations, moves proposed against the
naive re-deal's, wall time, peak memory. Timings are measured, never asserted.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.borough import rounded, run_process, shown, write_csv
from inputs.posting import Allocation, PostingData
from inputs.problem import Rank


@dataclass
class PostingBenchRow:
    officers: int
    teams: int
    available: int
    seed: int
    workers: int
    time_limit: float
    variables: int
    build_seconds: float
    first_proposal_seconds: float | None
    solve_seconds: float
    status: str
    objective: int | None
    rechecked_objective: int | None
    hard_violations: int | None
    bound: float | None
    gap: float | None
    moves: int | None
    probationer_moves: int | None
    naive_moves: int
    wall_seconds: float
    peak_rss_mb: float


def run_one(
    officers: int, teams: int, time_limit: float, workers: int | None, seed: int
) -> PostingBenchRow:
    """Generate, build, solve and re-check one panel in this process."""
    from app.posting import run
    from demo.posting import naive_redeal, posting_borough
    from solver.solve import SolverParams

    started = time.perf_counter()
    data = posting_borough(officers, seed, teams).data
    params = SolverParams(time_limit=time_limit, seed=seed)
    if workers:
        params = replace(params, workers=workers)
    outcome = run(data, params)
    figures, report, after = outcome.result.figures, outcome.report, outcome.result.allocation
    return PostingBenchRow(
        officers=len(data.officers),
        teams=len(data.teams),
        available=sum(o.available for o in data.officers),
        seed=seed,
        workers=params.workers,
        time_limit=time_limit,
        variables=figures.num_variables,
        build_seconds=round(figures.build_seconds, 2),
        first_proposal_seconds=rounded(figures.first_solution_seconds),
        solve_seconds=round(figures.solve_seconds, 1),
        status=figures.status.value,
        objective=figures.objective,
        rechecked_objective=report.objective if report else None,
        hard_violations=report.hard_violations if report else None,
        bound=rounded(figures.bound),
        gap=rounded(figures.gap, 5),
        moves=len(after.moves(data.before)) if after else None,
        probationer_moves=_probationer_moves(data, after) if after else None,
        naive_moves=len(naive_redeal(data).moves(data.before)),
        wall_seconds=round(time.perf_counter() - started, 1),
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )


def _probationer_moves(data: PostingData, after: Allocation) -> int:
    """Moves of response probationer constables: what the naive re-deal moves."""
    return sum(
        1
        for o, source, _ in after.moves(data.before)
        if data.officer_by_id[o].rank == Rank.PC
        and data.is_probationer(data.officer_by_id[o])
        and data.is_response(source)
    )


def run_posting_bench(
    sizes: list[int],
    teams: int,
    time_limit: float,
    workers: int | None,
    seed: int,
    csv_path: Path | None,
    console: Console,
) -> list[PostingBenchRow]:
    rows = []
    wide = Console(file=console.file, width=max(console.width, 180))
    for size in sizes:
        console.print(f"Posting panel of {size} officers in {teams} teams, {time_limit:g}s ...")
        command = [sys.executable, "-m", "bench.posting", str(size), str(teams)]
        command += [str(time_limit), str(seed), *([str(workers)] if workers else [])]
        found = run_process(command, console, f"size {size}")
        if found is not None:
            rows.append(PostingBenchRow(**found))
    wide.print(_table(rows))
    write_csv(rows, csv_path)
    return rows


def _table(rows: list[PostingBenchRow]) -> Table:
    table = Table(title="Posting panel benchmark", title_justify="left")
    headings = ("officers", "teams", "available", "vars", "build s", "first s", "solve s",
                "status", "objective", "re-checked", "hard", "bound", "gap", "moves",
                "probationer moves", "naive moves", "wall s", "peak MB")  # fmt: skip
    for heading in headings:
        table.add_column(heading, justify="right")
    for r in rows:
        table.add_row(
            str(r.officers), str(r.teams), str(r.available), f"{r.variables:,}",
            f"{r.build_seconds:.1f}", shown(r.first_proposal_seconds), f"{r.solve_seconds:.1f}",
            r.status, shown(r.objective), shown(r.rechecked_objective), shown(r.hard_violations),
            shown(r.bound), "-" if r.gap is None else f"{100 * r.gap:.2f}%", shown(r.moves),
            shown(r.probationer_moves), str(r.naive_moves), f"{r.wall_seconds:.0f}",
            f"{r.peak_rss_mb:.0f}",
        )  # fmt: skip
    return table


if __name__ == "__main__":
    size, team_count, limit, bench_seed = (
        int(sys.argv[1]),
        int(sys.argv[2]),
        float(sys.argv[3]),
        int(sys.argv[4]),
    )
    threads = int(sys.argv[5]) if len(sys.argv) > 5 else None
    print(json.dumps(asdict(run_one(size, team_count, limit, threads, bench_seed))))
