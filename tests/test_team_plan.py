"""The team plan: each response team's tours, with the team treated as one full-time officer."""

from __future__ import annotations

from constraints.report import check_roster
from inputs.problem import CoverRow, ProblemData, RuleSetting
from inputs.roster import Roster
from solver.team_plan import plan_team_tours
from tests.builders import make_problem, officer, only


def _two_teams(days: int = 14) -> ProblemData:
    # Two response teams of three; every day needs one team on E and one on N.
    return make_problem(
        [officer(f"{t}P{i}", t) for t in ("R1", "R2") for i in range(3)],
        days=days,
        cover=[
            CoverRow(row=2, team="response", day="all", shift="E", min=3),
            CoverRow(row=3, team="response", day="all", shift="N", target=3),
        ],
        rules=only(
            "cover_min",
            "cover_target",
            "min_rest_hours",
            "max_consecutive_days",
            "rest_days_per_week",
        ),
    )


def test_the_plan_keeps_the_team_rules_for_members_who_follow_it() -> None:
    problem = _two_teams()
    plan = plan_team_tours(problem, time_limit=10, workers=2)
    assert plan is not None
    # Every member following their team's plan gives a roster whose hard rules all hold.
    roster = Roster.from_codes({o.officer_id: list(plan.tours[o.team]) for o in problem.officers})
    report = check_roster(problem, roster)
    assert report.hard_violations == 0
    # Every day one team is on E (3 officers, the minimum).
    for day in range(problem.num_days):
        assert sorted(tours[day] or "-" for tours in plan.tours.values()).count("E") >= 1


def _team_of_five(history: dict[str, dict[int, str]] | None = None) -> ProblemData:
    # One team of five for a week, at most 3 days in a row; a target of one officer on E daily.
    return make_problem(
        [officer(f"R1P{i}") for i in range(5)],
        cover=[CoverRow(row=2, team="response", day="all", shift="E", target=1)],
        rules=only(
            "cover_target",
            "min_consecutive_rest_days",
            max_consecutive_days=RuleSetting(hard=True, value=3),
        ),
        history=history,
    )


def _plan_scored(problem: ProblemData) -> int:
    """The checkers' objective of the roster where every member works the team's plan."""
    plan = plan_team_tours(problem, time_limit=10, workers=2)
    assert plan is not None
    roster = Roster.from_codes({o.officer_id: list(plan.tours["R1"]) for o in problem.officers})
    return check_roster(problem, roster).objective


def test_the_plan_weighs_a_tenth_of_an_officer_short_as_a_tenth_of_the_weight() -> None:
    # WWW.WWW: day 3 short (20) + a single rest day for five (10 * 5 = 50) = 70.
    # WWW..WW: days 3 and 4 short, 2 * 20 = 40, the least; costing a tenth short as an
    # officer (200 a day short against 50) picked the single rest day.
    assert _plan_scored(_team_of_five()) == 40


def test_the_plan_costs_a_rest_day_on_day_0_after_historys_tours() -> None:
    # The team worked the three days before the period, so day 0 is rest.
    # .WWW..W: days 0, 4, 5 short (3 * 20 = 60) + day 0 a single rest day after History's
    # tours for five (10 * 5 = 50) = 110; a plan blind to History saw 60 and chose it.
    # ..WWW..: days 0, 1, 5, 6 short, 4 * 20 = 80, the least (days 5-6 touch the end).
    history = {f"R1P{i}": {1: "E", 2: "E", 3: "E"} for i in range(5)}
    assert _plan_scored(_team_of_five(history)) == 80


def test_no_response_teams_means_no_plan() -> None:
    problem = make_problem([officer("W1PC", "W1")], rules=only())
    problem = problem.model_copy(
        update={"teams": tuple(t.model_copy(update={"kind": "sn"}) for t in problem.teams)}
    )
    assert plan_team_tours(problem, time_limit=5, workers=1) is None
