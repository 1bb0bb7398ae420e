"""The search strategy: response teams move as units first, individuals after.

When team_rota is soft, CP-SAT searches a space where any officer may leave
their team's tour. Local moves there rarely find what matters most: moving a
whole team from earlies to nights takes sixty coordinated changes. On a
600-officer borough the plain model ended a minute at 120,580 where a roster
with every team working as a unit scores under 2,500.

So the search runs in two stages when team_rota is enabled and soft:
1. the same rules with team_rota hard: teams move as units, a far smaller
   space in which good rosters come quickly; the teams' tours are first fixed
   to a quick team-level plan (`solver.team_plan`), and freed again if that
   plan turns out infeasible for the officers;
2. the full model, hinted with the best stage-1 roster, in which individuals
   may leave their team's tour where that pays.
The better roster of the two is returned. Both are judged by the full model's
objective (a stage-1 roster has no team_rota penalty, so its objective is the
same under both); only the full model's bound is reported, since stage 1's
bound holds only for the restricted problem.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from inputs.problem import ProblemData, TeamKind
from solver.model import RosterModel
from solver.solve import Progress, SolveResult, SolverParams, Status, build_model, solve
from solver.team_plan import TeamPlan, plan_team_tours

STAGE_ONE_SHARE = 0.5
"""Share of the time limit given to stage 1 (with the team plan); stage 2 gets the rest."""
PLAN_SECONDS = 3.0
PLAN_SHARE = 0.1
"""The team plan gets at most PLAN_SECONDS and at most this share of the time limit."""

ProgressFn = Callable[[Progress], None]


def solve_roster(
    problem: ProblemData, params: SolverParams, on_progress: ProgressFn | None = None
) -> SolveResult:
    """Solve the roster problem with the two-stage strategy where it applies."""
    started = time.perf_counter()
    if not _teams_first_applies(problem):
        return _build_and_solve(problem, params, on_progress, started, params.time_limit)
    plan = plan_team_tours(
        problem, min(PLAN_SECONDS, PLAN_SHARE * params.time_limit), params.workers
    )
    as_units = _team_rota_hard(problem)
    stage_one_end = params.time_limit * STAGE_ONE_SHARE
    stage_one = _build_and_solve(
        as_units, params, on_progress, started, stage_one_end, plan, restricted=True
    )
    if plan is not None and stage_one.status == Status.INFEASIBLE:
        stage_one = _build_and_solve(
            as_units, params, on_progress, started, stage_one_end, restricted=True
        )
    if stage_one.interrupted:
        return _as_full_problem(stage_one)
    building = time.perf_counter()
    try:
        model = build_model(problem)
    except KeyboardInterrupt:
        return replace(_as_full_problem(stage_one), interrupted=True)
    built = time.perf_counter() - building
    remaining = params.time_limit - (time.perf_counter() - started)
    if remaining <= 0:
        return _as_full_problem(stage_one)
    if stage_one.roster is not None:
        _hint(model, stage_one)
    stage_two = solve(
        model,
        replace(params, time_limit=remaining),
        _offset(on_progress, time.perf_counter() - started, stage_one),
        build_seconds=built,
    )
    return _combine(stage_one, stage_two, started)


def _teams_first_applies(problem: ProblemData) -> bool:
    setting = problem.rule("team_rota")
    has_teams = bool(problem.teams_of_kind(TeamKind.RESPONSE))
    return setting.enabled and not setting.hard and has_teams


def _team_rota_hard(problem: ProblemData) -> ProblemData:
    rules = dict(problem.rules)
    rules["team_rota"] = rules["team_rota"].model_copy(update={"hard": True})
    return problem.model_copy(update={"rules": rules})


def _build_and_solve(
    problem: ProblemData,
    params: SolverParams,
    on_progress: ProgressFn | None,
    started: float,
    until: float,
    plan: TeamPlan | None = None,
    restricted: bool = False,
) -> SolveResult:
    """Build and solve, stopping `until` seconds after `started`; fix the team plan if given.

    `restricted` marks stage 1, whose bound does not hold for the full problem.
    """
    building = time.perf_counter()
    model = build_model(problem)
    if plan is not None:
        _fix(model, plan)
    built = time.perf_counter() - building
    offset = time.perf_counter() - started
    budget = replace(params, time_limit=max(0.0, until - offset))
    progress = _offset(on_progress, offset, None, bound_holds=not restricted)
    result = solve(model, budget, progress, build_seconds=built)
    return _shift_times(result, offset)


def _fix(model: RosterModel, plan: TeamPlan) -> None:
    for team_id, tours in plan.tours.items():
        for day, tour in enumerate(tours):
            for code, var in model.vars.team_tours(team_id, day).items():
                model.cp.add(var == int(code == tour))


def _hint(model: RosterModel, stage_one: SolveResult) -> None:
    """Start the full model from the stage-1 roster: every tour and every team tour."""
    roster = stage_one.roster
    assert roster is not None
    for (officer_id, day, code), var in model.vars.shift.items():
        model.cp.add_hint(var, code in roster.on(officer_id, day))
    for team_id, tours in roster.team_tours.items():
        for day, tour in enumerate(tours):
            for code, var in model.vars.team_tours(team_id, day).items():
                model.cp.add_hint(var, code == tour)


def _offset(
    on_progress: ProgressFn | None,
    offset: float,
    before: SolveResult | None,
    bound_holds: bool = True,
) -> ProgressFn | None:
    """Report a stage's progress on the whole run's clock, keeping stage 1's best in view.

    A restricted stage's bound does not hold for the full problem, so it is not shown.
    """
    if on_progress is None:
        return None
    best = before.objective if before is not None else None
    found = before.solutions if before is not None else 0

    def report(progress: Progress) -> None:
        objective = progress.objective
        if best is not None and (objective is None or best < objective):
            objective = best
        on_progress(
            Progress(
                progress.elapsed + offset, objective, progress.bound, found + progress.solutions
            )
        )

    return report


def _shift_times(result: SolveResult, offset: float) -> SolveResult:
    """Stage times measured from the start of the whole run, not of the stage."""
    return replace(
        result,
        first_solution_seconds=_plus(result.first_solution_seconds, offset),
        best_solution_seconds=_plus(result.best_solution_seconds, offset),
    )


def _as_full_problem(stage_one: SolveResult) -> SolveResult:
    """A stage-1 result standing alone: its bound does not hold for the full problem."""
    status = Status.FEASIBLE if stage_one.status == Status.OPTIMAL else stage_one.status
    return replace(stage_one, status=status, bound=None)


def _combine(stage_one: SolveResult, stage_two: SolveResult, started: float) -> SolveResult:
    """The better roster of the two stages, with the full model's status and bound."""
    offset = time.perf_counter() - started - stage_two.solve_seconds
    stage_two = _shift_times(stage_two, offset)
    if stage_one.roster is None or (
        stage_two.objective is not None and stage_two.objective <= (stage_one.objective or 0)
    ):
        best = stage_two
    else:
        best = replace(stage_one, status=Status.FEASIBLE, bound=stage_two.bound)
    return replace(
        best,
        build_seconds=stage_one.build_seconds + stage_two.build_seconds,
        solve_seconds=time.perf_counter() - started,
        first_solution_seconds=stage_one.first_solution_seconds or stage_two.first_solution_seconds,
        solutions=stage_one.solutions + stage_two.solutions,
        interrupted=stage_one.interrupted or stage_two.interrupted,
    )


def _plus(value: float | None, offset: float) -> float | None:
    return None if value is None else value + offset
