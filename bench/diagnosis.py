"""Diagnosis benchmark: a generated borough with one conflict injected, diagnosed and then
rostered best effort; and the refusal explanations of a month that can be rostered.

Conflicts injected (each a pair or one extra Cover row, so the diagnosis must name them):
- `rest`: the first response team's every available officer on the night of day 8 and on
  the early of day 9 (two Cover rows): no rest between, which no count shows; the solver
  proves it and the conflict search shrinks it;
- `sergeants`: one more sergeant on the response night of day 12 than are free that day
  (one Cover row): the capacity checks count it before any solving.

Per run: the time of the capacity checks, of the solve that proves the month infeasible,
of the diagnosis (model build, conflict search and shrinking), its solves and conflicts,
whether the first conflict names the injected rows and was shrunk to needed groups only;
then `--best-effort`'s time, status and breaches. `refusals` solves the borough as it is
and times the explanation of the 3 costliest refused requests. Each run is its own
process (peak memory its own). Measured, never asserted.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from bench.borough import rounded, run_process, shown

if TYPE_CHECKING:
    from inputs.problem import ProblemData
    from solver.diagnose import Diagnosis
    from solver.solve import SolverParams

KINDS = ("rest", "sergeants", "refusals")


@dataclass
class DiagnosisRow:
    officers: int
    kind: str
    capacity_seconds: float
    solve_seconds: float
    diagnosis_seconds: float | None
    first_conflict_seconds: float | None
    diagnosis_solves: int | None
    conflicts: int
    first_conflict: str
    names_injected_rows: bool | None
    minimal: bool | None
    best_effort_seconds: float | None
    best_effort_status: str | None
    breaches: int | None
    refusals_seconds: float | None
    wall_seconds: float
    peak_rss_mb: float


def run_one(
    size: int, kind: str, time_limit: float, workers: int | None, seed: int
) -> DiagnosisRow:
    from app import pipeline
    from demo.borough import build_borough
    from solver.solve import SolverParams

    started = time.perf_counter()
    problem = build_borough(size, seed).problem
    params = SolverParams(time_limit=time_limit, seed=seed)
    if workers:
        params = replace(params, workers=workers)
    if kind == "refusals":
        return _refusals(problem, params, size, started)
    problem, injected = _inject(problem, kind)
    found = pipeline.run(problem, params)
    first = found.reasons[0] if found.reasons else None
    named = {("Cover", r) for r in injected}
    timed = time.perf_counter()
    effort = pipeline.run(problem, params, best_effort=True)
    return DiagnosisRow(
        officers=size,
        kind=kind,
        capacity_seconds=round(found.capacity_seconds, 2),
        solve_seconds=round(found.result.build_seconds + found.result.solve_seconds, 1),
        diagnosis_seconds=rounded(found.diagnosis_seconds) if found.diagnosis else None,
        first_conflict_seconds=_first(found.diagnosis),
        diagnosis_solves=found.diagnosis.solves if found.diagnosis else None,
        conflicts=len(found.reasons),
        first_conflict="; ".join(f.where() for f in first.findings) if first else "-",
        names_injected_rows=named <= set(first.rows()) if first else None,
        minimal=first.minimal if first else None,
        best_effort_seconds=round(time.perf_counter() - timed, 1),
        best_effort_status=effort.result.status.value,
        breaches=effort.report.breaches if effort.report else None,
        refusals_seconds=None,
        wall_seconds=round(time.perf_counter() - started, 1),
        peak_rss_mb=_peak(),
    )


def _inject(problem: ProblemData, kind: str) -> tuple[ProblemData, list[int]]:
    """The borough with the conflict's Cover rows appended, and their row numbers."""
    from inputs.problem import SUPERVISOR_RANKS, CoverRow, TeamKind

    first = len(problem.cover) + 2
    rows: tuple[CoverRow, ...]
    if kind == "rest":
        team = problem.teams_of_kind(TeamKind.RESPONSE)[0]
        members = problem.team_members(team.team_id)

        def free(day: int) -> int:
            return sum(problem.absence_on(o.officer_id, day) is None for o in members)

        rows = (
            CoverRow(row=first, team=team.team_id, day=problem.days[8].isoformat(), shift="N",
                     min=free(8)),
            CoverRow(row=first + 1, team=team.team_id, day=problem.days[9].isoformat(),
                     shift="E", min=free(9)),
        )  # fmt: skip
    else:
        sergeants = [
            o
            for o in problem.officers
            if o.rank in SUPERVISOR_RANKS
            and problem.team_of(o).kind == TeamKind.RESPONSE
            and problem.absence_on(o.officer_id, 12) is None
        ]
        rows = (
            CoverRow(row=first, team="response", day=problem.days[12].isoformat(), shift="N",
                     min=len(sergeants) + 1, ranks=frozenset({"PS", "Insp"})),
        )  # fmt: skip
    injected = problem.model_copy(update={"cover": (*problem.cover, *rows)})
    return injected, [r.row for r in rows]


def _refusals(
    problem: ProblemData, params: SolverParams, size: int, started: float
) -> DiagnosisRow:
    from app import pipeline

    found = pipeline.run(problem, params)
    timed = time.perf_counter()
    pipeline.explain_refusals(found, params, pipeline.EXPLAINED_REFUSALS)
    return DiagnosisRow(
        officers=size,
        kind="refusals",
        capacity_seconds=round(found.capacity_seconds, 2),
        solve_seconds=round(found.result.build_seconds + found.result.solve_seconds, 1),
        diagnosis_seconds=None,
        first_conflict_seconds=None,
        diagnosis_solves=None,
        conflicts=0,
        first_conflict="; ".join(r.text for r in found.refusals) or "-",
        names_injected_rows=None,
        minimal=None,
        best_effort_seconds=None,
        best_effort_status=found.result.status.value,
        breaches=None,
        refusals_seconds=round(time.perf_counter() - timed, 1),
        wall_seconds=round(time.perf_counter() - started, 1),
        peak_rss_mb=_peak(),
    )


def _first(diagnosis: Diagnosis | None) -> float | None:
    if diagnosis is None or not diagnosis.conflicts:
        return None
    return rounded(diagnosis.conflicts[0].seconds)


def _peak() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_diagnosis_bench(
    sizes: list[int],
    kinds: list[str],
    time_limit: float,
    workers: int | None,
    seed: int,
    console: Console,
) -> list[DiagnosisRow]:
    rows = []
    wide = Console(file=console.file, width=max(console.width, 200))
    for size in sizes:
        for kind in kinds:
            console.print(f"Borough of {size} officers, {kind}, {time_limit:g}s ...")
            command = [sys.executable, "-m", "bench.diagnosis", str(size), kind,
                       str(time_limit), str(seed)]  # fmt: skip
            if workers:
                command.append(str(workers))
            found = run_process(command, console, f"{size} {kind}")
            if found is not None:
                rows.append(DiagnosisRow(**found))
                console.print(f"  conflict or refusals: {rows[-1].first_conflict}")
    wide.print(_table(rows))
    return rows


def _table(rows: list[DiagnosisRow]) -> Table:
    table = Table(title="Diagnosis benchmark", title_justify="left")
    headings = ("officers", "kind", "capacity s", "solve s", "diagnosis s", "first conflict s",
                "solves",
                "conflicts", "injected rows named", "minimal", "best effort s", "status",
                "breaches", "refusals s", "wall s", "peak MB")  # fmt: skip
    for heading in headings:
        table.add_column(heading, justify="right")
    for r in rows:
        table.add_row(
            str(r.officers), r.kind, f"{r.capacity_seconds:.2f}", f"{r.solve_seconds:.1f}",
            shown(r.diagnosis_seconds), shown(r.first_conflict_seconds),
            shown(r.diagnosis_solves), str(r.conflicts),
            _flag(r.names_injected_rows), _flag(r.minimal), shown(r.best_effort_seconds),
            r.best_effort_status or "-", shown(r.breaches), shown(r.refusals_seconds),
            f"{r.wall_seconds:.0f}", f"{r.peak_rss_mb:.0f}",
        )  # fmt: skip
    return table


def _flag(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


if __name__ == "__main__":
    size, kind, limit, bench_seed = (
        int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    )  # fmt: skip
    threads = int(sys.argv[5]) if len(sys.argv) > 5 else None
    print(json.dumps(asdict(run_one(size, kind, limit, threads, bench_seed))))
