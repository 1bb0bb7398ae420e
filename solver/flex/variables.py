"""Every decision variable of the flex model, in one typed container.

As in the roster model, rules never make variables of their own: they read
`flex` and ask the container for penalty and helper variables.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

from ortools.sat.python import cp_model

from inputs.flex import FlexData
from solver.variables import PenaltyTerms

FlexKey = tuple[str, int, int]
"""(officer_id, day index, FlexRequests row number)."""
K = TypeVar("K", bound=Hashable)


@dataclass
class FlexVariables(PenaltyTerms):
    """The variable families of the flex model.

    - `flex[officer_id, day, row]`: the officer's rostered tour that day, on the shift of
      FlexRequests row `row`, is worked on that row's receiving ward. Only candidates
      exist (`FlexData.candidates`): an SN officer of the row's rank from another ward,
      rostered on the row's shift that day.
    - `moved[officer_id]`: the officer is flexed at all (the largest of their `flex`),
      made on first use.
    - the penalties and helper variables of `PenaltyTerms`.
    """

    flex: dict[FlexKey, cp_model.IntVar] = field(default_factory=dict)
    moved_by: dict[str, cp_model.IntVar] = field(default_factory=dict)

    @classmethod
    def create(cls, model: cp_model.CpModel, data: FlexData) -> FlexVariables:
        variables = cls(model)
        for officer_id, day, row in data.candidates:
            key = (officer_id, day, row.row)
            variables.flex[key] = model.new_bool_var(f"flex[{officer_id},{day},{row.row}]")
        return variables

    def group(self, key: Callable[[FlexKey], K]) -> dict[K, list[cp_model.IntVar]]:
        """The flex variables grouped by `key` of (officer_id, day, row), in creation order."""
        groups: dict[K, list[cp_model.IntVar]] = {}
        for flex_key, var in self.flex.items():
            groups.setdefault(key(flex_key), []).append(var)
        return groups

    def moved(self, officer_id: str) -> cp_model.IntVar:
        """Whether the officer is flexed on any tour: exactly the largest of their variables."""
        found = self.moved_by.get(officer_id)
        if found is None:
            found = self.model.new_bool_var(f"moved[{officer_id}]")
            mine = [var for (o, _, _), var in self.flex.items() if o == officer_id]
            self.model.add_max_equality(found, mine)
            self.moved_by[officer_id] = found
        return found
