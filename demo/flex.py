"""A flex request for a generated borough, so that `roster flex` can be tried on the demo.

The first ward of the first cluster has a problem on its late tours (anti-social
behaviour in the evening economy, say): for `weeks` weeks from the period's second
Monday it asks for 2 PCs and 1 PCSO on the late SN tour and 1 PCSO on the early
one, from the other wards of its own cluster and of the next (the wards the SN
SMT lead would approve first: close by).
"""

from __future__ import annotations

from datetime import timedelta

from inputs.problem import FlexRequestRow, ProblemData, Rank, TeamKind

REQUEST_ID = "F1"
PROBLEM = "ASB in the evening economy around the station"
AUTHORISED_BY = "Supt R Okafor"
NEEDS = (("SL", Rank.PC, 2), ("SL", Rank.PCSO, 1), ("SE", Rank.PCSO, 1))
"""(shift, rank, officers per day) of each row of the request."""


def with_flex_request(problem: ProblemData, weeks: int = 3) -> ProblemData:
    """The borough with one flex request of `weeks` weeks (or to the period's end)."""
    clusters = problem.cluster_names
    wards = [t.ward for c in clusters[:2] for t in problem.cluster_teams(c) if t.ward]
    receiving, donors = wards[0], frozenset(wards[1:])
    first = 7 if problem.num_days >= 14 + 7 else 0
    last = min(problem.num_days, first + 7 * weeks) - 1
    shifts = {s.code for s in problem.shifts if s.works_for(TeamKind.SN)}
    rows = tuple(
        FlexRequestRow(
            row=number,
            request_id=REQUEST_ID,
            ward=receiving,
            problem=PROBLEM,
            start=problem.days[0] + timedelta(days=first),
            end=problem.days[0] + timedelta(days=last),
            shift=shift,
            rank=rank,
            officers=officers,
            donor_wards=donors,
            authorised_by=AUTHORISED_BY,
        )
        for number, (shift, rank, officers) in enumerate(
            (need for need in NEEDS if need[0] in shifts), start=2
        )
    )
    return problem.model_copy(update={"flex_requests": rows})
