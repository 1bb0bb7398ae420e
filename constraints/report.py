"""Judging a finished roster with every rule's independent checker.

This is what the output workbook reports and what the tests hold the solver
to: the objective here is recomputed from the problem data and the roster
alone, never read from the solver.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from constraints.base import DataT, Rule, SolutionT, Violation
from constraints.registry import RULES
from inputs.problem import ProblemData, RuleSetting
from inputs.roster import Roster


@dataclass(frozen=True)
class RuleOutcome:
    rule: Rule
    setting: RuleSetting
    violations: tuple[Violation, ...] = field(default_factory=tuple)

    @property
    def amount(self) -> int:
        return sum(v.amount for v in self.violations)

    @property
    def penalty(self) -> int:
        """What the rule adds to the objective: soft rules only."""
        if not self.setting.enabled or self.setting.hard:
            return 0
        return self.setting.weight * self.amount

    @property
    def broken(self) -> bool:
        """A hard rule with at least one violation."""
        return self.setting.enabled and self.setting.hard and bool(self.violations)

    @property
    def breached(self) -> bool:
        """A hard rule relaxed by best effort (`RuleSetting.relaxed`) with violations."""
        return self.setting.enabled and self.setting.relaxed and bool(self.violations)

    @property
    def flagged(self) -> bool:
        """Shown in red: a hard rule broken, or breached in a best-effort roster."""
        return self.broken or self.breached


@dataclass(frozen=True)
class Report:
    outcomes: tuple[RuleOutcome, ...]

    @property
    def objective(self) -> int:
        return sum(o.penalty for o in self.outcomes)

    @property
    def hard_violations(self) -> int:
        return sum(len(o.violations) for o in self.outcomes if o.broken)

    @property
    def breaches(self) -> int:
        """Breaches of hard rules relaxed by best effort, in the rules' units."""
        return sum(o.amount for o in self.outcomes if o.breached)

    def outcome(self, name: str) -> RuleOutcome:
        return next(o for o in self.outcomes if o.rule.name == name)


def check_roster(problem: ProblemData, roster: Roster, rules: tuple[Rule, ...] = RULES) -> Report:
    """Run every enabled rule's checker on the roster."""
    return check_all(rules, problem.rules, problem, roster)


def check_all(
    rules: Sequence[Rule[Any, DataT, SolutionT]],
    settings: Mapping[str, RuleSetting],
    data: DataT,
    solution: SolutionT,
) -> Report:
    """Run every enabled rule's checker on a solution (a roster, a posting allocation)."""
    outcomes = []
    for rule in rules:
        setting = settings[rule.name]
        found = rule.check(data, solution, setting) if setting.enabled else []
        outcomes.append(RuleOutcome(rule, setting, tuple(found)))
    return Report(tuple(outcomes))
