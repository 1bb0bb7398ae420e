"""max_weekends: at most N weekends worked in the period (hard; no borough value by default).

A weekend counts when a tour starts on its Saturday or Sunday. Amount per officer =
weekends worked - limit. The officer's own limit (Officers.max_weekends) wins.
"""

from __future__ import annotations

import pytest

from tests.builders import make_problem, officer
from tests.rules.helpers import (
    OFF,
    assert_agrees,
    judge,
    pinned,
    requests,
    rota,
    rules,
    setting,
    solved,
)

RULE = "max_weekends"
TWO_WEEKS = "- - - - - {} {} - - - - - {} {}"


def weekends(sat1: str, sun1: str, sat2: str, sun2: str) -> str:
    return TWO_WEEKS.format(sat1, sun1, sat2, sun2)


CHECKER_CASES = [
    # No borough value and no own limit: nothing judged.
    pytest.param(rota(A=weekends("E", "E", "E", "E")), None, {}, [], id="no-limit"),
    # Value 1: both weekends worked (Sat of one, Sun of the other): 2 - 1 = 1.
    pytest.param(rota(A=weekends("E", "-", "-", "L")), 1, {}, [("A", None, 1)], id="two-of-one"),
    # Value 1: one weekend, both days: 1 weekend, clean.
    pytest.param(rota(A=weekends("E", "E", "-", "-")), 1, {}, [], id="one-weekend"),
    # Value 0: one weekend worked: 1.
    pytest.param(rota(A=weekends("-", "N", "-", "-")), 0, {}, [("A", None, 1)], id="value-0"),
    # Own limit 0 for A (no borough value): A's two weekends cost 2; B has no limit.
    pytest.param(
        rota(A=weekends("E", "-", "E", "-"), B=weekends("E", "E", "E", "E")),
        None,
        {"A": 0},
        [("A", None, 2)],
        id="own",
    ),
]


@pytest.mark.parametrize(("roster", "value", "own", "expected"), CHECKER_CASES)
def test_checker(roster, value, own, expected):
    people = [officer(o, max_weekends=own.get(o)) for o in roster.tours]
    assert judge(RULE, roster, setting(RULE, value=value), officers=people) == expected


@pytest.mark.parametrize(("roster", "value", "own", "expected"), CHECKER_CASES)
def test_model_agrees_with_checker(roster, value, own, expected):
    people = [officer(o, max_weekends=own.get(o)) for o in roster.tours]
    assert_agrees(pinned(RULE, roster, setting(RULE, value=value), officers=people), expected)


# A asks for E on both Saturdays (weight 1 each: 5 each).
MODEL_CASES = [
    # Hard, value 1: one Saturday refused, 5.
    pytest.param(setting(RULE, value=1), 5, {"requests": 5}, id="hard-1"),
    # Hard, value 2: both granted.
    pytest.param(setting(RULE, value=2), 0, {}, id="hard-2"),
    # Rule off: both granted.
    pytest.param(OFF, 0, {}, id="off"),
    # Soft weight 3, value 1: working both costs 3 < 5: 3.
    pytest.param(setting(RULE, value=1, hard=False, weight=3), 3, {RULE: 3}, id="soft-3"),
    # Soft weight 7, value 0: each weekend worked costs 7 > 5: both refused, 10.
    pytest.param(setting(RULE, value=0, hard=False, weight=7), 10, {"requests": 10}, id="soft-7"),
]


@pytest.mark.parametrize(("chosen", "objective", "penalties"), MODEL_CASES)
def test_model(chosen, objective, penalties):
    problem = make_problem(
        [officer("A")],
        days=14,
        requests=requests("A", weekends("E", ".", "E", ".").replace("-", ".")),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
