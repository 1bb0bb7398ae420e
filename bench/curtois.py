"""Curtois-Qu benchmark: instances 1-24, solved with a time limit, against the best known.

Each instance runs in its own Python process so that peak memory (max RSS) is that run's
alone. Per instance: the solver's objective and the checkers' re-scored objective (they
must be equal: the checkers compute the benchmark's own objective), CP-SAT's bound, the
best known value and the gap to it, seconds to the best roster found, wall seconds, peak
memory. With `solutions`, each roster is written to `DIR/InstanceN.csv` (columns
employee, day, shift; one row per worked shift; day 0-based) so anyone can re-score it.

Two runs of the same instance and seed can end hundreds apart (the two lanes of the search
race), so one table says little about a single instance. With several seeds every instance
runs once per seed (rosters in `DIR/seed-S/`), a table and mean gap per seed, then each
instance's best, mean and worst. The CSV is rewritten after every run, so a run of hours
stopped early keeps what it measured.
"""

from __future__ import annotations

import csv
import json
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "curtois"


@dataclass
class CurtoisRow:
    instance: int
    seed: int
    days: int
    staff: int
    shift_types: int
    variables: int
    build_seconds: float
    status: str
    objective: int | None
    rechecked_objective: int | None
    hard_violations: int | None
    bound: float | None
    best_known: int | None
    gap_to_best: float | None
    """(objective - best known) / best known."""
    best_found_seconds: float | None
    wall_seconds: float
    peak_rss_mb: float


def best_known(data: Path = DATA) -> dict[int, int]:
    """instance number -> best known objective, from best_known.csv."""
    path = data / "best_known.csv"
    if not path.exists():
        return {}
    with path.open(newline="") as handle:
        return {
            int(row["instance"].removeprefix("Instance")): int(row["best_known"])
            for row in csv.DictReader(handle)
        }


def parse_instances(text: str, option: str = "--instances") -> list[int]:
    """'1-12,15' -> [1, ..., 12, 15]; seeds are given the same way. Raises ValueError naming
    the option and the part that is neither a number nor a range."""
    found: list[int] = []
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        if not first:
            continue
        if not (first.isdigit() and (last.isdigit() or not last)):
            raise ValueError(f"{option}: '{part.strip()}' is not a number or a range such as 1-12.")
        found.extend(range(int(first), int(last or first) + 1))
    return found


def missing_instances(numbers: list[int], data: Path = DATA) -> list[int]:
    """The instance numbers with no InstanceN.txt in `data`."""
    return [number for number in numbers if not (data / f"Instance{number}.txt").exists()]


def run_one(
    number: int,
    time_limit: float,
    workers: int | None,
    seed: int,
    solutions: Path | None,
    data: Path = DATA,
) -> CurtoisRow:
    """Read, solve and re-check one instance in this process."""
    from app.pipeline import run
    from constraints.registry import catalogue
    from inputs.curtois import read_instance
    from solver.solve import SolverParams

    started = time.perf_counter()
    problem = read_instance(data / f"Instance{number}.txt", catalogue())
    params = SolverParams(time_limit=time_limit, seed=seed)
    if workers:
        params = replace(params, workers=workers)
    outcome = run(problem, params)
    result, report = outcome.result, outcome.report
    if solutions is not None and result.roster is not None:
        write_solution(solutions / f"Instance{number}.csv", problem, result.roster)
    best = best_known(data).get(number)
    return CurtoisRow(
        instance=number,
        seed=seed,
        days=problem.num_days,
        staff=len(problem.officers),
        shift_types=len(problem.shifts),
        variables=result.num_variables,
        build_seconds=round(result.build_seconds, 2),
        status=result.status.value,
        objective=result.objective,
        rechecked_objective=report.objective if report else None,
        hard_violations=report.hard_violations if report else None,
        bound=None if result.bound is None else round(result.bound, 1),
        best_known=best,
        gap_to_best=_gap_of(result.objective, best),
        best_found_seconds=_round(result.best_solution_seconds),
        wall_seconds=round(time.perf_counter() - started, 1),
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )


def write_solution(path: Path, problem: object, roster: object) -> None:
    """employee,day,shift: one row per worked shift, day 0-based."""
    from inputs.problem import ProblemData
    from inputs.roster import Roster

    assert isinstance(problem, ProblemData) and isinstance(roster, Roster)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["employee", "day", "shift"])
        for officer in problem.officers:
            for day in range(problem.num_days):
                for code in roster.on(officer.officer_id, day):
                    writer.writerow([officer.officer_id, day, code])


def run_curtois_bench(
    instances: list[int],
    time_limit: float,
    workers: int | None,
    seeds: list[int],
    csv_path: Path | None,
    solutions: Path | None,
    console: Console,
) -> list[CurtoisRow]:
    """Each instance once per seed, each run in its own process; the tables, the mean gap
    per seed and, with several seeds, each instance's spread."""
    rows: list[CurtoisRow] = []
    wide = Console(file=console.file, width=max(console.width, 180))
    for seed in seeds:
        folder = solutions if solutions is None or len(seeds) == 1 else solutions / f"seed-{seed}"
        done = []
        for number in instances:
            console.print(f"Instance{number}, {time_limit:g}s, seed {seed} ...")
            row = _run_apart(number, time_limit, workers, seed, folder, console)
            if row is not None:
                done.append(row)
                wide.print(_table(done[-1:]))
                _write_csv(csv_path, rows + done)
        wide.print(_table(done))
        gaps = [r.gap_to_best for r in done if r.gap_to_best is not None]
        if gaps:
            console.print(f"Seed {seed}: mean gap to best known {100 * sum(gaps) / len(gaps):.2f}%")
        rows += done
    if len(seeds) > 1 and rows:
        wide.print(_spread(rows))
    return rows


def _write_csv(path: Path | None, rows: list[CurtoisRow]) -> None:
    """Every run so far, rewritten after each: a long run stopped early keeps its figures."""
    if path is None:
        return
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(asdict(rows[0])))
        writer.writeheader()
        writer.writerows(asdict(row) for row in rows)


def _run_apart(
    number: int,
    time_limit: float,
    workers: int | None,
    seed: int,
    solutions: Path | None,
    console: Console,
) -> CurtoisRow | None:
    """`run_one` in a process of its own, so that its peak memory is its own."""
    command = [sys.executable, "-m", "bench.curtois", str(number), str(time_limit), str(seed)]
    command += [str(workers or 0), str(solutions or "")]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        console.print(f"[red]Instance{number} failed[/]:\n{done.stderr[-2000:]}")
        return None
    return CurtoisRow(**json.loads(done.stdout.strip().splitlines()[-1]))


def _spread(rows: list[CurtoisRow]) -> Table:
    """Each instance's best, mean and worst objective over its runs, and their gaps."""
    table = Table(title="Curtois-Qu benchmark, over the seeds", title_justify="left")
    headings = ("instance", "runs", "best", "mean", "worst", "best known", "gap best",
                "gap mean", "gap worst", "re-scored equal", "hard")  # fmt: skip
    for heading in headings:
        table.add_column(heading, justify="right")
    for number in sorted({r.instance for r in rows}):
        runs = [r for r in rows if r.instance == number]
        found = [r.objective for r in runs if r.objective is not None]
        known = runs[0].best_known
        mean = sum(found) / len(found) if found else None
        figures = (min(found, default=None), mean, max(found, default=None))
        equal = sum(r.objective == r.rechecked_objective for r in runs)
        hard = sum(r.hard_violations or 0 for r in runs)
        table.add_row(
            str(number), str(len(runs)), *(_text(_round(f)) for f in figures), _text(known),
            *(_percent(_gap_of(f, known)) for f in figures), f"{equal} of {len(runs)}", str(hard),
        )  # fmt: skip
    return table


def _table(rows: list[CurtoisRow]) -> Table:
    table = Table(title="Curtois-Qu benchmark", title_justify="left")
    headings = ("instance", "size", "vars", "build s", "status", "objective", "re-scored",
                "hard", "bound", "best known", "gap", "best at s", "wall s", "peak MB")  # fmt: skip
    for heading in headings:
        table.add_column(heading, justify="right")
    for r in rows:
        table.add_row(
            str(r.instance), f"{r.days}d {r.staff}e {r.shift_types}s", f"{r.variables:,}",
            f"{r.build_seconds:.1f}", r.status, _text(r.objective),
            _text(r.rechecked_objective), _text(r.hard_violations), _text(r.bound),
            _text(r.best_known), _percent(r.gap_to_best),
            _text(r.best_found_seconds), f"{r.wall_seconds:.0f}", f"{r.peak_rss_mb:.0f}",
        )  # fmt: skip
    return table


def _gap_of(objective: float | None, best: int | None) -> float | None:
    """(objective - best known) / best known."""
    if objective is None or not best:
        return None
    return round((objective - best) / best, 4)


def _percent(gap: float | None) -> str:
    return "-" if gap is None else f"{100 * gap:.1f}%"


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _text(value: float | int | None) -> str:
    return "-" if value is None else f"{value:,}"


if __name__ == "__main__":
    number, limit, bench_seed = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    threads = int(sys.argv[4]) or None
    folder = Path(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[5] else None
    print(json.dumps(asdict(run_one(number, limit, threads, bench_seed, folder))))
