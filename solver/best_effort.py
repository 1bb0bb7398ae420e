"""Best effort: hard rules that conflict become penalties weighted far above every soft rule.

A short-staffed month still needs a roster. Each rule found in a conflict is made soft
with `BREACH_WEIGHT` per unit of violation, through the rule's own soft branch, so the
solver breaks as little of it as it can, and the checkers count each breach exactly as
they count any soft rule's violations (the setting is marked `relaxed`, so the outputs
show them as breaches of a hard rule, in red). Rules that cannot be softened (absences,
one tour per day) are never relaxed: leave, training, court and sickness stand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from inputs.catalogue import RuleSpec
from inputs.problem import RuleSetting

BREACH_WEIGHT = 100_000
"""Per unit of a relaxed hard rule (an officer short, an hour over...): more than a
600-officer borough's whole soft objective (about 8,000 after a minute), so no saving on
the soft rules can pay for one more breach."""


def relaxable(
    rules: Mapping[str, RuleSetting], catalogue: Mapping[str, RuleSpec]
) -> frozenset[str]:
    """The hard rules that best effort may relax: enabled, hard, and allowed to be soft."""
    return frozenset(
        name
        for name, setting in rules.items()
        if setting.enabled and setting.hard and name in catalogue and catalogue[name].can_soften
    )


def relax(
    rules: Mapping[str, RuleSetting],
    names: Iterable[str],
    catalogue: Mapping[str, RuleSpec],
) -> dict[str, RuleSetting]:
    """The rule settings with `names` (those that may be) relaxed to breach-weighted penalties."""
    allowed = relaxable(rules, catalogue)
    relaxed = dict(rules)
    for name in names:
        if name in allowed:
            relaxed[name] = rules[name].model_copy(
                update={"hard": False, "weight": BREACH_WEIGHT, "relaxed": True}
            )
    return relaxed
