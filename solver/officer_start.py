"""A first roster built officer by officer, when every hard rule concerns one officer.

On long periods (a year of 150 officers) CP-SAT can search for minutes without
finding any roster of the whole model, while each officer's own year (contract
hours, runs of work and rest, weekends, shift limits, days off) is a small
problem it solves in a fraction of a second. When no hard rule ties officers
together (cover, teams and supervision are soft or off), the officers' rosters
put side by side are a roster of the whole model. Cover is then left to the
large neighbourhood search, which re-solves officers together.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from constraints.registry import RULES
from inputs.problem import Officer, ProblemData, RuleSetting
from solver.solve import SolverParams, build_model, run_solver

PORTFOLIO = (3.0, 4, ("quick_restart", "max_lp", "default_lp", "no_lp"))
QUICK = (1.5, 1, ("quick_restart",))
TRIES = (*(PORTFOLIO, QUICK) * 6, (20.0, 6, ()))
"""(seconds, workers, CP-SAT subsolvers) of each try at one officer's roster, each try with
its own seed. A tight year (232 to 234 working days of 364 within runs and weekend limits)
is found in a second or two by some of CP-SAT's searches and seeds and not in minutes by
others, differently for each officer and instance: a four-search portfolio finds most of
instance 24's officers, a single quick-restart search most of instance 22's (measured in
bench/RESULTS.md), so short tries of each alternate with new seeds, then a longer one."""
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
    problem: ProblemData, params: SolverParams, deadline: float
) -> dict[tuple[str, int, str], int] | None:
    """Every officer's tours (officer, day, code) -> 1 for a roster meeting every hard rule,
    or None when an officer's year cannot be solved before `deadline` (perf_counter).
    Officers are solved PARALLEL at a time; a failure or Ctrl-C stops them all."""
    rules = {
        name: setting.model_copy(update={"enabled": False})
        if setting.enabled and not (setting.hard and _own_rule(name))
        else setting
        for name, setting in problem.rules.items()
    }
    failed = threading.Event()

    def one(officer: Officer) -> dict[tuple[str, int, str], int] | None:
        tours = None if failed.is_set() else _one(problem, officer, rules, params, deadline, failed)
        if tours is None:
            failed.set()
        return tours

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
) -> dict[tuple[str, int, str], int] | None:
    """One officer's tours, or None when no try finds them before `deadline` or another
    officer has failed."""
    model = build_model(_alone(problem, officer, rules))
    for attempt, (seconds, workers, subsolvers) in enumerate(TRIES):
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        limit = replace(
            params,
            time_limit=min(seconds, left),
            workers=workers,
            subsolvers=subsolvers,
            seed=params.seed + attempt,
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


def _alone(problem: ProblemData, officer: Officer, rules: dict[str, RuleSetting]) -> ProblemData:
    """The problem of one officer: their own rows of every sheet, with only the hard rules
    (the first roster that meets them is taken; cover and wishes are the search's)."""
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
