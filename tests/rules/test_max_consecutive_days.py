"""max_consecutive_days: at most N working days in a row (hard, 7), History included.

Amount per run = run length - limit, dated on the run's last day. A History day that
is not filled in counts as a day off.
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
    row,
    rules,
    setting,
    soft,
    solved,
)

RULE = "max_consecutive_days"

CHECKER_CASES = [
    # 7 in a row then a rest day: at the limit, clean.
    pytest.param(rota(A="E E E E E E E - E"), {}, None, [], id="seven-ok"),
    # 8 in a row (days 0-7): 8 - 7 = 1, dated day 7.
    pytest.param(
        rota(A="E L N E L N E E -", B="- - - - - - - - -"), {}, None, [("A", 7, 1)], id="eight"
    ),
    # A run that reaches the end of the period is judged too: 9 - 7 = 2, dated day 8.
    pytest.param(rota(A="E E E E E E E E E"), {}, None, [("A", 8, 2)], id="nine-to-the-end"),
    # History Fri-Sun (3 days) + Mon-Fri (5 days) = 8 in a row: 8 - 7 = 1, dated Fri (day 4).
    pytest.param(
        rota(A="E E E E E - -"),
        {"A": {1: "E", 2: "L", 3: "N"}},
        None,
        [("A", 4, 1)],
        id="history-run",
    ),
    # History Sat-Sun worked, Fri not filled in (counts as off): 2 + 5 = 7, clean.
    pytest.param(rota(A="E E E E E - -"), {"A": {1: "E", 2: "E"}}, None, [], id="history-gap"),
    # History Fri-Sun with a RD on Sat: the run is Sun + Mon-Fri = 6, clean.
    pytest.param(
        rota(A="E E E E E - -"), {"A": {1: "E", 2: "RD", 3: "E"}}, None, [], id="history-rd"
    ),
    # An absence code in History is a day off: AL on Sun, so the run is Mon-Fri = 5;
    # with limit 4: 5 - 4 = 1.
    pytest.param(
        rota(A="E E E E E - -"), {"A": {1: "AL", 2: "E", 3: "E"}}, 4, [("A", 4, 1)], id="history-al"
    ),
    # value 3: a run of 5 (days 0-4): 5 - 3 = 2, one violation.
    pytest.param(rota(A="E E E E E - -"), {}, 3, [("A", 4, 2)], id="value-3"),
    # value 3: two runs of 4 split by a rest day: 1 each, dated days 3 and 8.
    pytest.param(rota(A="E E E E - E E E E"), {}, 3, [("A", 3, 1), ("A", 8, 1)], id="two-runs"),
    # A run longer than the limit that ended inside History is not the period's to judge.
    pytest.param(
        rota(A="- E E -"), {"A": dict.fromkeys(range(1, 6), "E")}, 3, [], id="history-only-run"
    ),
]


@pytest.mark.parametrize(("roster", "history", "value", "expected"), CHECKER_CASES)
def test_checker(roster, history, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    assert judge(RULE, roster, chosen, history=history) == expected


# The same rosters pinned into the model with the rule soft (weight 3): the model's
# penalty, minimised and maximised, equals 3 x the checker's amount.
@pytest.mark.parametrize(("roster", "history", "value", "expected"), CHECKER_CASES)
def test_model_agrees_with_checker(roster, history, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    assert_agrees(pinned(RULE, roster, chosen, history=history), expected)


# One officer asks for E on each of 8 days (weight 1 each; requests weigh 5).
MODEL_CASES = [
    # Hard 7: one day off somewhere in the 8: 1 refused, 1 x 5 = 5.
    pytest.param(None, 8, 5, {"requests": 5}, id="hard"),
    # Rule off: all 8 worked, 0.
    pytest.param(OFF, 8, 0, {}, id="off"),
    # value 8: 8 in a row allowed, 0.
    pytest.param(setting(RULE, value=8), 8, 0, {}, id="value-8"),
    # value 3 over 5 days: a day off among days 1-3 breaks both 4-day windows: 1 x 5 = 5.
    pytest.param(setting(RULE, value=3), 5, 5, {"requests": 5}, id="value-3"),
    # value 2 over 5 days: W W - W W is the only way with one day off: 5.
    pytest.param(setting(RULE, value=2), 5, 5, {"requests": 5}, id="value-2"),
    # Soft weight 2: working all 8 costs (8 - 7) x 2 = 2 < 5.
    pytest.param(soft(RULE, 2), 8, 2, {RULE: 2}, id="soft-2"),
    # Soft weight 2, value 5: all 8 costs (8 - 5) x 2 = 6; one day off costs 5 + 0 (runs
    # 5 and 2, or 4 and 3): 5.
    pytest.param(soft(RULE, 2, value=5), 8, 5, {"requests": 5}, id="soft-2-value-5"),
    # Soft weight 1, value 5: all 8 costs 3 x 1 = 3 < 5.
    pytest.param(soft(RULE, 1, value=5), 8, 3, {RULE: 3}, id="soft-1-value-5"),
]


@pytest.mark.parametrize(("chosen", "days", "objective", "penalties"), MODEL_CASES)
def test_model(chosen, days, objective, penalties):
    problem = make_problem(
        [officer("A")],
        days=days,
        requests=requests("A", " ".join(["E"] * days)),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    worked = row(checked.roster, "A").split()
    assert worked.count("E") == days - objective // 5


# History: E on each of the 7 days before the period. A asks for E on Mon and Tue.
HISTORY_CASES = [
    # 7 + Mon would be 8: Mon refused (5); Tue then starts a new run: "- E".
    pytest.param(None, dict.fromkeys(range(1, 8), "E"), 5, "- E", id="seven-before"),
    # 6 before (Sun 4 Jan back to Tue 30 Dec) + Mon = 7: Mon fine, Tue would be 8: "E -".
    pytest.param(None, dict.fromkeys(range(1, 7), "E"), 5, "E -", id="six-before"),
    # Rest day on Sun 4 Jan: the run is reset, both granted.
    pytest.param(None, {1: "RD", **dict.fromkeys(range(2, 8), "E")}, 0, "E E", id="rd-before"),
    # Rule off: both granted despite History.
    pytest.param(OFF, dict.fromkeys(range(1, 8), "E"), 0, "E E", id="off"),
    # Soft weight 3: 7 + 2 = 9 in a row costs (9 - 7) x 3 = 6 > refusing Mon (5) which
    # also breaks the run: 5. Weight 2: 2 x 2 = 4 < 5: both worked, 4.
    pytest.param(soft(RULE, 3), dict.fromkeys(range(1, 8), "E"), 5, "- E", id="soft-3"),
    pytest.param(soft(RULE, 2), dict.fromkeys(range(1, 8), "E"), 4, "E E", id="soft-2"),
]


@pytest.mark.parametrize(("chosen", "history", "objective", "expected"), HISTORY_CASES)
def test_model_history(chosen, history, objective, expected):
    problem = make_problem(
        [officer("A")],
        days=2,
        history={"A": history},
        requests=requests("A", "E E"),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert row(checked.roster, "A") == expected


# An officer's own limit (Officers.max_consecutive_days) replaces the rule's value (7).
@pytest.mark.parametrize(
    ("own", "expected"),
    [
        # Own 3: 5 in a row, 5 - 3 = 2, dated day 4; B (rule's 7) is fine.
        pytest.param(3, [("A", 4, 2)], id="own-3"),
        # Own 5: fine.
        pytest.param(5, [], id="own-5"),
    ],
)
def test_own_limit(own, expected):
    roster = rota(A="E E E E E - -", B="E E E E E - -")
    people = [officer("A", max_consecutive_days=own), officer("B")]
    assert judge(RULE, roster, officers=people) == expected
    assert_agrees(pinned(RULE, roster, officers=people), expected)
