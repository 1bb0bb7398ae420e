"""Building the flex model from its rule registry and solving it: the need first, then the rest.

CP-SAT finds good plans at once but cannot prove them best when the need, the
largest donor share and the officer count are weighed together: the linear
relaxation of the need is weak once the other terms pull on it. The search
therefore runs in two stages over one model, when the weights make that the
same as the weighted optimum (`need_first`):

1. **need**: minimise the officer-tours short of the requests alone;
2. **rest**: hold the need there, minimise the rest of the objective, starting
   from stage 1's plan.

The objective reported is always the whole weighted sum, evaluated exactly on
the plan returned; the bound is stage 1's need plus stage 2's bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from constraints.flex import donor_share, need, officers
from constraints.flex import rotation as rotation_rule
from constraints.flex.base import FlexRule
from constraints.flex.registry import FLEX_RULES
from inputs.flex import Deployment, FlexData, FlexPlan
from solver.flex.model import FlexModel
from solver.solve import (
    Progress,
    SolveFigures,
    SolveResult,
    SolverParams,
    Status,
    figures_of,
    run_solver,
)

NEED_SHARE = 0.5
"""Stage 1 stops at this share of the time limit at the latest (it usually takes a moment)."""

ProgressFn = Callable[[Progress], None]


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


def need_first(data: FlexData) -> bool:
    """Whether one officer-tour of need outweighs the most the other soft terms can ever cost
    together: 1000 per-mille of largest share, and every SN officer moved. Then every plan
    meeting the most need beats every plan meeting less, and the two stages find the
    weighted optimum. A soft flex_rotation has no such ceiling: then one stage."""
    setting = data.rule(need.SPEC.name)
    rotation = data.rule(rotation_rule.SPEC.name)
    if setting.hard or not setting.enabled or (rotation.enabled and not rotation.hard):
        return False
    rest = 0
    for spec, most in (
        (donor_share.SPEC, donor_share.PER_MILLE),
        (officers.SPEC, len(data.officers)),
    ):
        other = data.rule(spec.name)
        if other.enabled and not other.hard:
            rest += other.weight * most
    return setting.weight > rest


def solve_flex(
    data: FlexData,
    params: SolverParams,
    on_progress: ProgressFn | None = None,
    rules: tuple[FlexRule, ...] = FLEX_RULES,
) -> FlexResult:
    """Build and solve; the time limit and Ctrl-C stop the search and keep the best plan."""
    started = time.perf_counter()
    model = build_flex_model(data, rules)
    built = time.perf_counter() - started
    need_terms = [p.coefficient * p.expr for p in model.vars.penalties if p.rule == need.SPEC.name]
    if not need_terms or not need_first(data):
        return _finish(model, *_search(model, params, built, on_progress))
    shortfall = sum(need_terms)
    model.cp.minimize(shortfall)
    budget = replace(params, time_limit=NEED_SHARE * params.time_limit)
    solver, first = _search(model, budget, built, _shown(on_progress, 0.0, 0, bound_only=True))
    if not first.status.has_roster or first.interrupted:
        return _finish(model, solver, replace(first, params=params))
    least = round(solver.objective_value)
    proven = first.status == Status.OPTIMAL
    model.cp.add(shortfall <= least)
    model.cp.clear_hints()
    for var in model.vars.flex.values():
        model.cp.add_hint(var, solver.boolean_value(var))
    if proven:
        rest = [p.coefficient * p.expr for p in model.vars.penalties if p.rule != need.SPEC.name]
        model.cp.minimize(sum(rest))
    else:
        model.set_objective()
    offset = time.perf_counter() - started - built
    left = replace(params, time_limit=max(0.0, params.time_limit - offset))
    shown = _shown(on_progress, offset, least if proven else 0)
    second_solver, second = _search(model, left, built, shown)
    if not second.status.has_roster:
        return _finish(model, solver, replace(first, params=params))
    found = _finish(model, second_solver, replace(second, params=params))
    return FlexResult(_combined(found.result, first, least if proven else 0, offset), found.plan)


def _search(
    model: FlexModel, params: SolverParams, built: float, on_progress: ProgressFn | None
) -> tuple[cp_model.CpSolver, SolveFigures]:
    return run_solver(model.cp, model.vars.penalties, params, on_progress, built)


def _finish(model: FlexModel, solver: cp_model.CpSolver, figures: SolveFigures) -> FlexResult:
    plan = extract_plan(model, solver) if figures.status.has_roster else None
    return FlexResult(SolveResult(**figures_of(figures), roster=None), plan)


def _combined(result: SolveResult, first: SolveFigures, held: int, offset: float) -> SolveResult:
    """Stage 2's result on the whole run's clock; its objective and bound with the need held
    by stage 1 added back (`held` is 0 when stage 2 minimised the whole objective)."""
    if result.status == Status.OPTIMAL and first.status != Status.OPTIMAL:
        status = Status.FEASIBLE
    else:
        status = result.status
    return replace(
        result,
        status=status,
        reported_objective=_plus(result.reported_objective, held),
        bound=_plus(result.bound, held),
        solve_seconds=result.solve_seconds + offset,
        first_solution_seconds=first.first_solution_seconds,
        best_solution_seconds=_plus(result.best_solution_seconds, offset),
        solutions=result.solutions + first.solutions,
        interrupted=result.interrupted,
    )


def _shown(
    on_progress: ProgressFn | None, offset: float, held: int, bound_only: bool = False
) -> ProgressFn | None:
    """A stage's progress on the whole run's clock and the whole objective's scale. Stage 1
    knows no whole objective yet, but its bound on the need is a bound on the whole."""
    if on_progress is None:
        return None

    def report(progress: Progress) -> None:
        objective = None if bound_only else _plus(progress.objective, held)
        bound = _plus(progress.bound, held)
        on_progress(Progress(progress.elapsed + offset, objective, bound, progress.solutions))

    return report


def _plus(value: float | None, extra: float) -> float | None:
    return None if value is None else value + extra


def extract_plan(model: FlexModel, solver: cp_model.CpSolver) -> FlexPlan:
    rows = model.data.row_by_number
    return FlexPlan.of(
        *(
            Deployment(day, number, officer_id, rows[number].shift)
            for (officer_id, day, number), var in model.vars.flex.items()
            if solver.value(var)
        )
    )
