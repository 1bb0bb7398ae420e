"""max_days_between_rest_days: a rest day at intervals of not more than N days (hard, 7).

A rest day has no tour and no absence: absence days do not end a run (unlike in
max_consecutive_days). No N + 1 days in a row without a rest day; History counts (RD is
a rest day, a shift or absence code is not, a blank day counts as a rest day). Only
windows ending in the period and holding a period day without an absence are judged.
Amount per run = its judged windows, dated on the run's last day.
"""

from __future__ import annotations

import pytest

from tests.builders import make_problem, officer, only
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
    soft,
    solved,
)

RULE = "max_days_between_rest_days"

CHECKER_CASES = [
    # 7 tours then a rest day: at the limit, clean.
    pytest.param(rota(A="E E E E E E E - E"), [], {}, None, [], id="seven-ok"),
    # 8 days without rest (days 0-7): one window of 8, amount 1, dated day 7.
    pytest.param(
        rota(A="E L N E L N E E -", B="- - - - - - - - -"), [], {}, None, [("A", 7, 1)], id="eight"
    ),
    # A run that reaches the end of the period: 10 days, windows ending days 7, 8, 9 = 3.
    pytest.param(rota(A="E E E E E E E E E E"), [], {}, None, [("A", 9, 3)], id="to-the-end"),
    # Training on days 3-5 is not rest: E E E + 3 TR + E E E = 9 days without a rest day,
    # windows ending days 7 and 8 = 2, dated day 8 (max_consecutive_days sees runs of 3).
    pytest.param(
        rota(A="E E E - - - E E E -"),
        [absence("A", 3, 5, "training")],
        {},
        None,
        [("A", 8, 2)],
        id="absence-is-not-rest",
    ),
    # The same roster without the training: days 3-5 are rest days, clean.
    pytest.param(rota(A="E E E - - - E E E -"), [], {}, None, [], id="rest-days"),
    # Leave on day 3 only, a rest day on day 4: runs of 4 and 4, clean.
    pytest.param(rota(A="E E E - - E E E E -"), [absence("A", 3)], {}, None, [], id="leave-day"),
    # History Fri-Sun worked + Mon-Fri = 8 days without rest: 1, dated Fri (day 4).
    pytest.param(
        rota(A="E E E E E - -"), [], {"A": {1: "E", 2: "L", 3: "N"}}, None, [("A", 4, 1)], id="hist"
    ),
    # Training in History is duty: TR Sun, E Fri-Sat + Mon-Fri = 8: 1.
    pytest.param(
        rota(A="E E E E E - -"),
        [],
        {"A": {1: "TR", 2: "E", 3: "E"}},
        None,
        [("A", 4, 1)],
        id="history-tr",
    ),
    # Annual leave in History is time off: AL Sun breaks the run, Mon-Fri = 5: clean.
    pytest.param(
        rota(A="E E E E E - -"),
        [],
        {"A": {1: "AL", 2: "E", 3: "E"}},
        None,
        [],
        id="history-al-is-time-off",
    ),
    # RD on Sat in History: the run is Sun + Mon-Fri = 6, clean.
    pytest.param(
        rota(A="E E E E E - -"), [], {"A": {1: "E", 2: "RD", 3: "E"}}, None, [], id="history-rd"
    ),
    # Fri not filled in counts as a rest day: Sat-Sun + Mon-Fri = 7, clean.
    pytest.param(rota(A="E E E E E - -"), [], {"A": {1: "E", 2: "E"}}, None, [], id="history-gap"),
    # Seven History tours + Mon: 8 days, the window ending Mon: 1, dated day 0.
    pytest.param(
        rota(A="E - - - - - -"),
        [],
        {"A": dict.fromkeys(range(1, 8), "E")},
        None,
        [("A", 0, 1)],
        id="history-seven",
    ),
    # Ten History tours, Mon a rest day: the long run lies wholly in History, not judged.
    pytest.param(
        rota(A="- E E -"), [], {"A": dict.fromkeys(range(1, 11), "E")}, None, [], id="history-only"
    ),
    # Training for the 4 days before the period and Mon-Thu: the window Thu 1 Jan - Thu 8 Jan
    # is all absence, not judged; the window to Fri 9 Jan holds Fri's tour: 1, dated day 4.
    pytest.param(
        rota(A="- - - - E - -"),
        [absence("A", 0, 3, "training")],
        {"A": dict.fromkeys(range(1, 5), "TR")},
        None,
        [("A", 4, 1)],
        id="absence-window",
    ),
    # ... with Fri a rest day: 8 days of absence, no window the roster decides, clean.
    pytest.param(
        rota(A="- - - - - - -"),
        [absence("A", 0, 3)],
        {"A": dict.fromkeys(range(1, 5), "AL")},
        None,
        [],
        id="absence-only",
    ),
    # value 3: a run of 5 (days 0-4): windows ending days 3 and 4 = 2.
    pytest.param(rota(A="E E E E E - -"), [], {}, 3, [("A", 4, 2)], id="value-3"),
    # value 3: two runs of 4 split by a rest day: 1 each, dated days 3 and 8.
    pytest.param(rota(A="E E E E - E E E E"), [], {}, 3, [("A", 3, 1), ("A", 8, 1)], id="two-runs"),
    # value 2, training days 1-4: one run of 6 duty days (0-5); windows of 3 ending days 2
    # and 5 hold a tour, those ending days 3 and 4 are all training: 2, dated day 5.
    pytest.param(
        rota(A="E - - - - E -"),
        [absence("A", 1, 4, "training")],
        {},
        2,
        [("A", 5, 2)],
        id="gap-in-run",
    ),
    # The same with annual leave: time off, no duty run longer than 1: clean.
    pytest.param(rota(A="E - - - - E -"), [absence("A", 1, 4)], {}, 2, [], id="leave-is-time-off"),
]


@pytest.mark.parametrize(("roster", "absences", "history", "value", "expected"), CHECKER_CASES)
def test_checker(roster, absences, history, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    assert judge(RULE, roster, chosen, absences=absences, history=history) == expected


# The same rosters pinned into the model with the rule soft (weight 3): the model's
# penalty, minimised and maximised, equals 3 x the checker's amount.
@pytest.mark.parametrize(("roster", "absences", "history", "value", "expected"), CHECKER_CASES)
def test_model_agrees_with_checker(roster, absences, history, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    assert_agrees(pinned(RULE, roster, chosen, absences=absences, history=history), expected)


# One officer asks for E on each of 8 days (weight 1 each; requests weigh 5).
MODEL_CASES = [
    # Hard 7: a rest day somewhere in the 8: 1 refused, 5.
    pytest.param(None, 8, 5, {"requests": 5}, id="hard"),
    # Rule off: all 8 worked, 0.
    pytest.param(OFF, 8, 0, {}, id="off"),
    # value 8: 8 days without rest allowed, 0.
    pytest.param(setting(RULE, value=8), 8, 0, {}, id="value-8"),
    # value 2 over 5 days: W W - W W is the only way with one rest day: 5.
    pytest.param(setting(RULE, value=2), 5, 5, {"requests": 5}, id="value-2"),
    # Soft weight 2: one window of 8 costs 2 < 5: 2.
    pytest.param(soft(RULE, 2), 8, 2, {RULE: 2}, id="soft-2"),
    # Soft weight 6: 6 > 5, a day refused: 5.
    pytest.param(soft(RULE, 6), 8, 5, {"requests": 5}, id="soft-6"),
    # Soft weight 2, value 5: all 8 cost 3 windows x 2 = 6 > one refused (5): 5.
    pytest.param(soft(RULE, 2, value=5), 8, 5, {"requests": 5}, id="soft-2-value-5"),
    # Soft weight 1, value 5: all 8 cost 3 x 1 = 3 < 5: 3.
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
    assert row(checked.roster, "A").split().count("E") == days - objective // 5


# 10 days, training on days 3-5, E wanted on the other 7 (". " = no request).
TRAINING = [absence("A", 3, 5, "training")]
WANTS = "E E E . . . E E E E"
ABSENCE_CASES = [
    # Hard: days 0-9 hold no rest day; the 8-day windows end on days 7, 8, 9 and all hold
    # days 2, 6 and 7: one of those refused breaks all three, 5; 6 tours.
    pytest.param(None, ("requests",), 5, 6, id="hard"),
    # max_consecutive_days alone: the training ends each run of tours (3 and 4): 0, 7 tours.
    pytest.param(OFF, ("requests", "max_consecutive_days"), 0, 7, id="mcd-only"),
    # Soft weight 1: 3 windows x 1 = 3 < 5: all 7 worked, 3.
    pytest.param(soft(RULE, 1), ("requests",), 3, 7, id="soft-1"),
]


@pytest.mark.parametrize(("chosen", "others", "objective", "tours"), ABSENCE_CASES)
def test_model_absence_is_not_rest(chosen, others, objective, tours):
    problem = make_problem(
        [officer("A")],
        days=10,
        absences=TRAINING,
        requests=requests("A", WANTS),
        rules=rules(RULE, chosen, *others),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert row(checked.roster, "A").split().count("E") == tours


# History before the period; A asks for E on Mon and Tue.
SEVEN = dict.fromkeys(range(1, 8), "E")
HISTORY_CASES = [
    # 7 History tours + Mon would be 8: Mon refused (5), "- E".
    pytest.param(None, SEVEN, 5, "- E", id="seven-before"),
    # Training on Sun 4 Jan is duty: 6 tours + TR + Mon = 8: Mon refused, "- E"
    # (max_consecutive_days would allow both).
    pytest.param(None, {**SEVEN, 1: "TR"}, 5, "- E", id="tr-before"),
    # Annual leave on Sun 4 Jan is time off: both granted.
    pytest.param(None, {**SEVEN, 1: "AL"}, 0, "E E", id="al-before"),
    # RD on Sun 4 Jan: a rest day, both granted.
    pytest.param(None, {**SEVEN, 1: "RD"}, 0, "E E", id="rd-before"),
    # Sun 4 Jan blank: unknown counts as a rest day, both granted.
    pytest.param(None, {k: "E" for k in range(2, 8)}, 0, "E E", id="blank-before"),
    # Soft weight 2: 7 + 2 = 9 days, windows ending Mon and Tue: 2 x 2 = 4 < 5: "E E".
    pytest.param(soft(RULE, 2), SEVEN, 4, "E E", id="soft-2"),
    # Rule off: both granted.
    pytest.param(OFF, SEVEN, 0, "E E", id="off"),
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


def test_the_rule_matters():
    # E wanted on the 7 days around a 3-day training course: without the rule all 7 are
    # worked (10 days without a rest day); with it one is refused.
    def worked(names: tuple[str, ...]) -> int:
        problem = make_problem(
            [officer("A")],
            days=10,
            absences=TRAINING,
            requests=requests("A", WANTS),
            rules=only(*names),
        )
        return row(solved(problem).roster, "A").split().count("E")

    assert worked(("requests", "max_consecutive_days")) == 7
    assert worked(("requests", "max_consecutive_days", RULE)) == 6
