"""The roster job as plain functions: read, build, solve, re-check, write.

The command line and (later) the web application both call these, so the
order of the steps and what is re-checked live in one place.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from constraints.capacity import check_capacity
from constraints.explain import Refusal, explain, refusal
from constraints.findings import Reason, rules_of
from constraints.registry import catalogue
from constraints.report import Report, check_roster
from constraints.requests import refused
from inputs.errors import InputError, Problem
from inputs.posting import PostingData
from inputs.problem import ProblemData
from inputs.reader import read_problem
from solver.best_effort import CONFLICTS, relaxed, solve_relaxing
from solver.diagnose import Diagnosis, diagnose_roster
from solver.refusals import LocalSolver
from solver.search import solve_roster
from solver.solve import Progress, SolveResult, SolverParams, Status, figures_of, unsolved

DEFAULT_TIME_LIMIT = 120.0
EXPLAINED_REFUSALS = 3
"""Refused requests explained by default, the costliest first."""


@dataclass
class RosterRun:
    """Everything the output workbook and the terminal summary need."""

    problem: ProblemData
    """As solved: in a best-effort run, with the conflicting hard rules relaxed."""
    result: SolveResult
    """Status infeasible, no roster and zero times when the capacity checks showed the month
    impossible before any solving."""
    report: Report | None
    input_hash: str
    reasons: list[Reason] = field(default_factory=list)
    """Why the hard rules cannot all hold: what the capacity checks counted and the conflicts
    the diagnosis proved; in a best-effort run, why rules were relaxed."""
    diagnosis: Diagnosis | None = None
    """The last conflict search, if one ran."""
    diagnosis_seconds: float = 0.0
    capacity_seconds: float = 0.0
    refusals: list[Refusal] = field(default_factory=list)
    """Why the costliest refused requests were refused (`explain_refusals`)."""

    @property
    def relaxed(self) -> tuple[str, ...]:
        """The hard rules best effort relaxed, in catalogue order."""
        return tuple(name for name, s in self.problem.rules.items() if s.relaxed)

    @property
    def infeasible(self) -> bool:
        """No roster, because the hard rules cannot all hold."""
        return self.result.roster is None and self.result.status == Status.INFEASIBLE


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
    best_effort: bool = False,
) -> RosterRun:
    """Count capacity, solve, diagnose an infeasible month, and re-check whatever roster
    comes back with the checkers.

    Impossible counts end the run at once (no solver needed), unless `best_effort`: then
    the rules they involve are relaxed, as are those of each conflict a diagnosis finds
    when the solver proves the month infeasible, until a roster comes back.
    """
    started = time.perf_counter()
    reasons = check_capacity(problem)
    run = RosterRun(problem, _unsolved(params), None, input_hash, list(reasons))
    run.capacity_seconds = time.perf_counter() - started
    if reasons and not best_effort:
        return run

    def diagnose(problem: ProblemData) -> Diagnosis:
        return _diagnose(run, problem, params, best_effort)

    run.problem, run.result = solve_relaxing(
        relaxed(problem, rules_of(reasons), catalogue()),
        lambda problem: solve_roster(problem, params, on_progress),
        lambda result: result.status == Status.INFEASIBLE,
        diagnose,
        best_effort,
        catalogue(),
    )
    roster = run.result.roster
    run.report = check_roster(run.problem, roster) if roster is not None else None
    return run


def explain_refusals(run: RosterRun, params: SolverParams, most: int) -> None:
    """Grant each of the `most` costliest refused requests in a short local re-solve, and say
    what that would cost: the reason it was refused."""
    roster, report = run.result.roster, run.report
    setting = run.problem.rules.get("requests")
    if roster is None or report is None or most <= 0 or setting is None or setting.hard:
        return
    costliest = sorted(refused(run.problem, roster), key=lambda q: (-q.weight, q.row))[:most]
    if not costliest:
        return
    local = LocalSolver(run.problem, roster, params)
    for request in costliest:
        status, granted = local.grant(request)
        again = check_roster(run.problem, granted) if granted is not None else None
        run.refusals.append(refusal(run.problem, request, report, status, again))


def _diagnose(
    run: RosterRun, problem: ProblemData, params: SolverParams, best_effort: bool
) -> Diagnosis:
    """Look for the conflicts among the hard rules, and tell them in the workbook's terms;
    best effort looks for more, each setting its rules aside (they will be relaxed)."""
    started = time.perf_counter()
    if best_effort:
        run.diagnosis = diagnose_roster(problem, params, CONFLICTS, by_rule=True)
    else:
        run.diagnosis = diagnose_roster(problem, params)
    run.reasons += explain(problem, run.diagnosis)
    run.diagnosis_seconds += time.perf_counter() - started
    return run.diagnosis


def _unsolved(params: SolverParams) -> SolveResult:
    """The result of a month the capacity checks refused: infeasible, nothing solved."""
    return SolveResult(**figures_of(unsolved(params)), roster=None)


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
