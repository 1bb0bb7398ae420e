"""The CP-SAT model of a posting panel: the data, the CP-SAT model and its variables.

Rules state themselves with the idioms shared with the roster model
(`ModelIdioms`: hard or soft as the PostingRules sheet sets, soft penalties exact).
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from inputs.posting import PostingData
from solver.model import ModelIdioms
from solver.posting.variables import PostingVariables


@dataclass
class PostingModel(ModelIdioms):
    data: PostingData
    cp: cp_model.CpModel
    vars: PostingVariables

    @classmethod
    def empty(cls, data: PostingData, diagnosing: bool = False) -> PostingModel:
        """A model with the assignment variables; `diagnosing` gives hard groups switches."""
        cp = cp_model.CpModel()
        variables = PostingVariables.create(cp, data)
        if diagnosing:
            variables.switches = {}
        return cls(data, cp, variables)
