"""The roster job as plain functions: read, build, solve, re-check, write.

The command line and (later) the web application both call these, so the
order of the steps and what is re-checked live in one place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from constraints.registry import catalogue
from constraints.report import Report, check_roster
from inputs.errors import InputError, Problem
from inputs.posting import PostingData
from inputs.problem import ProblemData
from inputs.reader import read_problem
from solver.search import solve_roster
from solver.solve import Progress, SolveResult, SolverParams

DEFAULT_TIME_LIMIT = 120.0


@dataclass
class RosterRun:
    """Everything the output workbook and the terminal summary need."""

    problem: ProblemData
    result: SolveResult
    report: Report | None
    input_hash: str


def load(path: Path) -> ProblemData:
    """The validated problem; `InputError` lists every problem in the workbook."""
    return read_problem(path, catalogue())


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def params_for(
    problem: ProblemData | PostingData,
    time_limit: float | None = None,
    seed: int | None = None,
    workers: int | None = None,
    log: bool = False,
) -> SolverParams:
    """Command-line options first, then the Settings sheet, then the defaults."""
    settings = problem.settings
    defaults = SolverParams()
    return SolverParams(
        time_limit=time_limit or settings.time_limit_seconds or DEFAULT_TIME_LIMIT,
        seed=seed if seed is not None else (settings.random_seed or 0),
        workers=workers or defaults.workers,
        log=log,
    )


def run(
    problem: ProblemData,
    params: SolverParams,
    input_hash: str = "",
    on_progress: Callable[[Progress], None] | None = None,
) -> RosterRun:
    """Build the model, solve it, and re-check whatever roster comes back with the checkers."""
    result = solve_roster(problem, params, on_progress)
    report = check_roster(problem, result.roster) if result.roster is not None else None
    return RosterRun(problem, result, report, input_hash)


def refuse_overwrite(input_path: Path, output_path: Path) -> None:
    """The input workbook is never written to; neither is a folder that does not exist."""
    problems = []
    if output_path.resolve() == input_path.resolve():
        problems.append(
            Problem(
                "",
                None,
                None,
                f"the output {output_path} is the input workbook; "
                "expected another file name (the input is never overwritten)",
            )
        )
    if not output_path.parent.exists():
        problems.append(
            Problem(
                "",
                None,
                None,
                f"the folder {output_path.parent} does not exist; "
                "expected an existing folder for the output",
            )
        )
    if output_path.suffix.lower() != ".xlsx":
        problems.append(
            Problem(
                "",
                None,
                None,
                f"the output {output_path.name} does not end in .xlsx; expected an .xlsx file name",
            )
        )
    if problems:
        raise InputError(problems)
