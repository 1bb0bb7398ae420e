"""What the flex rules share: their type and how they name officers and request rows."""

from __future__ import annotations

from constraints.base import Rule
from inputs.flex import FlexData, FlexPlan
from inputs.problem import FlexRequestRow
from solver.flex.model import FlexModel

FlexRule = Rule[FlexModel, FlexData, FlexPlan]
"""A rule of the flex model, judged on a flex plan."""


def who(data: FlexData, officer_id: str) -> str:
    """'PCSO P1 (Abbey)': rank, id and home ward, as a resource manager reads a plan."""
    officer = data.officer_by_id.get(officer_id)
    if officer is None:
        return officer_id
    return f"{officer.rank.value} {officer_id} ({officer.ward})"


def row_text(row: FlexRequestRow) -> str:
    """'request F1 (row 3: 2 PC on SL for Abbey)'."""
    return (
        f"request {row.request_id} (row {row.row}: {row.officers} {row.rank.value} on "
        f"{row.shift} for {row.ward})"
    )
