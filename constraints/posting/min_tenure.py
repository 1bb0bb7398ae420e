"""min_tenure: Safer Neighbourhoods ward officers stay at least `value` months in post.

Ward officers are the members of SN teams; months in post are whole months from
`Officers.team_since` to period_start (a blank team_since is not judged). Soft by default:
each move of a ward officer under the minimum costs the weight, so the panel moves them
only for a good reason; hard, it never does.
"""

from __future__ import annotations

from collections.abc import Iterator

from constraints.base import Violation
from constraints.posting.base import Note, PostingRule
from inputs.catalogue import RuleSpec
from inputs.posting import Allocation, PostingData, PostingOfficer
from inputs.problem import RuleSetting, TeamKind
from solver.posting.model import PostingModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="min_tenure",
    summary="Moving a Safer Neighbourhoods ward officer with fewer months in post "
    "(team_since) than this costs.",
    default=RuleSetting(hard=False, weight=30, value=24),
    unit="move of a ward officer under the minimum tenure",
    value_help="months in post",
    value_max=600,
)


def _new_in_post(data: PostingData, setting: RuleSetting) -> Iterator[tuple[PostingOfficer, int]]:
    """(ward officer, months in post) of those under the minimum."""
    least = _months(setting)
    for officer in data.officers:
        months = data.months_in_post(officer)
        ward = data.team_by_id[officer.team].kind == TeamKind.SN
        if ward and months is not None and months < least:
            yield officer, months


def add(model: PostingModel, setting: RuleSetting) -> None:
    for officer, _ in _new_in_post(model.data, setting):
        moves = model.vars.stays(officer).negated()
        group = officer_group(SPEC.name, officer)
        model.forbid_together(SPEC.name, setting, [moves], officer.officer_id, group=group)


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer, months in _new_in_post(data, setting):
        team = allocation.team_of(officer.officer_id)
        if team != officer.team:
            what = f"moved from {officer.team} to {team} after {_in_post(months, setting)}"
            violations.append(Violation(SPEC.name, 1, what, officer.officer_id))
    return violations


def explain(
    data: PostingData, after: Allocation, officer: PostingOfficer, setting: RuleSetting
) -> list[Note]:
    found = {o.officer_id: months for o, months in _new_in_post(data, setting)}
    months = found.get(officer.officer_id)
    if months is None:
        return []
    return [Note(f"{_in_post(months, setting)} on {officer.team}", serves=False)]


def _in_post(months: int, setting: RuleSetting) -> str:
    return f"{months} months in post (minimum {_months(setting)})"


def _months(setting: RuleSetting) -> int:
    return round(setting.value if setting.value is not None else 24)


RULE = PostingRule(SPEC, add, check, explain)
