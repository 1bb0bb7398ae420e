"""Small hand-made flex problems: two or three wards of a few SN officers, a week.

Officers are named WARD_RANKn (A_PC1, B_PCSO2, C_PS): the ward and rank are read
from the name. A roster row is text, one token per day: an SN shift code (SE
07-15, SM 10-18, SL 15-23, 8 hours each) or `-` for no tour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from constraints.flex.base import FlexRule
from constraints.flex.registry import FLEX_RULES, flex_rule_named
from constraints.flex.report import check_plan
from constraints.registry import catalogue
from constraints.report import Report
from inputs.flex import Deployment, FlexData, FlexPlan, build_flex_data
from inputs.problem import FlexRequestRow, RuleSetting, Shift
from inputs.reader import default_rules
from inputs.roster import Roster
from solver.flex.solve import FlexResult, build_flex_model, solve_flex
from solver.solve import SolverParams, Status, run_solver
from tests.builders import MONDAY, make_problem, officer, team

SN_SHIFTS = (
    Shift(code="SE", start="07:00", end="15:00", kind="early", for_="sn"),
    Shift(code="SM", start="10:00", end="18:00", kind="day", for_="sn"),
    Shift(code="SL", start="15:00", end="23:00", kind="late", for_="sn"),
)
FLEX_PARAMS = SolverParams(time_limit=5.0, workers=2, seed=0)
NAME = re.compile(r"^([A-Z]+)_([A-Z]+?)\d*$")


def setting(rule: str, **changes: Any) -> RuleSetting:
    return catalogue()[rule].default.model_copy(update=changes)


def only(*names: str, **overrides: RuleSetting) -> dict[str, RuleSetting]:
    """Flex rule settings with every flex rule off except flex_tours (a plan is made of
    rostered tours), flex_need (there is something to plan), `names` at their defaults and
    `overrides`: a per-rule test isolates its rule like the roster's `only`."""
    kept = {"flex_tours", "flex_need", *names}
    rules = {rule.name: setting(rule.name, enabled=rule.name in kept) for rule in FLEX_RULES}
    return {**rules, **overrides}


def request(
    ward: str = "A",
    shift: str = "SL",
    rank: str = "PC",
    officers: int = 1,
    first: int = 0,
    last: int = 6,
    donors: tuple[str, ...] = (),
    request_id: str = "F1",
    row: int = 2,
) -> FlexRequestRow:
    """A FlexRequests row asking for `officers` of `rank` on `shift` from day `first` to `last`."""
    return FlexRequestRow(
        row=row,
        request_id=request_id,
        ward=ward,
        start=MONDAY + timedelta(days=first),
        end=MONDAY + timedelta(days=last),
        shift=shift,
        rank=rank,
        officers=officers,
        donor_wards=frozenset(donors),
        authorised_by="Supt Test",
    )


def flex_data(
    requests: list[FlexRequestRow], rules: dict[str, RuleSetting] | None = None, **rows: str
) -> FlexData:
    """FlexData for the officers of `rows` (named WARD_RANKn) rostered as the text says."""
    people = []
    for officer_id in rows:
        match = NAME.match(officer_id)
        assert match, f"{officer_id}: expected WARD_RANKn, e.g. A_PC1"
        ward, rank = match.groups()
        people.append(officer(officer_id, f"SN{ward}", rank=rank, ward=ward))
    wards = sorted({o.ward for o in people if o.ward})
    days = len(next(iter(rows.values())).split())
    problem = make_problem(
        people,
        teams=[team(f"SN{w}", "sn", cluster="North", ward=w) for w in wards],
        shifts=SN_SHIFTS,
        days=days,
        rules={**default_rules(catalogue()), **(rules or {})},
    ).model_copy(update={"flex_requests": tuple(requests)})
    roster = Roster(
        {o: tuple(() if c == "-" else (c,) for c in t.split()) for o, t in rows.items()}
    )
    return build_flex_data(problem, roster)


def deployed(officer_id: str, day: int, row: int = 2, shift: str = "SL") -> Deployment:
    return Deployment(day, row, officer_id, shift)


def plan(*deployments: Deployment) -> FlexPlan:
    return FlexPlan.of(*deployments)


Found = tuple[str | None, int | None, int]


def judge(rule: str, data: FlexData, found: FlexPlan) -> list[Found]:
    """One rule's checker on a plan: (officer, day index, amount) per violation, sorted."""
    violations = flex_rule_named(rule).check(data, found, data.rule(rule))
    assert all(v.rule == rule and v.amount > 0 for v in violations), violations
    return sorted(
        (v.officer_id, None if v.day is None else data.day_index(v.day), v.amount)
        for v in violations
    )


@dataclass
class Checked:
    result: FlexResult
    report: Report

    @property
    def plan(self) -> FlexPlan:
        assert self.result.plan is not None
        return self.result.plan

    def penalty(self, rule: str) -> int:
        return self.report.outcome(rule).penalty


def solve_and_check(
    data: FlexData,
    rules: tuple[FlexRule, ...] = FLEX_RULES,
    params: SolverParams = FLEX_PARAMS,
    optimal: bool = True,
) -> Checked:
    """Solve, then hold the solver to every flex checker: no hard violation, equal objectives
    (overall and per rule); `optimal` also asks that the search proved its plan best."""
    result = solve_flex(data, params, rules=rules)
    assert result.plan is not None, result.result.status
    if optimal:
        assert result.result.status == Status.OPTIMAL, result.result.status
    report = check_plan(data, result.plan)
    assert report.hard_violations == 0, [
        v.what for o in report.outcomes if o.broken for v in o.violations
    ]
    penalties = {o.rule.name: o.penalty for o in report.outcomes if o.penalty}
    assert result.result.rule_penalties == penalties
    assert result.result.objective == report.objective
    return Checked(result, report)


def without(name: str) -> tuple[FlexRule, ...]:
    """The flex rules but one: to show in a test that the rule changes the plan."""
    return tuple(rule for rule in FLEX_RULES if rule.name != name)


PIN_PARAMS = SolverParams(time_limit=5.0, workers=1, seed=0)


def pinned(data: FlexData, found: FlexPlan) -> list[dict[str, int] | None]:
    """Pin every flex variable to the plan and solve, minimising then maximising the
    objective: each rule's penalty both ways (None when the pinned model is infeasible)."""
    chosen = {(d.officer_id, d.day, d.request_row) for d in found.deployments}
    outcomes: list[dict[str, int] | None] = []
    for maximise in (False, True):
        model = build_flex_model(data)
        assert chosen <= set(model.vars.flex), "a deployment the model has no variable for"
        for key, var in model.vars.flex.items():
            model.cp.add(var == int(key in chosen))
        if maximise:
            model.cp.maximize(sum(p.coefficient * p.expr for p in model.vars.penalties))
        _, outcome = run_solver(model.cp, model.vars.penalties, PIN_PARAMS)
        if outcome.status == Status.INFEASIBLE:
            outcomes.append(None)
            continue
        assert outcome.status == Status.OPTIMAL, outcome.status
        outcomes.append(outcome.rule_penalties)
    return outcomes


def assert_agrees(rule: str, data: FlexData, found: FlexPlan) -> None:
    """The rule's model and checker agree on a plan: a hard rule's model refuses exactly the
    plans its checker finds broken; a soft rule's penalty, minimised or maximised, is the
    checker's weight x amount (so it is exact, not merely bounded)."""
    setting_ = data.rule(rule)
    amount = sum(v.amount for v in flex_rule_named(rule).check(data, found, setting_))
    for penalties in pinned(data, found):
        if setting_.hard:
            assert (penalties is None) == (amount > 0), (penalties, amount)
        else:
            assert penalties is not None
            assert penalties.get(rule, 0) == setting_.weight * amount
