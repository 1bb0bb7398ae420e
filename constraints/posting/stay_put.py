"""stay_put: officers not available for posting stay on their team.

Always hard: `Officers.available_for_posting` is the borough's word on whom the panel
may move (blank means no). The model has no variable for such an officer on another
team (`PostingData.candidate_teams`), so a large borough's model holds only the officers
the panel may move; `add` states the rule all the same.
"""

from __future__ import annotations

from constraints.base import Violation
from constraints.posting.base import PostingRule
from inputs.catalogue import RuleSpec
from inputs.posting import Allocation, PostingData
from inputs.problem import RuleSetting
from solver.posting.model import PostingModel

SPEC = RuleSpec(
    name="stay_put",
    summary="Officers not available for posting (Officers.available_for_posting) stay on "
    "their team.",
    default=RuleSetting(hard=True, weight=1000),
    unit="officer moved who is not available for posting",
    can_disable=False,
    can_soften=False,
)


def add(model: PostingModel, setting: RuleSetting) -> None:
    for officer in model.data.officers:
        if not officer.available:
            model.cp.add(model.vars.stays(officer) == 1)


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer in data.officers:
        team = allocation.team_of(officer.officer_id)
        if not officer.available and team != officer.team:
            violations.append(
                Violation(
                    SPEC.name,
                    1,
                    f"moved from {officer.team} to {team}, but not available for posting",
                    officer.officer_id,
                )
            )
    return violations


RULE = PostingRule(SPEC, add, check)
