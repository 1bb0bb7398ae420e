"""flex_rotation: no officer is flexed on more than `value` days of one request.

The protocol asks for flex "resourced by other wards on a short-term rotational
basis", so the burden of a long request rotates between officers. Counted per
officer and request: the days on which the officer is flexed to any row of it.
Soft: each day beyond the limit costs the weight.
"""

from __future__ import annotations

from collections import defaultdict

from constraints.base import Violation
from constraints.flex.base import FlexRule, who
from inputs.catalogue import RuleSpec
from inputs.flex import FlexData, FlexPlan
from inputs.problem import RuleSetting
from solver.flex.model import FlexModel

SPEC = RuleSpec(
    name="flex_rotation",
    summary="No officer is flexed on more than value days of one request, so the burden "
    "rotates between officers.",
    default=RuleSetting(hard=True, weight=500, value=7),
    unit="day flexed beyond the rotation limit",
    value_help="days an officer may be flexed in one request",
    value_min=1,
    value_max=366,
    can_disable=False,
)


def _limit(setting: RuleSetting) -> int:
    return int(setting.value if setting.value is not None else 7)


def add(model: FlexModel, setting: RuleSetting) -> None:
    data, limit = model.data, _limit(setting)
    groups = model.vars.group(lambda key: (key[0], data.row_by_number[key[2]].request_id))
    for (officer_id, request_id), group in groups.items():
        if setting.hard:
            # days <= limit, stated against `moved` so that the linear relaxation knows an
            # officer gives at most `limit` days: it bounds the number of officers moved.
            model.cp.add(sum(group) <= limit * model.vars.moved(officer_id))
        else:
            label = f"{officer_id} {request_id}"
            model.at_most(SPEC.name, setting, sum(group), limit, len(group), label)


def check(data: FlexData, plan: FlexPlan, setting: RuleSetting) -> list[Violation]:
    limit = _limit(setting)
    days: dict[tuple[str, str], set[int]] = defaultdict(set)
    for d in plan.deployments:
        row = data.row_by_number.get(d.request_row)
        if row is not None:
            days[d.officer_id, row.request_id].add(d.day)
    violations = []
    for (officer_id, request_id), flexed in sorted(days.items()):
        if len(flexed) > limit:
            violations.append(
                Violation(
                    SPEC.name,
                    len(flexed) - limit,
                    f"{who(data, officer_id)} is flexed on {len(flexed)} days of request "
                    f"{request_id}, first {data.day_text(min(flexed))}; expected at most {limit}",
                    officer_id,
                    data.date_of(min(flexed)),
                )
            )
    return violations


RULE: FlexRule = FlexRule(SPEC, add, check)
