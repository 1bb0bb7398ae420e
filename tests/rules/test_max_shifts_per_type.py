"""max_shifts_per_type: at most N tours of each shift per officer (hard; per-officer limits).

Amount per officer and shift = tours - limit. The officer's own limit (Officers.max_shifts)
wins over the rule's value; a hard limit of 0 removes the shift from the officer's model.
"""

from __future__ import annotations

import pytest

from solver.solve import build_model
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

RULE = "max_shifts_per_type"

CHECKER_CASES = [
    # No value, no own limits: nothing judged.
    pytest.param(rota(A="N N N N N - -"), None, {}, [], id="no-limit"),
    # Value 3: 5 N - 3 = 2; E once, fine.
    pytest.param(rota(A="N N N N N E -"), 3, {}, [("A", None, 2)], id="value-3"),
    # Own N=1, no value: 3 N - 1 = 2 (E unlimited).
    pytest.param(rota(A="N N N E E E E"), None, {"A": {"N": 1}}, [("A", None, 2)], id="own"),
    # Own N=0 and L=1, value 2 for the rest: N 1 - 0 = 1, L 2 - 1 = 1, E 3 - 2 = 1.
    pytest.param(
        rota(A="N L L E E E -"),
        2,
        {"A": {"N": 0, "L": 1}},
        [("A", None, 1), ("A", None, 1), ("A", None, 1)],
        id="mixed",
    ),
]


@pytest.mark.parametrize(("roster", "value", "own", "expected"), CHECKER_CASES)
def test_checker(roster, value, own, expected):
    people = [officer(o, max_shifts=own.get(o, {})) for o in roster.tours]
    assert judge(RULE, roster, setting(RULE, value=value), officers=people) == expected


@pytest.mark.parametrize(("roster", "value", "own", "expected"), CHECKER_CASES)
def test_model_agrees_with_checker(roster, value, own, expected):
    people = [officer(o, max_shifts=own.get(o, {})) for o in roster.tours]
    assert_agrees(pinned(RULE, roster, setting(RULE, value=value), officers=people), expected)


# A asks for N on each of 5 days (weight 1 each: 5 each); A's own limit is N=3.
MODEL_CASES = [
    # Hard: 2 refused, 10.
    pytest.param(None, 10, {"requests": 10}, id="hard"),
    # Off: all granted.
    pytest.param(OFF, 0, {}, id="off"),
    # Soft weight 2: 2 over x 2 = 4 < 10: all worked, 4.
    pytest.param(setting(RULE, hard=False, weight=2), 4, {RULE: 4}, id="soft-2"),
]


@pytest.mark.parametrize(("chosen", "objective", "penalties"), MODEL_CASES)
def test_model(chosen, objective, penalties):
    problem = make_problem(
        [officer("A", max_shifts={"N": 3})],
        days=5,
        requests=requests("A", "N N N N N"),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties


def test_a_hard_limit_of_zero_leaves_no_variable():
    """N=0 while the rule is hard: the officer has no N variables; soft, they do."""
    people = [officer("A", max_shifts={"N": 0})]
    strict = make_problem(people, rules=rules(RULE, None))
    lenient = make_problem(people, rules=rules(RULE, setting(RULE, hard=False)))
    assert not [k for k in build_model(strict).vars.shift if k[2] == "N"]
    assert len([k for k in build_model(lenient).vars.shift if k[2] == "N"]) == 7
