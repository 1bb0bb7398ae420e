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


def effect(officer: PostingOfficer, team_id: str) -> int:
    """What a moved officer does to a team's numbers: -1 leaving it, +1 joining it."""
    return -1 if team_id == officer.team else 1


def judged(text: str, amounts: Amounts) -> list[Note]:
    """A note on a move from one rule's violation amount on a team (see `Amounts`): a
    reason when the move is needed for what the proposal achieves there, or helps on its
    own where the team did improve; a cost when the proposal is worse there for it."""
    was, now, alone, without = amounts
    if now < without or (alone < was and now < was):
        return [Note(text)]
    if now > without:
        return [Note(text, serves=False)]
    return []


Amounts = tuple[float, float, float, float]
"""A rule's violation amount on a team: before the panel, with the proposal, with only
this officer's move made, and with the proposal but this officer left where they were."""


def above(most: int) -> Callable[[int], float]:
    """A count's amount against a maximum: how many above it."""
    return lambda number: max(0, number - most)


def below(fewest: int) -> Callable[[int], float]:
    """A count's amount against a minimum: how many short of it."""
    return lambda number: max(0, fewest - number)


def off(target: int) -> Callable[[int], float]:
    """A count's amount against a target: how far from it."""
    return lambda number: abs(number - target)


def count_amounts(was: int, now: int, step: int, amount: Callable[[int], float]) -> Amounts:
    """`Amounts` of a rule that judges a count (of a rank, of a skill) by `amount`, for an
    officer whose move changes the count by `step`."""
    return amount(was), amount(now), amount(was + step), amount(now - step)


def figures(team_id: str, label: str, was: int, now: int, bound: str) -> str:
    """E.g. 'R1 PCs 20 -> 15 (max 18)', or 'R1 PCs kept at 15 (target 15)'."""
    if was == now:
        return f"{team_id} {label} kept at {now} ({bound})"
    return f"{team_id} {label} {was} -> {now} ({bound})"


def minimum_notes(
    data: PostingData,
    after: Allocation,
    officer: PostingOfficer,
    team_id: str,
    which: Which,
    label: str,
    minimum: int,
) -> list[Note]:
    """Notes for an officer counted by `which` who joins (or leaves) a team with a minimum,
    e.g. 'R1 gains a response driver (1 -> 2, min 2)'."""
    if team_id not in ends(data, after, officer) or not which(officer):
        return []
    was, now = before_after(data, after, team_id, which)
    step = effect(officer, team_id)
    article = "an" if label[0] in "aeiou" else "a"
    if was == now:
        text = f"{team_id} {label}s kept at {now} (min {minimum})"
    else:
        verb = "gains" if step > 0 else "loses"
        text = f"{team_id} {verb} {article} {label} ({was} -> {now}, min {minimum})"
    return judged(text, count_amounts(was, now, step, below(minimum)))
