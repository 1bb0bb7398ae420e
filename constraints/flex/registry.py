"""The flex plan's rule catalogue, each rule listed once, in report order; and the
max_flex_days setting, which the reader applies to the FlexRequests sheet."""

from __future__ import annotations

from constraints.flex import donor_share, donor_wards, min_strength, need, officers, rotation, tours
from constraints.flex.base import FlexRule
from inputs.catalogue import RuleSpec
from inputs.problem import DEFAULT_MAX_FLEX_DAYS, MAX_FLEX_DAYS, RuleSetting

FLEX_RULES: tuple[FlexRule, ...] = (
    tours.RULE,
    donor_wards.RULE,
    min_strength.RULE,
    rotation.RULE,
    need.RULE,
    donor_share.RULE,
    officers.RULE,
)

MAX_FLEX_DAYS_SPEC = RuleSpec(
    name=MAX_FLEX_DAYS,
    summary="The longest flex request accepted on the FlexRequests sheet, from its first to "
    "its last day (the protocol: ideally no longer than 4 weeks). A check of the input, "
    "not a rule of the plan.",
    default=RuleSetting(hard=True, weight=0, value=DEFAULT_MAX_FLEX_DAYS),
    unit="request refused",
    value_help="days",
    value_min=1,
    value_max=366,
    can_disable=False,
    can_soften=False,
)


def flex_catalogue() -> dict[str, RuleSpec]:
    """name -> spec of every flex setting on the Rules sheet."""
    return {MAX_FLEX_DAYS: MAX_FLEX_DAYS_SPEC, **{rule.name: rule.spec for rule in FLEX_RULES}}


def flex_rule_named(name: str) -> FlexRule:
    return next(rule for rule in FLEX_RULES if rule.name == name)
