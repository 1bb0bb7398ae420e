"""requests: officers' wishes for a tour or a day off, honoured by weight.

A request is refused when: the officer wants a tour and is not on it; wants
OFF and works; does not want a tour and is on it; does not want OFF (wants to
work) and is off. Each refusal costs the rule weight times the request weight.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import OFF_REQUEST, ProblemData, Request, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import Group, LinearExpr

SPEC = RuleSpec(
    name="requests",
    summary="Officers' requests for a tour or a day off (Requests sheet), by weight.",
    default=RuleSetting(hard=False, weight=5),
    unit="request refused (times its weight)",
    per_officer=True,
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    for request in problem.requests:
        day = problem.day_index(request.date)
        if day is None:
            continue
        granted = _granted(model, request, day)
        label = f"Requests row {request.row}"
        if setting.hard:
            group = Group(SPEC.name, "Requests", request.row, day, request.officer_id)
            model.require(model.cp.add(granted == 1), group)
        else:
            model.vars.add_penalty(SPEC.name, 1 - granted, setting.weight * request.weight, label)


def _granted(model: RosterModel, request: Request, day: int) -> LinearExpr:
    """1 when the roster gives the officer what they asked, else 0."""
    on: cp_model.IntVar | None = (
        model.vars.works[request.officer_id, day]
        if request.shift == OFF_REQUEST
        else model.vars.tour(request.officer_id, day, request.shift)
    )
    on_expr: LinearExpr = 0 if on is None else on
    return on_expr if request.want != (request.shift == OFF_REQUEST) else 1 - on_expr


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for request in refused(problem, roster):
        day = problem.day_index(request.date)
        assert day is not None
        tours = roster.on(request.officer_id, day)
        asked = "wants" if request.want else "does not want"
        given = "+".join(tours) or "no tour"
        violations.append(
            Violation(
                SPEC.name,
                request.weight,
                f"{asked} {request.shift} on {problem.day_text(day)} (Requests row "
                f"{request.row}), rostered {given}",
                request.officer_id,
                request.date,
            )
        )
    return violations


def refused(problem: ProblemData, roster: Roster) -> list[Request]:
    """The requests of the period the roster does not grant, in Requests-sheet order."""
    found = []
    for request in problem.requests:
        day = problem.day_index(request.date)
        if day is None:
            continue
        tours = roster.on(request.officer_id, day)
        on = bool(tours) if request.shift == OFF_REQUEST else request.shift in tours
        if on == (request.want != (request.shift == OFF_REQUEST)):
            continue
        found.append(request)
    return found


def wish(request: Request) -> str:
    """What the request asks, in a word or two: 'OFF', 'to work', 'N', 'not N'."""
    if request.shift == OFF_REQUEST:
        return OFF_REQUEST if request.want else "to work"
    return request.shift if request.want else f"not {request.shift}"


def granting(model: RosterModel, request: Request) -> tuple[cp_model.IntVar, int] | None:
    """The variable and its value that grant the request; None when no roster can (a shift
    the officer's team does not work)."""
    day = model.problem.day_index(request.date)
    assert day is not None
    if request.shift == OFF_REQUEST:
        return model.vars.works[request.officer_id, day], int(not request.want)
    var = model.vars.tour(request.officer_id, day, request.shift)
    if var is None:
        return None
    return var, int(request.want)


RULE = Rule(SPEC, add, check)
