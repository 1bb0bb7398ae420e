"""team_rota: each response team works one tour (or rests) each day as a unit.

The team's tour of the day is chosen by the solver and written to the TeamRota
sheet. An officer deviates on a day they are not absent when they work a tour
other than the team's (a different tour, or any tour on the team's rest day),
or, if full-time (contract hours at least `value`, default 40), when they rest
while the team works. Part-time officers rest on some team days by design.
When the roster states no team tours (a hand-made roster), each team's tour of
the day is taken to be the one with the fewest deviations.
"""

from __future__ import annotations

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import Officer, ProblemData, RuleSetting, TeamKind
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import team_group

SPEC = RuleSpec(
    name="team_rota",
    summary="Response teams work one tour (or rest) per day as a unit; each officer's "
    "deviation is penalised.",
    default=RuleSetting(hard=False, weight=50, value=40),
    unit="officer-day off the team's tour",
    value_help="weekly contract hours from which an officer is full-time",
    value_max=80,
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem, cp = model.problem, model.cp
    for team in problem.teams_of_kind(TeamKind.RESPONSE):
        t, group = team.team_id, team_group(SPEC.name, team)
        for day in range(problem.num_days):
            team_tours = model.vars.team_tours(t, day)
            cp.add_at_most_one(team_tours.values())
            team_works = sum(team_tours.values())
            for officer in problem.team_members(t):
                o = officer.officer_id
                if problem.absence_on(o, day) is not None:
                    continue
                full_time = _full_time(officer, setting)
                tours = model.vars.tours(o, day)
                works = model.vars.works[o, day]
                if setting.hard:
                    for code, var in tours:
                        model.require(cp.add(var <= team_tours[code]), group)
                    if full_time:
                        model.require(cp.add(team_works <= works), group)
                    continue
                dev = model.vars.new_penalty(SPEC.name, 1, setting.weight, f"{o} {day}")
                for code, var in tours:
                    cp.add(dev >= var - team_tours[code])
                    cp.add(dev <= 2 - var - team_tours[code])
                if full_time:
                    cp.add(dev >= team_works - works)
                    cp.add(dev <= works + team_works)
                else:
                    cp.add(dev <= works)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for team in problem.teams_of_kind(TeamKind.RESPONSE):
        members = problem.team_members(team.team_id)
        stated = roster.team_tours.get(team.team_id)
        for day in range(problem.num_days):
            present = [o for o in members if problem.absence_on(o.officer_id, day) is None]
            tour = stated[day] if stated else _best_tour(problem, roster, present, day, setting)
            for officer in present:
                tours = roster.on(officer.officer_id, day)
                if _deviates(tours, tour, _full_time(officer, setting)):
                    team_text = f"team {team.team_id} works {tour}" if tour else "the team rests"
                    mine = "+".join(tours) or "rests"
                    violations.append(
                        Violation(
                            SPEC.name,
                            1,
                            f"{mine} on {problem.day_text(day)} while {team_text}",
                            officer.officer_id,
                            problem.days[day],
                        )
                    )
    return violations


def _deviates(tours: tuple[str, ...], team_tour: str | None, full_time: bool) -> bool:
    if team_tour is None:
        return bool(tours)
    return any(t != team_tour for t in tours) or (not tours and full_time)


def _best_tour(
    problem: ProblemData,
    roster: Roster,
    present: list[Officer],
    day: int,
    setting: RuleSetting,
) -> str | None:
    """The team tour with the fewest deviations, for rosters that do not state one."""
    options: list[str | None] = [s.code for s in problem.shifts if s.works_for(TeamKind.RESPONSE)]
    options.append(None)

    def deviations(tour: str | None) -> int:
        return sum(
            _deviates(roster.on(o.officer_id, day), tour, _full_time(o, setting)) for o in present
        )

    return min(options, key=deviations)


def _full_time(officer: Officer, setting: RuleSetting) -> bool:
    return officer.contract_hours >= (setting.value if setting.value is not None else 40)


RULE = Rule(SPEC, add, check)
