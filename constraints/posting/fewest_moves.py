"""fewest_moves: every move costs, so the panel is offered only the moves that pay.

Soft by default: each officer whose team changes costs the weight. Hard: nobody moves
(useful only to see what the rules say about the teams as they stand).
"""

from __future__ import annotations

from constraints.base import Violation
from constraints.posting.base import PostingRule
from inputs.catalogue import RuleSpec
from inputs.posting import Allocation, PostingData
from inputs.problem import RuleSetting
from solver.posting.model import PostingModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="fewest_moves",
    summary="Each officer moved to another team costs.",
    default=RuleSetting(hard=False, weight=10),
    unit="officer moved",
)


def add(model: PostingModel, setting: RuleSetting) -> None:
    for officer in model.data.officers:
        moves = model.vars.stays(officer).negated()
        group = officer_group(SPEC.name, officer)
        model.forbid_together(SPEC.name, setting, [moves], officer.officer_id, group=group)


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    return [
        Violation(SPEC.name, 1, f"moves from {source} to {target}", officer_id)
        for officer_id, source, target in allocation.moves(data.before)
    ]


RULE = PostingRule(SPEC, add, check)
