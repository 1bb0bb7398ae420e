"""The rule catalogue: every rule the roster model knows, each listed once, in report order."""

from __future__ import annotations

from constraints import (
    absences,
    contract_hours,
    cover_min,
    cover_target,
    experienced_with_probationer,
    fairness_nights_weekends,
    max_average_weekly_hours,
    max_consecutive_days,
    max_days_between_rest_days,
    max_shifts_per_type,
    max_weekends,
    min_consecutive_days,
    min_consecutive_rest_days,
    min_rest_hours,
    one_tour_per_day,
    probationer_share,
    requests,
    rest_day_notice,
    rest_days_per_week,
    sn_cluster_cover,
    sn_evening_weekend,
    sn_offset_starts,
    stability,
    supervision,
    team_rota,
    tutor_pairing,
)
from constraints.base import RosterRule
from constraints.flex.registry import flex_catalogue
from inputs.catalogue import RuleSpec

RULES: tuple[RosterRule, ...] = (
    one_tour_per_day.RULE,
    absences.RULE,
    min_rest_hours.RULE,
    max_consecutive_days.RULE,
    min_consecutive_days.RULE,
    max_days_between_rest_days.RULE,
    rest_days_per_week.RULE,
    min_consecutive_rest_days.RULE,
    max_weekends.RULE,
    max_shifts_per_type.RULE,
    contract_hours.RULE,
    max_average_weekly_hours.RULE,
    cover_min.RULE,
    cover_target.RULE,
    requests.RULE,
    team_rota.RULE,
    supervision.RULE,
    probationer_share.RULE,
    experienced_with_probationer.RULE,
    tutor_pairing.RULE,
    sn_cluster_cover.RULE,
    sn_offset_starts.RULE,
    sn_evening_weekend.RULE,
    fairness_nights_weekends.RULE,
    rest_day_notice.RULE,
    stability.RULE,
)


def catalogue() -> dict[str, RuleSpec]:
    """name -> spec, what the input reader needs to validate the Rules sheet: the roster's
    rules, then the flex plan's (`roster flex`), which share the sheet."""
    return {**{rule.name: rule.spec for rule in RULES}, **flex_catalogue()}


def rule_named(name: str) -> RosterRule:
    return next(rule for rule in RULES if rule.name == name)
