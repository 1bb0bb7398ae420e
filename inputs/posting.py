"""Validated posting-panel data: who may move, where they would like to go, what each team
should hold, and what the panel has decided so far.

Built once by `inputs.posting_reader` (or tests) and read by the posting model, its
checkers and the proposals workbook, never the workbook itself. The roster's `Officer` and
`Team` are extended, not copied, so the two jobs read one Officers and one Teams sheet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

from pydantic import Field

from inputs.problem import (
    CachedModel,
    Officer,
    Rank,
    Row,
    RuleSetting,
    Settings,
    Team,
    TeamKind,
    experienced_on,
    probationer_on,
)

POSTED_RANKS = (Rank.PS, Rank.PC, Rank.PCSO)
"""Ranks with an establishment (target_<rank>, max_<rank> columns of the Teams sheet)."""
TARGET_PREFIX, MAX_PREFIX, SKILL_MINIMUM_PREFIX = "target_", "max_", "min_"
MONTHS_PER_YEAR = 12


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"

    @property
    def past(self) -> str:
        return f"{self.value}d" if self.value.endswith("e") else f"{self.value}ed"


class PostingOfficer(Officer):
    """An officer with what the panel needs: may they move, where to, since when in post."""

    available: bool = False
    preferences: tuple[str, ...] = ()
    """Team ids, most wanted first."""
    team_since: date | None = None


class PostingTeam(Team):
    """A team with its establishment: per-rank targets (soft) and maxima (hard), skill minima."""

    targets: dict[Rank, int] = Field(default_factory=dict)
    maxima: dict[Rank, int] = Field(default_factory=dict)
    skill_minima: dict[str, int] = Field(default_factory=dict)


class ProposalRow(Row):
    """A row of a previous Proposals sheet: a proposed move and the panel's decision, if any."""

    officer_id: str
    from_team: str
    to_team: str
    decision: Decision | None = None
    change: str | None = None
    """What the earlier run said had changed (e.g. 'withdrawn'), as written."""


@dataclass(frozen=True)
class Allocation:
    """Officers to teams: officer_id -> team_id. The solver and tests produce it, the checkers
    judge it, the proposals workbook compares it with the allocation before the panel."""

    teams: Mapping[str, str]

    def team_of(self, officer_id: str) -> str:
        return self.teams[officer_id]

    def members(self, team_id: str) -> tuple[str, ...]:
        return self._members.get(team_id, ())

    @cached_property
    def _members(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for officer_id, team_id in self.teams.items():
            found.setdefault(team_id, []).append(officer_id)
        return {team_id: tuple(sorted(ids)) for team_id, ids in found.items()}

    def moves(self, before: Allocation) -> list[tuple[str, str, str]]:
        """(officer_id, from, to) of every officer whose team differs from `before`."""
        return sorted(
            (o, before.team_of(o), team)
            for o, team in self.teams.items()
            if team != before.team_of(o)
        )


class PostingData(CachedModel):
    """The whole validated panel input. Built only by `inputs.posting_reader` (or tests)."""

    settings: Settings
    officers: tuple[PostingOfficer, ...]
    teams: tuple[PostingTeam, ...]
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    proposals: tuple[ProposalRow, ...] = ()

    @property
    def start(self) -> date:
        """The day the postings take effect: the period start of next month's roster."""
        return self.settings.period_start

    @cached_property
    def officer_by_id(self) -> dict[str, PostingOfficer]:
        return {o.officer_id: o for o in self.officers}

    @cached_property
    def team_by_id(self) -> dict[str, PostingTeam]:
        return {t.team_id: t for t in self.teams}

    @cached_property
    def response_teams(self) -> tuple[PostingTeam, ...]:
        return tuple(t for t in self.teams if t.kind == TeamKind.RESPONSE)

    def is_response(self, team_id: str) -> bool:
        return self.team_by_id[team_id].kind == TeamKind.RESPONSE

    @cached_property
    def before(self) -> Allocation:
        """Everyone on the team the Officers sheet gives."""
        return Allocation({o.officer_id: o.team for o in self.officers})

    def rule(self, name: str) -> RuleSetting:
        return self.rules[name]

    # ---- where an officer may go --------------------------------------------------------
    def candidate_teams(self, officer: PostingOfficer) -> tuple[str, ...]:
        """The teams the officer may end on, their own first: only their own when they are
        not available for posting (rule stay_put, whose checker judges any allocation);
        else every team their rank serves on (PCSOs are not posted to response teams).
        The panel's decisions are a rule, not this."""
        if not officer.available:
            return (officer.team,)
        others = (
            t.team_id
            for t in self.teams
            if t.team_id != officer.team
            and not (officer.rank == Rank.PCSO and t.kind == TeamKind.RESPONSE)
        )
        return (officer.team, *others)

    @cached_property
    def approved(self) -> dict[str, ProposalRow]:
        """officer_id -> the move the panel approved (at most one per officer)."""
        return {p.officer_id: p for p in self.proposals if p.decision == Decision.APPROVE}

    @cached_property
    def rejected(self) -> tuple[ProposalRow, ...]:
        return tuple(p for p in self.proposals if p.decision == Decision.REJECT)

    # ---- service ------------------------------------------------------------------------
    def is_probationer(self, officer: Officer) -> bool:
        return probationer_on(officer, self.start)

    def is_experienced(self, officer: Officer) -> bool:
        return experienced_on(officer, self.start)

    def service_months(self, officer: Officer) -> int | None:
        """Whole months of service on the day postings take effect; None when unknown."""
        start = officer.service_start
        return None if start is None else whole_months(start, self.start)

    def months_in_post(self, officer: PostingOfficer) -> int | None:
        """Whole months on the current team (from `team_since`); None when unknown."""
        since = officer.team_since
        return None if since is None else whole_months(since, self.start)


def whole_months(start: date, end: date) -> int:
    """Completed calendar months from `start` to `end` (0 when end is before start)."""
    months = (end.year - start.year) * MONTHS_PER_YEAR + end.month - start.month
    return max(0, months - (end.day < start.day))
