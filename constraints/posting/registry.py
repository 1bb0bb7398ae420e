"""The posting panel's rule catalogue: every rule of `roster post`, listed once, in report
order. The PostingRules sheet sets them as the Rules sheet sets the roster's."""

from __future__ import annotations

from constraints.posting import (
    establishment_max,
    establishment_target,
    experienced_officers,
    fewest_moves,
    min_tenure,
    panel_decisions,
    preferences,
    probationer_share,
    service_balance,
    skill_minima,
    stay_put,
    tutor_together,
)
from constraints.posting.base import PostingRule
from inputs.catalogue import RuleSpec

RULES: tuple[PostingRule, ...] = (
    stay_put.RULE,
    panel_decisions.RULE,
    establishment_max.RULE,
    establishment_target.RULE,
    probationer_share.RULE,
    experienced_officers.RULE,
    skill_minima.RULE,
    tutor_together.RULE,
    min_tenure.RULE,
    preferences.RULE,
    fewest_moves.RULE,
    service_balance.RULE,
)


def catalogue() -> dict[str, RuleSpec]:
    """name -> spec, what the posting reader needs to validate the PostingRules sheet."""
    return {rule.name: rule.spec for rule in RULES}


def rule_named(name: str) -> PostingRule:
    return next(rule for rule in RULES if rule.name == name)
