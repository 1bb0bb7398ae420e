"""service_balance: response teams have about the same mean length of service.

Counted are constables and sergeants with a service_start, by whole months of service on
period_start. The reference is the mean of those on response teams before the panel
(rounded to a month). A team's imbalance is how far its members' service adds up from
what the reference mean would give a team of its size: |sum over members of (months -
reference)|, in whole officer-years (months / 12, rounded down). A team of 40 whose mean
is a year short of the reference is 40 officer-years out. Soft by default, per
officer-year times the weight; hard, every team within one officer-year.
"""

from __future__ import annotations

from constraints.base import Violation
from constraints.posting.base import Note, PostingRule, count_amounts, effect, ends, judged
from inputs.catalogue import RuleSpec
from inputs.posting import MONTHS_PER_YEAR, Allocation, PostingData, PostingOfficer
from inputs.problem import Rank, RuleSetting
from solver.posting.model import PostingModel
from solver.variables import team_group

SPEC = RuleSpec(
    name="service_balance",
    summary="Response teams' mean length of service (constables and sergeants) stays near "
    "the borough's.",
    default=RuleSetting(hard=False, weight=1),
    unit="officer-year of service a team is away from the response mean",
)


def counted(data: PostingData, officer: PostingOfficer) -> bool:
    return officer.rank in (Rank.PS, Rank.PC) and officer.service_start is not None


def reference(data: PostingData) -> int | None:
    """Mean months of service of the counted officers of response teams before the panel."""
    months = [
        data.service_months(data.officer_by_id[o]) or 0
        for team in data.response_teams
        for o in data.before.members(team.team_id)
        if counted(data, data.officer_by_id[o])
    ]
    return round(sum(months) / len(months)) if months else None


def _offset(data: PostingData, officer: PostingOfficer, mean: int) -> int:
    return (data.service_months(officer) or 0) - mean


def add(model: PostingModel, setting: RuleSetting) -> None:
    data, mean = model.data, reference(model.data)
    if mean is None:
        return
    for team in data.response_teams:
        terms = [
            (_offset(data, officer, mean), var)
            for officer, var in model.vars.by_team[team.team_id]
            if counted(data, officer)
        ]
        upper = sum(abs(offset) for offset, _ in terms)
        if not upper:
            continue
        gap = model.vars.new_integer(f"{SPEC.name}:{team.team_id}", upper)
        model.cp.add_abs_equality(gap, sum(offset * var for offset, var in terms))
        years = model.vars.new_penalty(
            SPEC.name, upper // MONTHS_PER_YEAR, setting.weight, team.team_id
        )
        model.cp.add_division_equality(years, gap, MONTHS_PER_YEAR)
        if setting.hard:
            model.require(model.cp.add(years == 0), team_group(SPEC.name, team))


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    mean, violations = reference(data), []
    if mean is None:
        return []
    for team in data.response_teams:
        years = _years_out(data, allocation, team.team_id, mean)
        if years:
            what = (
                f"{team.team_id} mean service {_mean(data, allocation, team.team_id)} against "
                f"the response mean {mean / MONTHS_PER_YEAR:.1f} years: {years} officer-years out"
            )
            violations.append(Violation(SPEC.name, years, what))
    return violations


def explain(
    data: PostingData, after: Allocation, officer: PostingOfficer, setting: RuleSetting
) -> list[Note]:
    mean = reference(data)
    if mean is None or not counted(data, officer):
        return []
    notes = []
    for team_id in ends(data, after, officer):
        if not data.is_response(team_id):
            continue
        was, now = _total(data, data.before, team_id, mean), _total(data, after, team_id, mean)
        step = effect(officer, team_id) * _offset(data, officer, mean)
        text = f"{team_id} mean service {_mean(data, data.before, team_id)}"
        text += f" -> {_mean(data, after, team_id)}"
        notes += judged(text, count_amounts(was, now, step, _years))
    return notes


def _years_out(data: PostingData, allocation: Allocation, team_id: str, mean: int) -> int:
    return _years(_total(data, allocation, team_id, mean))


def _years(total: int) -> int:
    """Whole officer-years a team's total offset of months is out."""
    return abs(total) // MONTHS_PER_YEAR


def _total(data: PostingData, allocation: Allocation, team_id: str, mean: int) -> int:
    """Officer-months the team's counted members are above the reference in all."""
    members = [data.officer_by_id[o] for o in allocation.members(team_id)]
    return sum(_offset(data, o, mean) for o in members if counted(data, o))


def _mean(data: PostingData, allocation: Allocation, team_id: str) -> str:
    months = [
        data.service_months(data.officer_by_id[o]) or 0
        for o in allocation.members(team_id)
        if counted(data, data.officer_by_id[o])
    ]
    return f"{sum(months) / len(months) / MONTHS_PER_YEAR:.1f} years" if months else "-"


RULE = PostingRule(SPEC, add, check, explain)
