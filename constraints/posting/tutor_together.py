"""tutor_together: a probationer in tutorship moves with their tutor, or to a team that has
another tutor.

A pair is a probationer with a `tutor_id` and that tutor. The rule judges a pair only
when the panel moves one of them: the allocation before the panel is the borough's, not
the panel's doing. It is then broken when the probationer ends on a team without their
tutor and without any other tutor (an officer with the skill `tutor` who has no
`tutor_id` of their own). Hard by default; soft, each such probationer costs the weight.
"""

from __future__ import annotations

from collections.abc import Iterator

from ortools.sat.python import cp_model

from constraints.base import Violation
from constraints.posting.base import Note, PostingRule
from inputs.catalogue import RuleSpec
from inputs.posting import Allocation, PostingData, PostingOfficer
from inputs.problem import RuleSetting
from solver.posting.model import PostingModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="tutor_together",
    summary="A probationer moves with their tutor (tutor_id), or to a team with another tutor.",
    default=RuleSetting(hard=True, weight=500),
    unit="probationer parted from their tutor, with no other tutor on the team",
)
TUTOR_SKILL = "tutor"


def is_tutor(officer: PostingOfficer) -> bool:
    return TUTOR_SKILL in officer.skills and officer.tutor_id is None


def pairs(data: PostingData) -> Iterator[tuple[PostingOfficer, PostingOfficer]]:
    """(probationer, tutor) for every tutor_id naming an officer of the data."""
    for officer in data.officers:
        tutor = data.officer_by_id.get(officer.tutor_id or "")
        if tutor is not None:
            yield officer, tutor


def add(model: PostingModel, setting: RuleSetting) -> None:
    together = list(pairs(model.data))
    tutored = _tutored(model) if together else {}
    for learner, tutor in together:
        tutor_moves = model.vars.stays(tutor).negated()
        for team_id in model.data.candidate_teams(learner):
            with_tutor = model.vars.at(tutor.officer_id, team_id)
            here = model.vars.assign[learner.officer_id, team_id]
            parted = [here, tutored[team_id].negated()]
            if with_tutor is not None:
                parted.append(with_tutor.negated())
            if team_id == learner.team:
                parted.append(tutor_moves)
            label = f"{learner.officer_id} on {team_id}"
            group = officer_group(SPEC.name, learner)
            model.forbid_together(SPEC.name, setting, parted, label, group=group)


def _tutored(model: PostingModel) -> dict[str, cp_model.IntVar]:
    """team_id -> an indicator that is true exactly when a tutor is on the team."""
    found = {}
    for team in model.data.teams:
        tutors = [var for officer, var in model.vars.by_team[team.team_id] if is_tutor(officer)]
        indicator = model.vars.new_indicator(f"{SPEC.name}:tutor on {team.team_id}")
        if tutors:
            model.cp.add_max_equality(indicator, tutors)
        else:
            model.cp.add(indicator == 0)
        found[team.team_id] = indicator
    return found


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    violations = []
    for learner, tutor in pairs(data):
        team, tutor_team = (
            allocation.team_of(learner.officer_id),
            allocation.team_of(tutor.officer_id),
        )
        moved = team != learner.team or tutor_team != tutor.team
        if not moved or team == tutor_team or _has_tutor(data, allocation, team):
            continue
        what = (
            f"on {team}, parted from tutor {tutor.officer_id} (on {tutor_team}), and "
            f"{team} has no other tutor"
        )
        violations.append(Violation(SPEC.name, 1, what, learner.officer_id))
    return violations


def _has_tutor(data: PostingData, allocation: Allocation, team_id: str) -> bool:
    return any(is_tutor(data.officer_by_id[o]) for o in allocation.members(team_id))


def explain(
    data: PostingData, after: Allocation, officer: PostingOfficer, setting: RuleSetting
) -> list[Note]:
    team = after.team_of(officer.officer_id)
    notes = []
    for learner, tutor in pairs(data):
        if after.team_of(learner.officer_id) != after.team_of(tutor.officer_id):
            continue
        if learner is officer:
            verb = "moves with" if after.team_of(tutor.officer_id) != tutor.team else "joins"
            notes.append(Note(f"{verb} tutor {tutor.officer_id} on {team}"))
        elif tutor is officer:
            notes.append(Note(f"with probationer {learner.officer_id} on {team}"))
    return notes


RULE = PostingRule(SPEC, add, check, explain)
