"""Judging a proposed allocation with every posting rule's checker, and saying in words what
each move does: the reasons and costs the Proposals sheet shows.

Both come from the data and the two allocations (before the panel, proposed), never from
the solver, so a proposal edited by hand is judged and explained the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from constraints.posting.base import Note, PostingRule
from constraints.posting.registry import RULES
from constraints.report import Report, check_all
from inputs.posting import Allocation, Decision, PostingData, ProposalRow


def check_posting(data: PostingData, allocation: Allocation) -> Report:
    """Run every enabled posting rule's checker on the allocation."""
    return check_all(RULES, data.rules, data, allocation)


@dataclass(frozen=True)
class MoveNotes:
    officer_id: str
    from_team: str
    to_team: str
    reasons: tuple[str, ...]
    costs: tuple[str, ...]


def explain_moves(data: PostingData, after: Allocation) -> list[MoveNotes]:
    """Every move of `after` with what each enabled rule says about it, the rules that
    matter most first: hard ones, then by weight."""
    found = []
    for officer_id, source, target in after.moves(data.before):
        officer = data.officer_by_id[officer_id]
        notes: list[Note] = []
        for rule in _by_weight(data):
            notes.extend(rule.explain(data, after, officer, data.rule(rule.name)))
        reasons = tuple(n.text for n in notes if n.serves)
        costs = tuple(n.text for n in notes if not n.serves)
        found.append(MoveNotes(officer_id, source, target, reasons, costs))
    return found


def _by_weight(data: PostingData) -> list[PostingRule]:
    enabled = [rule for rule in RULES if data.rule(rule.name).enabled]
    return sorted(enabled, key=lambda r: (not data.rule(r.name).hard, -data.rule(r.name).weight))


# ---- the Proposals sheet's rows: moves, and what changed since the previous proposal -------

NEW, UNCHANGED, APPROVED = "new", "unchanged", "approved"
REJECTED, WITHDRAWN = "rejected: not proposed again", "withdrawn"


@dataclass(frozen=True)
class ProposalLine(MoveNotes):
    change: str
    decision: Decision | None
    proposed: bool
    """True for a move of this proposal; False for an earlier row kept for the record (a
    rejected move, or one withdrawn since the previous proposal)."""


def proposal_lines(data: PostingData, after: Allocation) -> list[ProposalLine]:
    """This proposal's moves (with reasons, costs and what changed since the previous
    Proposals sheet), then the previous rows it no longer proposes: rejected ones keep their
    decision so that it binds the next run too."""
    earlier: dict[str, list[ProposalRow]] = {}
    for row in data.proposals:
        earlier.setdefault(row.officer_id, []).append(row)
    lines = []
    for notes in explain_moves(data, after):
        rows = earlier.get(notes.officer_id, [])
        same = next((r for r in rows if r.to_team == notes.to_team), None)
        decision = same.decision if same is not None else None
        lines.append(
            ProposalLine(
                notes.officer_id, notes.from_team, notes.to_team, notes.reasons, notes.costs,
                _change(same, rows), decision, proposed=True,
            )
        )  # fmt: skip
    for row in data.proposals:
        if after.team_of(row.officer_id) == row.to_team:
            continue
        if row.decision == Decision.REJECT:
            change = REJECTED
        elif after.team_of(row.officer_id) == row.from_team and row.change != WITHDRAWN:
            change = WITHDRAWN
        else:
            continue  # moved elsewhere (said on its move's line) or withdrawn before
        line = ProposalLine(
            row.officer_id, row.from_team, row.to_team, (), (), change, row.decision, False
        )
        lines.append(line)
    return lines


def _change(same: ProposalRow | None, rows: list[ProposalRow]) -> str:
    if same is not None:
        return APPROVED if same.decision == Decision.APPROVE else UNCHANGED
    others = [r for r in rows if r.change != WITHDRAWN or r.decision is not None]
    if not others:
        return NEW
    was = ", ".join(r.to_team + (f" ({r.decision.past})" if r.decision else "") for r in others)
    return f"changed: was to {was}"
