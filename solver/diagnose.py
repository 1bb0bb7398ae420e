"""Why the hard rules cannot all hold: small sets of conflicting rule instances.

Each `Group` of a hard rule's constraints holds only while its switch is on
(`PenaltyTerms.switches`), and CP-SAT is asked to solve with every switch assumed on.
When it proves that infeasible it names a set of assumptions sufficient for it; that
set is then shrunk by deletion: a chunk of groups is left out, and if the rest is still
infeasible (a short solve proves it, and CP-SAT's new sufficient set narrows the rest
further) the chunk goes, else the chunk is halved, down to single groups. What remains
is a conflict in which every group was shown to be needed: drop any one and the others
can all hold. The search then sets that conflict aside and looks for another.

Only the hard rules are in the model (a soft rule can always be paid for), and no
objective: each solve only asks "can these groups all hold?".
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from constraints.registry import RULES
from inputs.problem import ProblemData
from solver.model import ModelIdioms, RosterModel
from solver.solve import STATUS_MAP, SolverParams, Status, quick_solver
from solver.variables import Group

SHRINK_SECONDS = 10.0
"""The longest one deletion test may take; a test that cannot decide keeps its groups."""
QUICK_SECONDS = 3.0
"""How long a test searches without the LP relaxation before trying with it."""
MORE_SECONDS = 10.0
"""How long the search for each conflict after the first may take: proving that the hard
rules of a large borough can hold is slow without the staged search, so the search for
more conflicts gives up early and says the list may not be complete."""
MAX_CONFLICTS = 3
"""Conflicts looked for before reporting (each set aside in turn)."""


@dataclass(frozen=True)
class Conflict:
    """Groups of hard constraints that cannot all hold together."""

    groups: tuple[Group, ...]
    minimal: bool
    """Every group was shown to be needed (False when a test ran out of time)."""
    seconds: float = 0.0
    """When it was found and shrunk, from the start of the diagnosis (model build included)."""

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(g.rule for g in self.groups))


@dataclass(frozen=True)
class Diagnosis:
    """What the conflict search found: INFEASIBLE with conflicts, FEASIBLE when the hard
    rules can all hold (or can once the conflicts found are set aside), NO_SOLUTION when
    the time ran out before it could tell."""

    status: Status
    conflicts: tuple[Conflict, ...]
    complete: bool
    """True when, with every conflict found set aside, the remaining hard rules were shown
    to be able to hold together: there is no other conflict."""
    seconds: float
    solves: int

    @property
    def rules(self) -> frozenset[str]:
        return frozenset(rule for c in self.conflicts for rule in c.rules)


def diagnose_roster(
    problem: ProblemData,
    params: SolverParams,
    most: int = MAX_CONFLICTS,
    by_rule: bool = False,
) -> Diagnosis:
    """Conflicts among the roster's hard rules (see `find_conflicts`)."""
    started = time.perf_counter()
    return search_model(switched_model(problem), params, started, most, by_rule)


def switched_model(problem: ProblemData) -> RosterModel:
    """The roster's hard rules with a switch per group, no objective: can they all hold?"""
    model = RosterModel.empty(problem, diagnosing=True)
    for rule in RULES:
        setting = problem.rule(rule.name)
        if setting.enabled and setting.hard:
            rule.add(model, setting)
    return model


def search_model(
    model: ModelIdioms, params: SolverParams, started: float, most: int, by_rule: bool
) -> Diagnosis:
    """The conflict search on a model built with switches, within the time limit from
    `started` (the build counts)."""
    switches = model.vars.switches
    assert switches is not None, "the model was built without switches"
    left = params.time_limit - (time.perf_counter() - started)
    search = ConflictSearch(model.cp, switches, params, started + max(left, 0.0), started)
    found = search.run(most, by_rule)
    return Diagnosis(found.status, found.conflicts, found.complete, _since(started), search.solves)


class ConflictSearch:
    """The assumption-based search over one model's switches, within a deadline."""

    def __init__(
        self,
        cp: cp_model.CpModel,
        switches: dict[Group, cp_model.IntVar],
        params: SolverParams,
        deadline: float,
        started: float | None = None,
    ) -> None:
        self.cp, self.switches, self.params, self.deadline = cp, switches, params, deadline
        self.started = time.perf_counter() if started is None else started
        self.group_of = {var.index: group for group, var in switches.items()}
        self.solves = 0

    def run(self, most: int, by_rule: bool) -> Diagnosis:
        """Up to `most` conflicts, each set aside before looking for the next: its groups,
        or (`by_rule`) every group of its rules, as a best-effort roster will soften them."""
        started = time.perf_counter()
        active = list(self.switches)
        conflicts: list[Conflict] = []
        complete = False
        while len(conflicts) < most and self._left() > 0:
            budget = self._left() if not conflicts else min(MORE_SECONDS, self._left())
            outcome, core = self.test(active, budget)
            if outcome != Status.INFEASIBLE:
                complete = outcome.has_roster
                break
            conflict = replace(self.shrink(core or active), seconds=_since(self.started))
            conflicts.append(conflict)
            aside = _set_aside(conflict, by_rule)
            active = [g for g in active if not aside(g)]
        if conflicts:
            status = Status.INFEASIBLE
        else:
            status = Status.FEASIBLE if complete else Status.NO_SOLUTION
        return Diagnosis(status, tuple(conflicts), complete, _since(started), self.solves)

    def shrink(self, core: Collection[Group]) -> Conflict:
        """Deletion in halving chunks: drop a chunk while the rest stays infeasible."""
        needed: list[Group] = []
        candidates = sorted(core, key=_drop_first)
        chunk = max(1, len(candidates) // 2)
        minimal = True
        while candidates:
            if self._left() <= 0:
                return Conflict(tuple(needed + candidates), False)
            part, rest = candidates[:chunk], candidates[chunk:]
            outcome, sub = self.test(needed + rest, min(SHRINK_SECONDS, self._left()))
            if outcome == Status.INFEASIBLE:
                candidates = [g for g in rest if not sub or g in sub]
                chunk = min(chunk, max(1, len(candidates) // 2))
            elif chunk > 1:
                chunk = max(1, chunk // 2)
            else:
                needed.append(part[0])
                candidates = rest
                minimal = minimal and outcome.has_roster
        return Conflict(tuple(needed), minimal)

    def test(self, groups: Sequence[Group], seconds: float) -> tuple[Status, set[Group]]:
        """Whether `groups` can all hold (every other switch off); when not, CP-SAT's set of
        them sufficient for that. A quick search without the LP relaxation first (most
        tests are settled by propagation in about a second), then one with it."""
        chosen = set(groups)
        self.cp.clear_assumptions()
        self.cp.add_assumptions(
            [var if g in chosen else var.negated() for g, var in self.switches.items()]
        )
        started = time.perf_counter()
        outcome, solver = self._solve(min(QUICK_SECONDS, seconds), linear=False)
        if outcome == Status.NO_SOLUTION and seconds > QUICK_SECONDS:
            outcome, solver = self._solve(seconds - _since(started), linear=True)
        if outcome != Status.INFEASIBLE:
            return outcome, set()
        sufficient = solver.sufficient_assumptions_for_infeasibility()
        return outcome, {self.group_of[i] for i in sufficient if i in self.group_of} & chosen

    def _solve(self, seconds: float, linear: bool) -> tuple[Status, cp_model.CpSolver]:
        """One sequential solve (CP-SAT handles assumptions with one worker only), without
        presolve or symmetry detection, which cost more than they save here."""
        solver = quick_solver(self.params, seconds, workers=1)
        solver.parameters.cp_model_presolve = False
        if not linear:
            solver.parameters.linearization_level = 0
        self.solves += 1
        return STATUS_MAP[solver.solve(self.cp)], solver

    def _left(self) -> float:
        return self.deadline - time.perf_counter()


def _set_aside(conflict: Conflict, by_rule: bool) -> Callable[[Group], bool]:
    if by_rule:
        rules = set(conflict.rules)
        return lambda group: group.rule in rules
    groups = set(conflict.groups)
    return lambda group: group in groups


def _drop_first(group: Group) -> tuple[int, str]:
    """Deletion order: rules that hold over a whole period for one officer go first, so that
    a conflict keeps the rows (Cover, Clusters, dates) a resource manager acts on."""
    return (0 if group.sheet == "Officers" else 1, group.rule)


def _since(started: float) -> float:
    return time.perf_counter() - started
