"""experienced_with_probationer: a response tour with a probationer has someone of 5+ years.

Period from Mon 5 Jan 2026: P1 joined in 2025 (probationer), M1 in 2022 (neither),
V1 in 2015 (experienced).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import make_problem, officer
from tests.rules.helpers import OFF, assert_agrees, cover, judge, pinned, rota, rules, soft, solved

RULE = "experienced_with_probationer"
PEOPLE = [
    officer("P1", service_start=date(2025, 1, 1)),
    officer("M1", service_start=date(2022, 1, 1)),
    officer("V1", rank="PS", service_start=date(2015, 1, 1)),
]

CHECKER = [
    pytest.param(rota(P1="E", M1="-", V1="-"), [(None, 0, 1)], id="alone"),
    pytest.param(rota(P1="E", M1="E", V1="-"), [(None, 0, 1)], id="with-four-years"),
    pytest.param(rota(P1="E", M1="-", V1="E"), [], id="with-a-veteran-sergeant"),
    pytest.param(rota(P1="E", M1="-", V1="L"), [(None, 0, 1)], id="veteran-on-another-tour"),
    pytest.param(rota(P1="-", M1="N", V1="-"), [], id="no-probationer"),
]


@pytest.mark.parametrize(("roster", "expected"), CHECKER)
def test_checker(roster, expected):
    assert judge(RULE, roster, officers=PEOPLE) == expected


@pytest.mark.parametrize(("roster", "expected"), CHECKER)
def test_model_agrees_with_checker(roster, expected):
    assert_agrees(pinned(RULE, roster, officers=PEOPLE), expected)


MODEL = [
    # Target 2 on E for one day (20 per officer short), only P1 and M1: P1 may not work
    # without an experienced officer, so M1 alone: 1 short x 20 = 20.
    pytest.param(None, 20, id="hard"),
    # Soft x7: both work, 1 tour without experience x 7 = 7 < 20.
    pytest.param(soft(RULE, 7), 7, id="soft"),
    pytest.param(OFF, 0, id="off"),
]


@pytest.mark.parametrize(("chosen", "objective"), MODEL)
def test_model(chosen, objective):
    problem = make_problem(
        PEOPLE[:2],
        days=1,
        cover=[cover(shift="E", target=2)],
        rules=rules(RULE, chosen, "cover_target"),
    )
    assert solved(problem).result.objective == objective
