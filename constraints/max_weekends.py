"""max_weekends: an officer works at most N weekends of the period.

A weekend (Saturday and Sunday of a Mon-Sun week) counts as worked when the
officer works a tour starting on its Saturday or its Sunday or both. Only the
period's own days count; a weekend cut by the period's end counts by the days
it has. The limit is the officer's own (Officers.max_weekends), else the rule's
value; with neither, the officer has no limit. When soft, each weekend over
costs the weight.
"""

from __future__ import annotations

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import Officer, ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="max_weekends",
    summary="At most N weekends worked in the period (a weekend counts when a tour starts "
    "on its Saturday or Sunday); officers' own limits apply; blank value: no borough limit.",
    default=RuleSetting(hard=True, weight=50, value=None),
    unit="weekend worked beyond the limit",
    value_help="weekends",
    value_min=0,
    value_max=53,
    per_officer=True,
)
SATURDAY, SUNDAY = 5, 6


def weekends(problem: ProblemData) -> list[list[int]]:
    """The day indices of each weekend of the period, in order."""
    found: dict[int, list[int]] = {}
    for day in range(problem.num_days):
        if problem.weekday(day) in (SATURDAY, SUNDAY):
            found.setdefault(problem.week_of(day), []).append(day)
    return list(found.values())


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    for officer in problem.officers:
        limit = weekend_limit(officer, setting)
        if limit is None:
            continue
        o = officer.officer_id
        worked = []
        for week_days in weekends(problem):
            works = [model.vars.works[o, d] for d in week_days]
            if len(works) == 1:
                worked.append(works[0])
                continue
            weekend = model.vars.new_indicator(f"max_weekends:{o} {week_days[0]}")
            model.cp.add_max_equality(weekend, works)
            worked.append(weekend)
        group = officer_group(SPEC.name, officer)
        model.at_most(SPEC.name, setting, sum(worked), limit, len(worked), o, group=group)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer in problem.officers:
        limit = weekend_limit(officer, setting)
        if limit is None:
            continue
        o = officer.officer_id
        worked = [w for w in weekends(problem) if any(roster.works(o, d) for d in w)]
        if len(worked) > limit:
            dates = ", ".join(problem.day_text(w[0]) for w in worked)
            violations.append(
                Violation(
                    SPEC.name,
                    len(worked) - limit,
                    f"works {len(worked)} weekends ({dates}); expected at most {limit}",
                    o,
                )
            )
    return violations


def weekend_limit(officer: Officer, setting: RuleSetting) -> int | None:
    """The officer's own limit, else the rule's value; None: no limit."""
    if officer.max_weekends is not None:
        return officer.max_weekends
    return None if setting.value is None else int(setting.value)


RULE = Rule(SPEC, add, check)
