"""min_consecutive_rest_days: rest comes in blocks of at least N days.

A block of days off shorter than N, with a worked day on each side, costs
(N - its length). A block that touches the end of the period, or the start
when History does not say what came before, is not judged: it may continue
outside the period. A block made only of absence days (a single day of annual
leave, say) is not a rest block and is not judged either; a fixed day off
(absence type day_off) is rest. An officer's own minimum
(Officers.min_rest_days) replaces the rule's value for them.
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
    name="min_consecutive_rest_days",
    summary="Rest days come in blocks of at least N; each day short in a block is penalised.",
    default=RuleSetting(hard=False, weight=10, value=2),
    unit="day short in a block of rest",
    value_help="days",
    value_min=1,
    value_max=7,
    per_officer=True,
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem = model.problem
    for officer in problem.officers:
        o, want = officer.officer_id, officer.own("min_rest_days", _want(setting))
        group = officer_group(SPEC.name, officer)
        for block, literals in days.short_run_patterns(model, o, want, working=False):
            if all(days.absent(problem, o, d) for d in block):
                continue
            label = f"{o} {len(block)} off from {block.start}"
            model.forbid_together(SPEC.name, setting, literals, label, want - len(block), group)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer in problem.officers:
        o, want = officer.officer_id, officer.own("min_rest_days", _want(setting))
        for first, last in days.short_runs(problem, roster, o, want, working=False):
            if all(days.absent(problem, o, d) for d in range(first, last + 1)):
                continue
            length = last - first + 1
            violations.append(
                Violation(
                    SPEC.name,
                    want - length,
                    f"{length} day(s) off on {problem.day_text(first)} between worked days; "
                    f"expected blocks of at least {want}",
                    o,
                    problem.days[max(first, 0)],
                )
            )
    return violations


def _want(setting: RuleSetting) -> int:
    return int(setting.value if setting.value is not None else 2)


RULE = Rule(SPEC, add, check)
