"""stability: a re-roster keeps the Published roster wherever it can.

Judged against the optional Published sheet (the roster already published for the
period). Each officer-day with something published whose tours in the new roster
differ from the published ones costs 1. Tours are compared as lists of shift codes,
order aside: RD and an absence code publish no tour, so a published RD is kept by any
day without a tour, and a published E only by E alone.

Not judged, so the rule has no effect without a Published sheet:
- days with nothing published (a blank cell, an officer without a row, no sheet);
- days on which the officer is absent in the new input (leave, sickness, training...):
  the absence, not the roster, forces any change, whether it appeared after
  publication or was already published.

A published day the officer can no longer work as published (a shift not meant for
their team's kind, or two tours on one day, which one_tour_per_day forbids) counts as
changed whatever the roster does. History plays no part.

Model: one_tour_per_day holds (always hard), so the tours equal a published single
tour c exactly when x[o,d,c] = 1, and equal a published day without a tour exactly
when works[o,d] = 0. The penalty is 1 - x[o,d,c] or works[o,d]: an expression of the
existing variables, exact by construction. Hard: every judged day is kept.
"""

from __future__ import annotations

from collections.abc import Iterator

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import TOUR_SEPARATOR, ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import Group, LinearExpr

SPEC = RuleSpec(
    name="stability",
    summary="Re-rostering (Published sheet): each officer-day whose tours differ from the "
    "published roster, absences aside.",
    default=RuleSetting(hard=False, weight=10),
    unit="officer-day changed from the published roster",
    per_officer=True,
)


def judged(problem: ProblemData) -> Iterator[tuple[str, int, tuple[str, ...]]]:
    """(officer_id, day index, published tours) of every day the rule judges."""
    for row in problem.published:
        for when in sorted(row.codes):
            day = problem.day_index(when)
            if day is None or problem.absence_on(row.officer_id, day) is not None:
                continue
            tours = problem.published_tours(row.officer_id, day)
            if tours is not None:
                yield row.officer_id, day, tours


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    for officer_id, day, published in judged(problem):
        changed = _changed(model, officer_id, day, published)
        if setting.hard:
            group = published_group(problem, SPEC.name, officer_id)
            model.require(model.cp.add(changed == 0), group)
        else:
            label = f"{officer_id} {problem.day_text(day)}"
            model.vars.add_penalty(SPEC.name, changed, setting.weight, label)


def published_group(problem: ProblemData, rule: str, officer_id: str) -> Group:
    """The group of a rule's constraints on one officer's row of the Published sheet."""
    row = problem.published_by_officer[officer_id].row
    return Group(rule, "Published", row, None, officer_id)


def _changed(
    model: RosterModel, officer_id: str, day: int, published: tuple[str, ...]
) -> LinearExpr:
    """1 when the officer's tours of the day differ from the published ones, else 0."""
    if not published:
        return model.vars.works[officer_id, day]
    if len(published) > 1:
        return 1  # two tours a day cannot be kept: one_tour_per_day is always hard
    kept = model.vars.tour(officer_id, day, published[0])
    return 1 if kept is None else 1 - kept


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer_id, day, published in judged(problem):
        tours = roster.on(officer_id, day)
        if sorted(tours) == sorted(published):
            continue
        violations.append(
            Violation(
                SPEC.name,
                1,
                f"published {problem.published_code(officer_id, day)} on "
                f"{problem.day_text(day)}, now {TOUR_SEPARATOR.join(tours) or 'no tour'}",
                officer_id,
                problem.days[day],
            )
        )
    return violations


RULE = Rule(SPEC, add, check)
