"""The CP-SAT model of a roster, and the few idioms every rule uses to state itself.

A rule says what must hold (`at_least`, `at_most`, `forbid_together`); whether
that becomes a constraint or a penalty follows from the borough's setting for
the rule (hard or soft). Soft penalties are defined *exactly* (a shortfall
variable equals the shortfall, not merely bounds it), so that the objective of
any roster the solver reports equals the objective the checkers recompute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from inputs.problem import ProblemData, RuleSetting
from solver.variables import Group, LinearExpr, PenaltyTerms, Variables


class ModelIdioms:
    """How a rule states itself, hard or soft as set; shared by the roster and posting models.

    Every hard branch passes through `require`, so that when diagnosing each `Group` of a
    rule's constraints holds only while its switch is on (`solver.diagnose`).
    """

    cp: cp_model.CpModel
    vars: PenaltyTerms

    def require(self, constraint: cp_model.Constraint, group: Group) -> None:
        """A hard constraint of `group`: always, or while the group's switch is on."""
        switch = self.vars.switch(group)
        if switch is not None:
            constraint.only_enforce_if(switch)

    def at_least(
        self,
        rule: str,
        setting: RuleSetting,
        expr: LinearExpr,
        bound: int,
        label: str,
        coefficient: int = 1,
        group: Group | None = None,
    ) -> cp_model.IntVar | None:
        """expr >= bound; when soft, the shortfall max(0, bound - expr) is penalised and
        returned (None when hard or when nothing is needed)."""
        if bound <= 0:
            return None
        if setting.hard:
            self.require(self.cp.add(expr >= bound), group or Group(rule))
            return None
        short = self.vars.new_penalty(rule, bound, setting.weight * coefficient, label)
        self.cp.add_max_equality(short, [bound - expr, 0])
        return short

    def at_most(
        self,
        rule: str,
        setting: RuleSetting,
        expr: LinearExpr,
        bound: int,
        largest: int,
        label: str,
        coefficient: int = 1,
        group: Group | None = None,
    ) -> None:
        """expr <= bound, where expr can be at most `largest`; when soft the excess is penalised."""
        if largest <= bound:
            return
        if setting.hard:
            self.require(self.cp.add(expr <= bound), group or Group(rule))
            return
        excess = self.vars.new_penalty(rule, largest - bound, setting.weight * coefficient, label)
        self.cp.add_max_equality(excess, [expr - bound, 0])

    def forbid_together(
        self,
        rule: str,
        setting: RuleSetting,
        literals: Sequence[cp_model.LiteralT],
        label: str,
        coefficient: int = 1,
        group: Group | None = None,
    ) -> None:
        """Not all of `literals` true at once; when soft, each time they are costs `coefficient`.

        Python booleans among the literals (facts from History or Absences) are folded in.
        """
        if any(lit is False for lit in literals):
            return
        literals = [lit for lit in literals if lit is not True]
        if not literals:
            raise ValueError(f"{rule}: {label} is broken by the input data alone")
        if setting.hard:
            apart = self.cp.add_bool_or([_negate(lit) for lit in literals])
            self.require(apart, group or Group(rule))
            return
        if len(literals) == 1:
            self.vars.add_penalty(rule, literals[0], setting.weight * coefficient, label)
            return
        both = self.vars.new_indicator(f"{rule}:{label}")
        self.cp.add_bool_and(literals).only_enforce_if(both)
        self.cp.add_bool_or([_negate(lit) for lit in literals]).only_enforce_if(_negate(both))
        self.vars.add_penalty(rule, both, setting.weight * coefficient, label)

    def forbid_followed(
        self,
        rule: str,
        setting: RuleSetting,
        firsts: Sequence[cp_model.IntVar],
        then: Sequence[cp_model.IntVar],
        label: str,
        group: Group | None = None,
    ) -> None:
        """None of `firsts` (tours of one day) followed by any of `then` (tours of one later
        day); when soft, each such pair of tours worked costs 1.

        A day has at most one tour (one_tour_per_day is always hard), so one linear
        constraint states every pair, and a pair's indicator is exact: at most one pair
        can happen.
        """
        if setting.hard:
            pairs = cp_model.LinearExpr.sum([*firsts, *then])
            self.require(self.cp.add(pairs <= 1), group or Group(rule))
            return
        both = self.vars.new_indicator(f"{rule}:{label}")
        self.cp.add(both <= sum(firsts))
        self.cp.add(both <= sum(then))
        self.cp.add(both >= sum(firsts) + sum(then) - 1)
        self.vars.add_penalty(rule, both, setting.weight, label)

    def set_objective(self, extra: Sequence[LinearExpr] = ()) -> None:
        """Minimise the penalties, plus `extra` terms a solver step prices on its own (the
        officer start's polish: the cover still short, as linear costs on one officer's tours)."""
        terms = [p.coefficient * p.expr for p in self.vars.penalties if p.coefficient]
        terms.extend(extra)
        self.cp.minimize(sum(terms) if terms else 0)


@dataclass
class RosterModel(ModelIdioms):
    problem: ProblemData
    cp: cp_model.CpModel
    vars: Variables

    @classmethod
    def empty(cls, problem: ProblemData, diagnosing: bool = False) -> RosterModel:
        """A model with the variable families; `diagnosing` gives hard groups switches."""
        cp = cp_model.CpModel()
        variables = Variables.create(cp, problem)
        if diagnosing:
            variables.switches = {}
        return cls(problem, cp, variables)


def _negate(literal: cp_model.LiteralT) -> cp_model.LiteralT:
    return literal.negated()  # type: ignore[union-attr]
