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
from solver.variables import LinearExpr

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
            model.cp.add(granted == 1)
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
    for request in problem.requests:
        day = problem.day_index(request.date)
        if day is None:
            continue
        tours = roster.on(request.officer_id, day)
        on = bool(tours) if request.shift == OFF_REQUEST else request.shift in tours
        granted = on if request.want != (request.shift == OFF_REQUEST) else not on
        if not granted:
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


RULE = Rule(SPEC, add, check)
