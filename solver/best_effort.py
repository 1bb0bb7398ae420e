"""Best effort: hard rules that conflict become penalties weighted far above every soft rule.

A short-staffed month still needs a roster. Each rule found in a conflict is made soft
with `BREACH_WEIGHT` per unit of violation, through the rule's own soft branch, so the
solver breaks as little of it as it can, and the checkers count each breach exactly as
they count any soft rule's violations (the setting is marked `relaxed`, so the outputs
show them as breaches of a hard rule, in red). Rules that cannot be softened (absences,
one tour per day) are never relaxed: leave, training, court and sickness stand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from inputs.catalogue import RuleSpec
from inputs.posting import PostingData
from inputs.problem import ProblemData, RuleSetting
from solver.diagnose import Diagnosis

Data = TypeVar("Data", ProblemData, PostingData)
Result = TypeVar("Result")
ROUNDS = 3
"""Diagnose-relax-solve rounds before every hard rule that may be is relaxed."""
CONFLICTS = 10
"""Conflicts one best-effort diagnosis looks for, each setting its rules aside."""

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


def solve_relaxing(
    data: Data,
    solve: Callable[[Data], Result],
    infeasible: Callable[[Result], bool],
    diagnose: Callable[[Data], Diagnosis],
    best_effort: bool,
    catalogue: Mapping[str, RuleSpec],
) -> tuple[Data, Result]:
    """Solve; while the hard rules cannot all hold, diagnose (once, without `best_effort`)
    and relax the rules of the conflicts found, then solve again. Returns the data as last
    solved and its result."""
    result = solve(data)
    for round_ in range(ROUNDS + 1):
        if not infeasible(result):
            break
        diagnosis = diagnose(data)
        if not best_effort:
            break
        relaxing: Iterable[str] = diagnosis.rules
        if not diagnosis.rules or round_ == ROUNDS:
            relaxing = relaxable(data.rules, catalogue)
        data = relaxed(data, relaxing, catalogue)
        result = solve(data)
    return data, result


def relaxed(data: Data, names: Iterable[str], catalogue: Mapping[str, RuleSpec]) -> Data:
    """A copy of the roster's or the panel's data with `names` relaxed (see `relax`)."""
    names = set(names)
    if not names:
        return data
    return data.model_copy(update={"rules": relax(data.rules, names, catalogue)})


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
