"""Building the flex model from its rule registry and solving it with the roster's wrapper."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from constraints.flex.base import FlexRule
from constraints.flex.registry import FLEX_RULES
from inputs.flex import Deployment, FlexData, FlexPlan
from solver.flex.model import FlexModel
from solver.solve import Progress, SolveResult, SolverParams, search


@dataclass
class FlexResult:
    """The solve's figures (status, objective, bound, times: `result.roster` is None) and the
    plan found, if any."""

    result: SolveResult
    plan: FlexPlan | None


def build_flex_model(data: FlexData, rules: tuple[FlexRule, ...] = FLEX_RULES) -> FlexModel:
    """The CP-SAT model of every enabled flex rule, minimising the sum of soft penalties."""
    model = FlexModel.empty(data)
    for rule in rules:
        setting = data.rule(rule.name)
        if setting.enabled:
            rule.add(model, setting)
    model.set_objective()
    return model


def solve_flex(
    data: FlexData,
    params: SolverParams,
    on_progress: Callable[[Progress], None] | None = None,
    rules: tuple[FlexRule, ...] = FLEX_RULES,
) -> FlexResult:
    """Build and solve; the time limit and Ctrl-C stop the search and keep the best plan."""
    started = time.perf_counter()
    model = build_flex_model(data, rules)
    built = time.perf_counter() - started
    return solve_model(model, params, on_progress, built)


def solve_model(
    model: FlexModel,
    params: SolverParams,
    on_progress: Callable[[Progress], None] | None = None,
    build_seconds: float = 0.0,
) -> FlexResult:
    found = search(model.cp, params, on_progress)
    plan = extract_plan(model, found.solver) if found.status.has_roster else None
    return FlexResult(
        found.result(model.cp, model.vars.penalties, params, build_seconds, None), plan
    )


def extract_plan(model: FlexModel, solver: cp_model.CpSolver) -> FlexPlan:
    rows = model.data.row_by_number
    return FlexPlan.of(
        *(
            Deployment(day, number, officer_id, rows[number].shift)
            for (officer_id, day, number), var in model.vars.flex.items()
            if solver.value(var)
        )
    )
