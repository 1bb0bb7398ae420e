"""The search when there are no teams to move as units: the whole model, then by parts.

1. *whole*: CP-SAT on the whole model for a share of the time (a tenth on periods
   longer than four weeks). Small problems are proven optimal here, and its bound is
   the one reported (it holds for the month).
   Skipped on models too large for CP-SAT's max_lp worker when a first roster can be
   built officer by officer (`SKIP_WHOLE`), and on large models given a roster
   (`HINTED_WHOLE_VARIABLES`).
2. *start*: the better of the whole model's roster and a roster given to start from
   (an earlier stage's); with neither, if every hard rule is one officer's business, a
   first roster built officer by officer (`solver.officer_start`).
3. *parts*: large neighbourhood search (`solver.lns`) from that roster until the
   time limit.
The roster returned is re-solved with every variable fixed, so its figures (objective
per rule, status) come from the same wrapper as any other solve.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from ortools.sat.python import cp_model

from inputs.problem import ProblemData
from inputs.roster import Roster
from solver import lns, officer_start, sub_model
from solver.model import RosterModel
from solver.solve import (
    MAX_LP_SUBSOLVERS,
    Progress,
    SolveFigures,
    SolveResult,
    SolverParams,
    Status,
    build_model,
    extract_roster,
    figures_of,
    run_solver,
    unsolved,
)

WHOLE_SHARE = (0.25, 0.5)
"""The whole model's share of the time left after building, once it has a roster: at least
the first, and up to the second while it keeps finding better rosters on models up to
GOES_ON_VARIABLES (on small months its own search finds rosters the neighbourhoods do not
reach). Without a roster it goes on to the end, unless one can be built officer by officer."""
GOES_ON_VARIABLES = 2_000
"""Above this many variables the whole model hands over at its first share even while it
gains: there the neighbourhoods gain faster. Instance 8 (3,508 variables; 60 s) handed over
at 21-30 s at 1,510-1,621 and ended at 1,331.2 in mean over sixteen runs, two trapped one unit
of cover short (1,413, 1,415); handing over at 15 s, at 1,326.0 over nineteen, one trapped
(1,433): no measurable gain there (untrapped runs alike). Instance 7 (2,152) reached its best
known 1,056 in two runs of six, never before at 60 s. On instance 6 (1,864 variables) the
whole model found 1,950 at 22-44 s, and cut off at 15 s it found it only at 48.5-57.3 s, or
not (1,951; measured in bench/RESULTS.md)."""
STALL_SHARE = 0.1
"""Past its first share, the whole model hands over after this share of the time limit
without a better roster..."""
WEAK_GAP, WEAK_SHARE = 0.5, 0.1
"""... or at once when its gap is above WEAK_GAP, past its first share, or past WEAK_SHARE
of the time left on a model above EARLY_VARIABLES: a bound that far below the roster will
not prove it, and the search by parts gains faster than CP-SAT's own on such months. On
smaller models the bound rises for a while (instance 8: its gap was over 0.5 at 6 s, and
its bound reached 1,270, best known 1,300)."""
EARLY_VARIABLES = 10_000
"""Models above this many variables hand over at WEAK_SHARE when their bound is weak: on
instance 12 (13,736 variables, 7,559 at 15 s) the search by parts from 6 s ended at 4,093
and 4,096 (seeds 0, 1) against 4,140 and 4,211 from 15 s; 8 (3,508) lost (see WEAK_GAP)."""
LONG_DAYS = 28
"""On periods longer than this many days (four weeks), the whole model hands over at
WEAK_SHARE, with a roster, whatever its bound: the neighbourhoods, a few weeks each at most,
gain faster than CP-SAT's own search over the whole period. Instances 14, 16, 17 and 18
(42-84 days; 60 s, seeds 0-3) ended at a mean of 1,288.5 / 3,387.25 / 6,012.25 / 5,185.75
against 1,315.25 / 3,434.75 / 6,068.0 / 5,220.5 handing over at a quarter to half the time;
their bounds, the root relaxation's, were 0.6% lower at most (measured in bench/RESULTS.md)."""
MAX_LP_VARIABLES = 30_000
"""The whole model runs CP-SAT's max_lp worker (`MAX_LP_SUBSOLVERS`) up to this many
variables; beyond, its linear programs take too long to pay."""
ROOT_LP_ITERATIONS = 200_000
"""With max_lp, the whole model's linear relaxation is solved to its optimum at the root: CP-SAT
stops it after 2,000 simplex iterations by default, and on months of thousands of rows its
later calls rarely reach an optimum (instance 12: none of 1,216 in 20 s), so the bound stayed
far below the roster (17: 28-2,740 over the recorded tables, 18: 3-3,313) where the relaxation
proves 5,722 and 4,210 (best known 5,746 and 4,459; measured in bench/RESULTS.md)."""
SKIP_WHOLE = True
"""Above MAX_LP_VARIABLES, when a first roster can be built officer by officer and polished
(`_polish_seconds`) and none is given, the search by parts starts from it without running
the whole model: there the whole model's first roster is far worse than a polished one
built in less time (instance 13: 17,540 at 7.3 s against 11,440 at 5.6 s), its bound is
near 0, and long periods find no roster at all in 10 s (measured in bench/RESULTS.md)."""
HINTED_WHOLE_VARIABLES = 60_000
"""Above this many variables, a search given a roster (a borough's later stages) goes
straight to the neighbourhoods: the whole model, hinted with the complete roster, found no
roster in its share on the 600- and 1,200-officer boroughs (91,915 and 180,951 variables;
4.7-11 s of a 48-s stage), while on the 300-officer one (46,630) it took 635 to 450 in 15 s
(measured in bench/RESULTS.md)."""
START_SHARE = 0.8
"""Building a roster officer by officer must be done by this share of the time limit."""
POLISH_SHARE, POLISH_SECONDS, POLISH_DAYS = 0.2, (1.0, 0.1), 182
"""Each officer's roster is polished against the cover still short for the first of
POLISH_SECONDS that fits in POLISH_SHARE of the time limit, the second only on periods under
POLISH_DAYS, else not at all. A shorter polish barely moves a year (instance 24, 0.6 s
each: 1,142,436 to 1,099,821, and 236 s against 95 s); a month's is short work (instance
13, 120 officers: 80,020 unpolished in 1.3 s; 11,440 in 5.6 s with 0.1 s each; 10,729 in
6.8 s with 0.3 s, which would not fit in a fifth of 60 s)."""
GIVE_UP_SHARE, GIVE_UP_SECONDS = 0.1, 10.0
"""When a roster can be built officer by officer, the whole model gets only this share of
the time limit, and at most these many seconds, to find a first roster of its own. A long
period's whole model rarely does: on instances 20, 21 and 22 (182-364 days) it found none in
30 s, while 13's finds its first in about 5 s (measured in bench/RESULTS.md)."""
MIN_PARTS_SECONDS = 2.0

ProgressFn = Callable[[Progress], None]


def solve_by_parts(
    problem: ProblemData,
    params: SolverParams,
    on_progress: ProgressFn | None,
    started: float,
    limit: float,
    start: Roster | None = None,
) -> SolveResult:
    """Search until `limit` seconds after `started`, from `start` when given."""
    building = time.perf_counter()
    model = build_model(problem)
    given = None if start is None else _completed(model, params, _tours_of(model, start), started)
    if given is not None:
        _hint_all(model, given.values)
    built = time.perf_counter() - building
    offset = time.perf_counter() - started
    variables = len(model.cp.proto.variables)
    whole = whole_params(params, variables, max(0.0, limit - offset))
    first = _start_without_whole(model, problem, params, started, limit, given, variables)
    if first is not None:
        skipped = _not_run(model, params, built)
        outcome = lns.improve(model, first, params, started, limit, on_progress, skipped.bound)
        return _final(model, outcome, skipped, params, started)
    stop = _whole_stop(problem, limit, offset, given is not None, variables=variables)
    solver, figures = run_solver(
        model.cp, model.vars.penalties, whole, _shifted(on_progress, offset), built, stop
    )
    figures = _on_clock(figures, offset)
    left = limit - (time.perf_counter() - started)
    if figures.status in (Status.OPTIMAL, Status.INFEASIBLE) or figures.interrupted:
        return _result(model, solver, figures)
    if left < MIN_PARTS_SECONDS and given is None:
        return _result(model, solver, figures) if figures.status.has_roster else _none(figures)
    best = _incumbent(model, problem, params, solver, figures, started, limit, given)
    if best is None:
        return _none(figures)
    outcome = lns.improve(model, best, params, started, limit, on_progress, figures.bound)
    return _final(model, outcome, figures, params, started)


def whole_params(params: SolverParams, variables: int, time_limit: float) -> SolverParams:
    """The whole model's parameters: CP-SAT's max_lp worker beside its default one, and its
    root relaxation solved to the optimum (`ROOT_LP_ITERATIONS`), on models up to
    MAX_LP_VARIABLES when there are workers for both."""
    whole = replace(params, time_limit=time_limit)
    if variables <= MAX_LP_VARIABLES and params.workers >= len(MAX_LP_SUBSOLVERS):
        return replace(whole, subsolvers=MAX_LP_SUBSOLVERS, root_lp_iterations=ROOT_LP_ITERATIONS)
    return whole


def _whole_stop(
    problem: ProblemData,
    limit: float,
    offset: float,
    has_start: bool = False,
    *,
    variables: int,
) -> Callable[[Progress], bool]:
    """When the whole model of `variables` variables hands over to the search by parts (times
    on its own clock, which starts `offset` seconds into the run): with a roster, between its
    two shares (`_shares`) once it has stalled or its bound is weak (weak already from
    WEAK_SHARE above EARLY_VARIABLES), or, when it started from a given roster, once it has
    stalled (a borough's bound stays near 0 while it gains); without one, at its first share
    when there is a roster to start from, after GIVE_UP_SHARE (at most GIVE_UP_SECONDS) when
    one can be built officer by officer, else never (the search by parts needs a roster)."""
    least, most = (share * (limit - offset) for share in _shares(problem, variables))
    early = WEAK_SHARE * (limit - offset) if variables > EARLY_VARIABLES else least
    give_up = None
    if has_start:
        give_up = least
    elif officer_start.applies(problem):
        give_up = min(GIVE_UP_SHARE * limit, GIVE_UP_SECONDS) - offset
    best: float | None = None
    best_at = 0.0

    def stop(progress: Progress) -> bool:
        nonlocal best, best_at
        if progress.objective != best:
            best, best_at = progress.objective, progress.elapsed
        if progress.solutions == 0:
            return give_up is not None and progress.elapsed >= give_up
        stalled = progress.elapsed - best_at >= STALL_SHARE * limit
        if has_start:
            return stalled
        weak = (progress.gap or 0.0) > WEAK_GAP
        if progress.elapsed >= most or (progress.elapsed >= least and stalled):
            return True
        return progress.elapsed >= early and weak

    return stop


def _shares(problem: ProblemData, variables: int) -> tuple[float, float]:
    """The whole model's least and most share of the time (WHOLE_SHARE): both WEAK_SHARE on
    periods longer than LONG_DAYS, both the least above GOES_ON_VARIABLES."""
    if problem.num_days > LONG_DAYS:
        return WEAK_SHARE, WEAK_SHARE
    if variables > GOES_ON_VARIABLES:
        return WHOLE_SHARE[0], WHOLE_SHARE[0]
    return WHOLE_SHARE


def _incumbent(
    model: RosterModel,
    problem: ProblemData,
    params: SolverParams,
    solver: cp_model.CpSolver,
    figures: SolveFigures,
    started: float,
    limit: float,
    given: lns.Incumbent | None,
) -> lns.Incumbent | None:
    """The better of the whole model's best roster and the one given; with neither, one built
    officer by officer when that applies."""
    if figures.status.has_roster and figures.objective is not None:
        found_at = figures.best_solution_seconds or 0.0
        found = lns.Incumbent(list(solver.response_proto.solution), figures.objective, found_at)
        return given if given is not None and given.objective < found.objective else found
    if given is not None or not officer_start.applies(problem):
        return given
    return _built(model, problem, params, started, limit)


def _start_without_whole(
    model: RosterModel,
    problem: ProblemData,
    params: SolverParams,
    started: float,
    limit: float,
    given: lns.Incumbent | None,
    variables: int,
) -> lns.Incumbent | None:
    """The roster the neighbourhoods start from when the whole model is skipped: the given
    one above HINTED_WHOLE_VARIABLES, else, with none given, one built officer by officer
    (`SKIP_WHOLE`); None when the whole model runs first."""
    if given is not None:
        return given if variables > HINTED_WHOLE_VARIABLES else None
    if _skips_whole(problem, variables, limit):
        return _built(model, problem, params, started, limit)
    return None


def _skips_whole(problem: ProblemData, variables: int, limit: float) -> bool:
    """Whether the search starts from a roster built officer by officer (`SKIP_WHOLE`)."""
    large = SKIP_WHOLE and variables > MAX_LP_VARIABLES
    return large and officer_start.applies(problem) and _polish_seconds(problem, limit) > 0


def _built(
    model: RosterModel, problem: ProblemData, params: SolverParams, started: float, limit: float
) -> lns.Incumbent | None:
    """A first roster built officer by officer, each polished for `_polish_seconds`."""
    polish = _polish_seconds(problem, limit)
    tours = officer_start.officer_by_officer(problem, params, started + START_SHARE * limit, polish)
    return None if tours is None else _completed(model, params, tours, started)


def _polish_seconds(problem: ProblemData, limit: float) -> float:
    """Each officer's polish (POLISH_SECONDS), or 0 when no polish fits."""
    short = len(problem.days) < POLISH_DAYS
    officers = len(problem.officers) / officer_start.PARALLEL
    fitting = POLISH_SECONDS if short else POLISH_SECONDS[:1]
    return next((each for each in fitting if each * officers <= POLISH_SHARE * limit), 0.0)


def _not_run(model: RosterModel, params: SolverParams, built: float) -> SolveFigures:
    """The figures of a whole model skipped (`SKIP_WHOLE`): no roster, and the rules' floor
    as the bound (none if 0)."""
    proto = model.cp.proto
    return replace(
        unsolved(params),
        status=Status.NO_SOLUTION,
        bound=model.vars.floor or None,
        build_seconds=built,
        num_variables=len(proto.variables),
        num_constraints=len(proto.constraints),
    )


def _completed(
    model: RosterModel, params: SolverParams, tours: officer_start.Tours, started: float
) -> lns.Incumbent | None:
    """The roster with these tours, every other variable (penalties, helpers) solved around
    them; None if they break a hard rule."""
    fixed = sub_model.pinned(
        model.cp, ((var.index, tours[key]) for key, var in model.vars.shift.items())
    )
    completed, done = run_solver(fixed, model.vars.penalties, replace(params, time_limit=60.0))
    if done.objective is None:
        return None
    found_at = time.perf_counter() - started
    return lns.Incumbent(list(completed.response_proto.solution), done.objective, found_at)


def _hint_all(model: RosterModel, values: list[int]) -> None:
    """Hint every variable: a complete roster CP-SAT takes as its first solution, where
    tours alone leave it the penalties and helpers to find (on a 1,200-officer borough it
    found none in 40 s)."""
    hint = model.cp.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)


def _tours_of(model: RosterModel, roster: Roster) -> officer_start.Tours:
    """A roster as a value of every tour variable."""
    return {
        (officer_id, day, code): int(code in roster.on(officer_id, day))
        for officer_id, day, code in model.vars.shift
    }


def _final(
    model: RosterModel,
    outcome: lns.Outcome,
    whole: SolveFigures,
    params: SolverParams,
    started: float,
) -> SolveResult:
    """The search's best roster read back through the solver wrapper, all variables fixed."""
    fixed = sub_model.pinned(model.cp, enumerate(outcome.incumbent.values))
    solver, figures = run_solver(fixed, model.vars.penalties, replace(params, time_limit=60.0))
    objective, bound = figures.objective, _floored(whole.bound, model)
    proven = objective is not None and bound is not None and objective <= bound + 1e-6
    status = Status.OPTIMAL if proven else Status.FEASIBLE
    summary = replace(
        figures,
        status=status,
        bound=whole.bound,
        params=params,
        build_seconds=whole.build_seconds,
        solve_seconds=time.perf_counter() - started,
        first_solution_seconds=whole.first_solution_seconds or outcome.incumbent.found_at,
        best_solution_seconds=outcome.incumbent.found_at,
        solutions=whole.solutions + outcome.improvements,
        interrupted=outcome.interrupted,
        num_variables=whole.num_variables,
        num_constraints=whole.num_constraints,
    )
    return _result(model, solver, summary)


def _floored(bound: float | None, model: RosterModel) -> float | None:
    """The higher of CP-SAT's bound and the rules' floor (`PenaltyTerms.floor`): a whole model
    stopped before its root relaxation proves less than the floor, or nothing."""
    known = [b for b in (bound, model.vars.floor or None) if b is not None]
    return max(known, default=None)


def _result(model: RosterModel, solver: cp_model.CpSolver, figures: SolveFigures) -> SolveResult:
    roster = extract_roster(model, solver) if figures.status.has_roster else None
    floored = replace(figures, bound=_floored(figures.bound, model))
    return SolveResult(**figures_of(floored), roster=roster)


def _none(figures: SolveFigures) -> SolveResult:
    return SolveResult(**figures_of(replace(figures, status=Status.NO_SOLUTION)), roster=None)


def _on_clock(figures: SolveFigures, offset: float) -> SolveFigures:
    """Stage times measured from the start of the whole run."""
    return replace(
        figures,
        first_solution_seconds=_plus(figures.first_solution_seconds, offset),
        best_solution_seconds=_plus(figures.best_solution_seconds, offset),
    )


def _shifted(on_progress: ProgressFn | None, offset: float) -> ProgressFn | None:
    if on_progress is None:
        return None

    def report(progress: Progress) -> None:
        on_progress(replace(progress, elapsed=progress.elapsed + offset))

    return report


def _plus(value: float | None, offset: float) -> float | None:
    return None if value is None else value + offset
