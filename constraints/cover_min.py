"""cover_min: at least `min` officers on duty for every Cover row (hard by default).

When made soft, each officer short on a tour (or hour) is penalised.
"""

from __future__ import annotations

from constraints.base import Rule, Violation
from constraints.cover import add_cover, check_cover
from inputs.catalogue import RuleSpec
from inputs.problem import CoverRow, ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel

SPEC = RuleSpec(
    name="cover_min",
    summary="At least the Cover sheet's min officers on duty (by team, kind or cluster, "
    "rank and skill).",
    default=RuleSetting(hard=True, weight=1000),
    unit="officer short of the minimum",
)


def _need(row: CoverRow) -> int:
    return row.min


def add(model: RosterModel, setting: RuleSetting) -> None:
    add_cover(model, setting, SPEC.name, _need)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    return check_cover(problem, roster, setting, SPEC.name, _need)


RULE = Rule(SPEC, add, check)
