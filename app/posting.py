"""The posting panel's job as plain functions: read, solve, re-check, explain, write.

`roster post` (and later the web application) call these, so the order of the steps and
what is re-checked live in one place, as `app.pipeline` does for the roster.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from constraints.findings import Reason, rules_of
from constraints.posting.diagnosis import check_posting_capacity, explain_posting
from constraints.posting.registry import catalogue
from constraints.posting.report import ProposalLine, check_posting, proposal_lines
from constraints.report import Report
from inputs.posting import Allocation, PostingData
from inputs.posting_reader import read_posting
from solver.best_effort import CONFLICTS, relaxed, solve_relaxing
from solver.diagnose import MAX_CONFLICTS, Diagnosis
from solver.posting.diagnose import diagnose_posting
from solver.posting.solve import PostingResult, solve_posting
from solver.solve import Progress, SolverParams, Status, unsolved


@dataclass
class PostingRun:
    """Everything the proposals workbook and the terminal summary need."""

    data: PostingData
    """As solved: in a best-effort run, with the conflicting hard rules relaxed."""
    result: PostingResult
    """Status infeasible and no allocation when the capacity checks showed the panel
    impossible before any solving."""
    report: Report | None
    lines: list[ProposalLine]
    reasons: list[Reason] = field(default_factory=list)
    """Why the hard rules cannot all hold (capacity checks, proven conflicts)."""
    diagnosis: Diagnosis | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    """Time taken by the capacity checks and the diagnosis."""

    @property
    def relaxed(self) -> tuple[str, ...]:
        return tuple(name for name, s in self.data.rules.items() if s.relaxed)

    @property
    def infeasible(self) -> bool:
        return self.result.allocation is None and self.result.figures.status == Status.INFEASIBLE


def load(path: Path, decisions: Path | None = None) -> PostingData:
    """The validated panel input; `InputError` lists every problem in the workbook(s)."""
    return read_posting(path, catalogue(), decisions)


def run(
    data: PostingData,
    params: SolverParams,
    on_progress: Callable[[Progress], None] | None = None,
    best_effort: bool = False,
) -> PostingRun:
    """Count capacity, solve, diagnose an impossible panel, then re-check the proposal with
    the checkers and explain each move. With `best_effort`, the hard rules found in
    conflict are relaxed into breach-weighted penalties until a proposal comes back."""
    started = time.perf_counter()
    reasons = check_posting_capacity(data)
    found = PostingRun(data, PostingResult(unsolved(params), None), None, [], list(reasons))
    found.seconds["capacity"] = time.perf_counter() - started
    if reasons and not best_effort:
        return found

    def diagnose(data: PostingData) -> Diagnosis:
        started = time.perf_counter()
        most, by_rule = (CONFLICTS, True) if best_effort else (MAX_CONFLICTS, False)
        found.diagnosis = diagnose_posting(data, params, most, by_rule)
        found.reasons += explain_posting(data, found.diagnosis)
        found.seconds["diagnosis"] = time.perf_counter() - started
        return found.diagnosis

    found.data, found.result = solve_relaxing(
        relaxed(data, rules_of(reasons), catalogue()),
        lambda data: solve_posting(data, params, on_progress),
        lambda result: result.figures.status == Status.INFEASIBLE,
        diagnose,
        best_effort,
        catalogue(),
    )
    after = found.result.allocation
    if after is not None:
        found.report = check_posting(found.data, after)
        found.lines = proposal_lines(found.data, after)
    return found


def approved_allocation(data: PostingData) -> Allocation:
    """The teams with only the moves the panel has approved: what `--apply` writes."""
    moves = {p.officer_id: p.to_team for p in data.approved.values()}
    return Allocation({**data.before.teams, **moves})
