"""absences: no tour on a day of leave, training, court, sickness or aid (always hard)."""

from __future__ import annotations

import pytest

from constraints.registry import catalogue
from tests.builders import make_problem, officer
from tests.rules.helpers import OFF, absence, judge, requests, rota, row, rules, solved

RULE = "absences"

CHECKER_CASES = [
    # A is on leave Wed (day 2) and rests that day.
    pytest.param(rota(A="E E - E", B="E E E E"), [absence("A", 2)], [], id="rests-when-absent"),
    # A works E on Wed, an annual-leave day: one tour on an absence day = 1, A, day 2.
    pytest.param(rota(A="E E E E", B="E E E E"), [absence("A", 2)], [("A", 2, 1)], id="works"),
    # Training Tue-Thu, A works a night on Tue and a late on Thu: 2 violations of 1.
    pytest.param(
        rota(A="E N - L"),
        [absence("A", 1, 3, "training")],
        [("A", 1, 1), ("A", 3, 1)],
        id="two-days-of-a-block",
    ),
    # Two tours on one absence day: each tour is one violation (1 + 1 = 2).
    pytest.param(rota(A="- E+L - -"), [absence("A", 1, kind="court")], [("A", 1, 1)] * 2, id="e+l"),
    # A night on the day before leave ends on the leave day; it started before: no violation.
    pytest.param(rota(A="N - - -"), [absence("A", 1, kind="sick")], [], id="night-before-leave"),
    # B's absence does not stop A working.
    pytest.param(rota(A="E E E E", B="- - - -"), [absence("B", 0, 3)], [], id="other-officer"),
    # Leave before the period (29 Dec 2025 - 4 Jan 2026) is not judged.
    pytest.param(rota(A="E E E E"), [absence("A", -7, -1)], [], id="before-the-period"),
]


@pytest.mark.parametrize(("roster", "absences", "expected"), CHECKER_CASES)
def test_checker(roster, absences, expected):
    assert judge(RULE, roster, absences=absences) == expected


def test_is_always_hard_and_always_on():
    spec = catalogue()[RULE]
    assert spec.default.hard
    assert not spec.can_soften
    assert not spec.can_disable


# A asks for E on all three days (weight 1, the requests rule weighs 5) and is on annual
# leave on Tue (day 1). With the rule the Tue request is refused: 1 x 5 = 5 and A rests on
# Tue. With the rule's constraint left out (it cannot be disabled in a workbook) A works
# every day: objective 0, which shows the rule is what keeps Tue free.
MODEL_CASES = [
    pytest.param(None, 5, "E - E", id="on"),
    pytest.param(OFF, 0, "E E E", id="off"),
]


@pytest.mark.parametrize(("chosen", "objective", "expected"), MODEL_CASES)
def test_model(chosen, objective, expected):
    problem = make_problem(
        [officer("A")],
        days=3,
        absences=[absence("A", 1)],
        requests=requests("A", "E E E"),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert row(checked.roster, "A") == expected
