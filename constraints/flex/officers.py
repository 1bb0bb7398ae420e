"""flex_officers: as few distinct officers moved as the plan allows.

Every officer flexed is briefed, recorded and taken from their own ward's
team, so a plan that meets the need with fewer people is better. Soft: each
officer flexed beyond the value (default 0) costs the weight; hard: at most
value officers are flexed. Counted over the whole plan, all requests together.
"""

from __future__ import annotations

from constraints.base import Violation
from constraints.flex.base import FlexRule
from inputs.catalogue import RuleSpec
from inputs.flex import FlexData, FlexPlan
from inputs.problem import RuleSetting
from solver.flex.model import FlexModel

SPEC = RuleSpec(
    name="flex_officers",
    summary="Fewer distinct officers moved: each officer flexed beyond value costs the weight.",
    default=RuleSetting(hard=False, weight=1, value=0),
    unit="officer flexed",
    value_help="officers that may be flexed at no cost",
    value_min=0,
    value_max=10000,
    can_disable=False,
)


def _free(setting: RuleSetting) -> int:
    return int(setting.value or 0)


def add(model: FlexModel, setting: RuleSetting) -> None:
    moved = [model.vars.moved(officer_id) for officer_id in model.vars.group(lambda key: key[0])]
    model.at_most(SPEC.name, setting, sum(moved), _free(setting), len(moved), "officers flexed")


def check(data: FlexData, plan: FlexPlan, setting: RuleSetting) -> list[Violation]:
    moved = sorted({d.officer_id for d in plan.deployments})
    excess = len(moved) - _free(setting)
    if excess <= 0:
        return []
    return [
        Violation(
            SPEC.name,
            excess,
            f"{len(moved)} officers flexed ({', '.join(moved[:8])}"
            f"{', ...' if len(moved) > 8 else ''}); {_free(setting)} at no cost",
        )
    ]


RULE: FlexRule = FlexRule(SPEC, add, check)
