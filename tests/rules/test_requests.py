"""requests: officers' wishes for a tour or a day off (soft, weight 5).

Refused when: wants a tour and is not on it; wants OFF and works; does not want a tour
and is on it; does not want OFF and is off. Amount = the request's weight, dated on
the request's day; penalty = rule weight x amount.
"""

from __future__ import annotations

import pytest

from tests.builders import make_problem, officer
from tests.rules.helpers import (
    OFF,
    assert_agrees,
    cover,
    hard,
    judge,
    pinned,
    request,
    rota,
    row,
    rules,
    soft,
    solved,
)

RULE = "requests"

CHECKER_CASES = [
    # Wants E on Tue (weight 3) and gets it: clean.
    pytest.param(rota(A="- E -"), [request("A", 1, "E", weight=3)], [], id="tour-granted"),
    # ... gets L instead: refused, amount = weight 3, A, day 1.
    pytest.param(rota(A="- L -"), [request("A", 1, "E", weight=3)], [("A", 1, 3)], id="tour"),
    # ... rests: refused.
    pytest.param(rota(A="E - E"), [request("A", 1, "E")], [("A", 1, 1)], id="tour-rests"),
    # Wants OFF on Wed and rests: clean; works N: refused.
    pytest.param(rota(A="E E -"), [request("A", 2, "OFF")], [], id="off-granted"),
    pytest.param(rota(A="E E N"), [request("A", 2, "OFF", weight=2)], [("A", 2, 2)], id="off"),
    # Does not want N on Mon: on L is fine, on N is refused.
    pytest.param(rota(A="L - -"), [request("A", 0, "N", want=False)], [], id="not-tour-ok"),
    pytest.param(rota(A="N - -"), [request("A", 0, "N", want=False)], [("A", 0, 1)], id="not-tour"),
    # Does not want OFF (wants to work) on Tue: any tour is fine, resting is refused.
    pytest.param(rota(A="- N -"), [request("A", 1, "OFF", want=False)], [], id="not-off-ok"),
    pytest.param(
        rota(A="E - E"), [request("A", 1, "OFF", want=False)], [("A", 1, 1)], id="not-off"
    ),
    # Only B's request is refused (A's is granted): one violation for B.
    pytest.param(
        rota(A="E - -", B="E - -"),
        [request("A", 0, "E"), request("B", 0, "OFF", weight=4)],
        [("B", 0, 4)],
        id="b",
    ),
    # A request dated outside the period is ignored.
    pytest.param(rota(A="- - -"), [request("A", 5, "E"), request("A", -1, "E")], [], id="outside"),
]


@pytest.mark.parametrize(("roster", "asked", "expected"), CHECKER_CASES)
def test_checker(roster, asked, expected):
    assert judge(RULE, roster, requests=asked) == expected


# The same rosters pinned into the model with the rule soft (weight 3): the model's
# penalty, minimised and maximised, equals 3 x the checker's amount.
@pytest.mark.parametrize(("roster", "asked", "expected"), CHECKER_CASES)
def test_model_agrees_with_checker(roster, asked, expected):
    assert_agrees(pinned(RULE, roster, requests=asked), expected)


# One officer, one day, two requests that cannot both be granted (rule weight 5 unless
# given): the lighter one is refused, 5 x its weight. `a`: the rows allowed for A.
WORKS = {"E", "L", "N"}
MODEL_CASES = [
    # Wants E (weight 2) and wants L (weight 1): one tour a day, L refused: 5 x 1 = 5.
    pytest.param(None, [("E", True, 2), ("L", True, 1)], 5, {"E"}, id="e-or-l"),
    # Same, rule soft with weight 7: 7 x 1 = 7.
    pytest.param(soft(RULE, 7), [("E", True, 2), ("L", True, 1)], 7, {"E"}, id="soft-7"),
    # Does not want OFF (weight 2) vs wants OFF (weight 1): A works some tour, 5.
    pytest.param(None, [("OFF", False, 2), ("OFF", True, 1)], 5, WORKS, id="not-off-wins"),
    # ... weights swapped: A rests, 5.
    pytest.param(None, [("OFF", False, 1), ("OFF", True, 2)], 5, {"-"}, id="off-wins"),
    # Does not want E (weight 2) vs wants E (weight 1): A is not on E, 5.
    pytest.param(None, [("E", False, 2), ("E", True, 1)], 5, {"-", "L", "N"}, id="not-e-wins"),
]


@pytest.mark.parametrize(("chosen", "asked", "objective", "a"), MODEL_CASES)
def test_model_conflicting_requests(chosen, asked, objective, a):
    problem = make_problem(
        [officer("A")],
        days=1,
        requests=[request("A", 0, s, want=w, weight=k) for s, w, k in asked],
        rules=rules(RULE, chosen),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == {RULE: objective}
    assert row(checked.roster, "A") in a


# One officer, one day, a cover target of 1 on E (weight 20); A's request (weight 3):
#   OFF wanted: soft, working costs 5 x 3 = 15 < 20: A works, 15; hard: A rests, 20.
#   N not wanted: nothing in conflict, 0, A on E.
#   E not wanted (weight 3): soft 15 < 20: A works E, 15; hard: A rests, 20.
#   Rule off: A works E, 0.
MODEL_HARD_CASES = [
    pytest.param(None, "OFF", True, 15, {RULE: 15}, "E", id="off-soft"),
    pytest.param(hard(RULE), "OFF", True, 20, {"cover_target": 20}, "-", id="off-hard"),
    pytest.param(None, "N", False, 0, {}, "E", id="not-n"),
    pytest.param(None, "E", False, 15, {RULE: 15}, "E", id="not-e-soft"),
    pytest.param(hard(RULE), "E", False, 20, {"cover_target": 20}, "-", id="not-e-hard"),
    pytest.param(OFF, "OFF", True, 0, {}, "E", id="rule-off"),
]


@pytest.mark.parametrize(
    ("chosen", "shift", "want", "objective", "penalties", "a"), MODEL_HARD_CASES
)
def test_model_against_cover(chosen, shift, want, objective, penalties, a):
    problem = make_problem(
        [officer("A")],
        days=1,
        cover=[cover(shift="E", target=1)],
        requests=[request("A", 0, shift, want=want, weight=3)],
        rules=rules(RULE, chosen, "cover_target"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    assert row(checked.roster, "A") == a
