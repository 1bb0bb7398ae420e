"""The search strategy: response teams move as units first, individuals after.

When team_rota is soft, CP-SAT searches a space where any officer may leave
their team's tour. Local moves there rarely find what matters most: moving a
whole team from earlies to nights takes sixty coordinated changes. On a
600-officer borough the plain model ended a minute at 120,580 where a roster
with every team working as a unit scores under 2,500.

So, when team_rota is enabled and soft, the search runs in stages, each
started from the best roster so far:
1. *planned*: team_rota hard and each team's tours fixed to a quick
   team-level plan (`solver.team_plan`); likewise sn_offset_starts hard and
   each SN ward's start variant fixed to a quick ward plan
   (`solver.ward_plan`); the model falls apart into small pieces and a first
   roster comes in seconds even at 1,200 officers;
2. *units*: team_rota hard, team tours free: teams move as units;
3. *full*: the full model, where individuals may leave their team's tour
   where that pays.
Stages 2 and 3 are searched by parts (`solver.by_parts`) from the roster before them:
the whole model, given that roster complete, while it gains (only up to
`by_parts.HINTED_WHOLE_VARIABLES`), then neighbourhoods, whole teams among them. From
600 officers up the whole model's presolve alone outlasts a stage, and CP-SAT given the
roster as a hint of tours found no roster in either stage (1,200 officers, 120 s): the
stage was lost; by parts a stage keeps or improves it.
When the input has a Published sheet (re-rostering), the published roster is
the starting point instead: stage 1 fixes each team's tours to those most of its
members were published on (the quick plan fills any team-day with nothing
published), each SN ward's weekly start variant to the one most of its published
tours were on, and a stage with no roster before it starts from the published
tours (absences aside).
The best roster is returned. All are judged by the full model's objective (a
roster of stages 1-2 has no team_rota penalty, so its objective is the same
under the full rules); only the full model's bound is reported, since the
restricted stages' bounds do not hold for the full problem.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from inputs.problem import ABSENCE_BY_CODE, ProblemData, TeamKind
from solver.by_parts import solve_by_parts
from solver.model import RosterModel
from solver.solve import Progress, SolveResult, SolverParams, Status, build_model, solve
from solver.team_plan import TeamPlan, plan_team_tours
from solver.ward_plan import WardPlan, plan_ward_variants

PLANNED_UNTIL = 0.25
UNITS_UNTIL = 0.6
PLANNED_STALL = 0.05
"""Shares of the time limit: the planned stage stops past PLANNED_UNTIL once it has a
roster and has gone PLANNED_STALL without a better one (at UNITS_UNTIL at the latest: on
large boroughs its first roster can take that long, and it gains fast after it); the units
stage stops at UNITS_UNTIL."""
PLAN_SECONDS = 10.0
PLAN_SHARE = 0.1
"""The team plan gets at most PLAN_SECONDS and at most this share of the time limit: on a
600-officer borough its objective at 3 s (CP-SAT's default worker) was 2,540-5,125, at
10 s 665-675, and 640-645 with max_lp (measured in bench/RESULTS.md); the first stage's
roster follows the plan."""

MIN_STAGE_SECONDS = 5.0
"""A restricted stage with less time than this left is skipped."""

ProgressFn = Callable[[Progress], None]


def solve_roster(
    problem: ProblemData, params: SolverParams, on_progress: ProgressFn | None = None
) -> SolveResult:
    """Solve the roster problem, by stages where team_rota is soft."""
    started = time.perf_counter()
    limit = params.time_limit
    if not _teams_first_applies(problem):
        return solve_by_parts(problem, params, on_progress, started, limit)
    as_units = _team_rota_hard(problem)
    plan_time = min(PLAN_SECONDS, PLAN_SHARE * limit)
    plan = _plan(problem, plan_time, params.workers)
    wards = _ward_plan(problem, plan_time, params.workers)
    best: SolveResult | None = None
    if plan is not None:
        has_roster = _planned_stop(started, limit)
        until = UNITS_UNTIL * limit
        planned = _wards_as_units(as_units) if wards is not None else as_units
        best = _stage(
            planned, params, on_progress, started, until, fix=plan, fix_wards=wards,
            restricted=True, stop_when=has_roster,
        )  # fmt: skip
    try:
        until = UNITS_UNTIL * limit
        if (best is None or not best.interrupted) and _left(started, until) >= MIN_STAGE_SECONDS:
            units = _stage(as_units, params, on_progress, started, until, best, restricted=True)
            best = _better(best, units)
        if best is None:
            return _stage(problem, params, on_progress, started, limit)
        if best.interrupted:
            return _restricted(best)
        full = _stage(problem, params, on_progress, started, limit, best)
    except KeyboardInterrupt:
        if best is None or best.roster is None:
            raise
        return replace(_restricted(best), interrupted=True)
    return _combine(best, full, started)


def _planned_stop(started: float, limit: float) -> Callable[[Progress], bool]:
    """The planned stage stops past PLANNED_UNTIL once it has a roster and has gone
    PLANNED_STALL of the time limit without a better one."""
    enough, stall = PLANNED_UNTIL * limit, PLANNED_STALL * limit
    best: float | None = None
    best_at = 0.0

    def stop(progress: Progress) -> bool:
        nonlocal best, best_at
        now = time.perf_counter() - started
        if progress.objective != best:
            best, best_at = progress.objective, now
        return progress.solutions > 0 and now >= enough and now - best_at >= stall

    return stop


def _teams_first_applies(problem: ProblemData) -> bool:
    setting = problem.rule("team_rota")
    has_teams = bool(problem.teams_of_kind(TeamKind.RESPONSE))
    return setting.enabled and not setting.hard and has_teams


def _team_rota_hard(problem: ProblemData) -> ProblemData:
    return _hard(problem, "team_rota")


def _wards_as_units(problem: ProblemData) -> ProblemData:
    """SN ward teams work their start variant of the week, when that rule is on."""
    setting = problem.rule("sn_offset_starts")
    return _hard(problem, "sn_offset_starts") if setting.enabled else problem


def _hard(problem: ProblemData, rule: str) -> ProblemData:
    rules = dict(problem.rules)
    rules[rule] = rules[rule].model_copy(update={"hard": True})
    return problem.model_copy(update={"rules": rules})


def _stage(
    problem: ProblemData,
    params: SolverParams,
    on_progress: ProgressFn | None,
    started: float,
    until: float,
    start_from: SolveResult | None = None,
    fix: TeamPlan | None = None,
    fix_wards: WardPlan | None = None,
    restricted: bool = False,
    stop_when: Callable[[Progress], bool] | None = None,
) -> SolveResult:
    """Build and solve one stage, stopping `until` seconds after `started`.

    The stage is searched by parts from `start_from`'s roster when it has one, else by
    CP-SAT on the whole stage, with its team tours fixed to `fix` when given. A
    `restricted` stage (stricter than the borough's rules) does not show its bound.
    """
    if start_from is not None and start_from.roster is not None:
        return _stage_by_parts(problem, params, on_progress, started, until, start_from, restricted)
    building = time.perf_counter()
    model = build_model(problem)
    if fix is not None:
        _fix(model, fix)
    if fix_wards is not None and problem.rule("sn_offset_starts").enabled:
        _fix_wards(model, fix_wards)
    if problem.published:
        _hint_published(model)
    built = time.perf_counter() - building
    offset = time.perf_counter() - started
    budget = replace(params, time_limit=max(0.0, until - offset))
    progress = _offset(on_progress, offset, start_from, bound_holds=not restricted)
    result = solve(model, budget, progress, build_seconds=built, stop_when=stop_when)
    return _shift_times(result, offset)


def _stage_by_parts(
    problem: ProblemData,
    params: SolverParams,
    on_progress: ProgressFn | None,
    started: float,
    until: float,
    start_from: SolveResult,
    restricted: bool,
) -> SolveResult:
    """A stage searched by parts from the best roster so far."""
    begun = time.perf_counter()
    offset = begun - started
    progress = _offset(on_progress, offset, start_from, bound_holds=not restricted)
    budget = replace(params, time_limit=max(0.0, until - offset))
    result = solve_by_parts(problem, budget, progress, begun, until - offset, start_from.roster)
    return _shift_times(result, offset)


def _fix(model: RosterModel, plan: TeamPlan) -> None:
    for team_id, tours in plan.tours.items():
        for day, tour in enumerate(tours):
            for code, var in model.vars.team_tours(team_id, day).items():
                model.cp.add(var == int(code == tour))


def _fix_wards(model: RosterModel, plan: WardPlan) -> None:
    for team_id, weeks in plan.items():
        for week, variant in enumerate(weeks):
            for code, var in model.vars.ward_variants(team_id, week).items():
                model.cp.add(var == int(code == variant))


def _hint_published(model: RosterModel) -> None:
    """Start the model from the published roster (re-rostering), absence days aside."""
    problem = model.problem
    for (officer_id, day, code), var in model.vars.shift.items():
        published = problem.published_tours(officer_id, day)
        if published is not None and problem.absence_on(officer_id, day) is None:
            model.cp.add_hint(var, code in published)


def _plan(problem: ProblemData, time_limit: float, workers: int) -> TeamPlan | None:
    """The team tours stage 1 fixes: as published where a Published sheet says, else (and
    for the team-days it leaves open) the quick team plan."""
    published = _published_team_tours(problem)
    teams = [t.team_id for t in problem.teams_of_kind(TeamKind.RESPONSE)]
    days = range(problem.num_days)
    if published and all((t, d) in published for t in teams for d in days):
        return TeamPlan({t: tuple(published[t, d] for d in days) for t in teams})
    plan = plan_team_tours(problem, time_limit, workers)
    if plan is None or not published:
        return plan
    return TeamPlan(
        {
            team_id: tuple(published.get((team_id, d), tour) for d, tour in enumerate(tours))
            for team_id, tours in plan.tours.items()
        }
    )


def _ward_plan(problem: ProblemData, time_limit: float, workers: int) -> WardPlan | None:
    """The ward variants stage 1 fixes: as published where a Published sheet says (a pin on
    Teams.start_variant aside), else the quick ward plan."""
    plan = plan_ward_variants(problem, time_limit, workers)
    published = _published_ward_variants(problem)
    if plan is None or not published:
        return plan
    return {
        team_id: tuple(
            published.get((team_id, week), variant)
            if problem.team_by_id[team_id].start_variant is None
            else variant
            for week, variant in enumerate(weeks)
        )
        for team_id, weeks in plan.items()
    }


def _published_ward_variants(problem: ProblemData) -> dict[tuple[str, int], str]:
    """(team_id, week) -> the SN start variant most of a ward's published tours that week
    were on, for the ward-weeks with any. Days absent then or now do not count."""
    found: dict[tuple[str, int], str] = {}
    variants = {v.code for v in problem.sn_shifts()}
    for ward in problem.teams_of_kind(TeamKind.SN):
        members = [m.officer_id for m in problem.team_members(ward.team_id)]
        for week, days in enumerate(problem.weeks):
            votes = Counter(
                code
                for m in members
                for day in days
                if problem.absence_on(m, day) is None
                for code in problem.published_tours(m, day) or ()
                if code in variants
            )
            if votes:
                found[ward.team_id, week] = votes.most_common(1)[0][0]
    return found


def _published_team_tours(problem: ProblemData) -> dict[tuple[str, int], str | None]:
    """(team_id, day) -> the tour most of a response team's members were published on (None:
    resting), for the team-days with something published. Members absent then or now do not
    count."""
    found: dict[tuple[str, int], str | None] = {}
    if not problem.published:
        return found
    for team in problem.teams_of_kind(TeamKind.RESPONSE):
        members = [m.officer_id for m in problem.team_members(team.team_id)]
        for day in range(problem.num_days):
            votes = Counter(
                published[0] if len(published) == 1 else None
                for m in members
                if (published := problem.published_tours(m, day)) is not None
                and problem.published_code(m, day) not in ABSENCE_BY_CODE
                and problem.absence_on(m, day) is None
            )
            if votes:
                tour = votes.most_common(1)[0][0]
                found[team.team_id, day] = tour if tour in problem.shift_by_code else None
    return found


def _offset(
    on_progress: ProgressFn | None,
    offset: float,
    before: SolveResult | None,
    bound_holds: bool = True,
) -> ProgressFn | None:
    """Report a stage's progress on the whole run's clock, keeping the best so far in view.

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
        elapsed, solutions = progress.elapsed + offset, found + progress.solutions
        bound = progress.bound if bound_holds else None
        on_progress(Progress(elapsed, objective, bound, solutions))

    return report


def _shift_times(result: SolveResult, offset: float) -> SolveResult:
    """Stage times measured from the start of the whole run, not of the stage."""
    return replace(
        result,
        first_solution_seconds=_plus(result.first_solution_seconds, offset),
        best_solution_seconds=_plus(result.best_solution_seconds, offset),
    )


def _better(first: SolveResult | None, second: SolveResult) -> SolveResult:
    """The stage result with the better roster, counting both stages' rosters found."""
    if first is None:
        return second
    pick = second
    if first.roster is not None and (
        second.objective is None or (first.objective or 0) < second.objective
    ):
        pick = first
    return replace(
        pick,
        build_seconds=first.build_seconds + second.build_seconds,
        first_solution_seconds=first.first_solution_seconds or second.first_solution_seconds,
        solutions=first.solutions + second.solutions,
        interrupted=first.interrupted or second.interrupted,
    )


def _restricted(result: SolveResult) -> SolveResult:
    """A restricted stage's result standing alone: its bound does not hold for the problem."""
    status = Status.FEASIBLE if result.status == Status.OPTIMAL else result.status
    return replace(result, status=status, bound=None)


def _combine(best: SolveResult, full: SolveResult, started: float) -> SolveResult:
    """The better of the restricted stages' best and the full stage, with the full status
    and bound."""
    full_better = full.objective is not None and (
        best.objective is None or full.objective <= best.objective
    )
    if best.roster is None or full_better:
        chosen = full
    else:
        chosen = replace(best, status=Status.FEASIBLE, bound=full.bound)
    return replace(
        chosen,
        build_seconds=best.build_seconds + full.build_seconds,
        solve_seconds=time.perf_counter() - started,
        first_solution_seconds=best.first_solution_seconds or full.first_solution_seconds,
        solutions=best.solutions + full.solutions,
        interrupted=best.interrupted or full.interrupted,
    )


def _left(started: float, until: float) -> float:
    return until - (time.perf_counter() - started)


def _plus(value: float | None, offset: float) -> float | None:
    return None if value is None else value + offset
