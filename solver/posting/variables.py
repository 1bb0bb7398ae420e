"""Every decision variable of the posting model, in one typed container.

As in the roster model, rules never create variables themselves: they read
`assign` and ask for penalty or indicator variables through the helpers of
`PenaltyTerms`, so that the solution and any debugging see every variable here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from inputs.posting import PostingData, PostingOfficer
from solver.variables import PenaltyTerms

Which = Callable[[PostingOfficer], bool]
"""Which officers a rule counts, e.g. the probationer constables."""


@dataclass
class PostingVariables(PenaltyTerms):
    """The variable families of the posting model (penalties and helpers: `PenaltyTerms`).

    - `assign[officer_id, team_id]`: the officer is on that team next month; one per team
      the officer's rank can serve on (`PostingData.candidate_teams`), exactly one true.
    - `by_team[team_id]`: (officer, variable) of everyone who could be on the team.
    """

    assign: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    by_team: dict[str, list[tuple[PostingOfficer, cp_model.IntVar]]] = field(default_factory=dict)

    @classmethod
    def create(cls, model: cp_model.CpModel, data: PostingData) -> PostingVariables:
        variables = cls(model)
        for team in data.teams:
            variables.by_team[team.team_id] = []
        for officer in data.officers:
            o = officer.officer_id
            options = []
            for team_id in data.candidate_teams(officer):
                var = model.new_bool_var(f"assign[{o},{team_id}]")
                variables.assign[o, team_id] = var
                variables.by_team[team_id].append((officer, var))
                options.append(var)
            model.add_exactly_one(options)
        return variables

    def at(self, officer_id: str, team_id: str) -> cp_model.IntVar | None:
        """The officer is on the team; None when their rank cannot serve there."""
        return self.assign.get((officer_id, team_id))

    def stays(self, officer: PostingOfficer) -> cp_model.IntVar:
        """The officer stays on their own team."""
        return self.assign[officer.officer_id, officer.team]

    def count(self, team_id: str, which: Which) -> tuple[cp_model.LinearExpr, int]:
        """How many officers `which` accepts are on the team, and how many could be."""
        chosen = [var for officer, var in self.by_team[team_id] if which(officer)]
        return cp_model.LinearExpr.sum(chosen), len(chosen)
