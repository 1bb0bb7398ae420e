"""A neighbourhood's own small model: the constraints that touch a freed variable.

Re-solving a neighbourhood on a copy of the whole model makes CP-SAT presolve the whole
model every time, which on a large month costs more than the search itself. A constraint
whose variables are all fixed at the incumbent's values holds whatever the neighbourhood
does, so it can be left out; the sub-model keeps every variable (fixed ones as constants)
and only the constraints that involve a free one. On a 120-officer month freeing three
officers keeps about 2,000 of 36,000 constraints.

Which variables are free: the freed tours and the `works` indicators of the freed
(officer, day) pairs, then every other variable (penalties, helpers) that appears in a
kept constraint, and so on until nothing is added: such a variable may have to change with
the freed tours. Tours and `works` of other officers and days stay fixed even when a kept
constraint mentions them, since nothing else decides them. A constraint of a kind not
read here is always kept, its variables as they are: safe, only slower.
"""

from __future__ import annotations

from collections.abc import Iterable

from ortools.sat.python import cp_model, cp_model_helper

from solver.model import RosterModel


class SubModels:
    """Builds the sub-model of any set of freed tours, from the incumbent's values."""

    def __init__(self, model: RosterModel, values: list[int]) -> None:
        proto = model.cp.proto
        self.source = proto
        self.members = [_variables_of(proto.constraints[i]) for i in range(len(proto.constraints))]
        self.uses: list[list[int]] = [[] for _ in range(len(proto.variables))]
        self.always: list[int] = []
        for index, members in enumerate(self.members):
            if members is None:
                self.always.append(index)
                continue
            for var in members:
                self.uses[var].append(index)
        self.decided = {v.index for v in model.vars.shift.values()}
        self.decided.update(v.index for v in model.vars.works.values())
        self.fixed = cp_model.CpModel()
        self.fixed.proto.copy_from(proto)
        self.fixed.proto.constraints.clear()
        self.fixed.proto.clear_solution_hint()
        self.update(range(len(values)), values)

    def build(self, freed: Iterable[int], values: list[int]) -> tuple[cp_model.CpModel, list[int]]:
        """The sub-model freeing `freed` (tour and works indices), hinted with `values`, and
        every variable it frees."""
        free = set(freed)
        kept = set(self.always)
        frontier = list(free)
        while frontier:
            for constraint in self.uses[frontier.pop()]:
                if constraint in kept:
                    continue
                kept.add(constraint)
                for var in self.members[constraint] or ():
                    if var not in free and var not in self.decided:
                        free.add(var)
                        frontier.append(var)
        sub = cp_model.CpModel()
        sub.proto.copy_from(self.fixed.proto)
        for constraint in sorted(kept):
            sub.proto.constraints.add().copy_from(self.source.constraints[constraint])
        order = sorted(free)
        for var in order:
            set_domain(sub, var, list(self.source.variables[var].domain))
        sub.proto.solution_hint.vars.extend(order)
        sub.proto.solution_hint.values.extend(values[var] for var in order)
        return sub, order

    def tours_near(self, var: int) -> set[int]:
        """The tour and works variables `var` is, or shares a constraint with."""
        if var in self.decided:
            return {var}
        return {
            other
            for constraint in self.uses[var]
            for other in self.members[constraint] or ()
            if other in self.decided
        }

    def update(self, indices: Iterable[int], values: list[int]) -> None:
        """Fix these variables at their new values for every later sub-model."""
        for var in indices:
            pin(self.fixed, var, values[var], values[var])


def pin(model: cp_model.CpModel, index: int, low: int, high: int) -> None:
    """Set a variable's domain to [low, high] in the model's proto."""
    set_domain(model, index, [low, high])


def set_domain(model: cp_model.CpModel, index: int, domain: list[int]) -> None:
    """Set a variable's domain (CP-SAT's flat list of intervals) in the model's proto."""
    target = model.proto.variables[index].domain
    if len(target) == len(domain):
        for i, bound in enumerate(domain):
            target[i] = bound
    else:
        target.clear()
        target.extend(domain)


def _literals(literals: Iterable[int]) -> list[int]:
    return [lit if lit >= 0 else -lit - 1 for lit in literals]


def _variables_of(constraint: cp_model_helper.ConstraintProto) -> list[int] | None:
    """The variables a constraint mentions, or None for a kind not read here."""
    found = _literals(constraint.enforcement_literal)
    if constraint.has_linear():
        return found + list(constraint.linear.vars)
    for kind in ("bool_or", "bool_and", "at_most_one", "exactly_one"):
        if getattr(constraint, f"has_{kind}")():
            return found + _literals(getattr(constraint, kind).literals)
    if constraint.has_lin_max():
        found.extend(constraint.lin_max.target.vars)
        for expr in constraint.lin_max.exprs:
            found.extend(expr.vars)
        return found
    return None
