"""max_average_weekly_hours: worked hours x 7 / days at most N (hard, 48).

The period allows floor(N x 60 x days / 7) minutes of tours. Only worked time counts:
absence days add nothing (contract_hours credits them; this rule does not), and the
limit is the same for part-timers. Amount = ceil(minutes over / 60), per officer, no day.

Shifts: E 07-15 and L 15-23 are 8h, N 22-07 is 9h. Over 7 days the limit is 48h = 2880 min.
"""

from __future__ import annotations

import pytest

from tests.builders import EARLY, make_problem, officer, only
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

RULE = "max_average_weekly_hours"

FT = [officer("A")]
PT = [officer("A", contract_hours=20)]

CHECKER_CASES = [
    # 6 x 8h = 48h: exactly the limit, clean.
    pytest.param(rota(A="E E E E E E -"), None, [], None, [], id="at-the-limit"),
    # 7 x 8h = 56h: 56 - 48 = 8h over, amount 8, no day.
    pytest.param(rota(A="E E E E E E E"), None, [], None, [("A", None, 8)], id="eight-over"),
    # 6 x 9h = 54h: 6h over.
    pytest.param(rota(A="N N N N N N -"), None, [], None, [("A", None, 6)], id="nights"),
    # 9h + 5 x 8h = 49h: 1h over.
    pytest.param(rota(A="N E E E E E -"), None, [], None, [("A", None, 1)], id="one-over"),
    # Only B is judged: A 40h, B 7 x 8h = 56h -> 8.
    pytest.param(
        rota(A="E E E E E - -", B="E E E E E E E"), None, [], None, [("B", None, 8)], id="b"
    ),
    # Part-time 20h a week: the limit is still 48h; 56h -> 8 (contract_hours judges the band).
    pytest.param(rota(A="E E E E E E E"), PT, [], None, [("A", None, 8)], id="part-time"),
    # Part-time 20h at 48h: clean.
    pytest.param(rota(A="E E E E E E -"), PT, [], None, [], id="part-time-ok"),
    # Leave Mon-Tue: 5 x 8h = 40h worked, clean; no credit for the absence days (with
    # contract_hours' credit of 2 x 8h it would be 56h).
    pytest.param(rota(A="- - E E E E E"), None, [absence("A", 0, 1)], None, [], id="absence"),
    # Leave Mon: 6 x 9h = 54h worked: 6h over, the absence neither adds nor removes hours.
    pytest.param(
        rota(A="- N N N N N N"), None, [absence("A", 0)], None, [("A", None, 6)], id="absence-over"
    ),
    # value 40: 5 x 9h = 45h, 5h over.
    pytest.param(rota(A="N N N N N - -"), None, [], 40, [("A", None, 5)], id="value-40"),
    # value 47.5: limit 2850 min; 6 x 8h = 2880 min, 30 min over -> ceil(0.5) = 1.
    pytest.param(rota(A="E E E E E E -"), None, [], 47.5, [("A", None, 1)], id="part-hour"),
    # 14 days: limit 96h; 7 E in week 1 (56h) and 5 in week 2 (40h) = 96h, clean: the
    # average over the period counts, not each week.
    pytest.param(rota(A="E E E E E E E E E E E E - -"), None, [], None, [], id="averaged"),
    # 14 days: 13 x 8h = 104h, 8h over 96h.
    pytest.param(
        rota(A="E E E E E E E E E E E E E -"), None, [], None, [("A", None, 8)], id="two-weeks"
    ),
    # 10 days: limit floor(48 x 60 x 10 / 7) = floor(4114.29) = 4114 min; 9 x 8h = 4320 min,
    # 206 min over -> ceil(3.43) = 4.
    pytest.param(rota(A="E E E E E E E E E -"), None, [], None, [("A", None, 4)], id="ten-days"),
]


@pytest.mark.parametrize(("roster", "officers", "absences", "value", "expected"), CHECKER_CASES)
def test_checker(roster, officers, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    fields = {"officers": officers} if officers else {}
    assert judge(RULE, roster, chosen, absences=absences, **fields) == expected


# The same rosters pinned into the model with the rule soft (weight 3): the model's
# penalty, minimised and maximised, equals 3 x the checker's amount.
@pytest.mark.parametrize(("roster", "officers", "absences", "value", "expected"), CHECKER_CASES)
def test_model_agrees_with_checker(roster, officers, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    fields = {"officers": officers} if officers else {}
    assert_agrees(pinned(RULE, roster, chosen, absences=absences, **fields), expected)


# One officer, shift E only (8h), asks for E on every day (requests weigh 5 x the request's
# weight). `tours` is how many E the optimal roster has.
MODEL_CASES = [
    # Hard 48 over 7 days: at most 6 x E; 1 refused, 1 x 5 = 5.
    pytest.param(None, 7, 1, 5, {"requests": 5}, 6, id="hard"),
    # Rule off: all 7 granted.
    pytest.param(OFF, 7, 1, 0, {}, 7, id="off"),
    # value 40: at most 5 x E; 2 refused, 10.
    pytest.param(setting(RULE, value=40), 7, 1, 10, {"requests": 10}, 5, id="value-40"),
    # 14 days: limit 96h = 12 x E (7 of them in one week is fine on average): 2 x 5 = 10.
    pytest.param(None, 14, 1, 10, {"requests": 10}, 12, id="two-weeks"),
    # Soft weight 1: 7 x E costs 8h x 1 = 8 > refusing one (5): 5.
    pytest.param(soft(RULE, 1), 7, 1, 5, {"requests": 5}, 6, id="soft-1"),
    # Soft weight 1, requests of weight 2 (10 each): 7 x E costs 8 < 10: 8.
    pytest.param(soft(RULE, 1), 7, 2, 8, {RULE: 8}, 7, id="soft-1-dear-requests"),
    # Soft weight 1, value 47.5 (2850 min): 6 x E is 30 min over -> 1, + 1 refused (5) = 6;
    # 7 x E: 510 min over -> ceil(8.5) = 9; 5 x E: 2 refused = 10 -> 6.
    pytest.param(
        soft(RULE, 1, value=47.5), 7, 1, 6, {"requests": 5, RULE: 1}, 6, id="soft-part-hour"
    ),
]


@pytest.mark.parametrize(
    ("chosen", "days", "weight", "objective", "penalties", "tours"), MODEL_CASES
)
def test_model(chosen, days, weight, objective, penalties, tours):
    problem = make_problem(
        [officer("A")],
        shifts=(EARLY,),
        days=days,
        requests=requests("A", " ".join(["E"] * days), weight=weight),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    assert row(checked.roster, "A").split().count("E") == tours


def test_the_rule_matters():
    # E wanted on all 7 days: without the rule all 7 are worked (56h); with it 6 (48h).
    def tours(names: tuple[str, ...]) -> int:
        problem = make_problem(
            [officer("A")],
            shifts=(EARLY,),
            requests=requests("A", "E E E E E E E"),
            rules=only(*names),
        )
        return row(solved(problem).roster, "A").split().count("E")

    assert tours(("requests",)) == 7
    assert tours(("requests", RULE)) == 6
