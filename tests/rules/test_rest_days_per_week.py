"""rest_days_per_week: at least N days without a tour in each Mon-Sun week (hard, 2).

Rest and absence days both count. A final part-week of n days needs N - (7 - n).
Amount = days missing, dated on the Monday of the week.
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
    soft,
    solved,
)

RULE = "rest_days_per_week"

CHECKER_CASES = [
    pytest.param(rota(A="E E E E E - -", B="- - E E E E E"), [], None, [], id="two-rest-days"),
    # 6 tours, 1 rest day: 2 - 1 = 1, dated Mon (day 0).
    pytest.param(rota(A="E E E E E E -", B="E E E E E - -"), [], None, [("A", 0, 1)], id="one"),
    # 7 tours: 2 - 0 = 2.
    pytest.param(rota(A="E L N E L N E"), [], None, [("A", 0, 2)], id="none"),
    # Two absence days without a tour count as the week's two days off.
    pytest.param(rota(A="- - E E E E E"), [absence("A", 0, 1)], None, [], id="absence-counts"),
    # One absence day + 6 tours: 1 day without a tour, 1 missing.
    pytest.param(rota(A="E E E - E E E"), [absence("A", 3)], None, [("A", 0, 1)], id="absence-one"),
    # Week 2 (days 7-13) has one rest day: 1, dated Mon 12 Jan (day 7).
    pytest.param(rota(A="E E E E E - - E E E E E E -"), [], None, [("A", 7, 1)], id="second-week"),
    # 10-day period: final part-week of 3 days needs 2 - (7 - 3) = -2 -> 0: 3 tours fine.
    pytest.param(rota(A="E E E E E - - E E E"), [], None, [], id="part-week-3"),
    # 12 days: final part-week of 5 needs 2 - 2 = 0: 5 tours fine.
    pytest.param(rota(A="E E E E E - - E E E E E"), [], None, [], id="part-week-5"),
    # 13 days: final part-week of 6 needs 2 - 1 = 1: 6 tours -> 1 missing, dated day 7.
    pytest.param(rota(A="E E E E E - - E E E E E E"), [], None, [("A", 7, 1)], id="part-week-6"),
    # 13 days, one rest day in the 6-day part-week: clean.
    pytest.param(rota(A="E E E E E - - E E E - E E"), [], None, [], id="part-week-6-ok"),
    # value 1: 6 tours fine; value 3: 5 tours -> 1 missing; value 0: 7 tours fine.
    pytest.param(rota(A="E E E E E E -"), [], 1, [], id="value-1"),
    pytest.param(rota(A="E E E E E - -"), [], 3, [("A", 0, 1)], id="value-3"),
    pytest.param(rota(A="E E E E E E E"), [], 0, [], id="value-0"),
]


@pytest.mark.parametrize(("roster", "absences", "value", "expected"), CHECKER_CASES)
def test_checker(roster, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    assert judge(RULE, roster, chosen, absences=absences) == expected


# The same rosters pinned into the model with the rule soft (weight 3): the model's
# penalty, minimised and maximised, equals 3 x the checker's amount.
@pytest.mark.parametrize(("roster", "absences", "value", "expected"), CHECKER_CASES)
def test_model_agrees_with_checker(roster, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    assert_agrees(pinned(RULE, roster, chosen, absences=absences), expected)


# One officer asks for E on every day (weight 1 each; the requests rule weighs 5).
MODEL_CASES = [
    # Hard, 7 days: 2 days refused, 2 x 5 = 10.
    pytest.param(None, 7, [], 10, {"requests": 10}, id="hard"),
    # Rule off: all 7 granted.
    pytest.param(OFF, 7, [], 0, {}, id="off"),
    # value 1: one refused, 5.
    pytest.param(setting(RULE, value=1), 7, [], 5, {"requests": 5}, id="value-1"),
    # Soft weight 3: working all 7 costs 2 missing x 3 = 6 < 10.
    pytest.param(soft(RULE, 3), 7, [], 6, {RULE: 6}, id="soft-3"),
    # Soft weight 6: each missing day costs 6 > 5 for refusing: 2 refused, 10.
    pytest.param(soft(RULE, 6), 7, [], 10, {"requests": 10}, id="soft-6"),
    # 13 days: week 1 needs 2, the 6-day part-week needs 1: 3 refused, 15.
    pytest.param(None, 13, [], 15, {"requests": 15}, id="part-week-6"),
    # 10 days: week 1 needs 2, the 3-day part-week needs none: 10.
    pytest.param(None, 10, [], 10, {"requests": 10}, id="part-week-3"),
    # Leave Mon-Tue: the two absence days are the week's days off; requests for those
    # two days are refused by absences (2 x 5 = 10), the other five are all granted.
    pytest.param(None, 7, [absence("A", 0, 1)], 10, {"requests": 10}, id="absence-counts"),
]


@pytest.mark.parametrize(("chosen", "days", "absences", "objective", "penalties"), MODEL_CASES)
def test_model(chosen, days, absences, objective, penalties):
    problem = make_problem(
        [officer("A")],
        days=days,
        absences=absences,
        requests=requests("A", " ".join(["E"] * days)),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    assert row(checked.roster, "A").split().count("E") == days - penalties.get("requests", 0) // 5
