"""min_consecutive_days: working days in runs of at least N (soft x10, value 1).

Amount per run = N - its length, dated on the run's first day. Runs touching the
period's end, or its start when History does not say what came before, are not judged.
"""

from __future__ import annotations

import pytest

from tests.builders import make_problem, officer
from tests.rules.helpers import (
    OFF,
    absence,
    assert_agrees,
    judge,
    pinned,
    requests,
    rota,
    row,
    rules,
    setting,
    solved,
)

RULE = "min_consecutive_days"

CHECKER_CASES = [
    # Value 1 (the default): nothing is ever short.
    pytest.param(rota(A="- E - E - E -"), {}, 1, {}, [], id="default-1"),
    # Value 2: day 1 alone between days off: 2 - 1 = 1, dated day 1; day 3-4 is a run of 2.
    pytest.param(rota(A="- E - E E - -"), {}, 2, {}, [("A", 1, 1)], id="single"),
    # Value 3: runs of 1 (day 1) and 2 (days 3-4): (3 - 1) + (3 - 2) = 3.
    pytest.param(rota(A="- E - E E - -"), {}, 3, {}, [("A", 1, 2), ("A", 3, 1)], id="two"),
    # A run starting on day 0 without History is not judged; one touching the end neither.
    pytest.param(rota(A="E - - - - - E"), {}, 3, {}, [], id="edges"),
    # History says day -1 was a rest day: the run on day 0 is judged: 3 - 1 = 2.
    pytest.param(rota(A="E - - - - - -"), {"A": {1: "RD"}}, 3, {}, [("A", 0, 2)], id="history-rd"),
    # History worked on day -1: the run is days -1..0, length 2, but day -2 is unknown:
    # not judged.
    pytest.param(rota(A="E - - - - - -"), {"A": {1: "E"}}, 3, {}, [], id="history-run"),
    # An officer's own minimum (2) replaces the rule's value (1): day 2 alone costs 1.
    pytest.param(
        rota(A="- - E - - - -", B="- - E - - - -"), {}, 1, {"A": 2}, [("A", 2, 1)], id="own"
    ),
]


@pytest.mark.parametrize(("roster", "history", "value", "own", "expected"), CHECKER_CASES)
def test_checker(roster, history, value, own, expected):
    people = [officer(o, min_consecutive_days=own.get(o)) for o in roster.tours]
    chosen = setting(RULE, value=value)
    assert judge(RULE, roster, chosen, history=history, officers=people) == expected


@pytest.mark.parametrize(("roster", "history", "value", "own", "expected"), CHECKER_CASES)
def test_model_agrees_with_checker(roster, history, value, own, expected):
    people = [officer(o, min_consecutive_days=own.get(o)) for o in roster.tours]
    chosen = setting(RULE, value=value)
    assert_agrees(pinned(RULE, roster, chosen, history=history, officers=people), expected)


# A is on leave Mon-Tue and asks for E on Wed (weight 1: requests cost 5); Wed worked
# alone, between the leave and a day off, is a run of 1.
MODEL_CASES = [
    # Hard, value 2: Wed and Thu worked (a run of 2): nothing refused, 0.
    pytest.param(setting(RULE, hard=True, value=2), False, 0, {}, "E", id="hard-2"),
    # Rule off: Wed alone, 0.
    pytest.param(OFF, True, 0, {}, "E", id="off"),
    # Soft weight 10, value 2, leave on Thu too: Wed alone costs (2 - 1) x 10 = 10 >
    # refusing Wed (5): refused, 5.
    pytest.param(setting(RULE, value=2), True, 5, {"requests": 5}, "-", id="soft-refuse"),
    # Weight 4: Wed alone costs 4 < 5: worked, 4.
    pytest.param(setting(RULE, value=2, weight=4), True, 4, {RULE: 4}, "E", id="soft-keep"),
]


@pytest.mark.parametrize(
    ("chosen", "thursday_leave", "objective", "penalties", "wednesday"), MODEL_CASES
)
def test_model(chosen, thursday_leave, objective, penalties, wednesday):
    leave = [absence("A", 0, 1)] + ([absence("A", 3)] if thursday_leave else [])
    problem = make_problem(
        [officer("A")],
        days=7,
        absences=leave,
        requests=requests("A", ". . E . . . ."),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    assert row(checked.roster, "A").split()[2] == wednesday
