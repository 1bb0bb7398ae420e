"""supervision: at least `value` PS/Insp on every response tour that anyone works.

A is a sergeant, B and C constables, all of response team R1.
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
    setting,
    soft,
    solved,
)

RULE = "supervision"
TEAM = [officer("A", rank="PS"), officer("B"), officer("C")]

CHECKER = [
    # B alone on E on day 0: 1 supervisor short.
    pytest.param(rota(A="- -", B="E -", C="- -"), None, [(None, 0, 1)], id="constable-alone"),
    pytest.param(rota(A="E -", B="E -", C="- -"), None, [], id="with-sergeant"),
    # Nobody on a tour needs nobody; a sergeant alone is supervised.
    pytest.param(rota(A="L -", B="- -", C="- -"), None, [], id="sergeant-alone"),
    # Two tours on day 1 without a sergeant: 1 + 1.
    pytest.param(rota(A="- -", B="- E", C="- N"), None, [(None, 1, 1), (None, 1, 1)], id="two"),
    # value 2: A and B on E have one supervisor of two: 1 short.
    pytest.param(rota(A="E -", B="E -", C="- -"), 2, [(None, 0, 1)], id="value-2"),
]


@pytest.mark.parametrize(("roster", "value", "expected"), CHECKER)
def test_checker(roster, value, expected):
    chosen = setting(RULE, value=value) if value else None
    assert judge(RULE, roster, chosen, officers=TEAM) == expected


@pytest.mark.parametrize(("roster", "value", "expected"), CHECKER)
def test_model_agrees_with_checker(roster, value, expected):
    chosen = setting(RULE, value=value) if value else None
    assert_agrees(pinned(RULE, roster, chosen, officers=TEAM), expected)


MODEL = [
    # Target 1 constable on E each of 3 days (20 per officer short); the sergeant is on
    # leave on day 1, so B cannot work then: 1 short x 20 = 20.
    pytest.param(None, 20, id="hard"),
    # Soft x7: B works day 1 unsupervised, 1 x 7 = 7 < 20.
    pytest.param(soft(RULE, 7), 7, id="soft"),
    pytest.param(OFF, 0, id="off"),
]


@pytest.mark.parametrize(("chosen", "objective"), MODEL)
def test_model(chosen, objective):
    problem = make_problem(
        [officer("A", rank="PS"), officer("B")],
        days=3,
        cover=[cover(shift="E", target=1, ranks={"PC"})],
        absences=[absence("A", 1)],
        rules=rules(RULE, chosen, "cover_target"),
    )
    assert solved(problem).result.objective == objective
