"""The CP-SAT model of a flex plan: the data, the variables and the rules' idioms."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from inputs.flex import FlexData
from solver.flex.variables import FlexVariables
from solver.model import ModelIdioms


@dataclass
class FlexModel(ModelIdioms):
    data: FlexData
    cp: cp_model.CpModel
    vars: FlexVariables

    @classmethod
    def empty(cls, data: FlexData) -> FlexModel:
        cp = cp_model.CpModel()
        return cls(data, cp, FlexVariables.create(cp, data))
