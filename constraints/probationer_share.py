"""probationer_share: probationers are at most a share of the constables on a response tour.

Probationers are constables (PC) with under two years' service on the first day
of the period; the share is of all PCs on the tour, probationers included (25%:
at most 1 in 4). When soft, each probationer above the share costs the weight
(a share of 0.5 probationer above counts as one).
"""

from __future__ import annotations

import math

from constraints import response_tours
from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import ProblemData, Rank, RuleSetting
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import Group

SPEC = RuleSpec(
    name="probationer_share",
    summary="Probationers (under 2 years' service) at most this share of the constables on "
    "a response tour.",
    default=RuleSetting(hard=True, weight=200, value=0.25),
    unit="probationer above the share on a tour",
    value_help="a share of the constables, e.g. 0.25",
    value_max=1,
)
HUNDREDTHS = 100


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem, share = model.problem, _share(setting)
    constables = [o for o in response_tours.officers(problem) if o.rank == Rank.PC]
    learners = [o for o in constables if problem.is_probationer(o)]
    for day, code in response_tours.tours(problem):
        probationers = response_tours.on_tour(model, learners, day, code)
        if not probationers:
            continue
        all_pcs = sum(response_tours.on_tour(model, constables, day, code))
        over = HUNDREDTHS * sum(probationers) - share * all_pcs
        if setting.hard:
            model.require(model.cp.add(over <= 0), Group(SPEC.name, day=day, detail=code))
            continue
        most = HUNDREDTHS * len(probationers)
        scaled = model.vars.new_integer(f"probationer_share:{day} {code}", most)
        model.cp.add_max_equality(scaled, [over, 0])
        above = model.vars.new_penalty(
            SPEC.name, len(probationers), setting.weight, f"{day} {code}"
        )
        model.cp.add_division_equality(above, scaled + HUNDREDTHS - 1, HUNDREDTHS)


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    share = _share(setting)
    constables = [o for o in response_tours.officers(problem) if o.rank == Rank.PC]
    violations = []
    for day, code in response_tours.tours(problem):
        on = response_tours.rostered(roster, constables, day, code)
        learners = sum(problem.is_probationer(o) for o in on)
        over = HUNDREDTHS * learners - share * len(on)
        if over > 0:
            violations.append(
                Violation(
                    SPEC.name,
                    math.ceil(over / HUNDREDTHS),
                    f"{learners} probationer(s) among {len(on)} constables on the response "
                    f"{code} on {problem.day_text(day)}; expected at most {share}%",
                    None,
                    problem.days[day],
                )
            )
    return violations


def _share(setting: RuleSetting) -> int:
    """The share in hundredths, so the model stays in whole numbers."""
    return round(HUNDREDTHS * (setting.value if setting.value is not None else 0.25))


RULE = Rule(SPEC, add, check)
