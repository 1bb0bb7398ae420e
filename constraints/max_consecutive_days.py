"""max_consecutive_days: no more than N working days in a row.

Runs that began before the period count their History days; a History day
that is not filled in counts as a day off. An officer's own limit
(Officers.max_consecutive_days) replaces the rule's value for them.
"""

from __future__ import annotations

from constraints import days
from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import HISTORY_MAX_DAYS, ProblemData, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import officer_group

SPEC = RuleSpec(
    name="max_consecutive_days",
    summary="At most N working days in a row, counting History days before the period.",
    default=RuleSetting(hard=True, weight=100, value=7),
    unit="day beyond the limit",
    value_help="days",
    value_min=1,
    value_max=28,
    per_officer=True,
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    for officer in model.problem.officers:
        o, limit = officer.officer_id, officer.own("max_consecutive_days", _limit(setting))
        group = officer_group(SPEC.name, officer)
        for first in range(-limit, model.problem.num_days - limit):
            window = [days.worked_literal(model, o, d) for d in range(first, first + limit + 1)]
            literals = [False if lit is None else lit for lit in window]
            model.forbid_together(SPEC.name, setting, literals, f"{o} from {first}", group=group)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for officer in problem.officers:
        o, limit = officer.officer_id, officer.own("max_consecutive_days", _limit(setting))
        run_start = None
        for day in range(-max(limit, HISTORY_MAX_DAYS), problem.num_days + 1):
            working = day < problem.num_days and bool(days.worked(problem, roster, o, day))
            if working and run_start is None:
                run_start = day
            if not working and run_start is not None:
                length, last = day - run_start, day - 1
                excess = min(length - limit, last + 1)  # days in the period beyond the limit
                if excess > 0:
                    violations.append(
                        Violation(
                            SPEC.name,
                            excess,
                            f"works {length} days in a row, {problem.day_text(run_start)} to "
                            f"{problem.day_text(last)}; expected at most {limit}",
                            o,
                            problem.days[last],
                        )
                    )
                run_start = None
    return violations


def _limit(setting: RuleSetting) -> int:
    return int(setting.value if setting.value is not None else 7)


RULE = Rule(SPEC, add, check)
