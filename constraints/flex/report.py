"""Judging a flex plan with every flex rule's independent checker (the roster's Report type)."""

from __future__ import annotations

from constraints.flex.base import FlexRule
from constraints.flex.registry import FLEX_RULES
from constraints.report import Report, RuleOutcome
from inputs.flex import FlexData, FlexPlan


def check_plan(data: FlexData, plan: FlexPlan, rules: tuple[FlexRule, ...] = FLEX_RULES) -> Report:
    """Run every enabled flex rule's checker on the plan."""
    outcomes = []
    for rule in rules:
        setting = data.rule(rule.name)
        found = rule.check(data, plan, setting) if setting.enabled else []
        outcomes.append(RuleOutcome(rule, setting, tuple(found)))
    return Report(tuple(outcomes))
