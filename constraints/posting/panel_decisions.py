"""panel_decisions: the panel's decisions on the Proposals sheet are honoured.

Always hard: an approved move is made, a rejected move is never proposed again (the
officer may still be proposed for another team). Rows without a decision bind nothing.
"""

from __future__ import annotations

from constraints.base import Violation
from constraints.posting.base import Note, PostingRule
from inputs.catalogue import RuleSpec
from inputs.posting import Allocation, PostingData, PostingOfficer
from inputs.problem import RuleSetting
from solver.posting.model import PostingModel

SPEC = RuleSpec(
    name="panel_decisions",
    summary="Moves the panel approved on the Proposals sheet are made; moves it rejected are not.",
    default=RuleSetting(hard=True, weight=1000),
    unit="decision not honoured",
    can_disable=False,
    can_soften=False,
)


def add(model: PostingModel, setting: RuleSetting) -> None:
    data = model.data
    for proposal in data.approved.values():
        var = model.vars.at(proposal.officer_id, proposal.to_team)
        if var is None:
            raise ValueError(f"{SPEC.name}: Proposals row {proposal.row} cannot be honoured")
        model.cp.add(var == 1)
    for proposal in data.rejected:
        var = model.vars.at(proposal.officer_id, proposal.to_team)
        if var is not None:
            model.cp.add(var == 0)


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    violations = []
    for proposal in data.approved.values():
        team = allocation.team_of(proposal.officer_id)
        if team != proposal.to_team:
            what = f"the panel approved the move to {proposal.to_team} (Proposals row "
            what += f"{proposal.row}), but the officer is on {team}"
            violations.append(Violation(SPEC.name, 1, what, proposal.officer_id))
    for proposal in data.rejected:
        if allocation.team_of(proposal.officer_id) == proposal.to_team:
            what = f"moved to {proposal.to_team}, which the panel rejected (Proposals row "
            what += f"{proposal.row})"
            violations.append(Violation(SPEC.name, 1, what, proposal.officer_id))
    return violations


def explain(
    data: PostingData, after: Allocation, officer: PostingOfficer, setting: RuleSetting
) -> list[Note]:
    proposal = data.approved.get(officer.officer_id)
    if proposal is None or after.team_of(officer.officer_id) != proposal.to_team:
        return []
    return [Note(f"approved by the panel (Proposals row {proposal.row})")]


RULE = PostingRule(SPEC, add, check, explain)
