"""min_consecutive_rest_days: rest in blocks of at least N days (soft, weight 10, N = 2).

A block of L < N days off with a worked day on each side costs N - L, dated on its first
day in the period. Blocks touching the period end, or the start when History is silent,
are not judged; nor is a block made only of absence days.
"""

from __future__ import annotations

import pytest

from tests.builders import make_problem, officer
from tests.rules.helpers import (
    OFF,
    absence,
    assert_agrees,
    hard,
    judge,
    pinned,
    requests,
    rota,
    row,
    rules,
    setting,
    soft,
    solved,
)

RULE = "min_consecutive_rest_days"

E_ = {"A": {1: "E"}}  # History: A worked E on Sun 4 Jan.

CHECKER_CASES = [
    pytest.param(rota(A="E - - E E - - E"), {}, [], None, [], id="pairs-clean"),
    # One isolated rest day on Tue: 2 - 1 = 1, dated day 1.
    pytest.param(rota(A="E - E E - - E", B="E E - - E E E"), {}, [], None, [("A", 1, 1)], id="one"),
    # A night before the rest day still makes it bounded: N Mon, RD Tue, E Wed.
    pytest.param(rota(A="N - E"), {}, [], None, [("A", 1, 1)], id="after-a-night"),
    # Rest day at the end of the period is not judged (may continue after it).
    pytest.param(rota(A="E E E -"), {}, [], None, [], id="end"),
    # Rest day at the start with no History is not judged.
    pytest.param(rota(A="- E E E"), {}, [], None, [], id="start-no-history"),
    # ... but History says Sun 4 Jan was worked: bounded, 1, dated day 0.
    pytest.param(rota(A="- E E E"), E_, [], None, [("A", 0, 1)], id="start-history-worked"),
    # History says Sun was a rest day: block Sun-Mon of 2, clean.
    pytest.param(rota(A="- E E E"), {"A": {1: "RD", 2: "E"}}, [], None, [], id="history-rd"),
    # An isolated rest day inside History (Sat 3 Jan, N = 3) is not the period's to judge.
    pytest.param(rota(A="E E E E"), {"A": {1: "E", 2: "RD", 3: "E"}}, [], 3, [], id="hist-only"),
    # A single absence day between worked days is not a rest block: exempt.
    pytest.param(rota(A="E - E E"), {}, [absence("A", 1)], None, [], id="absence-exempt"),
    # Two absence days as a block, N = 3: exempt too.
    pytest.param(rota(A="E - - E"), {}, [absence("A", 1, 2)], 3, [], id="absence-block-exempt"),
    # Absence + rest day, N = 3: a block of 2 that is not all absence: 3 - 2 = 1.
    pytest.param(
        rota(A="E - - E"), {}, [absence("A", 1)], 3, [("A", 1, 1)], id="absence-plus-rest"
    ),
    # N = 3: block of 2 costs 1; block of 1 costs 2; block of 3 is fine.
    pytest.param(rota(A="E - - E - E - - - E"), {}, [], 3, [("A", 1, 1), ("A", 4, 2)], id="n3"),
    # N = 1: any block is long enough.
    pytest.param(rota(A="E - E - E"), {}, [], 1, [], id="n1"),
    # N = 3, History E on Sat, RD on Sun: the block Sun-Mon has 2 days, 1, dated Mon.
    pytest.param(
        rota(A="- E E"), {"A": {2: "E", 1: "RD"}}, [], 3, [("A", 0, 1)], id="n3-block-across-start"
    ),
    # N = 3, History E on Sat, AL on Sun, leave on Mon too: an all-absence block, exempt.
    pytest.param(
        rota(A="- E E"), {"A": {2: "E", 1: "AL"}}, [absence("A", 0)], 3, [], id="n3-absence-across"
    ),
    # N = 3, History E Sat, AL Sun, but Mon is a plain rest day: not all absence, 1.
    pytest.param(
        rota(A="- E E"), {"A": {2: "E", 1: "AL"}}, [], 3, [("A", 0, 1)], id="n3-al-then-rest"
    ),
    # History not filled in for Sun (only Sat known): block unbounded, not judged.
    pytest.param(rota(A="- E E"), {"A": {2: "E"}}, [], None, [], id="history-unknown"),
    # A fixed day off (day_off) is rest, not an absence: alone between tours it costs 1.
    pytest.param(
        rota(A="E - E E"),
        {},
        [absence("A", 1, kind="day_off")],
        None,
        [("A", 1, 1)],
        id="day-off-is-rest",
    ),
]


# An officer's own minimum (Officers.min_rest_days) replaces the rule's value (2).
@pytest.mark.parametrize(
    ("own", "expected"),
    [
        # Own 3: the block of 2 on days 1-2 costs 3 - 2 = 1.
        pytest.param(3, [("A", 1, 1)], id="own-3"),
        # Own 1: nothing is short.
        pytest.param(1, [], id="own-1"),
    ],
)
def test_own_minimum(own, expected):
    roster = rota(A="E - - E", B="E - - E")
    people = [officer("A", min_rest_days=own), officer("B")]
    assert judge(RULE, roster, officers=people) == expected
    assert_agrees(pinned(RULE, roster, officers=people), expected)


@pytest.mark.parametrize(("roster", "history", "absences", "value", "expected"), CHECKER_CASES)
def test_checker(roster, history, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    assert judge(RULE, roster, chosen, history=history, absences=absences) == expected


# The same rosters pinned into the model with the rule soft (weight 3): the model's
# penalty, minimised and maximised, equals 3 x the checker's amount.
@pytest.mark.parametrize(("roster", "history", "absences", "value", "expected"), CHECKER_CASES)
def test_model_agrees_with_checker(roster, history, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    found = pinned(RULE, roster, chosen, history=history, absences=absences)
    assert_agrees(found, expected)


# One officer, requests of weight 3 (the requests rule weighs 5: 15 each).
# "E OFF E": granting all leaves one isolated rest day.
MODEL_CASES = [
    # Default (soft, weight 10): the isolated day costs (2 - 1) x 10 = 10 < 15.
    pytest.param(None, "E OFF E", {}, [], 10, {RULE: 10}, "E - E", id="soft-default"),
    # Soft weight 4: 1 x 4 = 4.
    pytest.param(soft(RULE, 4), "E OFF E", {}, [], 4, {RULE: 4}, "E - E", id="soft-4"),
    # Soft weight 20: 20 > 15, so a request is refused (E E E, or E - - which is unjudged).
    pytest.param(soft(RULE, 20), "E OFF E", {}, [], 15, {"requests": 15}, None, id="soft-20"),
    # Hard: one request refused, 15.
    pytest.param(hard(RULE), "E OFF E", {}, [], 15, {"requests": 15}, None, id="hard"),
    # Rule off: all granted, 0.
    pytest.param(OFF, "E OFF E", {}, [], 0, {}, "E - E", id="off"),
    # N = 3, "E OFF OFF E": block of 2 costs (3 - 2) x 10 = 10; with N = 2 it is free.
    pytest.param(
        setting(RULE, value=3), "E OFF OFF E", {}, [], 10, {RULE: 10}, "E - - E", id="value-3"
    ),
    pytest.param(None, "E OFF OFF E", {}, [], 0, {}, "E - - E", id="value-2-pair"),
    # History: E on Sun 4 Jan; "OFF E" leaves Mon isolated: 10. Without History: 0.
    pytest.param(None, "OFF E", {"A": {1: "E"}}, [], 10, {RULE: 10}, "- E", id="history"),
    pytest.param(None, "OFF E", {}, [], 0, {}, "- E", id="no-history"),
    # Leave on Tue between two wanted Es: an all-absence block, no cost.
    pytest.param(None, "E . E", {}, [absence("A", 1)], 0, {}, "E - E", id="absence-exempt"),
]


@pytest.mark.parametrize(
    ("chosen", "wants", "history", "absences", "objective", "penalties", "expected"), MODEL_CASES
)
def test_model(chosen, wants, history, absences, objective, penalties, expected):
    problem = make_problem(
        [officer("A")],
        days=len(wants.split()),
        history=history,
        absences=absences,
        requests=requests("A", wants, weight=3),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    if expected is not None:
        assert row(checked.roster, "A") == expected
    else:
        assert row(checked.roster, "A") != "E - E"
