"""Building the posting model from its rule registry, and solving it with the roster's thin
CP-SAT wrapper (`solver.solve.run_solver`: statuses, parameters, progress, Ctrl-C).

The search starts from the allocation before the panel (approved moves made): a CP-SAT
hint, so a first proposal comes at once and every later one is an improvement on "no
change".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from constraints.posting.base import PostingRule
from constraints.posting.registry import RULES
from inputs.posting import Allocation, PostingData
from solver.posting.model import PostingModel
from solver.solve import Progress, SolveFigures, SolverParams, run_solver


@dataclass
class PostingResult:
    figures: SolveFigures
    allocation: Allocation | None
    """None when no proposal was found (see `figures.status`)."""


def build_posting_model(data: PostingData, rules: tuple[PostingRule, ...] = RULES) -> PostingModel:
    """The CP-SAT model of every enabled posting rule, the sum of soft penalties as objective."""
    model = PostingModel.empty(data)
    for rule in rules:
        setting = data.rule(rule.name)
        if setting.enabled:
            rule.add(model, setting)
    model.set_objective()
    _hint_no_change(model)
    return model


def solve_posting(
    data: PostingData,
    params: SolverParams,
    on_progress: Callable[[Progress], None] | None = None,
) -> PostingResult:
    started = time.perf_counter()
    model = build_posting_model(data)
    return solve_model(model, params, on_progress, time.perf_counter() - started)


def solve_model(
    model: PostingModel,
    params: SolverParams,
    on_progress: Callable[[Progress], None] | None = None,
    build_seconds: float = 0.0,
) -> PostingResult:
    solver, figures = run_solver(model.cp, model.vars.penalties, params, on_progress, build_seconds)
    allocation = extract_allocation(model, solver) if figures.status.has_roster else None
    return PostingResult(figures, allocation)


def extract_allocation(model: PostingModel, solver: cp_model.CpSolver) -> Allocation:
    teams = {o: t for (o, t), var in model.vars.assign.items() if solver.value(var)}
    return Allocation(teams)


def _hint_no_change(model: PostingModel) -> None:
    approved = model.data.approved
    for (officer_id, team_id), var in model.vars.assign.items():
        home = model.data.officer_by_id[officer_id].team
        start = approved[officer_id].to_team if officer_id in approved else home
        model.cp.add_hint(var, team_id == start)
