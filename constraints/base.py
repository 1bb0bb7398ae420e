"""What a rule is: a catalogue entry, a CP-SAT part and an independent checker.

`add` states the rule in the model; `check` judges a finished roster from the
problem data alone, without the solver. Tests hold the two to the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

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


ModelT = TypeVar("ModelT")
DataT = TypeVar("DataT")
SolutionT = TypeVar("SolutionT")


@dataclass(frozen=True)
class Rule(Generic[ModelT, DataT, SolutionT]):
    """A roster rule is a Rule[RosterModel, ProblemData, Roster]; the posting panel's rules
    (`constraints.posting`) have their own model, data and solution."""

    spec: RuleSpec
    add: Callable[[ModelT, RuleSetting], None]
    check: Callable[[DataT, SolutionT, RuleSetting], list[Violation]]

    @property
    def name(self) -> str:
        return self.spec.name


RosterRule = Rule[RosterModel, ProblemData, Roster]
"""A rule of the roster model, judged on a roster."""
