"""fairness_nights_weekends: nights, lates and weekend days shared evenly within each team.

For every team (of every kind) three counts are taken per officer over the
period: night tours (shifts of kind night), late tours (kind late) and weekend
days worked (a Saturday or Sunday with a tour). For each team and count, the
spread (the largest count minus the smallest) over the team's comparable
officers beyond `value` (a tolerance, default 0) costs one unit per tour:
max(0, spread - value). When hard, the spread may not exceed `value`.

Comparable officers are the team's full-time officers (contract hours at least
team_rota's value, 40 unless set) who are absent on at most a quarter of the
period's days: part-timers and officers on long leave work fewer of everything
by design. A team with fewer than two comparable officers is not judged.
Absence days simply count as days without a tour; History is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import Officer, ProblemData, RuleSetting, ShiftKind, is_weekend
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import LinearExpr, team_group

SPEC = RuleSpec(
    name="fairness_nights_weekends",
    summary="Within each team, night tours, late tours and weekend days worked are spread "
    "evenly; each tour of spread (max - min) beyond N is penalised.",
    default=RuleSetting(hard=False, weight=5, value=0),
    unit="tour of spread beyond the tolerance, per team and count",
    value_help="spread (max - min, in tours) allowed without penalty",
    value_max=56,
)
FULL_TIME_HOURS = 40.0
"""team_rota's default value: contract hours from which an officer is full-time."""


@dataclass(frozen=True)
class Count:
    """One of the three things counted per officer over the period."""

    name: str
    kind: ShiftKind | None
    """Tours of this shift kind; None = weekend days (Saturday or Sunday) with a tour."""


COUNTS = (
    Count("night tours", ShiftKind.NIGHT),
    Count("late tours", ShiftKind.LATE),
    Count("weekend days worked", None),
)


def comparable(problem: ProblemData, team_id: str) -> tuple[Officer, ...]:
    """The team's members compared: full-time, absent on at most a quarter of the period."""
    team_rota = problem.rules.get("team_rota")
    value = team_rota.value if team_rota is not None else None
    threshold = FULL_TIME_HOURS if value is None else value
    return tuple(
        o
        for o in problem.team_members(team_id)
        if o.contract_hours >= threshold
        and 4 * len(problem.absence_days.get(o.officer_id, {})) <= problem.num_days
    )


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    tolerance = _tolerance(setting)
    for team in problem.teams:
        officers = comparable(problem, team.team_id)
        if len(officers) < 2:
            continue
        for count in COUNTS:
            terms = [_terms(model, o.officer_id, count) for o in officers]
            if not any(terms):
                continue  # nobody could work any: the spread is 0
            exprs: list[LinearExpr] = [sum(t) for t in terms]
            label = f"{team.team_id} {count.name}"
            most = model.vars.new_integer(f"{SPEC.name}:{label}:max", problem.num_days)
            least = model.vars.new_integer(f"{SPEC.name}:{label}:min", problem.num_days)
            model.cp.add_max_equality(most, exprs)
            model.cp.add_min_equality(least, exprs)
            if setting.hard:
                spread = model.cp.add(most - least <= tolerance)
                model.require(spread, team_group(SPEC.name, team, count.name))
            elif tolerance < problem.num_days:
                excess = model.vars.new_penalty(
                    SPEC.name, problem.num_days - tolerance, setting.weight, label
                )
                model.cp.add_max_equality(excess, [most - least - tolerance, 0])


def _terms(model: RosterModel, officer_id: str, count: Count) -> list[cp_model.IntVar]:
    """The variables that add up to the officer's count (each 0 or 1)."""
    problem = model.problem
    if count.kind is None:
        return [
            model.vars.works[officer_id, d]
            for d in range(problem.num_days)
            if is_weekend(problem.days[d]) and model.vars.tours(officer_id, d)
        ]
    return [
        var
        for d in range(problem.num_days)
        for code, var in model.vars.tours(officer_id, d)
        if problem.shift_by_code[code].kind == count.kind
    ]


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    tolerance = _tolerance(setting)
    violations = []
    for team in problem.teams:
        officers = comparable(problem, team.team_id)
        if len(officers) < 2:
            continue
        for count in COUNTS:
            tally = {o.officer_id: _tally(problem, roster, o.officer_id, count) for o in officers}
            high = max(tally, key=lambda o: tally[o])
            low = min(tally, key=lambda o: tally[o])
            spread = tally[high] - tally[low]
            if spread > tolerance:
                violations.append(
                    Violation(
                        SPEC.name,
                        spread - tolerance,
                        f"team {team.team_id}: {count.name} range from {tally[low]} ({low}) to "
                        f"{tally[high]} ({high}) among {len(officers)} comparable officers; "
                        f"expected a spread of at most {tolerance}",
                    )
                )
    return violations


def _tally(problem: ProblemData, roster: Roster, officer_id: str, count: Count) -> int:
    """The officer's count from the roster: tours of the kind, or weekend days with a tour."""
    if count.kind is None:
        return sum(
            1
            for d in range(problem.num_days)
            if is_weekend(problem.days[d]) and roster.works(officer_id, d)
        )
    return sum(
        1
        for d in range(problem.num_days)
        for code in roster.on(officer_id, d)
        if problem.shift_by_code[code].kind == count.kind
    )


def _tolerance(setting: RuleSetting) -> int:
    return int(setting.value if setting.value is not None else 0)


RULE = Rule(SPEC, add, check)
