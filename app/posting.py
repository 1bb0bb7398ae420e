"""The posting panel's job as plain functions: read, solve, re-check, explain, write.

`roster post` (and later the web application) call these, so the order of the steps and
what is re-checked live in one place, as `app.pipeline` does for the roster.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from constraints.posting import establishment_max
from constraints.posting.registry import catalogue
from constraints.posting.report import ProposalLine, check_posting, proposal_lines
from constraints.report import Report
from inputs.posting import Allocation, PostingData
from inputs.posting_reader import read_posting
from solver.posting.solve import PostingResult, solve_posting
from solver.solve import Progress, SolverParams


@dataclass
class PostingRun:
    """Everything the proposals workbook and the terminal summary need."""

    data: PostingData
    result: PostingResult
    report: Report | None
    lines: list[ProposalLine]


def load(path: Path, decisions: Path | None = None) -> PostingData:
    """The validated panel input; `InputError` lists every problem in the workbook(s)."""
    return read_posting(path, catalogue(), decisions)


def run(
    data: PostingData,
    params: SolverParams,
    on_progress: Callable[[Progress], None] | None = None,
) -> PostingRun:
    """Solve, then re-check the proposal with the checkers and explain each move."""
    result = solve_posting(data, params, on_progress)
    after = result.allocation
    if after is None:
        return PostingRun(data, result, None, [])
    return PostingRun(data, result, check_posting(data, after), proposal_lines(data, after))


def approved_allocation(data: PostingData) -> Allocation:
    """The teams with only the moves the panel has approved: what `--apply` writes."""
    moves = {p.officer_id: p.to_team for p in data.approved.values()}
    return Allocation({**data.before.teams, **moves})


def cannot_be_met(data: PostingData) -> list[str]:
    """Plain reasons the hard rules cannot all hold, where the data alone shows them: a team
    whose officers who must stay (not available, or approved to join) exceed a maximum."""
    setting = data.rule(establishment_max.SPEC.name)
    if not (setting.enabled and setting.hard):
        return []
    fixed = approved_allocation(data)
    found = []
    for team in data.teams:
        for rank, most in team.maxima.items():
            staying = [
                o
                for o in fixed.members(team.team_id)
                if data.officer_by_id[o].rank == rank
                and (not data.officer_by_id[o].available or o in data.approved)
            ]
            if len(staying) > most:
                officers = f"{len(staying)} {rank}" + ("s" if len(staying) > 1 else "")
                found.append(
                    f"{team.team_id} (Teams row {team.row}) must hold {officers} not available "
                    f"for posting or approved to join it, above max_{rank} {most}"
                )
    return found
