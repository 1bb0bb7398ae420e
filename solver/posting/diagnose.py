"""Why the hard posting rules cannot all hold: the roster's conflict search
(`solver.diagnose`) on the posting model."""

from __future__ import annotations

import time

from constraints.posting.registry import RULES
from inputs.posting import PostingData
from solver.diagnose import MAX_CONFLICTS, Diagnosis, search_model
from solver.posting.model import PostingModel
from solver.solve import SolverParams


def diagnose_posting(
    data: PostingData, params: SolverParams, most: int = MAX_CONFLICTS, by_rule: bool = False
) -> Diagnosis:
    """Conflicts among the posting panel's hard rules, each group a team or an officer."""
    started = time.perf_counter()
    model = PostingModel.empty(data, diagnosing=True)
    for rule in RULES:
        setting = data.rule(rule.name)
        if setting.enabled and setting.hard:
            rule.add(model, setting)
    return search_model(model, params, started, most, by_rule)
