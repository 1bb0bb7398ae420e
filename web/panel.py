"""What the Posting panel page shows of a `roster post` run, computed once by the worker.

The proposals with their reasons come from `app.posting` (the same lines the Proposals
sheet lists); the teams before and after use the Teams sheet's own measures, so the page
and the proposals workbook always agree.
"""

from __future__ import annotations

from typing import Any

from app.posting import PostingRun
from inputs.posting import PostingData
from outputs import styles
from outputs.posting_workbook import MISSED, _bound, _measures
from web.results import figures, rule_rows

Summary = dict[str, Any]


def posting_summary(run: PostingRun) -> Summary:
    """Everything the Posting panel page shows of a run that found a proposal."""
    data, after, report = run.data, run.result.allocation, run.report
    assert after is not None and report is not None
    names = {o.officer_id: o.name for o in data.officers}
    return {
        "figures": figures(run.result.figures, report),
        "moves": len(after.moves(data.before)),
        "available": sum(o.available for o in data.officers),
        "approved": len(data.approved),
        "rejected": len(data.rejected),
        "lines": [
            {
                "officer_id": line.officer_id,
                "name": names[line.officer_id],
                "rank": data.officer_by_id[line.officer_id].rank.value,
                "from": line.from_team,
                "to": line.to_team,
                "reasons": list(line.reasons),
                "costs": list(line.costs),
                "change": line.change,
                "decision": line.decision.value if line.decision else None,
                "proposed": line.proposed,
            }
            for line in run.lines
        ],
        "teams": teams_before_after(data, after),
        "rules": rule_rows(report, names),
        "probationer_limit": data.rule("probationer_share").value or 0.25,
        "diagnosis": [],
    }


def teams_before_after(data: PostingData, after: Any) -> Summary:
    """The Teams before & after sheet as rows: each measure before, after, what it is held
    to, and whether the after figure misses (amber) or breaks (red) a rule."""
    measures = _measures(data)
    rows = []
    for team in data.teams:
        cells = []
        for m in measures:
            before, now = m.value(data, data.before, team), m.value(data, after, team)
            breach = m.breach(data, now, team) if now is not None else None
            cells.append(
                {
                    "before": before,
                    "after": now,
                    "bound": _bound(data, team, m.heading),
                    "state": _state(breach),
                }
            )
        rows.append({"team": team.team_id, "kind": team.kind.value, "cells": cells})
    formats = [_format_of(m.number_format) for m in measures]
    return {"headings": [m.heading for m in measures], "formats": formats, "rows": rows}


def _state(breach: str | None) -> str | None:
    if breach is None:
        return None
    return "missed" if breach == MISSED else "broken"


def _format_of(number_format: str | None) -> str:
    if number_format == styles.SHARE_FORMAT:
        return "percent"
    if number_format == styles.HOURS_FORMAT:
        return "decimal"
    return "count"
