"""min_consecutive_days: working days come in runs of at least N.

A run of worked days shorter than N, with a day without a tour on each side,
costs (N - its length). A run that touches the end of the period, or the start
when History does not say what came before, is not judged: it may continue
outside the period (the benchmark convention of Curtois and Qu: unlimited
working days before and after the horizon). Absence days are days without a
tour. An officer's own minimum (Officers.min_consecutive_days) replaces the
rule's value for them; the default value 1 asks nothing of anyone else.
"""

from __future__ import annotations

from constraints import days
from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="min_consecutive_days",
    summary="Working days come in runs of at least N (officers' own minima apply); each "
    "day short in a run is penalised.",
    default=RuleSetting(hard=False, weight=10, value=1),
    unit="day short in a run of working days",
    value_help="days",
    value_min=1,
    value_max=14,
    per_officer=True,
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    for officer in model.problem.officers:
        o, want = officer.officer_id, officer.own("min_consecutive_days", _want(setting))
        group = officer_group(SPEC.name, officer)
        for block, literals in days.short_run_patterns(model, o, want, working=True):
            label = f"{o} {len(block)} worked from {block.start}"
            model.forbid_together(SPEC.name, setting, literals, label, want - len(block), group)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer in problem.officers:
        o, want = officer.officer_id, officer.own("min_consecutive_days", _want(setting))
        for first, last in days.short_runs(problem, roster, o, want, working=True):
            length = last - first + 1
            violations.append(
                Violation(
                    SPEC.name,
                    want - length,
                    f"{length} working day(s) from {problem.day_text(first)} between days "
                    f"off; expected runs of at least {want}",
                    o,
                    problem.days[max(first, 0)],
                )
            )
    return violations


def _want(setting: RuleSetting) -> int:
    return int(setting.value if setting.value is not None else 1)


RULE = Rule(SPEC, add, check)
