"""What a rule is: a catalogue entry, a CP-SAT part and an independent checker.

`add` states the rule in the model; `check` judges a finished roster from the
problem data alone, without the solver. Tests hold the two to the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from inputs.catalogue import RuleSpec
from inputs.problem import ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel


@dataclass(frozen=True)
class Violation:
    """One broken instance of a rule: how much (in the rule's unit) and, in words, what."""

    rule: str
    amount: int
    what: str
    officer_id: str | None = None
    day: date | None = None


AddFn = Callable[[RosterModel, RuleSetting], None]
CheckFn = Callable[[ProblemData, Roster, RuleSetting], list[Violation]]


@dataclass(frozen=True)
class Rule:
    spec: RuleSpec
    add: AddFn
    check: CheckFn

    @property
    def name(self) -> str:
        return self.spec.name
