"""A quick plan of which tour each response team works each day.

The search's first stage asks CP-SAT to roster every officer while teams
work as units; on large boroughs (1,200 officers) that alone can take a
minute before any roster appears. Choosing the teams' tours first is a tiny
problem (teams x days x tours): this module solves it in a few seconds with
the team as one officer - the same rest rules, the hours of a full-time
member - and cover counted from each team's members present that day. The
plan is a heuristic starting point, not a rule: the search fixes it in stage 1
only while that stays feasible, and stage 2 may change any of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from constraints import days
from constraints.contract_hours import band
from constraints.cover import Slot, slots
from inputs.problem import (
    HISTORY_MAX_DAYS,
    MINUTES_PER_DAY,
    OFF_REQUEST,
    CoverRow,
    Officer,
    ProblemData,
    RuleSetting,
    Shift,
    Team,
    TeamKind,
)
from solver.solve import MAX_LP_SUBSOLVERS

SCALE = 10
"""Cover is counted in tenths of an officer, so part-timers count by their share, and the
plan's costs are in tenths of the roster's objective: a tenth of an officer short costs the
cover rule's weight, and rest and requests are multiplied by SCALE. Costing each tenth as
the roster costs a whole officer made an officer short of a cover target cost ten times its
weight: a 1,200-officer borough's plan gave teams of 127-128 single rest days (10 a member)
to cover targets the full stage fills officer by officer anyway (measured in
bench/RESULTS.md)."""
MIN_WEIGHT = 10_000
"""A cover minimum the plan cannot meet costs this much per officer short."""


@dataclass(frozen=True)
class TeamPlan:
    """team_id -> per day the tour code the team works, or None for its rest day."""

    tours: dict[str, tuple[str | None, ...]]


def plan_team_tours(problem: ProblemData, time_limit: float, workers: int) -> TeamPlan | None:
    """A team-tour plan, or None when the plan model finds nothing in time."""
    teams = problem.teams_of_kind(TeamKind.RESPONSE)
    shifts = [s for s in problem.shifts if s.works_for(TeamKind.RESPONSE)]
    if not teams or not shifts:
        return None
    model = cp_model.CpModel()
    tour = {
        (t.team_id, d, s.code): model.new_bool_var(f"T[{t.team_id},{d},{s.code}]")
        for t in teams
        for d in range(problem.num_days)
        for s in shifts
    }
    costs: list[cp_model.LinearExprT] = []
    for team in teams:
        _team_rules(model, problem, team, shifts, tour)
        _members_rules(model, problem, team, shifts, tour)
        costs.extend(_short_rests(model, problem, team, tour))
        costs.extend(_requests(problem, team, shifts, tour))
    cover = _cover(model, problem, teams, tour)
    model.minimize(SCALE * cp_model.LinearExpr.sum(costs) + cp_model.LinearExpr.sum(cover))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.catch_sigint_signal = False
    if workers >= len(MAX_LP_SUBSOLVERS):
        # a 1,200-officer borough's plan ends 10 s at 4,115-9,635, not 11,225-16,485
        solver.parameters.subsolvers.extend(MAX_LP_SUBSOLVERS)
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return TeamPlan(
        {
            t.team_id: tuple(
                next((s.code for s in shifts if solver.value(tour[t.team_id, d, s.code])), None)
                for d in range(problem.num_days)
            )
            for t in teams
        }
    )


Tours = dict[tuple[str, int, str], cp_model.IntVar]


def _works(tour: Tours, team: str, day: int) -> list[cp_model.IntVar]:
    return [var for (t, d, _), var in tour.items() if t == team and d == day]


def _team_rules(
    model: cp_model.CpModel,
    problem: ProblemData,
    team: Team,
    shifts: list[Shift],
    tour: Tours,
) -> None:
    """The team as one full-time officer: one tour a day, rest, runs, rest days, hours."""
    t, n = team.team_id, problem.num_days
    works = [sum(_works(tour, t, d)) for d in range(n)]
    for d in range(n):
        model.add_at_most_one(_works(tour, t, d))
    rest = problem.rule("min_rest_hours")
    if _binds(rest):
        limit = round((rest.value or 11) * 60)
        for d in range(n - 1):
            for s in shifts:
                for s2 in shifts:
                    gap = MINUTES_PER_DAY + s2.start_minute - s.end_minute
                    if gap < limit:
                        model.add_bool_or(
                            [tour[t, d, s.code].negated(), tour[t, d + 1, s2.code].negated()]
                        )
    run = problem.rule("max_consecutive_days")
    if _binds(run):
        limit = int(run.value or 7)
        for first in range(n - limit):
            model.add(sum(works[first : first + limit + 1]) <= limit)
    weekly = problem.rule("rest_days_per_week")
    if _binds(weekly):
        for week in problem.weeks:
            needed = max(0, int(weekly.value or 2) - (7 - len(week)))
            model.add(sum(works[d] for d in week) <= len(week) - needed)
    hours = problem.rule("contract_hours")
    if _binds(hours):
        member = Officer(officer_id="plan", rank="PC", team=t, contract_hours=_full_time(problem))
        limits = band(problem, member, hours.value if hours.value is not None else 0.10)
        minutes = sum(s.duration_minutes * tour[t, d, s.code] for d in range(n) for s in shifts)
        model.add_linear_constraint(minutes, limits.low, limits.high)


def _members_rules(
    model: cp_model.CpModel, problem: ProblemData, team: Team, shifts: list[Shift], tour: Tours
) -> None:
    """Full-time members work every team day they are present, so their History and their
    leave bind the plan too: rest after their last tours, runs that began before the
    period, and hours with their absence credit."""
    t, n = team.team_id, problem.num_days
    works = [sum(_works(tour, t, d)) for d in range(n)]
    present = {
        o.officer_id: [problem.absence_on(o.officer_id, d) is None for d in range(n)]
        for o in problem.team_members(t)
        if _is_full_time(problem, o)
    }
    rest, run, hours = (problem.rule(r) for r in ("min_rest_hours", "max_consecutive_days",
                                                   "contract_hours"))  # fmt: skip
    for officer_id, here in present.items():
        if _binds(rest):
            limit = round((rest.value or 11) * 60)
            for offset in (1, 2):
                before = problem.history_shift(officer_id, offset)
                for day in range(min(2, n)):
                    for s in shifts:
                        gap = (day + offset) * MINUTES_PER_DAY + s.start_minute
                        if before is not None and here[day] and gap - before.end_minute < limit:
                            model.add(tour[t, day, s.code] == 0)
        if _binds(run):
            limit = int(run.value or 7)
            worked = 0
            while worked < limit and problem.history_worked(officer_id, worked + 1):
                worked += 1
            window = [works[d] for d in range(min(n, limit - worked + 1)) if here[d]]
            if worked and len(window) == limit - worked + 1:
                model.add(sum(window) <= limit - worked)
        duty = problem.rule("max_days_between_rest_days")
        if _binds(duty):
            _duty_runs(model, problem, officer_id, works, here, int(duty.value or 7))
        if _binds(hours):
            officer = problem.officer_by_id[officer_id]
            limits = band(problem, officer, hours.value if hours.value is not None else 0.10)
            minutes = sum(
                s.duration_minutes * tour[t, d, s.code] for d in range(n) if here[d] for s in shifts
            )
            model.add_linear_constraint(
                minutes, limits.low - limits.credit, limits.high - limits.credit
            )


def _duty_runs(
    model: cp_model.CpModel,
    problem: ProblemData,
    officer_id: str,
    works: Sequence[cp_model.LinearExprT],
    here: list[bool],
    limit: int,
) -> None:
    """No more than `limit` duty days in a row for a member who follows the plan: the team's
    working days they are present, their training, court and aid days, and History's."""
    first = -HISTORY_MAX_DAYS
    duty_absent = {d: days.duty_absence(problem, officer_id, d) for d in range(first, len(here))}
    if not any(duty_absent.values()):
        return  # the team's own runs (max_consecutive_days) bound the member's
    for start in range(first, len(here) - limit):
        window = range(start, start + limit + 1)
        if all(d < 0 for d in window):
            continue
        fixed = sum(
            1
            for d in window
            if duty_absent[d] or (d < 0 and problem.history_worked(officer_id, -d))
        )
        planned = [works[d] for d in window if d >= 0 and here[d]]
        if fixed + len(planned) > limit:
            model.add(sum(planned) <= limit - fixed)


def _short_rests(
    model: cp_model.CpModel, problem: ProblemData, team: Team, tour: Tours
) -> list[cp_model.LinearExprT]:
    """A block of team rest shorter than min_consecutive_rest_days costs every full-timer;
    a block at the period's start costs those whose History has it begin after a worked day,
    as the checkers judge it (a plan blind to History gave whole teams a single rest day on
    day 0: measured in bench/RESULTS.md)."""
    setting = problem.rule("min_consecutive_rest_days")
    if not setting.enabled:
        return []
    want = int(setting.value or 2)
    members = [
        o.officer_id for o in problem.team_members(team.team_id) if _is_full_time(problem, o)
    ]
    works = [sum(_works(tour, team.team_id, d)) for d in range(problem.num_days)]
    costs: list[cp_model.LinearExprT] = []
    for length in range(1, want):
        for first in range(1 - length, problem.num_days - length):
            block = range(first, first + length)
            judged = len(members) if first > 0 else sum(_opens(problem, o, first) for o in members)
            if not judged:
                continue
            pattern: list[cp_model.LinearExprT] = [works[first - 1]] if first > 0 else []
            pattern += [1 - works[d] for d in block if d >= 0]
            pattern.append(works[first + length])
            short = model.new_bool_var(f"short_rest[{team.team_id},{first},{length}]")
            model.add(short >= sum(pattern) - len(pattern) + 1)
            costs.append(setting.weight * (want - length) * judged * short)
    return costs


def _opens(problem: ProblemData, officer_id: str, first: int) -> bool:
    """Whether History lets a rest block start on day `first` (0 or before): the days before
    the period it covers are off and the day before it has a tour."""
    return problem.history_worked(officer_id, 1 - first) is True and all(
        problem.history_worked(officer_id, -d) is False for d in range(first, 0)
    )


def _requests(
    problem: ProblemData,
    team: Team,
    shifts: list[Shift],
    tour: Tours,
) -> list[cp_model.LinearExprT]:
    """Full-time members' day-off and tour requests, as the team's tour would grant them."""
    setting = problem.rule("requests")
    if not setting.enabled:
        return []
    members = {
        o.officer_id for o in problem.team_members(team.team_id) if _is_full_time(problem, o)
    }
    costs: list[cp_model.LinearExprT] = []
    for request in problem.requests:
        day = problem.day_index(request.date)
        if (
            request.officer_id not in members
            or day is None
            or request.shift not in {OFF_REQUEST, *(s.code for s in shifts)}
        ):
            continue
        on: cp_model.LinearExprT = (
            sum(_works(tour, team.team_id, day))
            if request.shift == OFF_REQUEST
            else tour[team.team_id, day, request.shift]
        )
        granted = on if request.want != (request.shift == OFF_REQUEST) else 1 - on
        costs.append(setting.weight * request.weight * (1 - granted))
    return costs


def _cover(
    model: cp_model.CpModel,
    problem: ProblemData,
    teams: tuple[Team, ...],
    tour: Tours,
) -> list[cp_model.LinearExprT]:
    """Cover rows that count response officers only, from each team's members present."""
    response = {t.team_id for t in teams}
    costs: list[cp_model.LinearExprT] = []
    needs: tuple[tuple[str, Callable[[CoverRow], int | None]], ...] = (
        ("cover_min", lambda row: row.min),
        ("cover_target", lambda row: row.target),
    )
    for rule, need in needs:
        setting = problem.rule(rule)
        if not setting.enabled:
            continue
        weight = MIN_WEIGHT if setting.hard else setting.weight
        for slot in slots(problem, need):
            officers = problem.cover_officers(slot.row)
            if not officers or any(o.team not in response for o in officers):
                continue
            count = _count(problem, slot, officers, tour)
            required = SCALE * (need(slot.row) or 0)
            short = model.new_int_var(0, required, f"short[{rule},{slot.row.row},{slot.day}]")
            model.add(short >= required - count)
            costs.append(weight * short)
    return costs


def _count(
    problem: ProblemData,
    slot: Slot,
    officers: tuple[Officer, ...],
    tour: Tours,
) -> cp_model.LinearExprT:
    """Tenths of officers on duty in the slot, if each team works the planned tour."""
    terms: list[cp_model.LinearExprT] = []
    teams = sorted({o.team for o in officers})
    for started in _start_days(slot, problem.num_days):
        for team in teams:
            share = sum(
                _share(problem, o)
                for o in officers
                if o.team == team and problem.absence_on(o.officer_id, started) is None
            )
            for code in _covering(problem, started, slot):
                if share and (team, started, code) in tour:
                    terms.append(share * tour[team, started, code])
    return sum(terms)


def _start_days(slot: Slot, num_days: int) -> range:
    if slot.hour is None:
        return range(slot.day, slot.day + 1)
    return range(max(0, slot.day - 1), min(num_days, slot.day + 2))


def _covering(problem: ProblemData, started: int, slot: Slot) -> list[str]:
    if slot.hour is None:
        return [slot.row.shift] if started == slot.day and slot.row.shift else []
    hour = slot.hour + (slot.day - started) * 24
    return [s.code for s in problem.shifts if s.covers_hour(hour)]


def _share(problem: ProblemData, officer: Officer) -> int:
    return min(SCALE, round(SCALE * officer.contract_hours / _full_time(problem)))


def _full_time(problem: ProblemData) -> float:
    setting = problem.rule("team_rota")
    return setting.value if setting.value is not None else 40.0


def _is_full_time(problem: ProblemData, officer: Officer) -> bool:
    return officer.contract_hours >= _full_time(problem)


def _binds(setting: RuleSetting) -> bool:
    """A hard rule binds the plan; so does one best effort relaxed (`RuleSetting.relaxed`):
    the plan is only where the search starts, and a plan that breaks such a rule on every
    team day leaves the full model more breaches to repair than it has time for."""
    return setting.enabled and (setting.hard or setting.relaxed)
