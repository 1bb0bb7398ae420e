"""preferences: officers available for posting go where they asked, in their order.

An officer's `preferences` rank teams, most wanted first. Ending on the first choice
costs nothing, on the second 1, the third 2...; on any team not listed (their own
included, when they did not list it) as many as they listed. So a first choice is
worth a move when nothing else objects. Officers without preferences, or not available
for posting, are not judged. Soft by default (per place down the list, times the
weight); hard: every judged officer gets their first choice.
"""

from __future__ import annotations

from constraints.base import Violation
from constraints.posting.base import Note, PostingRule
from inputs.catalogue import RuleSpec
from inputs.posting import Allocation, PostingData, PostingOfficer
from inputs.problem import RuleSetting
from solver.posting.model import PostingModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="preferences",
    summary="Officers available for posting go to the teams they asked for (Officers."
    "preferences), in their order.",
    default=RuleSetting(hard=False, weight=15),
    unit="place down an officer's list of preferences",
)
ORDINALS = ("1st", "2nd", "3rd")


def cost(officer: PostingOfficer, team_id: str) -> int:
    """Places down the officer's list: 0 for the first choice, the list's length if unlisted."""
    chosen = officer.preferences
    return chosen.index(team_id) if team_id in chosen else len(chosen)


def _judged(data: PostingData) -> list[PostingOfficer]:
    return [o for o in data.officers if _is_judged(o)]


def _is_judged(officer: PostingOfficer) -> bool:
    return officer.available and bool(officer.preferences)


def add(model: PostingModel, setting: RuleSetting) -> None:
    for officer in _judged(model.data):
        o = officer.officer_id
        options = [(t, model.vars.at(o, t)) for t in model.data.candidate_teams(officer)]
        places = sum(cost(officer, t) * var for t, var in options if var is not None)
        if setting.hard:
            model.require(model.cp.add(places == 0), officer_group(SPEC.name, officer))
        else:
            model.vars.add_penalty(SPEC.name, places, setting.weight, o)


def check(data: PostingData, allocation: Allocation, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer in _judged(data):
        team = allocation.team_of(officer.officer_id)
        places = cost(officer, team)
        if places:
            what = f"on {team}: {_choice(officer, team)} of {', '.join(officer.preferences)}"
            violations.append(Violation(SPEC.name, places, what, officer.officer_id))
    return violations


def explain(
    data: PostingData, after: Allocation, officer: PostingOfficer, setting: RuleSetting
) -> list[Note]:
    if not _is_judged(officer):
        return []
    team = after.team_of(officer.officer_id)
    if team in officer.preferences:
        return [Note(f"the officer's {_choice(officer, team)}")]
    return [Note(f"not among the officer's choices ({', '.join(officer.preferences)})", False)]


def _choice(officer: PostingOfficer, team_id: str) -> str:
    if team_id not in officer.preferences:
        return "not a choice"
    place = officer.preferences.index(team_id)
    return f"{ORDINALS[place] if place < len(ORDINALS) else f'{place + 1}th'} choice"


RULE = PostingRule(SPEC, add, check, explain)
