"""probationer_share: probationers are at most a share of the constables of each response
team.

Probationers are constables (PC) with under two years' service on period_start; the
share is of all the team's PCs, probationers included (25%: at most 1 in 4). Soft by
default, with a weight far above the others: a panel that cannot meet it (too many
probationers in the borough) still gets the nearest proposal, with the breach shown.
Each probationer above the share costs the weight (a part of one counts as one).
"""

from __future__ import annotations

import math

from constraints.base import Violation
from constraints.posting.base import Note, PostingRule, count, effect, ends, judged
from inputs.catalogue import RuleSpec
from inputs.posting import Allocation, PostingData, PostingOfficer
from inputs.problem import Rank, RuleSetting
from solver.posting.model import PostingModel
from solver.posting.variables import Which
from solver.variables import team_group

SPEC = RuleSpec(
    name="probationer_share",
    summary="Probationers (under 2 years' service) at most this share of the constables of "
    "each response team.",
    default=RuleSetting(hard=False, weight=1000, value=0.25),
    unit="probationer above the share on a team",
    value_help="a share of the constables, e.g. 0.25",
    value_max=1,
)
HUNDREDTHS = 100


def constable(officer: PostingOfficer) -> bool:
    return officer.rank == Rank.PC


def learner(data: PostingData) -> Which:
    return lambda officer: officer.rank == Rank.PC and data.is_probationer(officer)


def add(model: PostingModel, setting: RuleSetting) -> None:
    share = _share(setting)
    for team in model.data.response_teams:
        learners, most = model.vars.count(team.team_id, learner(model.data))
        if not most:
            continue
        constables, _ = model.vars.count(team.team_id, constable)
        over = HUNDREDTHS * learners - share * constables
        if setting.hard:
            model.require(model.cp.add(over <= 0), team_group(SPEC.name, team))
            continue
        scaled = model.vars.new_integer(f"{SPEC.name}:{team.team_id}", HUNDREDTHS * most)
        model.cp.add_max_equality(scaled, [over, 0])
        above = model.vars.new_penalty(SPEC.name, most, setting.weight, team.team_id)
        model.cp.add_division_equality(above, scaled + HUNDREDTHS - 1, HUNDREDTHS)


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    share = _share(setting)
    violations = []
    for team in data.response_teams:
        learners, constables = _counts(data, allocation, team.team_id)
        above = _above(learners, constables, share)
        if above:
            what = (
                f"{team.team_id} has {learners} probationers among {constables} constables "
                f"({_percent(learners, constables)}); expected at most {share}%"
            )
            violations.append(Violation(SPEC.name, above, what))
    return violations


def explain(
    data: PostingData, after: Allocation, officer: PostingOfficer, setting: RuleSetting
) -> list[Note]:
    if officer.rank != Rank.PC:
        return []
    share, learns, notes = _share(setting), data.is_probationer(officer), []
    for team_id in ends(data, after, officer):
        if not data.is_response(team_id):
            continue
        was, now = _counts(data, data.before, team_id), _counts(data, after, team_id)
        step = effect(officer, team_id)

        def excess(counts: tuple[int, int], step: int = 0) -> float:
            """Probationers above the share, unrounded (a move shows before it tips one)."""
            learners, constables = counts[0] + step * learns, counts[1] + step
            return max(0, HUNDREDTHS * learners - share * constables) / HUNDREDTHS

        text = f"{team_id} probationer share {_percent(*was)} -> {_percent(*now)}"
        notes += judged(text, (excess(was), excess(now), excess(was, step), excess(now, -step)))
    return notes


def share_text(data: PostingData, allocation: Allocation, team_id: str) -> str:
    """E.g. '31% (5 of 16)'."""
    learners, constables = _counts(data, allocation, team_id)
    return f"{_percent(learners, constables)} ({learners} of {constables})"


def _counts(data: PostingData, allocation: Allocation, team_id: str) -> tuple[int, int]:
    """(probationer constables, constables) on the team."""
    return count(data, allocation, team_id, learner(data)), count(
        data, allocation, team_id, constable
    )


def _above(learners: int, constables: int, share: int) -> int:
    """Probationers above the share, a part of one counting as one."""
    return math.ceil(max(0, HUNDREDTHS * learners - share * constables) / HUNDREDTHS)


def _percent(learners: int, constables: int) -> str:
    return f"{learners / constables:.0%}" if constables else "no constables"


def _share(setting: RuleSetting) -> int:
    """The share in hundredths, so the model stays in whole numbers."""
    return round(HUNDREDTHS * (setting.value if setting.value is not None else 0.25))


RULE = PostingRule(SPEC, add, check, explain)
