"""one_tour_per_day: at most one tour starts per officer per day (always hard)."""

from __future__ import annotations

import pytest

from constraints.registry import catalogue
from tests.builders import make_problem, officer
from tests.rules.helpers import OFF, cover, judge, rota, row, rules, solved

RULE = "one_tour_per_day"

CHECKER_CASES = [
    pytest.param(rota(A="E L N -", B="- E L N"), [], id="one-tour-a-day-is-clean"),
    # E+L on Tue: 2 tours - 1 = 1 extra tour, charged to A on day 1.
    pytest.param(rota(A="E E+L - -", B="E E - -"), [("A", 1, 1)], id="two-tours-one-day"),
    # E+L+N on Thu: 3 tours - 1 = 2 extra tours in one violation.
    pytest.param(rota(A="- - - E+L+N", B="- - - -"), [("A", 3, 2)], id="three-tours-one-day"),
    # A night that crosses midnight is still one tour of the day it starts on.
    pytest.param(rota(A="N N N N"), [], id="nights-are-one-tour-each"),
]


@pytest.mark.parametrize(("roster", "expected"), CHECKER_CASES)
def test_checker(roster, expected):
    assert judge(RULE, roster) == expected


def test_is_always_hard_and_always_on():
    spec = catalogue()[RULE]
    assert spec.default.hard
    assert not spec.can_soften
    assert not spec.can_disable


# One officer, one day, a cover target of 1 on E and 1 on L (weight 20 each). Only one
# tour can be worked: one target missed, 1 x 20 = 20. The rule cannot be switched off
# (can_disable is False) and the model's `works` (a 0/1 variable equal to the number of
# tours) keeps one tour a day even with the rule's own constraint left out: same result.
MODEL_CASES = [
    pytest.param(None, id="on"),
    pytest.param(OFF, id="off-still-one-tour"),
]


@pytest.mark.parametrize("chosen", MODEL_CASES)
def test_model(chosen):
    problem = make_problem(
        [officer("A")],
        days=1,
        cover=[cover(shift="E", target=1), cover(shift="L", target=1, row=3)],
        rules=rules(RULE, chosen, "cover_target"),
    )
    checked = solved(problem)
    assert checked.result.objective == 20
    assert checked.result.rule_penalties == {"cover_target": 20}
    assert row(checked.roster, "A") in ("E", "L")


def test_two_officers_meet_both_targets():
    # Control for test_model: with a second officer both targets are met, objective 0.
    problem = make_problem(
        [officer("A"), officer("B")],
        days=1,
        cover=[cover(shift="E", target=1), cover(shift="L", target=1, row=3)],
        rules=rules(RULE, None, "cover_target"),
    )
    checked = solved(problem)
    assert checked.result.objective == 0
    assert sorted([row(checked.roster, "A"), row(checked.roster, "B")]) == ["E", "L"]
