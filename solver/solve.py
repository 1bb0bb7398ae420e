"""Building the roster model from the rule registry, and a thin wrapper around CP-SAT.

The wrapper maps CP-SAT's statuses to our own, passes parameters through,
reports progress, and turns Ctrl-C into "stop and keep the best roster found".
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from ortools.sat.python import cp_model

from constraints.base import Rule
from constraints.registry import RULES
from inputs.problem import ProblemData
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import Penalty


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    NO_SOLUTION = "no roster found within the time limit"
    INVALID = "model invalid"

    @property
    def has_roster(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)


STATUS_MAP = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.NO_SOLUTION,
    cp_model.MODEL_INVALID: Status.INVALID,
}


POLL_SECONDS = 0.1
"""How often a running solve reports progress and checks whether to stop."""

MAX_LP_SUBSOLVERS = ("max_lp", "default_lp")
"""With two workers CP-SAT runs its default LP worker only; the one that adds every linear
cut it knows (max_lp) proves bounds far closer on rostering models and steers its
neighbourhood workers better: the whole model of the search by parts and the team plan run
it beside the default one (measured in bench/RESULTS.md)."""


def default_workers() -> int:
    return max(1, min(8, os.cpu_count() or 2))


@dataclass(frozen=True)
class SolverParams:
    time_limit: float = 60.0
    workers: int = field(default_factory=default_workers)
    seed: int = 0
    log: bool = False
    relative_gap: float = 0.0
    subsolvers: tuple[str, ...] = ()
    """CP-SAT's full-problem workers by name (e.g. max_lp); empty: CP-SAT's own choice."""
    linearization: int | None = None
    """CP-SAT's linearization_level (2: every linear cut it knows, as its max_lp worker);
    None: CP-SAT's default."""
    light_presolve: bool = False
    """One presolve pass without probing: on one officer's year, full presolve took 1.0 s of
    a 1.1-s solve (instance 24), where its first-solution search needs 0.1 s."""
    root_lp_iterations: int | None = None
    """CP-SAT's root_lp_iterations: the simplex iterations its linear relaxation may take at
    the root before the search starts; None: CP-SAT's default (2,000)."""


@dataclass(frozen=True)
class Progress:
    elapsed: float
    objective: float | None
    bound: float | None
    solutions: int

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)


@dataclass
class SolveFigures:
    """What a CP-SAT run reports, whatever the model (the roster's, the posting panel's)."""

    status: Status
    objective: int | None
    """The model's objective evaluated on the returned roster (sum of the penalty terms)."""
    reported_objective: float | None
    """CP-SAT's own figure; presolve may leave it above `objective` (loosened definitions)."""
    bound: float | None
    rule_penalties: dict[str, int]
    """Each rule's non-zero share of the objective as the solver sees it (tests compare with
    the checkers)."""
    params: SolverParams
    build_seconds: float
    solve_seconds: float
    first_solution_seconds: float | None
    best_solution_seconds: float | None
    solutions: int
    interrupted: bool
    num_variables: int
    num_constraints: int

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)


@dataclass
class SolveResult(SolveFigures):
    roster: Roster | None


def figures_of(figures: SolveFigures) -> dict[str, Any]:
    """The figures as keyword arguments, to build a result that adds its solution."""
    return {f.name: getattr(figures, f.name) for f in fields(SolveFigures)}


def quick_solver(params: SolverParams, seconds: float, workers: int) -> cp_model.CpSolver:
    """A CP-SAT solver for the short solves that explain an outcome (the conflict search,
    a refusal's re-solve): the parameters' seed and log, `seconds` and `workers`, and no
    symmetry detection, which costs seconds on a large model before any search."""
    solver = cp_model.CpSolver()
    parameters = solver.parameters
    parameters.max_time_in_seconds = max(seconds, 0.01)
    parameters.num_workers = workers
    parameters.random_seed = params.seed
    parameters.log_search_progress = params.log
    parameters.symmetry_level = 0
    return solver


def unsolved(params: SolverParams) -> SolveFigures:
    """The figures of a problem the capacity checks refused before any solving."""
    return SolveFigures(
        Status.INFEASIBLE, None, None, None, {}, params, 0.0, 0.0, None, None, 0, False, 0, 0
    )


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    if objective is None or bound is None:
        return None
    if abs(objective) < 1e-9:
        return 0.0
    return max(0.0, (objective - bound) / abs(objective))


def build_model(problem: ProblemData, rules: tuple[Rule, ...] = RULES) -> RosterModel:
    """The CP-SAT model of every enabled rule, with the sum of soft penalties as objective."""
    model = RosterModel.empty(problem)
    for rule in rules:
        setting = problem.rule(rule.name)
        if setting.enabled:
            rule.add(model, setting)
    model.set_objective()
    return model


class _Watcher(cp_model.CpSolverSolutionCallback):
    def __init__(
        self, started: float, on_solution: Callable[[list[int], int], None] | None = None
    ) -> None:
        super().__init__()
        self.started = started
        self.on_solution = on_solution
        self.objective: float | None = None
        self.bound: float | None = None
        self.first: float | None = None
        self.best: float | None = None
        self.count = 0

    def on_solution_callback(self) -> None:
        now = time.perf_counter() - self.started
        self.count += 1
        self.first = now if self.first is None else self.first
        self.best = now
        self.objective = self.objective_value
        self.bound = self.best_objective_bound
        if self.on_solution is not None:
            self.on_solution(list(self.response_proto.solution), round(self.objective_value))

    def on_bound(self, bound: float) -> None:
        self.bound = bound


def solve(
    model: RosterModel,
    params: SolverParams,
    on_progress: Callable[[Progress], None] | None = None,
    build_seconds: float = 0.0,
    stop_when: Callable[[Progress], bool] | None = None,
) -> SolveResult:
    """Solve in a worker thread; the time limit, Ctrl-C and `stop_when` (checked about four
    times a second) all stop the search and return the best roster found."""
    solver, figures = run_solver(
        model.cp, model.vars.penalties, params, on_progress, build_seconds, stop_when
    )
    roster = extract_roster(model, solver) if figures.status.has_roster else None
    return SolveResult(**figures_of(figures), roster=roster)


def run_solver(
    cp: cp_model.CpModel,
    penalties: list[Penalty],
    params: SolverParams,
    on_progress: Callable[[Progress], None] | None = None,
    build_seconds: float = 0.0,
    stop_when: Callable[[Progress], bool] | None = None,
    on_solution: Callable[[list[int], int], None] | None = None,
) -> tuple[cp_model.CpSolver, SolveFigures]:
    """Run CP-SAT on any model with the parameters, progress and Ctrl-C handling of `solve`;
    the solver is returned for reading the solution. The objective is the sum of
    `penalties` read back per rule; with none given (a neighbourhood's sub-model, whose
    objective is offset by its fixed penalties, where reading every penalty back would cost
    more than the solve) it is CP-SAT's own. `on_solution` sees each roster as CP-SAT finds
    it (every variable's value, and CP-SAT's objective), on CP-SAT's thread."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = params.time_limit
    solver.parameters.num_workers = params.workers
    solver.parameters.random_seed = params.seed
    solver.parameters.log_search_progress = params.log
    solver.parameters.relative_gap_limit = params.relative_gap
    solver.parameters.catch_sigint_signal = False  # Ctrl-C is ours: stop and keep the best
    solver.parameters.subsolvers.extend(params.subsolvers)
    if params.linearization is not None:
        solver.parameters.linearization_level = params.linearization
    if params.light_presolve:
        solver.parameters.max_presolve_iterations = 1
        solver.parameters.cp_model_probing_level = 0
    if params.root_lp_iterations is not None:
        solver.parameters.root_lp_iterations = params.root_lp_iterations
    started = time.perf_counter()
    watcher = _Watcher(started, on_solution)
    solver.best_bound_callback = watcher.on_bound
    outcome: list[cp_model.CpSolverStatus] = []
    done = threading.Event()

    def work() -> None:
        try:
            outcome.append(solver.solve(cp, watcher))
        finally:
            done.set()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    interrupted = False
    # Wait on an Event, not Thread.join: a Ctrl-C inside join() can leave is_alive() False
    # while the solver still runs.
    while not done.is_set():
        try:
            done.wait(POLL_SECONDS)
            elapsed = time.perf_counter() - started
            progress = Progress(elapsed, watcher.objective, watcher.bound, watcher.count)
            if on_progress is not None:
                on_progress(progress)
            if stop_when is not None and stop_when(progress):
                solver.stop_search()
        except KeyboardInterrupt:
            interrupted = True
            solver.stop_search()
    thread.join()
    status = STATUS_MAP[outcome[0]] if outcome else Status.NO_SOLUTION
    has_roster = status.has_roster
    totals = _rule_penalties(penalties, solver) if has_roster else {}
    stats = cp.proto
    return solver, SolveFigures(
        status=status,
        objective=_objective(solver, penalties, totals) if has_roster else None,
        reported_objective=solver.objective_value if has_roster else None,
        bound=solver.best_objective_bound if status != Status.INFEASIBLE else None,
        rule_penalties=totals,
        params=params,
        build_seconds=build_seconds,
        solve_seconds=time.perf_counter() - started,
        first_solution_seconds=watcher.first,
        best_solution_seconds=watcher.best,
        solutions=watcher.count,
        interrupted=interrupted,
        num_variables=len(stats.variables),
        num_constraints=len(stats.constraints),
    )


def extract_roster(model: RosterModel, solver: cp_model.CpSolver) -> Roster:
    problem, variables = model.problem, model.vars
    tours = {
        o.officer_id: tuple(
            tuple(code for code, var in variables.tours(o.officer_id, d) if solver.value(var))
            for d in range(problem.num_days)
        )
        for o in problem.officers
    }
    team_tours = {
        team_id: tuple(
            next((c for c, v in variables.team_tours(team_id, d).items() if solver.value(v)), None)
            for d in range(problem.num_days)
        )
        for team_id in sorted({t for t, _, _ in variables.team_tour})
    }
    ward_variants = {
        team_id: tuple(
            next(c for c, v in variables.ward_variants(team_id, w).items() if solver.value(v))
            for w in range(len(problem.weeks))
        )
        for team_id in sorted({t for t, _, _ in variables.ward_variant})
    }
    return Roster(tours, team_tours, ward_variants)


def _objective(solver: cp_model.CpSolver, penalties: list[Penalty], totals: dict[str, int]) -> int:
    return sum(totals.values()) if penalties else round(solver.objective_value)


def _rule_penalties(penalties: list[Penalty], solver: cp_model.CpSolver) -> dict[str, int]:
    totals: dict[str, int] = {}
    for penalty in penalties:
        value = penalty.coefficient * round(solver.value(penalty.expr))
        totals[penalty.rule] = totals.get(penalty.rule, 0) + value
    return {rule: total for rule, total in totals.items() if total}
