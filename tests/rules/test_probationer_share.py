"""probationer_share: probationers at most `value` of the PCs on a response tour.

Period from Mon 5 Jan 2026: P1 and P2 joined in 2025 (probationers), V1-V3 in 2015.
Amount on a tour = ceil((100 x probationers - 25 x PCs) / 100) when positive.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import make_problem, officer
from tests.rules.helpers import (
    OFF,
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

RULE = "probationer_share"
NEW, OLD = date(2025, 1, 1), date(2015, 1, 1)
PEOPLE = [
    officer("P1", service_start=NEW),
    officer("P2", service_start=NEW),
    officer("V1", service_start=OLD),
    officer("V2", service_start=OLD),
    officer("V3", service_start=OLD),
]

CHECKER = [
    # 1 of 4 PCs: exactly 25%, clean.
    pytest.param(rota(P1="E", P2="-", V1="E", V2="E", V3="E"), None, [], id="quarter"),
    # 2 of 4: 200 - 100 = 100 -> 1.
    pytest.param(rota(P1="E", P2="E", V1="E", V2="E", V3="-"), None, [(None, 0, 1)], id="half"),
    # 1 of 1: 100 - 25 = 75 -> 1.
    pytest.param(rota(P1="N", P2="-", V1="-", V2="-", V3="-"), None, [(None, 0, 1)], id="alone"),
    # 2 of 2: 200 - 50 = 150 -> 2.
    pytest.param(rota(P1="L", P2="L", V1="-", V2="-", V3="-"), None, [(None, 0, 2)], id="pair"),
    # value 0.5: 2 of 4 is fine.
    pytest.param(rota(P1="E", P2="E", V1="E", V2="E", V3="-"), 0.5, [], id="value-half"),
]


@pytest.mark.parametrize(("roster", "value", "expected"), CHECKER)
def test_checker(roster, value, expected):
    chosen = setting(RULE, value=value) if value else None
    assert judge(RULE, roster, chosen, officers=PEOPLE) == expected


@pytest.mark.parametrize(("roster", "value", "expected"), CHECKER)
def test_model_agrees_with_checker(roster, value, expected):
    chosen = setting(RULE, value=value) if value else None
    assert_agrees(pinned(RULE, roster, chosen, officers=PEOPLE), expected)


MODEL = [
    # Target 2 on E for one day (20 per officer short): P1 with V1 is 50% of PCs, so only
    # V1 works: 1 short x 20 = 20.
    pytest.param(None, 20, id="hard"),
    # Soft x7: both work, ceil((100 - 50) / 100) = 1 above x 7 = 7 < 20.
    pytest.param(soft(RULE, 7), 7, id="soft"),
    pytest.param(setting(RULE, value=0.5), 0, id="value-half"),
    pytest.param(OFF, 0, id="off"),
]


@pytest.mark.parametrize(("chosen", "objective"), MODEL)
def test_model(chosen, objective):
    problem = make_problem(
        [PEOPLE[0], PEOPLE[2]],
        days=1,
        cover=[cover(shift="E", target=2)],
        rules=rules(RULE, chosen, "cover_target"),
    )
    assert solved(problem).result.objective == objective
