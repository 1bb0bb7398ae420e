"""Small helpers shared by the per-rule tests: rosters from text, checker verdicts, settings.

A roster row is written as text, one token per day: a shift code, `-` for a day
without a tour, or `E+L` for a (hand-edited) day with two tours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from constraints.registry import catalogue, rule_named
from inputs.problem import Absence, CoverRow, ProblemData, Request, RuleSetting
from inputs.roster import Roster
from solver.solve import SolverParams, Status, build_model, solve
from tests.builders import MONDAY, make_problem, officer, only
from tests.solving import Checked, solve_and_check

OFF = "off"
"""A rule setting in a case table meaning: the rule under test is disabled."""


def day(index: int) -> date:
    """The date of a day index of the period (0 = Mon 5 Jan 2026)."""
    return MONDAY + timedelta(days=index)


def setting(rule: str, **changes: Any) -> RuleSetting:
    """The rule's catalogue default with some fields changed."""
    return catalogue()[rule].default.model_copy(update=changes)


def soft(rule: str, weight: int, **changes: Any) -> RuleSetting:
    return setting(rule, hard=False, weight=weight, **changes)


def hard(rule: str, **changes: Any) -> RuleSetting:
    return setting(rule, hard=True, **changes)


def rules(rule: str, chosen: RuleSetting | str | None, *others: str) -> dict[str, RuleSetting]:
    """Every rule off except `others` (defaults) and `rule` as `chosen` (None = default, OFF)."""
    if chosen == OFF:
        return only(*others, **{rule: setting(rule, enabled=False)})
    assert not isinstance(chosen, str)
    return only(*others, **{rule: chosen or setting(rule)})


def rota(team_tours: dict[str, str] | None = None, **rows: str) -> Roster:
    """A roster from text rows, e.g. rota(A="E E - N", B="L+E - - -")."""
    tours = {o: tuple(_cell(c) for c in text.split()) for o, text in rows.items()}
    teams = {
        t: tuple(c if c != "-" else None for c in text.split())
        for t, text in (team_tours or {}).items()
    }
    return Roster(tours, teams)


def _cell(token: str) -> tuple[str, ...]:
    return () if token == "-" else tuple(token.split("+"))


def row(roster: Roster, officer_id: str) -> str:
    """An officer's roster as text, the inverse of `rota`."""
    return " ".join("+".join(tours) or "-" for tours in roster.tours[officer_id])


def problem_for(roster: Roster, **fields: Any) -> ProblemData:
    """A problem whose officers (plain PCs of team R1 unless given) and days match the roster."""
    fields.setdefault("officers", [officer(o) for o in roster.tours])
    fields.setdefault("days", len(next(iter(roster.tours.values()))))
    return make_problem(fields.pop("officers"), **fields)


Found = tuple[str | None, int | None, int]


def judge(
    rule: str, roster: Roster, chosen: RuleSetting | None = None, **fields: Any
) -> list[Found]:
    """Run one rule's checker: (officer, day index, amount) for each violation, sorted."""
    problem = problem_for(roster, **fields)
    found = rule_named(rule).check(problem, roster, chosen or problem.rule(rule))
    assert all(v.rule == rule and v.amount > 0 for v in found), found
    return sorted(
        ((v.officer_id, None if v.day is None else (v.day - MONDAY).days, v.amount) for v in found),
        key=repr,
    )


def solved(problem: ProblemData) -> Checked:
    """Solve and re-check with every checker (no hard violation, equal objectives)."""
    checked = solve_and_check(problem)
    assert checked.result.status.value == "optimal", checked.result.status
    return checked


def request(
    officer_id: str, index: int, shift: str, *, want: bool = True, weight: int = 1
) -> Request:
    return Request(officer_id=officer_id, date=day(index), shift=shift, want=want, weight=weight)


def requests(officer_id: str, text: str, *, weight: int = 1) -> list[Request]:
    """One `want` request per day from text: a shift code, OFF, or `.` for no request."""
    return [
        request(officer_id, i, code, weight=weight)
        for i, code in enumerate(text.split())
        if code != "."
    ]


def absence(
    officer_id: str, first: int, last: int | None = None, kind: str = "annual_leave"
) -> Absence:
    return Absence(
        officer_id=officer_id, start=day(first), end=day(first if last is None else last), type=kind
    )


def cover(**fields: Any) -> CoverRow:
    """A Cover row (team R1, every day unless given); `ranks` may be a set of rank names."""
    fields.setdefault("team", "R1")
    fields.setdefault("row", 2)
    if "ranks" in fields:
        fields["ranks"] = frozenset(fields["ranks"])
    return CoverRow(**fields)


PIN_PARAMS = SolverParams(time_limit=5.0, workers=1, seed=0)


@dataclass(frozen=True)
class Pinned:
    """A hand roster pinned into the model with the rule soft: checker vs solver penalty."""

    checker: int
    """weight x the checker's total amount."""
    lowest: int
    """The solver's penalty for the rule, minimising the objective."""
    highest: int | None
    """... and maximising it (None when team tours are left to the solver)."""


def pinned(
    rule: str, roster: Roster, chosen: RuleSetting | None = None, *, weight: int = 3, **fields: Any
) -> Pinned:
    """Pin every tour (and any stated team tour) and compare the rule's model to its checker.

    The rule is made soft with `weight`; every other rule is off except the two that cannot
    be. Minimising and maximising the objective both give the rule's penalty: they must be
    equal to each other and to the checker's, so the penalty is exact, not merely bounded.
    """
    base = chosen or setting(rule)
    problem = problem_for(
        roster,
        rules=only(**{rule: base.model_copy(update={"hard": False, "weight": weight})}),
        **fields,
    )
    amount = sum(v.amount for v in rule_named(rule).check(problem, roster, problem.rule(rule)))
    penalties = []
    for maximise in (False, True):
        model = build_model(problem)
        for (officer_id, index, code), var in model.vars.shift.items():
            model.cp.add(var == int(code in roster.on(officer_id, index)))
        team_vars = model.vars.team_tour.items()
        all_pinned = not team_vars or bool(roster.team_tours)
        for (team_id, index, code), var in team_vars:
            stated = roster.team_tours.get(team_id)
            if stated:
                model.cp.add(var == int(stated[index] == code))
        if maximise:
            if not all_pinned:
                penalties.append(None)
                continue
            model.cp.maximize(sum(p.coefficient * p.expr for p in model.vars.penalties))
        result = solve(model, PIN_PARAMS)
        assert result.status == Status.OPTIMAL, result.status
        penalties.append(result.rule_penalties.get(rule, 0))
    return Pinned(weight * amount, penalties[0], penalties[1])


def assert_agrees(found: Pinned, expected: list[Found], weight: int = 3) -> None:
    """The checker, the minimised and the maximised model penalty all equal weight x amount."""
    total = weight * sum(amount for *_, amount in expected)
    assert found.checker == total
    assert found.lowest == total
    assert found.highest in (total, None)
