"""flex_tours: a flexed tour is one the officer is rostered on; flex moves where, not when.

Each deployment must be an SN officer's rostered tour on the request row's shift,
of the row's rank, from a ward other than the receiving one, on a day the row
asks for; an officer goes to at most one request a day; and a row never gets
more officers on a day than it asks for (a plan does not over-supply).
"""

from __future__ import annotations

from collections import Counter

from constraints.base import Violation
from constraints.flex.base import FlexRule, row_text, who
from inputs.catalogue import RuleSpec
from inputs.flex import Deployment, FlexData, FlexPlan
from inputs.problem import RuleSetting
from solver.flex.model import FlexModel

SPEC = RuleSpec(
    name="flex_tours",
    summary="A flexed tour is the officer's own rostered tour, on the request's shift, rank "
    "and dates, from another ward; one request a day per officer; no more officers than "
    "a request row asks for.",
    default=RuleSetting(hard=True, weight=1000),
    unit="tour flexed against the request or the roster",
    can_disable=False,
    can_soften=False,
)


def add(model: FlexModel, setting: RuleSetting) -> None:
    """The variables exist only for rostered tours that match a row (`FlexData.candidates`);
    what is left: one request a day per officer, and a row's need as a ceiling."""
    for group in model.vars.group(lambda key: (key[0], key[1])).values():
        if len(group) > 1:
            model.cp.add_at_most_one(group)
    for (row, _day), group in model.vars.group(lambda key: (key[2], key[1])).items():
        needed = model.data.row_by_number[row].officers
        if len(group) > needed:
            model.cp.add(sum(group) <= needed)


def check(data: FlexData, plan: FlexPlan, setting: RuleSetting) -> list[Violation]:
    violations = [
        Violation(SPEC.name, 1, wrong, d.officer_id, data.date_of(d.day))
        for d in plan.deployments
        if (wrong := _mismatch(data, d))
    ]
    per_day = Counter((d.officer_id, d.day) for d in plan.deployments)
    for (officer_id, day), count in sorted(per_day.items()):
        if count > 1:
            violations.append(
                Violation(
                    SPEC.name,
                    count - 1,
                    f"{who(data, officer_id)} is flexed {count} times on {data.day_text(day)}; "
                    "expected at most once a day",
                    officer_id,
                    data.date_of(day),
                )
            )
    per_row = Counter((d.request_row, d.day) for d in plan.deployments)
    for (number, day), count in sorted(per_row.items()):
        row = data.row_by_number.get(number)
        if row is not None and count > row.officers:
            violations.append(
                Violation(
                    SPEC.name,
                    count - row.officers,
                    f"{count} officers flexed to {row_text(row)} on {data.day_text(day)}; "
                    f"expected at most the {row.officers} asked for",
                    None,
                    data.date_of(day),
                )
            )
    return violations


def _mismatch(data: FlexData, deployment: Deployment) -> str | None:
    """What makes a deployment something other than a rostered tour answering its row."""
    row = data.row_by_number.get(deployment.request_row)
    officer = data.officer_by_id.get(deployment.officer_id)
    when = data.day_text(deployment.day)
    if row is None:
        return f"row {deployment.request_row} is not a FlexRequests row; expected a request row"
    if officer is None:
        return f"{deployment.officer_id} is not an SN officer; expected an SN ward officer"
    if officer.rank != row.rank:
        return (
            f"{who(data, officer.officer_id)} is flexed to {row_text(row)}; expected a {row.rank}"
        )
    if officer.ward == row.ward:
        return (
            f"{who(data, officer.officer_id)} belongs to the receiving ward; expected another ward"
        )
    if deployment.day not in data.row_days(row):
        return (
            f"{when} is outside {row_text(row)}, {row.start:%Y-%m-%d} to {row.end:%Y-%m-%d}; "
            "expected a day of the request"
        )
    if deployment.shift != row.shift:
        return f"the tour is {deployment.shift} but {row_text(row)} is for {row.shift}"
    if deployment.shift not in data.on(officer.officer_id, deployment.day):
        rostered = "+".join(data.on(officer.officer_id, deployment.day)) or "no tour"
        return (
            f"{who(data, officer.officer_id)} is rostered {rostered} on {when}, not "
            f"{deployment.shift}; expected a rostered tour (flex moves where, not when)"
        )
    return None


RULE: FlexRule = FlexRule(SPEC, add, check)
