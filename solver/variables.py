"""Every decision variable of the roster model, in one typed container.

Rules never call `NewBoolVar` themselves: they read the families below and ask
for penalty or indicator variables through `new_penalty` / `new_indicator`, so
that the solution, the hints and any debugging see every variable in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from inputs.problem import Officer, ProblemData, Shift, Team, TeamKind

LinearExpr = cp_model.LinearExprT


@dataclass(frozen=True)
class Penalty:
    """One soft-rule term of the objective: `coefficient * expr`, with a label for debugging."""

    rule: str
    expr: LinearExpr
    coefficient: int
    label: str


@dataclass(frozen=True)
class Group:
    """Constraints of one hard rule that the diagnosis switches on and off together, and
    where they come from, so that a conflict can be told in the workbook's own terms.

    `sheet` and `row` name the workbook row the group states (a Cover row, an officer, a
    team, a request); `day`, `subject` (an officer, team or cluster id) and `detail` (a
    shift code, a rank) narrow it. A rule that gives no group is one group as a whole.
    """

    rule: str
    sheet: str | None = None
    row: int | None = None
    day: int | None = None
    subject: str | None = None
    detail: str | None = None


def officer_group(
    rule: str, officer: Officer, day: int | None = None, detail: str | None = None
) -> Group:
    """The group of a rule's constraints on one officer (Officers row), or on one of their
    days (a week's first day, say) or shifts."""
    return Group(rule, OFFICERS, officer.row, day, officer.officer_id, detail)


def team_group(rule: str, team: Team, detail: str | None = None) -> Group:
    """The group of a rule's constraints on one team (Teams row)."""
    return Group(rule, TEAMS, team.row, None, team.team_id, detail)


OFFICERS, TEAMS = "Officers", "Teams"


@dataclass
class PenaltyTerms:
    """The objective's terms and the helper variables rules ask for, shared by every model.

    - `penalties`: the soft terms of the objective, each owned by a rule.
    - `auxiliary`: helper booleans and integers a rule needs to define a penalty exactly.
    - `switches`: only when diagnosing, one boolean per `Group` of hard constraints, which
      hold only while it is on; None otherwise, so a normal solve has no switch at all.
    - `floor`: the least objective a rule's own reasoning proves without a solve (0: none;
      every term of the objective is at least 0). The bound reported where the whole
      model proves less or is not run.
    """

    model: cp_model.CpModel
    penalties: list[Penalty] = field(default_factory=list)
    auxiliary: list[cp_model.IntVar] = field(default_factory=list)
    switches: dict[Group, cp_model.IntVar] | None = None
    floor: int = 0

    def new_penalty(self, rule: str, upper: int, coefficient: int, label: str) -> cp_model.IntVar:
        """An integer 0..upper counted `coefficient` times in the objective."""
        var = self.model.new_int_var(0, upper, f"pen[{rule}:{label}]")
        self.penalties.append(Penalty(rule, var, coefficient, label))
        return var

    def add_penalty(self, rule: str, expr: LinearExpr, coefficient: int, label: str) -> None:
        """Count an existing expression (e.g. `1 - x`) `coefficient` times in the objective."""
        self.penalties.append(Penalty(rule, expr, coefficient, label))

    def new_indicator(self, label: str) -> cp_model.IntVar:
        var = self.model.new_bool_var(f"aux[{label}]")
        self.auxiliary.append(var)
        return var

    def new_integer(self, label: str, upper: int) -> cp_model.IntVar:
        var = self.model.new_int_var(0, upper, f"aux[{label}]")
        self.auxiliary.append(var)
        return var

    def switch(self, group: Group) -> cp_model.IntVar | None:
        """The group's switch when diagnosing (made on first use); None otherwise."""
        if self.switches is None:
            return None
        found = self.switches.get(group)
        if found is None:
            found = self.model.new_bool_var(f"switch[{len(self.switches)}]")
            self.switches[group] = found
        return found


@dataclass
class Variables(PenaltyTerms):
    """The variable families of the roster model (penalties and helpers: `PenaltyTerms`).

    - `shift[officer_id, day, code]`: the officer works that tour on that day;
      only tours meant for the officer's team kind exist.
    - `works[officer_id, day]`: the officer works a tour that day (the number of
      tours, which is 0 or 1: one_tour_per_day can be neither disabled nor softened).
    - `team_tour[team_id, day, code]`: a response team works that tour as a unit
      (no tour true = the team's rest day).
    - `ward_variant[team_id, week, code]`: an SN ward team's start variant (an SN
      shift) for a week of the period; exactly one per week.
    """

    shift: dict[tuple[str, int, str], cp_model.IntVar] = field(default_factory=dict)
    works: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    team_tour: dict[tuple[str, int, str], cp_model.IntVar] = field(default_factory=dict)
    day_tours: dict[tuple[str, int], list[tuple[str, cp_model.IntVar]]] = field(
        default_factory=dict
    )
    team_day: dict[tuple[str, int], dict[str, cp_model.IntVar]] = field(default_factory=dict)
    team_codes: tuple[str, ...] = ()
    ward_variant: dict[tuple[str, int, str], cp_model.IntVar] = field(default_factory=dict)
    ward_week: dict[tuple[str, int], dict[str, cp_model.IntVar]] = field(default_factory=dict)
    ward_codes: tuple[str, ...] = ()

    @classmethod
    def create(cls, model: cp_model.CpModel, problem: ProblemData) -> Variables:
        variables = cls(model)
        for officer in problem.officers:
            o = officer.officer_id
            codes = [s.code for s in problem.eligible_shifts(officer)]
            for d in range(problem.num_days):
                day = [(code, model.new_bool_var(f"x[{o},{d},{code}]")) for code in codes]
                for code, var in day:
                    variables.shift[o, d, code] = var
                variables.day_tours[o, d] = day
                works = model.new_bool_var(f"works[{o},{d}]")
                variables.works[o, d] = works
                model.add(works == cp_model.LinearExpr.sum([var for _, var in day]))
        variables.team_codes = tuple(
            s.code for s in problem.shifts if s.works_for(TeamKind.RESPONSE)
        )
        variables.ward_codes = tuple(s.code for s in problem.sn_shifts())
        return variables

    def tours(self, officer_id: str, day: int) -> list[tuple[str, cp_model.IntVar]]:
        """(code, variable) of every tour the officer could work on the day."""
        return self.day_tours.get((officer_id, day), [])

    def team_tours(self, team_id: str, day: int) -> dict[str, cp_model.IntVar]:
        """code -> variable of the tours a response team may work as a unit on the day.

        Made on first use, so the family exists only when a rule needs team tours.
        """
        found = self.team_day.get((team_id, day))
        if found is None:
            found = {}
            for code in self.team_codes:
                var = self.model.new_bool_var(f"team[{team_id},{day},{code}]")
                self.team_tour[team_id, day, code] = var
                found[code] = var
            self.team_day[team_id, day] = found
        return found

    def ward_variants(self, team_id: str, week: int) -> dict[str, cp_model.IntVar]:
        """code -> variable of an SN ward team's start variant for a week; exactly one is true.

        Made on first use, so the family exists only when a rule needs it.
        """
        found = self.ward_week.get((team_id, week))
        if found is None:
            found = {}
            for code in self.ward_codes:
                var = self.model.new_bool_var(f"variant[{team_id},{week},{code}]")
                self.ward_variant[team_id, week, code] = var
                found[code] = var
            if found:
                self.model.add_exactly_one(found.values())
            self.ward_week[team_id, week] = found
        return found

    def tour(self, officer_id: str, day: int, shift: Shift | str) -> cp_model.IntVar | None:
        code = shift if isinstance(shift, str) else shift.code
        return self.shift.get((officer_id, day, code))
