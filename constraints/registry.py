"""The rule catalogue: every rule the roster model knows, each listed once, in report order."""

from __future__ import annotations

from constraints import (
    absences,
    contract_hours,
    cover_min,
    cover_target,
    max_consecutive_days,
    min_consecutive_rest_days,
    min_rest_hours,
    one_tour_per_day,
    requests,
    rest_days_per_week,
    team_rota,
)
from constraints.base import Rule
from inputs.catalogue import RuleSpec

RULES: tuple[Rule, ...] = (
    one_tour_per_day.RULE,
    absences.RULE,
    min_rest_hours.RULE,
    max_consecutive_days.RULE,
    rest_days_per_week.RULE,
    min_consecutive_rest_days.RULE,
    contract_hours.RULE,
    cover_min.RULE,
    cover_target.RULE,
    requests.RULE,
    team_rota.RULE,
)


def catalogue() -> dict[str, RuleSpec]:
    """name -> spec, what the input reader needs to validate the Rules sheet."""
    return {rule.name: rule.spec for rule in RULES}


def rule_named(name: str) -> Rule:
    return next(rule for rule in RULES if rule.name == name)
