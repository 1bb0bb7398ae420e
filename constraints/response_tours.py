"""Response tours, shared by the rules that judge who is on one together.

A response tour is a shift meant for response teams on one day; the officers on
it are those of every response team working that shift that day (on Friday and
Saturday nights that is often two teams).
"""

from __future__ import annotations

from collections.abc import Iterator

from ortools.sat.python import cp_model

from inputs.problem import Officer, ProblemData, TeamKind
from inputs.roster import Roster
from solver.model import RosterModel


def tours(problem: ProblemData) -> Iterator[tuple[int, str]]:
    """(day index, shift code) of every response tour of the period."""
    codes = [s.code for s in problem.shifts if s.works_for(TeamKind.RESPONSE)]
    for day in range(problem.num_days):
        for code in codes:
            yield day, code


def officers(problem: ProblemData) -> list[Officer]:
    """Members of the response teams."""
    return [o for o in problem.officers if problem.team_of(o).kind == TeamKind.RESPONSE]


def on_tour(
    model: RosterModel, people: list[Officer], day: int, code: str
) -> list[cp_model.IntVar]:
    """The variables of `people` working the tour."""
    found = (model.vars.tour(o.officer_id, day, code) for o in people)
    return [var for var in found if var is not None]


def rostered(roster: Roster, people: list[Officer], day: int, code: str) -> list[Officer]:
    """Those of `people` the roster has on the tour."""
    return [o for o in people if code in roster.on(o.officer_id, day)]
