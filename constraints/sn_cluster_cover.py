"""sn_cluster_cover: every SN cluster has N officers on duty in every hour of its window.

The Safer Neighbourhoods Deployment Protocol asks cluster inspectors for 16/7
SN cover: by default every hour from 07:00 to 23:00, every day, needs at
least `value` (1) SN officers of the cluster's ward teams on duty, counting
tours that started the day before (a History tour included). The Clusters
sheet may set another window or minimum per cluster. When soft, each officer
short in an hour costs the weight.
"""

from __future__ import annotations

from constraints.base import Rule, Violation
from constraints.cover import add_cover, check_cover
from inputs.catalogue import RuleSpec
from inputs.problem import CoverRow, ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel

SPEC = RuleSpec(
    name="sn_cluster_cover",
    summary="Every SN cluster has at least N SN officers on duty in every hour of its window "
    "(default 07:00-23:00, every day).",
    default=RuleSetting(hard=True, weight=200, value=1),
    unit="SN officer short in an hour of a cluster's window",
    value_help="SN officers on duty (the Clusters sheet may set it per cluster)",
    value_max=50,
)


CLUSTERS = "Clusters"


def windows(problem: ProblemData, setting: RuleSetting) -> list[CoverRow]:
    """One hour-based cover row per cluster: its window, every day, its minimum."""
    default = int(setting.value if setting.value is not None else 1)
    rows = []
    for name in problem.cluster_names:
        cluster = problem.cluster(name)
        rows.append(
            CoverRow(
                row=cluster.row,
                cluster=name,
                day="all",
                from_hour=cluster.from_hour,
                to_hour=cluster.to_hour % 24 or 24,
                min=cluster.min if cluster.min is not None else default,
            )
        )
    return rows


def _need(row: CoverRow) -> int:
    return row.min


def _label(row: CoverRow) -> str:
    return f"SN cluster {row.cluster}"


def add(model: RosterModel, setting: RuleSetting) -> None:
    add_cover(model, setting, SPEC.name, _need, windows(model.problem, setting), sheet=CLUSTERS)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    rows = windows(problem, setting)
    return check_cover(problem, roster, setting, SPEC.name, _need, rows, _label)


RULE = Rule(SPEC, add, check)
