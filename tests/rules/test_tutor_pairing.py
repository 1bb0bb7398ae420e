"""tutor_pairing: a probationer with a tutor_id works exactly the tutor's tours.

P1's tutor is T1; both are constables of R1.
"""

from __future__ import annotations

import pytest

from tests.builders import make_problem, officer
from tests.rules.helpers import (
    OFF,
    absence,
    assert_agrees,
    cover,
    judge,
    pinned,
    rota,
    rules,
    soft,
    solved,
)

RULE = "tutor_pairing"
PAIR = [officer("T1"), officer("P1", tutor_id="T1")]

CHECKER = [
    pytest.param(rota(T1="E L -", P1="E L -"), [], [], id="together"),
    pytest.param(rota(T1="E L -", P1="E - -"), [], [("P1", 1, 1)], id="rests-while-tutor-works"),
    pytest.param(rota(T1="E L -", P1="L L -"), [], [("P1", 0, 1)], id="other-tour"),
    pytest.param(rota(T1="- - -", P1="- - N"), [], [("P1", 2, 1)], id="works-alone"),
    # P1 on leave on day 1: not judged that day.
    pytest.param(rota(T1="E L -", P1="E - -"), [absence("P1", 1)], [], id="probationer-absent"),
    # T1 on leave on day 1 (and not rostered): P1 must rest, and does.
    pytest.param(rota(T1="E - E", P1="E - E"), [absence("T1", 1)], [], id="tutor-absent"),
]


@pytest.mark.parametrize(("roster", "absences", "expected"), CHECKER)
def test_checker(roster, absences, expected):
    assert judge(RULE, roster, officers=PAIR, absences=absences) == expected


@pytest.mark.parametrize(("roster", "absences", "expected"), CHECKER)
def test_model_agrees_with_checker(roster, absences, expected):
    assert_agrees(pinned(RULE, roster, officers=PAIR, absences=absences), expected)


MODEL = [
    # Target 2 on E for 3 days (20 per officer short); T1 is on leave on day 1, so P1
    # rests too: 2 short x 20 = 40.
    pytest.param(None, 40, id="hard"),
    # Soft x7: P1 works day 1 without the tutor: 1 short x 20 + 1 day apart x 7 = 27 < 40.
    pytest.param(soft(RULE, 7), 27, id="soft"),
    pytest.param(OFF, 20, id="off"),
]


@pytest.mark.parametrize(("chosen", "objective"), MODEL)
def test_model(chosen, objective):
    problem = make_problem(
        PAIR,
        days=3,
        cover=[cover(shift="E", target=2)],
        absences=[absence("T1", 1)],
        rules=rules(RULE, chosen, "cover_target"),
    )
    assert solved(problem).result.objective == objective
