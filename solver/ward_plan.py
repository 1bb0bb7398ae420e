"""A quick plan of each SN ward team's start variant, week by week.

The counterpart for Safer Neighbourhoods of `solver.team_plan`: choosing which
start variant (SE, SM, SL...) each ward of a cluster works each week is a
small problem, and fixing it lets the search's first stage treat every ward as
a unit, as it does response teams. The plan covers every hour of each
cluster's SN window with a margin (officers present on wards whose variant
covers the hour, at least twice the minimum, since each works about five days
in seven), honours Teams.start_variant pins, and leans towards the evening
share sn_evening_weekend asks for. It is a starting point, not a rule.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from constraints import sn_cluster_cover, sn_evening_weekend
from inputs.problem import ProblemData, TeamKind

MARGIN = 2
"""Officers able to cover an hour, per officer the window needs on duty then."""

WardPlan = dict[str, tuple[str, ...]]
"""team_id -> the ward's start variant (a shift code) for each week of the period."""


def plan_ward_variants(problem: ProblemData, time_limit: float, workers: int) -> WardPlan | None:
    """A variant per ward per week, or None when there is nothing to plan or no plan fits."""
    variants = problem.sn_shifts()
    wards = problem.teams_of_kind(TeamKind.SN)
    if not variants or not wards or not problem.rule("sn_offset_starts").enabled:
        return None
    model = cp_model.CpModel()
    weeks = range(len(problem.weeks))
    choice = {
        (w.team_id, k, v.code): model.new_bool_var(f"V[{w.team_id},{k},{v.code}]")
        for w in wards
        for k in weeks
        for v in variants
    }
    for ward in wards:
        for k in weeks:
            model.add_exactly_one(choice[ward.team_id, k, v.code] for v in variants)
            if ward.start_variant is not None:
                model.add(choice[ward.team_id, k, ward.start_variant] == 1)
    cover = problem.rule("sn_cluster_cover")
    windows = sn_cluster_cover.windows(problem, cover) if cover.enabled else []
    goal = problem.rule("sn_evening_weekend")
    costs: list[cp_model.LinearExprT] = []
    for window in windows:
        cluster_wards = problem.cluster_teams(window.cluster or "")
        for k, days in enumerate(problem.weeks):
            staff = {w.team_id: _present(problem, w.team_id, days) for w in cluster_wards}
            for hour in window.hours:
                able = [
                    staff[w.team_id] * choice[w.team_id, k, v.code]
                    for w in cluster_wards
                    for v in variants
                    if v.covers_hour(hour) and staff[w.team_id]
                ]
                model.add(sum(able) >= MARGIN * window.min)
            if goal.enabled:
                share = sn_evening_weekend.targets(problem, window.cluster or "", goal)["evening"]
                evening = sum(
                    staff[w.team_id]
                    * sn_evening_weekend.evening_minutes(v)
                    * choice[w.team_id, k, v.code]
                    for w in cluster_wards
                    for v in variants
                )
                duty = sum(
                    staff[w.team_id] * v.duration_minutes * choice[w.team_id, k, v.code]
                    for w in cluster_wards
                    for v in variants
                )
                short = model.new_int_var(0, 10**9, f"short[{window.cluster},{k}]")
                model.add(short >= round(100 * share) * duty - 100 * evening)
                costs.append(short)
    model.minimize(sum(costs))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.catch_sigint_signal = False
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {
        w.team_id: tuple(
            next(v.code for v in variants if solver.value(choice[w.team_id, k, v.code]))
            for k in weeks
        )
        for w in wards
    }


def _present(problem: ProblemData, team_id: str, days: tuple[int, ...]) -> int:
    """Members present on every day of the week (absent ones cannot be relied on)."""
    return sum(
        1
        for officer in problem.team_members(team_id)
        if all(problem.absence_on(officer.officer_id, d) is None for d in days)
    )
