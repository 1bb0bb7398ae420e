"""What a posting rule is, and the helpers its three parts share.

A posting rule has the roster rule's two parts, `add` (CP-SAT) and `check` (an
independent checker of an allocation), and a third, `explain`: what the rule says
about one officer's move, in words, computed from the data by comparing the
allocation before the panel with the proposed one. The Proposals sheet's reasons
and costs come from there, never from the solver.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from constraints.base import Rule
from inputs.posting import Allocation, PostingData, PostingOfficer
from inputs.problem import RuleSetting
from solver.posting.model import PostingModel
from solver.posting.variables import Which


@dataclass(frozen=True)
class Note:
    """What a rule says about a move: a reason for it (`serves`) or a cost of it."""

    text: str
    serves: bool = True


ExplainFn = Callable[[PostingData, Allocation, PostingOfficer, RuleSetting], list[Note]]


def _nothing(
    data: PostingData, after: Allocation, officer: PostingOfficer, setting: RuleSetting
) -> list[Note]:
    return []


@dataclass(frozen=True)
class PostingRule(Rule[PostingModel, PostingData, Allocation]):
    explain: ExplainFn = _nothing
    """Notes on one moved officer's move (called only for officers who move)."""


def count(data: PostingData, allocation: Allocation, team_id: str, which: Which) -> int:
    """How many officers `which` accepts are on the team in the allocation."""
    return sum(1 for o in allocation.members(team_id) if which(data.officer_by_id[o]))


def before_after(
    data: PostingData, after: Allocation, team_id: str, which: Which
) -> tuple[int, int]:
    return count(data, data.before, team_id, which), count(data, after, team_id, which)


def ends(data: PostingData, after: Allocation, officer: PostingOfficer) -> tuple[str, str]:
    """(from, to) of a moved officer."""
    return officer.team, after.team_of(officer.officer_id)


def minimum_note(
    data: PostingData,
    after: Allocation,
    officer: PostingOfficer,
    team_id: str,
    which: Which,
    label: str,
    minimum: int,
) -> Note | None:
    """A reason when the move brings a team it touches nearer a minimum of officers `which`
    counts, e.g. 'R1 gains a response driver (1 -> 2, min 2)'."""
    if team_id not in ends(data, after, officer) or not which(officer):
        return None
    was, now = before_after(data, after, team_id, which)
    if max(0, minimum - now) >= max(0, minimum - was):
        return None
    verb = "gains" if now > was else "loses"
    article = "an" if label[0] in "aeiou" else "a"
    return Note(f"{team_id} {verb} {article} {label} ({was} -> {now}, min {minimum})")
