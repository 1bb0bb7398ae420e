"""Why a request was refused: a short local re-solve with the request granted.

The roster model is built once; for each request asked about, the request is granted
and every officer-day is fixed as the roster has it, except those of the requester's
own team (or SN cluster) within `REACH` days of the request, which are solved again
from the roster as a hint, for a few seconds. The roster found is re-checked by the
caller: what it costs more than the roster is what refusing the request saves.

Fixing is done on the variables' domains in the model, restored after each request,
so that one model serves every request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ortools.sat.python import cp_model

from constraints.requests import granting
from inputs.problem import Officer, ProblemData, Request, TeamKind
from inputs.roster import Roster
from solver.solve import (
    STATUS_MAP,
    SolverParams,
    Status,
    build_model,
    extract_roster,
    quick_solver,
)

REACH = 3
"""Days either side of the request that the local re-solve may change."""
SECONDS = 3.0
"""Time for each local re-solve."""


class LocalSolver:
    """One roster model, re-solved around one request at a time."""

    def __init__(self, problem: ProblemData, roster: Roster, params: SolverParams) -> None:
        self.problem, self.roster = problem, roster
        self.params = params
        self.model = build_model(problem)

    def grant(self, request: Request) -> tuple[Status, Roster | None]:
        """The best roster found with the request granted and only its neighbourhood free."""
        forced = granting(self.model, request)
        if forced is None:
            return Status.INFEASIBLE, None
        free = self._neighbourhood(request)
        fixed = [
            (var, int(code in self.roster.on(o, d)))
            for (o, d, code), var in self.model.vars.shift.items()
            if (o, d) not in free
        ]
        fixed += self._fixed_units(request)
        with _pinned(self.model.cp, [*fixed, forced]):
            self._hint()
            solver = quick_solver(self.params, SECONDS, self.params.workers)
            solver.parameters.cp_model_probing_level = 0  # most variables are fixed
            found = STATUS_MAP[solver.solve(self.model.cp)]
            roster = extract_roster(self.model, solver) if found.has_roster else None
        return found, roster

    def _neighbourhood(self, request: Request) -> set[tuple[str, int]]:
        """(officer, day) pairs the re-solve may change: the requester's team, or SN cluster,
        within REACH days of the request."""
        day = self.problem.day_index(request.date)
        assert day is not None
        days = range(max(0, day - REACH), min(self.problem.num_days, day + REACH + 1))
        return {(o.officer_id, d) for o in self._colleagues(request) for d in days}

    def _colleagues(self, request: Request) -> list[Officer]:
        problem = self.problem
        team = problem.team_of(problem.officer_by_id[request.officer_id])
        if team.kind == TeamKind.SN and team.cluster:
            return list(problem.cluster_officers(team.cluster))
        return list(problem.team_members(team.team_id))

    def _fixed_units(self, request: Request) -> list[tuple[cp_model.IntVar, int]]:
        """Team tours and ward variants as the roster has them, but the requester's own."""
        own = self.problem.officer_by_id[request.officer_id].team
        fixed = []
        for (team_id, day, code), var in self.model.vars.team_tour.items():
            tours = self.roster.team_tours.get(team_id)
            if team_id != own and tours is not None:
                fixed.append((var, int(tours[day] == code)))
        for (team_id, week, code), var in self.model.vars.ward_variant.items():
            variants = self.roster.ward_variants.get(team_id)
            if team_id != own and variants is not None:
                fixed.append((var, int(variants[week] == code)))
        return fixed

    def _hint(self) -> None:
        cp = self.model.cp
        cp.clear_hints()
        for (o, d, code), var in self.model.vars.shift.items():
            cp.add_hint(var, code in self.roster.on(o, d))


@contextmanager
def _pinned(cp: cp_model.CpModel, values: list[tuple[cp_model.IntVar, int]]) -> Iterator[None]:
    """Fix variables to values by narrowing their domains; restore the domains after."""
    variables = cp.proto.variables
    saved = [(var.index, list(variables[var.index].domain)) for var, _ in values]
    try:
        for var, value in values:
            domain = variables[var.index].domain
            lowest, highest = domain[0], domain[len(domain) - 1]
            if not lowest <= value <= highest:
                raise ValueError(f"{var} cannot take {value}")
            domain.clear()
            domain.extend([value, value])
        yield
    finally:
        for index, domain in saved:
            variables[index].domain.clear()
            variables[index].domain.extend(domain)
