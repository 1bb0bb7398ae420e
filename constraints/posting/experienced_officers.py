"""experienced_officers: each response team has at least `value` officers with five years'
service or more.

Counted are constables and sergeants (the officers a probationer patrols with) with 5+
years' service on period_start; an unknown service_start does not count. Soft by
default: each officer short costs the weight.
"""

from __future__ import annotations

from constraints.base import Violation
from constraints.posting.base import Note, PostingRule, count, minimum_notes
from inputs.catalogue import RuleSpec
from inputs.posting import Allocation, PostingData, PostingOfficer
from inputs.problem import Rank, RuleSetting
from solver.posting.model import PostingModel
from solver.posting.variables import Which
from solver.variables import team_group

SPEC = RuleSpec(
    name="experienced_officers",
    summary="Each response team has at least this many constables and sergeants with 5+ "
    "years' service.",
    default=RuleSetting(hard=False, weight=300, value=5),
    unit="experienced officer short on a team",
    value_help="a number of officers",
    value_max=1000,
)
LABEL = "experienced officer"


def experienced(data: PostingData) -> Which:
    return lambda o: o.rank in (Rank.PS, Rank.PC) and data.is_experienced(o)


def add(model: PostingModel, setting: RuleSetting) -> None:
    for team in model.data.response_teams:
        expr, _ = model.vars.count(team.team_id, experienced(model.data))
        group = team_group(SPEC.name, team)
        model.at_least(SPEC.name, setting, expr, _fewest(setting), team.team_id, group=group)


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    fewest, violations = _fewest(setting), []
    for team in data.response_teams:
        number = count(data, allocation, team.team_id, experienced(data))
        if number < fewest:
            what = f"{team.team_id} has {number} {LABEL}s (5+ years); expected at least {fewest}"
            violations.append(Violation(SPEC.name, fewest - number, what))
    return violations


def explain(
    data: PostingData, after: Allocation, officer: PostingOfficer, setting: RuleSetting
) -> list[Note]:
    fewest = _fewest(setting)
    return [
        note
        for team in data.response_teams
        for note in minimum_notes(
            data, after, officer, team.team_id, experienced(data), LABEL, fewest
        )
    ]


def _fewest(setting: RuleSetting) -> int:
    return round(setting.value if setting.value is not None else 5)


RULE = PostingRule(SPEC, add, check, explain)
