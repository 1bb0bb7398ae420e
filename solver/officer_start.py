"""A first roster built officer by officer, when every hard rule concerns one officer.

On long periods (a year of 150 officers) CP-SAT can search for minutes without
finding any roster of the whole model, while each officer's own year (contract
hours, runs of work and rest, weekends, shift limits, days off) is a small
problem it solves in a fraction of a second. When no hard rule ties officers
together (cover, teams and supervision are soft or off), the officers' rosters
put side by side are a roster of the whole model.

Each officer's year found, it is polished for a moment against the cover the officers
before them left short (and their own requests): blind to cover, a year of 150
officers started with most of its cover missing, which the large neighbourhood search
then spent minutes mending.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from constraints.registry import RULES
from inputs.problem import Officer, ProblemData, RuleSetting
from solver.solve import SolverParams, build_model, run_solver

Tours = dict[tuple[str, int, str], int]

PORTFOLIO = (3.0, 2, ("quick_restart", "no_lp"), True)
QUICK = (1.5, 1, ("quick_restart",), True)
TRIES = (*(PORTFOLIO, QUICK) * 6, (20.0, 6, (), False))
"""(seconds, workers, CP-SAT subsolvers, light presolve) of each try at one officer's roster,
each try with its own seed. A tight year (232 to 234 working days of 364 within runs and
weekend limits) is found in a second or two by some of CP-SAT's searches and seeds and not
in minutes by others, differently for each officer and instance: two searches (with
CP-SAT's first-solution search beside them) find most of instance 24's officers, a single
quick-restart search most of instance 22's (measured in bench/RESULTS.md), so short tries
of each alternate with new seeds, then a longer one with full presolve. Full presolve took
most of a try that found the year (see `SolverParams.light_presolve`)."""
PARALLEL = 2
"""Officers solved side by side: each try's searches leave gaps a second officer fills
(22 and 24 took 66.8 s and 78.7 s two at a time, 101.8 s and 113.4 s one at a time)."""


def applies(problem: ProblemData) -> bool:
    """Whether every enabled hard rule is one officer's business."""
    return all(
        rule.spec.per_officer
        for rule in RULES
        if problem.rule(rule.name).enabled and problem.rule(rule.name).hard
    )


def officer_by_officer(
    problem: ProblemData, params: SolverParams, deadline: float, polish: float = 0.0
) -> Tours | None:
    """Every officer's tours (officer, day, code) -> 1 for a roster meeting every hard rule,
    or None when an officer's year cannot be solved before `deadline` (perf_counter).
    Officers are solved PARALLEL at a time; a failure or Ctrl-C stops them all. Each year
    found is polished for `polish` seconds against the cover still short (0: not at all)."""
    rules = _rules_where(problem, lambda name, setting: setting.hard and _own_rule(name))
    failed = threading.Event()
    polisher = _Polish(problem, params, polish) if polish > 0 else None

    def one(officer: Officer) -> Tours | None:
        tours = None if failed.is_set() else _one(problem, officer, rules, params, deadline, failed)
        if tours is None:
            failed.set()
            return None
        return tours if polisher is None else polisher(officer, tours, deadline)

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        futures = [pool.submit(one, officer) for officer in problem.officers]
        try:
            found = [future.result() for future in futures]
        except KeyboardInterrupt:
            failed.set()
            return None
    if failed.is_set():
        return None
    return {key: value for tours in found if tours for key, value in tours.items()}


def _one(
    problem: ProblemData,
    officer: Officer,
    rules: dict[str, RuleSetting],
    params: SolverParams,
    deadline: float,
    failed: threading.Event,
) -> Tours | None:
    """One officer's tours, or None when no try finds them before `deadline` or another
    officer has failed."""
    model = build_model(_alone(problem, officer, rules))
    for attempt, (seconds, workers, subsolvers, light) in enumerate(TRIES):
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        limit = replace(
            params,
            time_limit=min(seconds, left),
            workers=workers,
            subsolvers=subsolvers,
            seed=params.seed + attempt,
            light_presolve=light,
        )
        solver, figures = run_solver(
            model.cp, model.vars.penalties, limit, stop_when=lambda _: failed.is_set()
        )
        if failed.is_set():
            return None
        if figures.status.has_roster:
            return {key: int(solver.value(var)) for key, var in model.vars.shift.items()}
        if figures.status.value == "infeasible":
            return None
    return None


def _own_rule(name: str) -> bool:
    return next(rule for rule in RULES if rule.name == name).spec.per_officer


def _rules_where(
    problem: ProblemData, keep: Callable[[str, RuleSetting], bool]
) -> dict[str, RuleSetting]:
    """The problem's rules with only the enabled ones `keep` accepts left enabled."""
    return {
        name: setting
        if not setting.enabled or keep(name, setting)
        else setting.model_copy(update={"enabled": False})
        for name, setting in problem.rules.items()
    }


class _Polish:
    """Each officer's year re-solved from itself (a hint) for `seconds`, against what the
    officers polished before leave short of each shift row's target on each day, and every
    soft rule of the officer's own. Rows by clock hour are left to the search by parts.

    One officer adds 0 or 1 to a shift row's day, so their share of its cost is linear in
    their tours: working it saves the under weight while the row is short, else costs the
    over weight. The polish minimises those terms, not the cover rule's own: a year of
    one-day rows built a penalty and a max constraint per row and day, whose drawing up
    took half of each polish and whose unhinted penalties left its search, a second long,
    often without a roster (measured in bench/RESULTS.md)."""

    def __init__(self, problem: ProblemData, params: SolverParams, seconds: float) -> None:
        self.problem = problem
        self.params = replace(
            params, time_limit=seconds, workers=1, subsolvers=(), light_presolve=True
        )
        self.rules = _rules_where(problem, lambda name, _: _own_rule(name))
        cover = problem.rule("cover_target")
        self.weight = cover.weight if cover.enabled and not cover.hard else 0
        self.rows = [row for row in problem.cover if row.shift is not None and row.target]
        self.members = [{o.officer_id for o in problem.cover_officers(row)} for row in self.rows]
        self.count: Counter[tuple[int, int]] = Counter()
        self.lock = threading.Lock()

    def __call__(self, officer: Officer, tours: Tours, deadline: float) -> Tours:
        """The polished year (`tours` if nothing better, or no time left), counted as cover."""
        if time.perf_counter() + self.params.time_limit < deadline:
            tours = self._solved(officer, tours)
        self._add(officer, tours)
        return tours

    def _solved(self, officer: Officer, tours: Tours) -> Tours:
        model = build_model(_alone(self.problem, officer, self.rules))
        model.set_objective(
            [
                cost * var
                for (day, code), cost in self._costs(officer).items()
                if cost and (var := model.vars.tour(officer.officer_id, day, code)) is not None
            ]
        )
        for key, var in model.vars.shift.items():
            model.cp.add_hint(var, tours[key])
        solver, figures = run_solver(model.cp, model.vars.penalties, self.params)
        if not figures.status.has_roster:
            return tours
        return {key: int(solver.value(var)) for key, var in model.vars.shift.items()}

    def _costs(self, officer: Officer) -> Counter[tuple[int, str]]:
        """(day, code) -> what working that tour changes the cover's cost by, for rows the
        officer counts in: less the under weight while short, plus the over weight once met."""
        costs: Counter[tuple[int, str]] = Counter()
        with self.lock:
            for position, row in enumerate(self.rows):
                if officer.officer_id in self.members[position]:
                    for day in self.problem.cover_days(row):
                        short = (row.target or 0) > self.count[position, day]
                        change = -row.under_weight if short else row.over_weight
                        costs[day, row.shift or ""] += self.weight * change
        return costs

    def _add(self, officer: Officer, tours: Tours) -> None:
        o = officer.officer_id
        with self.lock:
            for position, row in enumerate(self.rows):
                if o in self.members[position]:
                    for day in self.problem.cover_days(row):
                        self.count[position, day] += tours.get((o, day, row.shift or ""), 0)


def _alone(problem: ProblemData, officer: Officer, rules: dict[str, RuleSetting]) -> ProblemData:
    """The problem of one officer: their own rows of every sheet, with `rules` (only the
    hard rules to find a year; cover and wishes are the search's, or the polish's)."""
    o = officer.officer_id
    return problem.model_copy(
        update={
            "officers": (officer,),
            "rules": rules,
            "cover": (),
            "absences": tuple(a for a in problem.absences if a.officer_id == o),
            "requests": tuple(r for r in problem.requests if r.officer_id == o),
            "history": tuple(h for h in problem.history if h.officer_id == o),
            "published": tuple(p for p in problem.published if p.officer_id == o),
        }
    )
