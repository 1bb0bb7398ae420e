"""Large neighbourhood search: re-solve a small part of the roster with the rest fixed.

CP-SAT on the whole month proves small problems optimal, but on large ones it stalls
far from the best roster: most of its time goes on the linear relaxation of tens of
thousands of variables. Freeing a few officers for the whole period, or every
officer for a few days, leaves a problem CP-SAT solves to optimality in a second,
and every such solve can only keep or improve the roster. Repeated with
neighbourhoods of adaptive size, the kind gaining most per second chosen most often,
this is the classic way to good rosters fast.

Each neighbourhood is solved as its own small model (`solver.sub_model`): the freed
tours, the variables that may change with them, and only the constraints that involve
those; everything else is fixed at the incumbent's values. So each sub-problem is the
whole model restricted, its objective is the roster's objective, and CP-SAT starts from
the incumbent as a hint.
"""

from __future__ import annotations

import gc
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model, cp_model_helper

from solver import sub_model
from solver.model import RosterModel
from solver.solve import Progress, SolveFigures, SolverParams, run_solver
from solver.sub_model import SubModel, SubModels
from solver.variables import Penalty

SUB_SECONDS = (0.3, 1.5)
"""A sub-solve gets between these many seconds, scaled to the time left."""
GROW, SHRINK = 1.2, 0.8
"""A neighbourhood solved to optimality grows; one that ran out of time shrinks."""
EXPLORE = 0.1
"""The chance of trying a kind of neighbourhood at random rather than the one gaining
most per second lately."""
PICKS = 4
"""A lane draws up to this many neighbourhoods of its kind and solves the one overlapping
least with those other lanes are solving: two lanes mending the same hole waste a
sub-solve, and their rosters merge less often."""
RECENT = 0.3
"""The weight of the latest sub-solve in a kind's gain per second."""
STALE = 10
"""A kind this many sub-solves in a row without a gain counts as gaining nothing, as a kind
that never gained does. Its rate decays toward 0 but never reaches it, so a stalled search
went on choosing it over every kind that had not gained early: on instance 18 (180 s) the
officers and days kinds took 75 sub-solves for 3 small gains while the paid-days kind, tried
3 times while small, was never tried again (measured in bench/RESULTS.md)."""

LINEARIZATION = 2
"""A neighbourhood's sub-model is small enough for every linear cut CP-SAT knows (its max_lp
worker's setting), which proves most neighbourhoods optimal in a fraction of a second where
the default runs out of time; one such worker per sub-solve, and one sub-solve per worker
in parallel (measured in bench/RESULTS.md, "Parallel lanes")."""
MERGE_SECONDS = 1.0
"""A merge frees only the tours a sub-solve changed, between the old and the new value; its
solve took 0.2-0.4 s on average on instance 13, a third of them reaching this limit."""

ESCAPE_VARIABLES = 2_000
"""On models up to this many variables, a search that has gone ESCAPE_STALL seconds without a
better roster gives one lane to the whole model, unhinted, with CP-SAT's max_lp worker
(`ESCAPE_SUBSOLVERS`) until the time is up; not with less than ESCAPE_LEAST seconds left, nor
with one lane only. Each roster it finds at least as good as the best becomes the best at once, so
the other lane's neighbourhoods polish it while it searches on. Instance 5 falls into a trap
(1,233-1,238, best known 1,143) that only a change of 54 or more tours over 8 of its 16
officers leaves: few neighbourhoods a sub-solve can search reach it, and the whole model
hinted with the trap stays there, while unhinted, alone, it left the trap in 10-33 s on five
seeds of five (25 s, the lane's limit before, was too short for two of them). On 7-9
(2,152-4,512 variables) its rosters ended far above the search's best (956-3,070 against
442-1,421), so larger models keep both lanes (measured in bench/RESULTS.md)."""
ESCAPE_STALL, ESCAPE_LEAST = 5.0, 15.0
ESCAPE_SUBSOLVERS = ("max_lp",)

NEVER = 10**9
"""A full garbage collection's threshold while the search runs (`_young_collections_only`)."""

SATURDAY = 5
ProgressFn = Callable[[Progress], None]


@dataclass
class Incumbent:
    """The best roster so far as the value of every model variable, and its objective."""

    values: list[int]
    objective: int
    found_at: float
    """Seconds from the start of the whole run."""


@dataclass
class Kind:
    """A family of neighbourhoods and its current size (officers, or teams for the teams
    kind; days)."""

    name: str
    officers: float
    days: float
    tried: int = 0
    improved: int = 0
    rate: float | None = None
    """Objective gained per second of sub-solving, recent solves weighing most."""
    misses: int = 0
    """Sub-solves in a row without a gain."""

    def record(self, gain: int, seconds: float) -> None:
        latest = gain / max(seconds, 1e-3)
        self.rate = latest if self.rate is None else RECENT * latest + (1 - RECENT) * self.rate
        self.misses = 0 if gain else self.misses + 1

    @property
    def gaining(self) -> float:
        """The rate `_choose` follows: 0 once the kind has gone STALE sub-solves without a gain."""
        return 0.0 if self.rate is None or self.misses >= STALE else self.rate


@dataclass
class Outcome:
    incumbent: Incumbent
    solves: int
    improvements: int
    interrupted: bool
    kinds: list[Kind] = field(default_factory=list)


@dataclass(frozen=True)
class Term:
    """A soft term of the objective as `weight * (offset + sum(coeffs * variables))`, and the
    (officer, day) pairs whose tours it depends on."""

    variables: list[int]
    coeffs: list[int]
    offset: int
    weight: int
    pairs: list[tuple[str, int]]

    def cost(self, values: list[int]) -> int:
        terms = zip(self.coeffs, self.variables, strict=True)
        return self.weight * (self.offset + sum(c * values[v] for c, v in terms))


class Neighbourhoods:
    """Which variables a neighbourhood frees: the tours (and whether they work) of some
    officers over a window of days. Where officers are in teams, one kind frees whole teams:
    a response team working as a unit, or an SN ward's start variant, moves only with every
    member (on a 600-officer borough no other kind gained on the first stage's roster)."""

    def __init__(self, model: RosterModel, rng: random.Random, subs: SubModels) -> None:
        self.rng = rng
        self.num_days = model.problem.num_days
        self.officers = [o.officer_id for o in model.problem.officers]
        members = (model.problem.team_members(t.team_id) for t in model.problem.teams)
        teams = [[o.officer_id for o in team] for team in members if team]
        self.teams = teams if len(teams) > 1 else []
        """Each team's members, when there are teams to tell apart."""
        self.weekend_days = _weekend_days(model.problem.weekday, self.num_days)
        """Every weekend's days with a day either side, when the period has two weekends."""
        saturdays = [d for d in self.weekend_days if model.problem.weekday(d) == SATURDAY]
        self.weekends = [(d, d + 1) for d in saturdays if d + 1 < self.num_days]
        """Each whole weekend's Saturday and Sunday."""
        self.index: dict[tuple[str, int], list[int]] = {}
        for (officer_id, day, _), var in model.vars.shift.items():
            self.index.setdefault((officer_id, day), []).append(var.index)
        for key, var in model.vars.works.items():
            self.index.setdefault(key, []).append(var.index)
        owner = {i: key for key, indices in self.index.items() for i in indices}
        self.terms = [_term(penalty, subs, owner) for penalty in model.vars.penalties]

    def kinds(self) -> list[Kind]:
        n, days = len(self.officers), self.num_days
        kinds = [
            Kind("officers", officers=min(n, 3), days=days),
            Kind("days", officers=n, days=min(days, 7)),
            Kind("block", officers=max(1, n / 4), days=min(days, 14)),
            Kind("costly", officers=min(n, 6), days=min(days, 7)),
            Kind("paid days", officers=n, days=min(days, 6)),
        ]
        if self.teams:
            kinds.append(Kind("teams", officers=1, days=min(days, 7)))
        if self.weekend_days:
            kinds.append(Kind("weekends", officers=min(n, 6), days=len(self.weekend_days)))
        return kinds

    def most(self, kind: Kind) -> int:
        """How many officers (teams, for the teams kind) a kind may free at most."""
        return len(self.teams) if kind.name == "teams" else len(self.officers)

    def pick(self, kind: Kind, values: list[int]) -> list[int]:
        count = max(1, min(len(self.officers), round(kind.officers)))
        length = max(1, min(self.num_days, round(kind.days)))
        if kind.name == "paid days":
            who = self.rng.sample(self.officers, count)
            days = self._paid_days(values, length)
            return self._free(who, days)
        if kind.name == "weekends":
            who = self._half_split(values, count)
            return self._free(who, self.weekend_days)
        if kind.name == "teams":
            chosen = self.rng.sample(self.teams, min(count, len(self.teams)))
            first = self.rng.randrange(self.num_days - length + 1)
            window = range(first, first + length)
            return self._free([o for team in chosen for o in team], window)
        costly = self._costly(values) if kind.name == "costly" else None
        if costly is not None:
            day = self.rng.choice(costly.pairs)[1]
            who = self._near(costly, day, values, count)
            return self._free(who, self._around(day, length))
        who = self.rng.sample(self.officers, count)
        first = self.rng.randrange(self.num_days - length + 1)
        return self._free(who, range(first, first + length))

    def _free(self, who: list[str], days: Iterable[int]) -> list[int]:
        """The tour variables of `who` on `days`."""
        return [i for o in who for d in days for i in self.index[o, d]]

    def _near(self, term: Term, day: int, values: list[int], count: int) -> list[str]:
        """`count` officers from those the costly term depends on (all of them, with others
        at random, when they are no more), half of them off on its `day`. A unit of cover
        short costs 100 against 1 for a unit over on every benchmark instance, so the term
        drawn is mostly short cover, which only an officer off that day can mend (instance
        13, 60 s, seeds 0-4: 2,120 against 2,267 with officers drawn at random, better on
        four seeds of five; measured in bench/RESULTS.md)."""
        near = sorted({o for o, _ in term.pairs})
        if len(near) <= count:
            return _sample(self.rng, near, self.officers, count)
        off = [o for o in near if not self._works(o, day, values)]
        half = self.rng.sample(off, min(len(off), (count + 1) // 2))
        return _sample(self.rng, half, near, count)

    def _works(self, officer: str, day: int, values: list[int]) -> bool:
        return any(values[i] for i in self.index[officer, day])

    def _around(self, centre: int, count: int) -> list[int]:
        """`count` days: the costly term's day with the day either side (where its run of work
        or rest moves), the rest at random. An officer at a limit of the whole period takes on
        the costly day only by giving up a day elsewhere, seldom one next to it (instance 13:
        2,532 against 2,790, mean of six seeds, with a window of adjacent days). Asked for
        one day or two, the costly day comes first."""
        beside = (centre, centre - 1, centre + 1)
        near = sorted(d for d in beside[:count] if 0 <= d < self.num_days)
        return sorted(near + self._others(near, count - len(near)))

    def _others(self, chosen: list[int], count: int) -> list[int]:
        """`count` days drawn at random from those not `chosen`."""
        others = [d for d in range(self.num_days) if d not in chosen]
        return self.rng.sample(others, min(len(others), max(0, count)))

    def _half_split(self, values: list[int], count: int) -> list[str]:
        """`count` officers, half of them (where there are so many) working some weekend on
        one day only, the rest at random. Such a weekend spends one of the officer's weekends
        of the month on one day of cover: where every officer is at their weekends limit
        (instance 12: 166 officer-weekends of cover against 130 allowed), the short weekend
        days are covered only by officers turning such weekends whole."""
        split = [o for o in self.officers if self._works_one_day_of_a_weekend(o, values)]
        half = self.rng.sample(split, min(len(split), (count + 1) // 2))
        return _sample(self.rng, half, self.officers, count)

    def _works_one_day_of_a_weekend(self, officer: str, values: list[int]) -> bool:
        return any(
            self._works(officer, saturday, values) != self._works(officer, sunday, values)
            for saturday, sunday in self.weekends
        )

    def _paid_days(self, values: list[int], count: int) -> list[int]:
        """`count` days, not necessarily adjacent: half drawn in proportion to what the roster
        pays on them (cover short on several weekends is mended by moving work between
        them), the rest at random. An officer at a limit of the whole period (minutes,
        weekends) takes a short day only by giving up another, often one the roster pays
        nothing on (instance 13: 2,790 against 3,086, mean of six seeds)."""
        paid = [0.0] * self.num_days
        for term, cost in self._paid(values):
            days = {d for _, d in term.pairs}
            for d in days:
                paid[d] += cost / len(days)
        keys = [self.rng.random() ** (1 / p) if p > 0 else -self.rng.random() for p in paid]
        ranked = sorted(range(self.num_days), key=keys.__getitem__, reverse=True)
        by_cost = ranked[: (count + 1) // 2]
        return sorted(by_cost + self._others(by_cost, count - len(by_cost)))

    def _paid(self, values: list[int]) -> Iterator[tuple[Term, int]]:
        """The soft terms the incumbent pays for, near some tour, with their cost."""
        for term in self.terms:
            if term.pairs and (cost := term.cost(values)):
                yield term, cost

    def _costly(self, values: list[int]) -> Term | None:
        """A soft term the incumbent pays for, drawn in proportion to its cost."""
        paid = list(self._paid(values))
        if not paid:
            return None
        return self.rng.choices([t for t, _ in paid], weights=[c for _, c in paid])[0]


def _term(penalty: Penalty, subs: SubModels, owner: dict[int, tuple[str, int]]) -> Term:
    flat = cp_model_helper.FlatIntExpr(cp_model.LinearExpr.sum([penalty.expr]))
    variables = [var.index for var in flat.vars]
    pairs = {owner[v] for var in variables for v in subs.tours_near(var) if v in owner}
    return Term(variables, list(flat.coeffs), flat.offset, penalty.coefficient, sorted(pairs))


def _weekend_days(weekday: Callable[[int], int], num_days: int) -> list[int]:
    """Saturdays and Sundays with the day before and after: which weekends an officer works
    moves only with the days that join them to the rest of the roster (runs of work and
    rest). Empty when the period has fewer than two weekends, as there is nothing to swap."""
    saturdays = [d for d in range(num_days) if weekday(d) == SATURDAY]
    if len(saturdays) < 2:
        return []
    near = {d + step for d in range(num_days) if weekday(d) >= SATURDAY for step in (-1, 0, 1)}
    return sorted(d for d in near if 0 <= d < num_days)


def _sample(rng: random.Random, near: list[str], everyone: list[str], count: int) -> list[str]:
    """`count` officers, from `near` first."""
    if len(near) >= count:
        return rng.sample(near, count)
    chosen = set(near)
    others = [o for o in everyone if o not in chosen]
    return near + rng.sample(others, min(len(others), count - len(near)))


def improve(
    model: RosterModel,
    start: Incumbent,
    params: SolverParams,
    started: float,
    until: float,
    on_progress: ProgressFn | None = None,
    bound: float | None = None,
) -> Outcome:
    """Improve `start` until `until` seconds after `started` (perf_counter), or Ctrl-C: one
    lane of sub-solves per worker, the first on this thread (which alone reports progress
    and sees Ctrl-C)."""
    with _young_collections_only():
        search = _Search(model, start, params, started, until)
        others = [
            threading.Thread(target=search.other_lane, args=(bound,), daemon=True)
            for _ in range(1, max(1, params.workers))
        ]
        for thread in others:
            thread.start()
        try:
            search.lane(on_progress, bound)
        finally:
            search.stop.set()
            for thread in others:
                thread.join()
    if search.error is not None:
        raise search.error
    return Outcome(
        search.best, search.solves, search.improvements, search.interrupted, search.kinds
    )


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """Python's full garbage collections held off while the search starts up and runs: each
    visits every value of every roster and constraint the search holds, millions on
    instance 24, where 19 of them took 15 s of the search's 205 s (measured in
    bench/RESULTS.md). Young objects, where the search's short-lived garbage is, are still
    collected. The setting is the process's: solves run one to a process (the command line,
    the web app's workers)."""
    threshold = gc.get_threshold()
    gc.set_threshold(threshold[0], threshold[1], NEVER)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


class _Search:
    """The state the lanes share, read and changed under one lock; the sub-solves
    themselves run outside it, in parallel."""

    def __init__(
        self,
        model: RosterModel,
        start: Incumbent,
        params: SolverParams,
        started: float,
        until: float,
    ) -> None:
        self.model, self.params, self.started, self.until = model, params, started, until
        self.rng = random.Random(params.seed)
        self.best = start
        self.subs = SubModels(model, start.values)
        self.hoods = Neighbourhoods(model, self.rng, self.subs)
        self.kinds = self.hoods.kinds()
        self.lock = threading.Lock()
        self.running: list[set[int]] = []
        """The variables each lane's sub-solve has freed, while it runs."""
        self.watches: list[set[int]] = []
        """For each lane from its sub-solve's start to its merge's end: every variable the
        best roster has changed at since (`_watch`)."""
        self.escapes = params.workers > 1 and len(model.cp.proto.variables) <= ESCAPE_VARIABLES
        """Whether the whole model may take a lane when the search stalls (ESCAPE_VARIABLES)."""
        self.escaping = False
        self.escaped_at = 0.0
        self.whole = Kind("whole", officers=len(self.hoods.officers), days=self.hoods.num_days)
        self.stop = threading.Event()
        self.solves = self.improvements = self.found = 0
        self.interrupted = False
        self.error: BaseException | None = None

    def left(self) -> float:
        return self.until - (time.perf_counter() - self.started)

    def lane(self, on_progress: ProgressFn | None, bound: float | None) -> None:
        """Solve neighbourhoods of the best roster until the time is up or the search stops."""
        while not self.stop.is_set() and (left := self.left()) > SUB_SECONDS[0]:
            if self._escape_due(left):
                self._escape(left, self._shown(on_progress, bound))
                continue
            with self.lock:
                kind = _choose(self.kinds, self.rng)
                freed = self._pick(kind)
                work = self.subs.build(freed, self.best.values)
                base, seed = self.best, self.params.seed + self.solves
                self.solves += 1
                self.running.append(freed)
                moved = self._watch()
            sub = replace(
                self.params,
                time_limit=min(left, SUB_SECONDS[1]),
                seed=seed,
                workers=1,
                subsolvers=(),
                linearization=LINEARIZATION,
            )
            shown = self._shown(on_progress, bound)
            solver, figures = run_solver(work.cp, [], sub, shown, stop_when=self._stopped)
            with self.lock:
                self.running.remove(freed)
                stale = self._record(kind, base, solver, figures, work)
                merging = None if stale is None else self._merging(stale, work.free)
                if merging is None:
                    self._unwatch(moved)
                else:
                    moved.update(work.free)
            if stale is not None and merging is not None:
                self._merge(kind, stale, *merging, moved)
            self._stop_if_interrupted(figures)

    def _escape_due(self, left: float) -> bool:
        """Whether this lane solves the whole model now (ESCAPE_VARIABLES): no lane is, and the
        search has gone ESCAPE_STALL seconds without a better roster or since the last escape."""
        with self.lock:
            now = time.perf_counter() - self.started
            since = now - max(self.best.found_at, self.escaped_at)
            due = self.escapes and not self.escaping and left >= ESCAPE_LEAST
            if due and since >= ESCAPE_STALL:
                self.escaping = True
                return True
            return False

    def _escape(self, left: float, shown: ProgressFn | None) -> None:
        """Solve the whole model unhinted until the time is up, each roster it finds becoming
        the best if it is at least as good by then."""
        whole = sub_model.pinned(self.model.cp, ())
        params = replace(
            self.params,
            time_limit=left,
            seed=self.params.seed + self.solves,
            workers=1,
            subsolvers=ESCAPE_SUBSOLVERS,
        )

        def found(values: list[int], objective: int) -> None:
            with self.lock:
                self._keep(self.whole, values, objective, range(len(values)))

        with self.lock:
            self.solves += 1
            self.whole.tried += 1
        try:
            _, figures = run_solver(
                whole, [], params, shown, stop_when=self._stopped, on_solution=found
            )
        finally:
            with self.lock:
                self.escaping = False
                self.escaped_at = time.perf_counter() - self.started
        self._stop_if_interrupted(figures)

    def _stop_if_interrupted(self, figures: SolveFigures) -> None:
        """Stop every lane after a Ctrl-C, which only the main thread's solves see."""
        if figures.interrupted:
            self.interrupted = True
            self.stop.set()

    def _pick(self, kind: Kind) -> set[int]:
        """A neighbourhood of `kind` overlapping least with the running ones (see PICKS)."""
        busy = set().union(*self.running)
        best: set[int] = set()
        for attempt in range(PICKS if busy else 1):
            freed = set(self.hoods.pick(kind, self.best.values))
            if attempt == 0 or len(freed & busy) < len(best & busy):
                best = freed
            if not best & busy:
                break
        return best

    def other_lane(self, bound: float | None) -> None:
        """A lane on its own thread: an error stops the search and is raised by `improve`."""
        try:
            self.lane(None, bound)
        except BaseException as error:
            self.error = error
            self.stop.set()

    def _stopped(self, _: Progress) -> bool:
        return self.stop.is_set()

    def _record(
        self,
        kind: Kind,
        base: Incumbent,
        solver: cp_model.CpSolver,
        figures: SolveFigures,
        work: SubModel,
    ) -> Incumbent | None:
        """Keep a sub-solve's roster if it is at least as good as the best. When another lane
        has changed the best meanwhile, return the roster if it gained, to be merged."""
        objective = figures.objective
        gain = 0 if objective is None else max(0, base.objective - objective)
        kind.record(gain, figures.solve_seconds)
        kind.tried += 1
        self.found += figures.solutions
        if gain == 0:
            proven = figures.status.value == "optimal"
            _resize(kind, GROW if proven else SHRINK, self.hoods.most(kind), self.hoods.num_days)
        if objective is None or objective > base.objective:
            return None
        values = work.roster(solver.response_proto.solution, base.values)
        if self.best is not base:
            return Incumbent(values, objective, base.found_at) if gain else None
        self._keep(kind, values, objective, work.free)
        return None

    def _watch(self) -> set[int]:
        """A set `_keep` adds each variable the best roster changes at to, until `_unwatch`:
        where a roster found from an older best may differ from the best now. Finding that
        by comparing every value took 29.6 s of the search's 204 s on instance 24, under the
        lock (315 merges of 1.2 million values each)."""
        moved: set[int] = set()
        self.watches.append(moved)
        return moved

    def _unwatch(self, moved: set[int]) -> None:
        self.watches = [watch for watch in self.watches if watch is not moved]

    def _keep(self, kind: Kind, values: list[int], objective: int, changed: Iterable[int]) -> None:
        """Make `values` the best roster if it is at least as good; `changed` are the
        variables where it may differ from the best."""
        if objective > self.best.objective:
            return
        old = self.best.values
        changed = [var for var in changed if values[var] != old[var]]
        for watch in self.watches:
            watch.update(changed)
        if objective < self.best.objective:
            self.improvements += 1
            kind.improved += 1
            self.best = Incumbent(values, objective, time.perf_counter() - self.started)
        else:
            self.best = replace(self.best, values=values)
        self.subs.update(changed, self.best.values)

    def _merging(self, stale: Incumbent, free: list[int]) -> tuple[SubModel, list[int]] | None:
        """The model merging a roster found from an older best into the best now: as many of
        its changed tours as the hard rules allow, each free to take its new value or keep
        the best's, the helpers and penalties re-solved around them. So the best itself is
        feasible there; putting every change in fails when both lanes gave one officer work
        up to a limit of the whole period (instance 13: 29 of 45 merges). None: nothing to
        merge. Returns the model and its hint."""
        best = self.best.values
        changed = [v for v in free if v in self.subs.decided and stale.values[v] != best[v]]
        if not changed:
            return None
        merged = list(best)
        for var in changed:
            merged[var] = stale.values[var]
        return self.subs.build(changed, merged, fold=True), merged

    def _merge(
        self, kind: Kind, stale: Incumbent, work: SubModel, hint: list[int], moved: set[int]
    ) -> None:
        """Solve a merge outside the lock, then keep the better of the merged roster and the
        stale one (its tours on the roster it started from), so a roster once shown as found
        is never lost. `moved` (watched since the stale roster's sub-solve began, with the
        variables it freed) holds every variable where the stale roster may differ from the
        best; the merged roster may differ there and where the merge freed."""
        params = replace(self.params, time_limit=MERGE_SECONDS, workers=1, subsolvers=())
        solver, figures = run_solver(work.cp, [], params, stop_when=self._stopped)
        with self.lock:
            self._unwatch(moved)
            candidates = [stale]
            if figures.objective is not None:
                merged = work.roster(solver.response_proto.solution, hint)
                candidates.append(Incumbent(merged, figures.objective, stale.found_at))
            better = min(candidates, key=lambda c: c.objective)
            moved.update(work.free)
            self._keep(kind, better.values, better.objective, moved)

    def _shown(self, on_progress: ProgressFn | None, bound: float | None) -> ProgressFn | None:
        """A sub-solve's progress on the run's clock: the best roster so far, the full bound."""
        if on_progress is None:
            return None
        offset = time.perf_counter() - self.started

        def report(progress: Progress) -> None:
            objective = self.best.objective
            if progress.objective is not None:
                objective = min(objective, round(progress.objective))
            solutions = self.found + progress.solutions
            on_progress(Progress(progress.elapsed + offset, objective, bound, solutions))

        return report


def _resize(kind: Kind, factor: float, officers: int, days: int) -> None:
    """Grow a kind after a sub-problem proven without gain (look wider), shrink it after one
    that ran out of time (too big to solve); a kind freeing every officer (or every day)
    keeps that. A sub-problem that improved the roster keeps its size."""
    if kind.name != "days":
        kind.officers = min(float(officers), max(1.0, kind.officers * factor))
    if kind.name not in ("officers", "weekends"):
        kind.days = min(float(days), max(1.0, kind.days * factor))


def _choose(kinds: list[Kind], rng: random.Random) -> Kind:
    """Each kind until it has been tried, then mostly the kind gaining most per second, a kind
    drawn among those tied (a stalled search gains nothing with any, see STALE)."""
    untried = [kind for kind in kinds if kind.rate is None]
    if untried:
        return untried[0]
    if rng.random() < EXPLORE:
        return rng.choice(kinds)
    rates = [kind.gaining for kind in kinds]
    top = max(rates)
    return rng.choice([kind for kind, rate in zip(kinds, rates, strict=True) if rate == top])
