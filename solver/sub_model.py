"""A neighbourhood's own small model: the constraints that touch a freed variable.

Re-solving a neighbourhood on a copy of the whole model makes CP-SAT presolve the whole
model every time, which on a large month costs more than the search itself. A constraint
whose variables are all fixed at the incumbent's values holds whatever the neighbourhood
does, so it can be left out; the sub-model keeps only the constraints that involve a free
variable, and only the variables those mention (renumbered; fixed ones as constants, the
objective's fixed terms as its offset). On a 120-officer month freeing three officers
keeps about 2,000 of 36,000 constraints; on a year of 150 officers (1.2 million
variables) the sub-model no longer copies, and CP-SAT no longer loads, every variable.

Which variables are free: the freed tours and the `works` indicators of the freed
(officer, day) pairs, then every other variable (penalties, helpers) that appears in a
kept constraint, and so on until nothing is added: such a variable may have to change with
the freed tours. Tours and `works` of other officers and days stay fixed even when a kept
constraint mentions them, since nothing else decides them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from ortools.sat import cp_model_pb2
from ortools.sat.python import cp_model, cp_model_helper

from solver.model import RosterModel

FOLD_ABOVE = 300_000
"""Whole models above this many variables get folded sub-models: only the variables their
constraints mention, fixed terms folded. Below, a sub-model copies every variable (fixed
ones as constants, which CP-SAT presolves away): that copy is one call, while folding is
Python work on every term, four times slower to build on instance 19 (15,000 variables),
where sub-solves are short. Folding was made several times cheaper since, but folding
every sub-model still did not pay on 13, 15, 18 and 19 (measured in bench/RESULTS.md)."""
ARRAY_TERMS = 16
"""A folded expression with at least this many terms is split with arrays (its terms kept as
arrays after the first time): a year's contract-minutes or shift-count row has thousands of
terms, which split one at a time took most of a sub-model's build on instance 23."""


@dataclass
class SubModel:
    """A neighbourhood's model: `free` are the whole model's indices of its free variables,
    `positions` their indices in the sub-model. Its objective (offset by the fixed
    penalties when folded) is the whole roster's."""

    cp: cp_model.CpModel
    free: list[int]
    positions: Sequence[int]

    def roster(self, solution: Sequence[int], values: list[int]) -> list[int]:
        """`values` (a value per whole-model variable) with the free ones from `solution`."""
        out = list(values)
        for var, position in zip(self.free, self.positions, strict=True):
            out[var] = solution[position]
        return out


class SubModels:
    """Builds the sub-model of any set of freed tours, from the incumbent's values."""

    def __init__(self, model: RosterModel, values: list[int]) -> None:
        proto = model.cp.proto
        readable = _readable(model.cp)
        self.shapes = [_Shape.of(constraint) for constraint in readable.constraints]
        """Each constraint read once into Python lists: reading the proto's fields on every
        fold took most of a sub-model's build on instance 23."""
        self.domains = [list(variable.domain) for variable in readable.variables]
        del readable
        self.members = [shape.variables() for shape in self.shapes]
        self.uses: list[list[int]] = [[] for _ in range(len(proto.variables))]
        for index, members in enumerate(self.members):
            for var in members:
                self.uses[var].append(index)
        self.decided = {v.index for v in model.vars.shift.values()}
        self.decided.update(v.index for v in model.vars.works.values())
        self.undecided: dict[int, list[int]] = {}
        """Constraint -> the members that are not decided, found as `_reach` first meets it:
        a year's contract-minutes row has thousands of tours and no other member."""
        objective = proto.objective
        self.weights = dict(zip(objective.vars, objective.coeffs, strict=True))
        self.offset = objective.offset
        self.values = list(values)
        self.paid = sum(weight * self.values[var] for var, weight in self.weights.items())
        """The objective's terms at `values`, without its offset."""
        self.fold = len(proto.variables) > FOLD_ABOVE
        self.array_values = np.array(values, dtype=np.int64)
        """`values` as an array, for splitting long expressions when folding."""
        self.position = np.full(len(proto.variables), -1, dtype=np.int64)
        """Each whole-model variable's index in the sub-model being folded, else -1."""
        self.terms: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        """(constraint, expression) -> its variables and coefficients, for long ones."""
        self.fixed = acyclic(cp_model.CpModel())
        """Every variable of the whole model, pinned at the incumbent's values (kept so by
        `update`); unfolded models only."""
        self.shell = acyclic(cp_model.CpModel())
        """The whole model without variables, constraints or hint: its objective and the rest."""
        self.pinned: list[cp_model_helper.IntegerVariableProto] = []
        self.open: list[cp_model_helper.IntegerVariableProto] = []
        self.all_constraints: list[cp_model_helper.ConstraintProto] = []
        """Handles on `fixed`'s variables, on the whole model's own and on its constraints: a
        copied sub-model is built from them in three calls, where copying it one variable and
        constraint at a time took most of the 0.12 s a sub-model of instance 13 cost."""
        if not self.fold:
            self.shell.proto.copy_from(proto)
            self.shell.proto.variables.clear()
            self.shell.proto.constraints.clear()
            self.shell.proto.clear_solution_hint()
            self.fixed.proto.variables.extend(pinned_variables(model.cp, enumerate(values)))
            self.pinned = list(self.fixed.proto.variables)
            self.open = list(proto.variables)
            self.all_constraints = list(proto.constraints)

    def build(
        self,
        freed: Iterable[int],
        values: list[int],
        fold: bool | None = None,
    ) -> SubModel:
        """The sub-model freeing `freed` (tour and works indices), every other variable fixed
        at the incumbent's values (as `update` keeps them), the free ones hinted with `values`.
        Folded by the whole model's size (FOLD_ABOVE) unless `fold` says."""
        free, kept = self._reach(set(freed))
        order = sorted(free)
        fold = self.fold if fold is None else fold
        positions: Sequence[int] = range(len(order)) if fold else order
        sub = self._folded(order, kept) if fold else self._copied(order, kept)
        sub.proto.solution_hint.vars.extend(positions)
        sub.proto.solution_hint.values.extend(values[var] for var in order)
        return SubModel(sub, order, positions)

    def _copied(self, order: list[int], kept: set[int]) -> cp_model.CpModel:
        """Every variable, fixed at the incumbent's values but the free ones, and the kept
        constraints as they are."""
        variables = list(self.pinned)
        for var in order:
            variables[var] = self.open[var]
        sub = acyclic(cp_model.CpModel())
        sub.proto.copy_from(self.shell.proto)
        sub.proto.variables.extend(variables)
        sub.proto.constraints.extend([self.all_constraints[c] for c in sorted(kept)])
        return sub

    def _folded(self, order: list[int], kept: set[int]) -> cp_model.CpModel:
        """The free variables first, then the fixed literals of boolean constraints; linear
        terms on fixed variables folded into bounds, offsets and the objective's offset."""
        free = set(order)
        sub = acyclic(cp_model.CpModel())
        proto = sub.proto
        variables = proto.variables
        for var in order:
            variables.add().domain.extend(self.domains[var])
        index = {var: i for i, var in enumerate(order)}
        numbers = sorted(kept)
        shapes = [self.shapes[c] for c in numbers]
        for var in sorted(self._constants(shapes, free)):
            index[var] = len(variables)
            variables.add().domain.extend([self.values[var], self.values[var]])
        placed = np.fromiter(index, dtype=np.int64, count=len(index))
        self.position[placed] = np.fromiter(index.values(), dtype=np.int64, count=len(index))
        constraints = proto.constraints
        try:
            for number, shape in zip(numbers, shapes, strict=True):
                self._fold(number, shape, constraints.add(), index)
        finally:
            self.position[placed] = -1
        paid = [(var, self.weights[var]) for var in order if var in self.weights]
        proto.objective.vars.extend([index[var] for var, _ in paid])
        proto.objective.coeffs.extend([weight for _, weight in paid])
        paid_free = sum(weight * self.values[var] for var, weight in paid)
        proto.objective.offset = self.offset + self.paid - paid_free
        return sub

    def _constants(self, shapes: list[_Shape], free: set[int]) -> set[int]:
        """The fixed variables a sub-model keeps as constants: the literals of its boolean
        constraints and enforcement literals (linear terms are folded)."""
        found: set[int] = set()
        for shape in shapes:
            found.update(_literals(shape.enforcement))
            found.update(_literals(shape.literals))
        return found - free

    def _fold(
        self,
        number: int,
        shape: _Shape,
        target: cp_model_helper.ConstraintProto,
        index: dict[int, int],
    ) -> None:
        """The constraint renumbered into `target`, the fixed terms of a linear constraint
        moved into its bounds (a cover row of 150 officers mentions only the freed ones) and
        those of a linear argument (a shortfall's max(0, need - cover)) into its offset."""
        if shape.enforcement:
            target.enforcement_literal.extend([_literal(lit, index) for lit in shape.enforcement])
        if shape.kind in BOOLEAN_KINDS:
            getattr(target, shape.kind).literals.extend(
                [_literal(lit, index) for lit in shape.literals]
            )
            return
        if shape.kind == "linear":
            variables, coeffs, _ = shape.exprs[0]
            kept_vars, kept_coeffs, constant = self._split((number, -1), variables, coeffs, index)
            target.linear.vars.extend(kept_vars)
            target.linear.coeffs.extend(kept_coeffs)
            target.linear.domain.extend(
                [bound if bound in UNBOUNDED else bound - constant for bound in shape.domain]
            )
            return
        argument = getattr(target, shape.kind)
        for place, (variables, coeffs, offset) in enumerate(shape.exprs):
            expr = argument.target if place == 0 else argument.exprs.add()
            kept_vars, kept_coeffs, constant = self._split(
                (number, place), variables, coeffs, index
            )
            expr.vars.extend(kept_vars)
            expr.coeffs.extend(kept_coeffs)
            expr.offset = offset + constant

    def _split(
        self,
        key: tuple[int, int],
        variables: Sequence[int],
        coeffs: Sequence[int],
        index: dict[int, int],
    ) -> tuple[list[int], list[int], int]:
        """The terms on sub-model variables (renumbered), and the fixed terms' total; `key`
        names the expression (constraint, place) for keeping long ones as arrays."""
        if len(variables) >= ARRAY_TERMS:
            return self._split_arrays(key, variables, coeffs)
        kept_vars, kept_coeffs, constant = [], [], 0
        values = self.values
        for var, coeff in zip(variables, coeffs, strict=True):
            position = index.get(var)
            if position is None:
                constant += coeff * values[var]
            else:
                kept_vars.append(position)
                kept_coeffs.append(coeff)
        return kept_vars, kept_coeffs, constant

    def _split_arrays(
        self, key: tuple[int, int], variables: Sequence[int], coeffs: Sequence[int]
    ) -> tuple[list[int], list[int], int]:
        """`_split` of a long expression, by `position` (set while folding)."""
        terms = self.terms.get(key)
        if terms is None:
            terms = np.array(variables, dtype=np.int64), np.array(coeffs, dtype=np.int64)
            self.terms[key] = terms
        where, weights = terms
        positions = self.position[where]
        kept = positions >= 0
        fixed = ~kept
        constant = int(weights[fixed] @ self.array_values[where[fixed]])
        return positions[kept].tolist(), weights[kept].tolist(), constant

    def _reach(self, free: set[int]) -> tuple[set[int], set[int]]:
        """The free variables and the constraints kept: those that involve a free variable,
        whose own non-decided variables become free in turn."""
        kept: set[int] = set()
        frontier = list(free)
        while frontier:
            for constraint in self.uses[frontier.pop()]:
                if constraint in kept:
                    continue
                kept.add(constraint)
                for var in self._undecided(constraint):
                    if var not in free:
                        free.add(var)
                        frontier.append(var)
        return free, kept

    def _undecided(self, constraint: int) -> list[int]:
        found = self.undecided.get(constraint)
        if found is None:
            found = [var for var in self.members[constraint] if var not in self.decided]
            self.undecided[constraint] = found
        return found

    def tours_near(self, var: int) -> set[int]:
        """The tour and works variables `var` is, or shares a constraint with."""
        if var in self.decided:
            return {var}
        return {
            other
            for constraint in self.uses[var]
            for other in self.members[constraint]
            if other in self.decided
        }

    def update(self, indices: Iterable[int], values: list[int]) -> None:
        """Fix these variables at their new values for every later sub-model."""
        for var in indices:
            weight = self.weights.get(var)
            if weight is not None:
                self.paid += weight * (values[var] - self.values[var])
            self.values[var] = self.array_values[var] = values[var]
            if not self.fold:
                pin(self.fixed, var, values[var], values[var])


def pinned(model: cp_model.CpModel, values: Iterable[tuple[int, int]]) -> cp_model.CpModel:
    """A copy of `model` without its hint, each (index, value) of `values` pinned there."""
    fixed = acyclic(model.clone())
    fixed.clear_hints()
    variables = pinned_variables(model, values)
    fixed.proto.variables.clear()
    fixed.proto.variables.extend(variables)
    return fixed


def acyclic(model: cp_model.CpModel) -> cp_model.CpModel:
    """`model` without OR-Tools' deprecated CamelCase aliases of its methods: each is a
    closure over one of the model's own bound methods, a reference cycle that leaves the
    model and its protobuf to Python's cyclic garbage collection, not freed when the last
    reference goes (instance 13: 56 sub-models of a 12-s search were found in such cycles)."""
    for name, value in list(vars(model).items()):
        if getattr(value, "__name__", None) == "deprecated_func":
            delattr(model, name)
    return model


def pinned_variables(
    model: cp_model.CpModel, values: Iterable[tuple[int, int]]
) -> list[cp_model_helper.IntegerVariableProto]:
    """The model's variables, each (index, value) of `values` pinned: one variable per value
    stands for all pinned there, copied in one call. Pinning a year of 150 officers' tours
    one variable at a time took 7.5 s (instance 24), this 2.9 s."""
    variables = list(model.proto.variables)
    points: dict[int, cp_model_helper.IntegerVariableProto] = {}
    for index, value in values:
        point = points.get(value)
        if point is None:
            point = points[value] = cp_model_helper.IntegerVariableProto()
            point.domain.extend([value, value])
        variables[index] = point
    return variables


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


UNBOUNDED = (cp_model.INT_MIN, cp_model.INT_MAX)
"""CP-SAT's open ends of a domain, which a folded constant does not move."""
BOOLEAN_KINDS = ("bool_or", "bool_and", "at_most_one", "exactly_one")
ARGUMENT_KINDS = ("lin_max", "int_div", "int_prod")
"""The constraint kinds the roster model uses (a linear target and linear arguments, for
the second); a model with another kind is refused when its sub-models are first built."""


@dataclass
class _Shape:
    """A constraint's fields as Python lists: its kind, enforcement literals, and either its
    literals (boolean kinds) or its expressions (variables, coefficients, offset): the linear
    one with `domain`, or an argument kind's target then arguments."""

    kind: str
    enforcement: list[int]
    literals: list[int]
    exprs: list[tuple[list[int], list[int], int]]
    domain: list[int]

    @classmethod
    def of(cls, constraint: cp_model_pb2.ConstraintProto) -> _Shape:
        kind = constraint.WhichOneof("constraint")
        enforcement = list(constraint.enforcement_literal)
        if kind == "linear":
            linear = constraint.linear
            expr = (list(linear.vars), list(linear.coeffs), 0)
            return cls(kind, enforcement, [], [expr], list(linear.domain))
        if kind in BOOLEAN_KINDS:
            return cls(kind, enforcement, list(getattr(constraint, kind).literals), [], [])
        if kind in ARGUMENT_KINDS:
            argument = getattr(constraint, kind)
            exprs = [
                (list(e.vars), list(e.coeffs), e.offset) for e in [argument.target, *argument.exprs]
            ]
            return cls(kind, enforcement, [], exprs, [])
        raise ValueError(f"sub-models do not read this kind of constraint: {constraint}")

    def variables(self) -> list[int]:
        """The variables the constraint mentions."""
        found = _literals(self.enforcement) + _literals(self.literals)
        for variables, _, _ in self.exprs:
            found.extend(variables)
        return found


def _readable(cp: cp_model.CpModel) -> cp_model_pb2.CpModelProto:
    """The model as a protobuf message: written by CP-SAT and read back, its fields read
    several times faster than the model's own (a year of 150 officers: 3 s against 19 s)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.pb"
        if not cp.export_to_file(str(path)):
            raise OSError(f"CP-SAT could not write its model to {path}")
        return cp_model_pb2.CpModelProto.FromString(path.read_bytes())


def _literal(lit: int, index: dict[int, int]) -> int:
    return index[lit] if lit >= 0 else -index[-lit - 1] - 1
