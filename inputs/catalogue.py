"""What the reader needs to know about each rule: its name, defaults and what it accepts.

The rules themselves live in `constraints/`; the command line hands their
specs to the reader, so input validation never imports the solver.
"""

from __future__ import annotations

from dataclasses import dataclass

from inputs.problem import RuleSetting


@dataclass(frozen=True)
class RuleSpec:
    name: str
    summary: str
    default: RuleSetting
    unit: str
    """What one unit of violation is, e.g. 'officer short on a tour'."""
    value_help: str | None = None
    """What `value` means; None when the rule takes no value."""
    value_min: float = 0.0
    value_max: float = float("inf")
    can_disable: bool = True
    can_soften: bool = True
    per_officer: bool = False
    """Each instance of the rule concerns one officer's tours only (contract hours, rest,
    runs...), not several officers together (cover, teams): a roster meeting such rules
    can be built officer by officer."""

    @property
    def takes_value(self) -> bool:
        return self.value_help is not None
