"""Why the posting panel's hard rules cannot all hold, told in the workbook's terms.

Two counts come first, from the data alone: a team whose officers who must stay (not
available for posting, or approved to join it) already exceed a maximum, and a rank with
more officers than the maxima of every team they may go to add up to. Conflicts the
solver proves (`solver.posting.diagnose`) are told group by group: a team's maximum or
minimum, an officer's pairing or preference.
"""

from __future__ import annotations

from collections.abc import Iterator

from constraints.findings import CAPACITY, SOLVER, Finding, Reason, SheetRow, plural, rule_row
from constraints.posting import establishment_max, tutor_together
from constraints.posting.registry import RULES
from inputs.posting import PostingData, PostingOfficer, PostingTeam
from inputs.problem import Rank
from solver.diagnose import Diagnosis
from solver.variables import Group

MAXIMUM = establishment_max.SPEC.name
POSTING_RULES = "PostingRules"


def check_posting_capacity(data: PostingData) -> list[Reason]:
    """Every impossibility the counts show, each a reason with its rows."""
    setting = data.rule(MAXIMUM)
    if not (setting.enabled and setting.hard):
        return []
    findings = [*_staying_over(data), *_rank_over(data)]
    return [Reason((f,), CAPACITY) for f in findings]


def _staying_over(data: PostingData) -> Iterator[Finding]:
    fixed = {o.officer_id: o.team for o in data.officers}
    approvals = data.approved
    fixed.update({o: p.to_team for o, p in approvals.items()})
    for team in data.teams:
        for rank, most in team.maxima.items():
            staying = [
                o
                for o in data.officers
                if fixed[o.officer_id] == team.team_id
                and o.rank == rank
                and (not o.available or o.officer_id in data.approved)
            ]
            if len(staying) <= most:
                continue
            approved = [
                data.approved[o.officer_id] for o in staying if o.officer_id in data.approved
            ]
            text = (
                f"{team.team_id} (Teams row {team.row}) may hold at most {most} {rank} "
                f"(max_{rank}), but {plural(len(staying), 'officer')} of that rank must be on "
                f"it: {len(staying) - len(approved)} not available for posting, "
                f"{len(approved)} approved to join it"
            )
            rows = (("Teams", team.row), *(("Proposals", p.row) for p in approved))
            yield Finding((MAXIMUM,), text, (*rows, *_rule_row(data, MAXIMUM)))


def _rank_over(data: PostingData) -> Iterator[Finding]:
    """A rank with more officers than the maxima of the teams they may end on allow."""
    for rank in Rank:
        officers = [o for o in data.officers if o.rank == rank]
        if not officers:
            continue
        reachable = {t for o in officers for t in data.candidate_teams(o)}
        teams = [data.team_by_id[t] for t in reachable]
        if any(rank not in t.maxima for t in teams):
            continue
        room = sum(t.maxima[rank] for t in teams)
        if len(officers) <= room:
            continue
        text = (
            f"the borough has {len(officers)} {rank}, but the max_{rank} of the teams they may "
            f"go to add up to {room}"
        )
        rows = tuple(("Teams", t.row) for t in sorted(teams, key=lambda t: t.row))
        yield Finding((MAXIMUM,), text, (*rows, *_rule_row(data, MAXIMUM)))


def explain_posting(data: PostingData, diagnosis: Diagnosis) -> list[Reason]:
    """One reason per conflict found, one finding per group of it."""
    return [
        Reason(tuple(_describe(data, g) for g in conflict.groups), SOLVER, conflict.minimal)
        for conflict in diagnosis.conflicts
    ]


def _describe(data: PostingData, group: Group) -> Finding:
    rows: tuple[SheetRow, ...] = ((group.sheet, group.row),) if group.sheet and group.row else ()
    if group.sheet == "Teams":
        team = data.team_by_id[group.subject or ""]
        text = _team_text(data, team, group)
    elif group.sheet == "Officers":
        officer = data.officer_by_id[group.subject or ""]
        text, more = _officer_text(data, officer, group)
        rows += more
    else:
        spec = next(r.spec for r in RULES if r.name == group.rule)
        text = f"{group.rule}: {spec.summary}"
    return Finding((group.rule,), text, (*rows, *_rule_row(data, group.rule)))


def _rule_row(data: PostingData, rule: str) -> tuple[SheetRow, ...]:
    return rule_row(data.rules, rule, POSTING_RULES)


def _team_text(data: PostingData, team: PostingTeam, group: Group) -> str:
    members = [o for o in data.officers if o.team == team.team_id]
    if group.rule == MAXIMUM and group.detail:
        rank = Rank(group.detail)
        fixed = sum(o.rank == rank and not o.available for o in members)
        return (
            f"{team.team_id} may hold at most {team.maxima[rank]} {rank} (max_{rank}); "
            f"{fixed} of its {rank} are not available for posting"
        )
    spec = next(r.spec for r in RULES if r.name == group.rule)
    about = f" ({group.detail})" if group.detail else ""
    return (
        f"{group.rule}{about}: {team.team_id} ({plural(len(members), 'officer')}): {spec.summary}"
    )


def _officer_text(
    data: PostingData, officer: PostingOfficer, group: Group
) -> tuple[str, tuple[SheetRow, ...]]:
    who = f"{officer.rank} {officer.officer_id} of {officer.team}"
    if group.rule == tutor_together.SPEC.name:
        tutor = data.officer_by_id[officer.tutor_id or ""]
        text = (
            f"tutor_together: probationer {who} moves only with tutor {tutor.officer_id} (of "
            f"{tutor.team}), or to a team with another tutor"
        )
        return text, (("Officers", tutor.row),)
    spec = next(r.spec for r in RULES if r.name == group.rule)
    return f"{group.rule}: {who}: {spec.summary}", ()
