"""A borough for the posting panel: the generated borough (`demo.borough`) with the panel's
columns, and its probationers bunched on two response teams, as after a new intake.

Establishment is the borough as generated: each team's targets are its numbers of PSs,
PCs and PCSOs before the bunching, its maxima a fifth above (at least two), its
min_response_driver (response teams) its response drivers. Then every probationer
constable of the other response teams is placed on the first two, alternately, and marked
available for posting, as are the first two teams' own probationers; their tutors stay
where they were. Of everyone else, a share is available for posting (some with
preferences); every officer has a `team_since`, SN officers partly under two years.

The naive re-deal the panel would otherwise do by hand, the yardstick of the end-to-end
test and the benchmark, is `naive_redeal`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from constraints.posting.registry import catalogue
from demo.borough import build_borough
from inputs.posting import POSTED_RANKS, Allocation, PostingData, PostingOfficer, PostingTeam
from inputs.problem import Officer, ProblemData, Rank, Team, TeamKind, probationer_on
from inputs.reader import default_rules

AVAILABLE_SHARE = 0.12
"""Officers other than the response probationers available for posting this month."""
PREFERENCE_SHARE = 0.4
"""Of those, the share who listed teams they would like."""
MAX_ABOVE_TARGET = 0.2
BUNCHED_TEAMS = 2
OTHER_TEAMS = 3
"""Day-shift teams of a generated borough of 150 officers or more (GAP, PRO, CPU)."""


@dataclass(frozen=True)
class PostingBorough:
    """The same borough twice: as a roster workbook's problem (officers and teams carry the
    panel's columns, so it writes as one workbook) and as the panel's data."""

    problem: ProblemData
    data: PostingData


def posting_borough(
    officers: int = 300,
    seed: int = 0,
    teams: int | None = None,
    bunched: bool = True,
    others_available: float = AVAILABLE_SHARE,
) -> PostingBorough:
    """A borough of about `officers` officers (and `teams` teams in all, when given) whose
    response probationers are bunched on two teams (unless `bunched` is False); of the
    other officers, `others_available` are available for posting."""
    wards = None if teams is None else teams - 5 - (OTHER_TEAMS if officers >= 150 else 0)
    problem = build_borough(officers, seed, wards=wards).problem
    rng = random.Random(seed)
    posting_teams = tuple(_establishment(problem, team) for team in problem.teams)
    moved = _bunching(problem) if bunched else {}
    people = tuple(_officer(problem, o, moved, rng, others_available) for o in problem.officers)
    fields = {name: getattr(problem, name) for name in ProblemData.model_fields}
    problem = ProblemData(**{**fields, "officers": people, "teams": posting_teams})
    data = PostingData(
        settings=problem.settings,
        officers=people,
        teams=posting_teams,
        rules=default_rules(catalogue()),
    )
    return PostingBorough(problem, data)


def naive_redeal(data: PostingData) -> Allocation:
    """What a panel does by hand: deal the response probationers available for posting
    round-robin over the response teams (teams in order, probationers by officer_id);
    everyone else stays. The yardstick for the optimiser's number of moves."""
    teams = [t.team_id for t in data.response_teams]
    dealt = sorted(
        o.officer_id
        for o in data.officers
        if o.available and o.rank == Rank.PC and data.is_probationer(o) and data.is_response(o.team)
    )
    moves = {o: teams[i % len(teams)] for i, o in enumerate(dealt)}
    return Allocation({**data.before.teams, **moves})


def _establishment(problem: ProblemData, team: Team) -> PostingTeam:
    members = problem.team_members(team.team_id)
    targets = {r: n for r in POSTED_RANKS if (n := sum(o.rank == r for o in members))}
    maxima = {r: n + max(2, round(MAX_ABOVE_TARGET * n)) for r, n in targets.items()}
    drivers = sum("response_driver" in o.skills for o in members)
    minima = {"response_driver": drivers} if team.kind == TeamKind.RESPONSE and drivers else {}
    return PostingTeam(**team.model_dump(), targets=targets, maxima=maxima, skill_minima=minima)


def _bunching(problem: ProblemData) -> dict[str, str]:
    """officer_id -> the bunched team of each probationer constable of the other response
    teams, alternately the first and second response team."""
    response = [t.team_id for t in problem.teams_of_kind(TeamKind.RESPONSE)]
    crowded, others = response[:BUNCHED_TEAMS], set(response[BUNCHED_TEAMS:])
    learners = [
        o
        for o in problem.officers
        if o.team in others and o.rank == Rank.PC and problem.is_probationer(o)
    ]
    return {o.officer_id: crowded[i % len(crowded)] for i, o in enumerate(learners)}


def _officer(
    problem: ProblemData,
    officer: Officer,
    moved: dict[str, str],
    rng: random.Random,
    share: float,
) -> PostingOfficer:
    start = problem.settings.period_start
    team = problem.team_of(officer)
    learner = officer.rank == Rank.PC and probationer_on(officer, start)
    posted = rng.random() < share and officer.rank in POSTED_RANKS
    available = posted or (learner and team.kind == TeamKind.RESPONSE)
    since = _team_since(officer, start, rng)
    if officer.officer_id in moved:
        since = start - timedelta(days=rng.randint(20, 80))
    return PostingOfficer(
        **officer.model_dump(exclude={"team"}),
        team=moved.get(officer.officer_id, officer.team),
        available=available,
        preferences=_preferences(problem, officer, rng) if posted and not learner else (),
        team_since=since,
    )


def _team_since(officer: Officer, start: date, rng: random.Random) -> date:
    """Some day between joining (or six years ago) and a month ago."""
    joined = officer.service_start or start - timedelta(days=6 * 365)
    earliest = max(joined, start - timedelta(days=6 * 365))
    latest = start - timedelta(days=30)
    if earliest >= latest:
        return earliest
    return earliest + timedelta(days=rng.randint(0, (latest - earliest).days))


def _preferences(problem: ProblemData, officer: Officer, rng: random.Random) -> tuple[str, ...]:
    """One to three teams of the kinds the officer's rank serves, or none."""
    if rng.random() >= PREFERENCE_SHARE:
        return ()
    options = [
        t.team_id
        for t in problem.teams
        if t.team_id != officer.team
        and not (officer.rank == Rank.PCSO and t.kind == TeamKind.RESPONSE)
    ]
    return tuple(rng.sample(options, min(len(options), rng.randint(1, 3))))
