"""The generated borough: realistic in shape, the same for the same seed, feasible by construction.

Feasibility is shown without the solver: the generator's reference roster is
judged by the independent checkers and must break no hard rule. One small
borough is also solved end to end.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from constraints.report import check_roster
from demo.borough import Borough, build_borough, generate_borough, republish
from inputs.problem import TEAM_KIND_VALUES, AbsenceType, ProblemData, Rank, TeamKind
from solver.solve import SolverParams
from tests.solving import solve_and_check


@pytest.fixture(scope="module")
def borough() -> Borough:
    return build_borough(600, seed=0)


@pytest.fixture(scope="module")
def problem(borough: Borough) -> ProblemData:
    return borough.problem


def _probationer(problem: ProblemData, service_start: date | None) -> bool:
    start = problem.settings.period_start
    return service_start is not None and service_start > start.replace(year=start.year - 2)


def test_same_seed_gives_the_same_borough():
    assert generate_borough(150, seed=3).model_dump() == generate_borough(150, seed=3).model_dump()


def test_different_seeds_give_different_boroughs():
    first, second = generate_borough(150, seed=1), generate_borough(150, seed=2)
    assert first.officers != second.officers
    assert first.absences != second.absences


def test_size_follows_the_number_of_officers():
    for size in (40, 120, 600, 1500):
        assert abs(len(generate_borough(size, seed=0).officers) - size) <= max(5, size // 50)


def test_period_settings(problem):
    settings = problem.settings
    assert settings.period_start == date(2027, 1, 4)
    assert settings.period_start.weekday() == 0
    assert settings.period_days == 28
    assert settings.borough
    assert settings.notice_date is not None and settings.notice_date < settings.period_start


def test_period_start_must_be_a_monday_and_the_period_two_weeks_or_more():
    with pytest.raises(ValueError, match="Monday"):
        generate_borough(60, period_start=date(2027, 1, 5))
    with pytest.raises(ValueError, match="period_days"):
        generate_borough(60, period_days=7)
    assert generate_borough(60, period_start=date(2027, 3, 1)).days[0] == date(2027, 3, 1)


def test_five_response_teams_with_a_realistic_mix(problem):
    response = problem.teams_of_kind(TeamKind.RESPONSE)
    assert len(response) == 5
    for team in response:
        members = problem.team_members(team.team_id)
        ranks = Counter(o.rank for o in members)
        assert ranks[Rank.INSP] == 1
        assert 5 <= ranks[Rank.PS] <= 6
        assert 1 <= ranks[Rank.SC] <= 5
        constables = [o for o in members if o.rank == Rank.PC]
        drivers = sum("response_driver" in o.skills for o in constables)
        assert 0.3 <= drivers / len(constables) <= 0.5
        assert any("taser" in o.skills for o in members)
        assert any("tutor" in o.skills for o in members)
        assert any(o.tutor_id for o in members)
        start = problem.settings.period_start
        experienced = [
            o for o in members if o.service_start and (start - o.service_start).days >= 5 * 365.25
        ]
        assert len(experienced) >= len(members) // 3
    response_officers = sum(len(problem.team_members(t.team_id)) for t in response)
    assert 0.45 <= response_officers / len(problem.officers) <= 0.6


def test_response_probationer_share_is_about_a_quarter(problem):
    constables = [
        o
        for o in problem.officers
        if o.rank == Rank.PC and problem.team_of(o).kind == TeamKind.RESPONSE
    ]
    probationers = [o for o in constables if _probationer(problem, o.service_start)]
    assert 0.20 <= len(probationers) / len(constables) <= 0.30


def test_sn_wards_and_clusters(problem):
    wards = problem.teams_of_kind(TeamKind.SN)
    assert 18 <= len(wards) <= 24
    clusters = Counter(t.cluster for t in wards)
    assert None not in clusters
    assert 4 <= len(clusters) <= 6
    assert min(clusters.values()) >= 2
    assert len({t.ward for t in wards}) == len(wards)
    for team in wards:
        ranks = Counter(o.rank for o in problem.team_members(team.team_id))
        assert ranks[Rank.PS] == 1
        assert 2 <= ranks[Rank.PC] <= 3
        assert 3 <= ranks[Rank.PCSO] <= 5
        assert all(o.ward == team.ward for o in problem.team_members(team.team_id))


def test_small_borough_still_has_clusters_of_wards():
    small = generate_borough(40, seed=5)
    wards = small.teams_of_kind(TeamKind.SN)
    clusters = Counter(t.cluster for t in wards)
    assert len(clusters) >= 2 and min(clusters.values()) >= 2
    assert len(small.teams_of_kind(TeamKind.RESPONSE)) == 5


def test_shifts_by_team_kind(problem):
    by_for = Counter(s.for_.value for s in problem.shifts)
    assert by_for == {"response": 3, "sn": 3, "other": 1}
    for shift in problem.shifts:
        assert 8 <= shift.hours <= 10


def test_part_timers_and_specials(problem):
    regular = [
        o
        for o in problem.officers
        if problem.team_of(o).kind != TeamKind.OTHER and o.rank not in (Rank.SC, Rank.INSP)
    ]
    part_time = [o for o in regular if o.contract_hours < 40]
    assert 0.05 <= len(part_time) / len(regular) <= 0.11
    assert all(16 <= o.contract_hours <= 32 for o in part_time)
    specials = [o for o in problem.officers if o.rank == Rank.SC]
    assert specials and all(4 <= o.contract_hours <= 16 for o in specials)
    others = [o for o in problem.officers if o.rank not in (Rank.SC,) and o not in part_time]
    assert all(o.contract_hours == 40 for o in others)


def test_every_reference_points_at_something_that_exists(problem):
    teams = problem.team_by_id
    clusters = {t.cluster for t in problem.teams if t.cluster}
    skills = {s for o in problem.officers for s in o.skills}
    assert len(problem.officer_by_id) == len(problem.officers)
    assert len(teams) == len(problem.teams)
    for officer in problem.officers:
        assert officer.team in teams
        if officer.tutor_id is not None:
            tutor = problem.officer_by_id[officer.tutor_id]
            assert tutor.team == officer.team
            assert "tutor" in tutor.skills
            assert _probationer(problem, officer.service_start)
    tutors = Counter(o.tutor_id for o in problem.officers if o.tutor_id)
    assert max(tutors.values()) == 1
    for row in problem.cover:
        assert (row.team is None) != (row.cluster is None)
        if row.team is not None:
            assert row.team in teams or row.team in TEAM_KIND_VALUES
        else:
            assert row.cluster in clusters
        if row.shift is not None:
            assert row.shift in problem.shift_by_code
            assert row.from_hour is None and row.to_hour is None
        else:
            assert row.from_hour is not None and row.to_hour is not None
        assert row.min > 0 or (row.target or 0) > 0
        assert row.target is None or row.target >= row.min
        assert row.skill is None or row.skill in skills
        assert problem.cover_officers(row), f"Cover row {row.row} counts nobody"
    for absence in problem.absences:
        assert absence.officer_id in problem.officer_by_id
        assert problem.day_index(absence.start) is not None
        assert problem.day_index(absence.end) is not None
    for request in problem.requests:
        officer = problem.officer_by_id[request.officer_id]
        assert problem.day_index(request.date) is not None
        if request.shift != "OFF":
            assert problem.shift_by_code[request.shift].works_for(problem.team_of(officer).kind)
        assert 1 <= request.weight <= 3


def test_cover_rows_ask_for_what_the_protocol_asks(problem):
    rows = problem.cover
    response = [r for r in rows if r.team == "response"]
    for code in ("E", "L", "N"):
        tour = [r for r in response if r.shift == code and r.day == "all"]
        assert any(not r.ranks and not r.skill and r.min > 0 and r.target for r in tour)
        assert any(r.ranks == {Rank.PS} and r.min == 1 for r in tour)
        assert any(r.skill == "response_driver" and r.min == 2 for r in tour)
    everyone = {r.shift: r for r in response if r.day == "all" and not r.ranks and not r.skill}
    weekend_nights = [r for r in response if r.shift == "N" and r.day in ("Fri", "Sat")]
    assert weekend_nights and all(r.target > everyone["N"].target for r in weekend_nights)
    clusters = {t.cluster for t in problem.teams_of_kind(TeamKind.SN)}
    window = {r.cluster for r in rows if r.cluster and (r.from_hour, r.to_hour) == (7, 23)}
    assert window == clusters
    evenings = {r.cluster for r in rows if r.cluster and r.from_hour == 18 and r.target}
    assert evenings == clusters
    assert any(r.cluster and r.day == "weekend" and r.target for r in rows)
    others = {t.team_id for t in problem.teams_of_kind(TeamKind.OTHER)}
    assert others and others == {r.team for r in rows if r.day == "weekday" and r.shift == "D"}


def test_absences_and_requests_are_realistic(problem):
    kinds = Counter(a.type for a in problem.absences)
    assert set(kinds) >= {
        AbsenceType.ANNUAL_LEAVE,
        AbsenceType.TRAINING,
        AbsenceType.COURT,
        AbsenceType.SICK,
    }
    on_leave = {a.officer_id for a in problem.absences if a.type == AbsenceType.ANNUAL_LEAVE}
    assert 0.13 <= len(on_leave) / len(problem.officers) <= 0.22
    for absence in problem.absences:
        length = (absence.end - absence.start).days + 1
        if absence.type == AbsenceType.ANNUAL_LEAVE:
            assert 3 <= length <= 10
    for ward in problem.teams_of_kind(TeamKind.SN):
        members = problem.team_members(ward.team_id)
        for day in range(problem.num_days):
            here = [o for o in members if problem.absence_on(o.officer_id, day) is None]
            assert here, f"the whole of {ward.ward} is away on day {day}"
    asking = {r.officer_id for r in problem.requests}
    assert 0.2 <= len(asking) / len(problem.officers) <= 0.4
    assert {r.shift == "OFF" for r in problem.requests} == {True, False}
    assert {r.want for r in problem.requests} == {True, False}


def test_history_holds_the_last_fourteen_days_for_everyone(problem):
    start = problem.settings.period_start
    days = {start - timedelta(days=k) for k in range(1, 15)}
    assert {h.officer_id for h in problem.history} == set(problem.officer_by_id)
    codes = {*problem.shift_by_code, "RD"}
    for row in problem.history:
        assert set(row.codes) == days
        assert set(row.codes.values()) <= codes


def test_rules_are_the_catalogue_defaults(problem):
    from constraints.registry import catalogue
    from inputs.reader import default_rules

    assert problem.rules == default_rules(catalogue())


@pytest.mark.parametrize(
    ("officers", "days", "seed"),
    [
        (40, 14, 0),
        (60, 28, 1),
        (120, 14, 2),
        (200, 35, 5),
        (300, 28, 3),
        (600, 28, 0),
        (1500, 28, 4),
    ],
)
def test_reference_roster_keeps_every_hard_rule(officers, days, seed):
    borough = build_borough(officers, seed=seed, period_days=days)
    report = check_roster(borough.problem, borough.reference)
    broken = {o.rule.name: o.violations[0].what for o in report.outcomes if o.broken}
    assert report.hard_violations == 0, broken
    assert report.outcome("team_rota").amount == 0


def test_reference_roster_of_the_600_borough(borough):
    report = check_roster(borough.problem, borough.reference)
    assert report.hard_violations == 0
    assert report.outcome("cover_min").amount == 0
    assert report.outcome("contract_hours").amount == 0


SMALL_PARAMS = SolverParams(time_limit=10.0, workers=2, seed=0)


def test_small_borough_solves_and_passes_the_checkers():
    """Speed is measured by `roster bench`, not here: this holds the roster to the checkers."""
    small = generate_borough(48, seed=0, period_days=14)
    assert 40 <= len(small.officers) <= 60
    checked = solve_and_check(small, SMALL_PARAMS)
    assert checked.result.status.has_roster


def test_republished_month_has_the_reference_roster_and_new_sickness(borough):
    again = republish(borough)
    problem = borough.problem
    assert len(again.published) == len(problem.officers)
    assert again.settings.notice_date == problem.days[0] - timedelta(days=5)
    new = again.absences[len(problem.absences) :]
    assert len(new) == 6 and all(a.type == AbsenceType.SICK for a in new)
    assert len({a.officer_id for a in new}) == 6
    first = problem.officers[0].officer_id
    assert again.published_tours(first, 3) == borough.reference.on(first, 3) or (
        problem.absence_on(first, 3) is not None
    )
