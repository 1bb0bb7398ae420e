"""Small hand-made panels for posting tests, and the solve-and-recheck helper.

Postings take effect on Monday 4 Jan 2027; `years` of service count back from then, so
years=1 is a probationer and years=6 an experienced officer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from constraints.posting.registry import catalogue, rule_named
from constraints.posting.report import check_posting
from constraints.report import Report
from inputs.posting import Allocation, PostingData, PostingOfficer, PostingTeam, ProposalRow
from inputs.problem import RuleSetting, Settings
from inputs.reader import default_rules
from solver.posting.solve import PostingResult, build_posting_model, solve_model
from solver.solve import SolverParams, Status

START = date(2027, 1, 4)
PARAMS = SolverParams(time_limit=5.0, workers=1, seed=0)
ALWAYS_ON = ("stay_put", "panel_decisions")


def officer(officer_id: str, team: str = "R1", years: float = 6, **fields: Any) -> PostingOfficer:
    """A PC (unless `rank` is given) available for posting (unless `available` is given)."""
    fields.setdefault("rank", "PC")
    fields.setdefault("available", True)
    fields.setdefault("service_start", date.fromordinal(START.toordinal() - round(years * 365.25)))
    return PostingOfficer(officer_id=officer_id, team=team, **fields)


def team(team_id: str = "R1", kind: str = "response", **fields: Any) -> PostingTeam:
    return PostingTeam(team_id=team_id, kind=kind, **fields)


def setting(rule: str, **changes: Any) -> RuleSetting:
    return catalogue()[rule].default.model_copy(update=changes)


def only(*names: str, **overrides: RuleSetting) -> dict[str, RuleSetting]:
    """Every rule off except `names` (defaults), `overrides` and the two that cannot be."""
    rules = {
        name: spec.default.model_copy(update={"enabled": name in names or name in overrides})
        for name, spec in catalogue().items()
    }
    for name in ALWAYS_ON:
        rules[name] = catalogue()[name].default
    rules.update(overrides)
    return rules


def make_posting(
    officers: list[PostingOfficer],
    teams: list[PostingTeam] | None = None,
    rules: dict[str, RuleSetting] | None = None,
    proposals: list[ProposalRow] | None = None,
) -> PostingData:
    team_ids = sorted({o.team for o in officers})
    return PostingData(
        settings=Settings(period_start=START, notice_date=START),
        officers=tuple(officers),
        teams=tuple(teams or [team(t) for t in team_ids]),
        rules=rules if rules is not None else default_rules(catalogue()),
        proposals=tuple(proposals or ()),
    )


def allocation(data: PostingData, **moves: str) -> Allocation:
    """The allocation before the panel with some officers moved, e.g. allocation(d, A="R2")."""
    return Allocation({**data.before.teams, **moves})


def judge(rule: str, data: PostingData, after: Allocation) -> list[tuple[str | None, int]]:
    """One rule's checker: (officer, amount) of each violation, sorted."""
    found = rule_named(rule).check(data, after, data.rule(rule))
    assert all(v.rule == rule and v.amount > 0 for v in found), found
    return sorted(((v.officer_id, v.amount) for v in found), key=repr)


@dataclass
class Checked:
    data: PostingData
    result: PostingResult
    report: Report

    @property
    def after(self) -> Allocation:
        assert self.result.allocation is not None
        return self.result.allocation

    @property
    def moves(self) -> dict[str, str]:
        """officer_id -> the team proposed, for every officer moved."""
        return {o: target for o, _, target in self.after.moves(self.data.before)}

    @property
    def objective(self) -> int | None:
        return self.result.figures.objective


def solve_and_check(data: PostingData, params: SolverParams = PARAMS) -> Checked:
    """Solve, then hold the solver to the checkers: optimal, no hard violation, the same
    objective overall and per rule."""
    result = solve_model(build_posting_model(data), params)
    assert result.figures.status == Status.OPTIMAL, result.figures.status
    return assert_checked(data, result)


def assert_checked(data: PostingData, result: PostingResult) -> Checked:
    assert result.allocation is not None, result.figures.status
    report = check_posting(data, result.allocation)
    broken = [v.what for o in report.outcomes if o.broken for v in o.violations]
    assert report.hard_violations == 0, broken
    penalties = {o.rule.name: o.penalty for o in report.outcomes if o.penalty}
    assert result.figures.rule_penalties == penalties
    assert result.figures.objective == report.objective
    return Checked(data, result, report)


def pinned_penalty(rule: str, data: PostingData, after: Allocation) -> tuple[int, int]:
    """The rule's solver penalty with every officer pinned to `after`, minimising and then
    maximising the objective: both equal the checker's when the penalty is exact."""
    found = []
    for maximise in (False, True):
        model = build_posting_model(data)
        for (officer_id, team_id), var in model.vars.assign.items():
            model.cp.add(var == int(after.team_of(officer_id) == team_id))
        if maximise:
            model.cp.maximize(sum(p.coefficient * p.expr for p in model.vars.penalties))
        result = solve_model(model, PARAMS)
        assert result.figures.status == Status.OPTIMAL, result.figures.status
        found.append(result.figures.rule_penalties.get(rule, 0))
    return found[0], found[1]


def months_ago(months: int) -> date:
    """The date `months` whole months before the postings take effect."""
    year, month = divmod(START.year * 12 + START.month - 1 - months, 12)
    return START.replace(year=year, month=month + 1)


def soft(rule: str, weight: int, **changes: Any) -> RuleSetting:
    return setting(rule, hard=False, weight=weight, **changes)


def hard(rule: str, **changes: Any) -> RuleSetting:
    return setting(rule, hard=True, **changes)


def agrees(rule: str, data: PostingData, after: Allocation, weight: int = 3) -> tuple[int, ...]:
    """The rule made soft (x`weight`), every other rule off but the two that cannot be: the
    checker's weight x amount, and the pinned model's penalty minimised and maximised. All
    three equal when the model's penalty is exact."""
    chosen = data.rule(rule).model_copy(update={"hard": False, "weight": weight, "enabled": True})
    soft_data = data.model_copy(update={"rules": only(**{rule: chosen})})
    amount = sum(amount for _, amount in judge(rule, soft_data, after))
    return (weight * amount, *pinned_penalty(rule, soft_data, after))


def assert_agrees(rule: str, data: PostingData, moves: dict[str, str], expected: list) -> None:
    """The checker finds `expected` ((officer, amount) pairs) once `moves` are made, and the
    model pinned to that allocation charges exactly as much (see `agrees`)."""
    after = allocation(data, **moves)
    assert judge(rule, data, after) == expected
    weighted = 3 * sum(amount for _, amount in expected)
    assert agrees(rule, data, after) == (weighted, weighted, weighted)
