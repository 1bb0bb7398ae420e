"""stability: a re-roster keeps the Published roster (soft, weight 10).

Each officer-day with something published whose tours now differ costs 1: published E
is kept only by E, published RD (or an absence code) by any day without a tour. Blank
published cells, officers without a Published row and days the officer is absent in the
new input are not judged; a published day that cannot be kept (two tours, a shift not
for the officer's team) always costs 1. Penalty = rule weight x changed days.
"""

from __future__ import annotations

from datetime import time

import pytest

from constraints.registry import rule_named
from inputs.problem import Shift
from solver.solve import build_model
from tests.builders import make_problem, officer, only, team
from tests.rules.helpers import (
    OFF,
    absence,
    assert_agrees,
    cover,
    hard,
    judge,
    pinned,
    rota,
    row,
    rules,
    soft,
    solved,
)

RULE = "stability"

CHECKER_CASES = [
    # Published E L RD N, rostered the same: clean. Blank cells (.) are not judged, so
    # whatever A works on Fri-Sun is no change.
    pytest.param(rota(A="E L - N E E -"), {"A": "E L RD N . . ."}, [], [], id="kept"),
    # Published E on Mon, now L: changed, 1, A, day 0.
    pytest.param(rota(A="L"), {"A": "E"}, [], [("A", 0, 1)], id="tour-changed"),
    # Published E on Mon, now a rest day: 1.
    pytest.param(rota(A="-"), {"A": "E"}, [], [("A", 0, 1)], id="tour-cancelled"),
    # Published RD on Mon, now N: 1.
    pytest.param(rota(A="N"), {"A": "RD"}, [], [("A", 0, 1)], id="rest-day-worked"),
    # Published AL on Mon (leave since cancelled), now a rest day: no tour then, no tour
    # now: kept. Now working E: 1.
    pytest.param(rota(A="-"), {"A": "AL"}, [], [], id="absence-code-rests"),
    pytest.param(rota(A="E"), {"A": "AL"}, [], [("A", 0, 1)], id="absence-code-works"),
    # Published E E on Mon-Tue; A fell sick on Tue after publication (Absences) and rests:
    # the sickness forces the change, not counted. Mon kept: clean.
    pytest.param(rota(A="E -"), {"A": "E E"}, [absence("A", 1, kind="sick")], [], id="new-sick"),
    # ... and a published RD on a day of new leave: not judged either.
    pytest.param(rota(A="- -"), {"A": "RD RD"}, [absence("A", 0, 1)], [], id="new-leave"),
    # Published E+L (hand-edited) on Mon: one tour a day cannot keep it, now E: 1.
    pytest.param(rota(A="E"), {"A": "E+L"}, [], [("A", 0, 1)], id="two-tours"),
    # Only A has a Published row: B's tours are not judged; A changed Tue: 1, A, day 1.
    pytest.param(rota(A="E E", B="L N"), {"A": "E N"}, [], [("A", 1, 1)], id="officer-without-row"),
    # Three changes on three days: 1 + 1 + 1 = 3.
    pytest.param(
        rota(A="L - E E"),
        {"A": "E E RD E"},
        [],
        [("A", 0, 1), ("A", 1, 1), ("A", 2, 1)],
        id="three",
    ),
    # No Published sheet: nothing is judged.
    pytest.param(rota(A="E L N"), {}, [], [], id="no-published-sheet"),
]


@pytest.mark.parametrize(("roster", "published", "absences", "expected"), CHECKER_CASES)
def test_checker(roster, published, absences, expected):
    assert judge(RULE, roster, published=published, absences=absences) == expected


# The same rosters pinned into the model with the rule soft (weight 3): the model's
# penalty, minimised and maximised, equals 3 x the checker's amount. (A roster with two
# tours a day cannot be pinned: one_tour_per_day is always hard.)
@pytest.mark.parametrize(("roster", "published", "absences", "expected"), CHECKER_CASES)
def test_model_agrees_with_checker(roster, published, absences, expected):
    assert_agrees(pinned(RULE, roster, published=published, absences=absences), expected)


# An SN officer published on E, a shift only response teams work (say the officer moved
# team): the tour cannot be kept whatever the roster does, 1; the model's penalty is the
# constant 1 too (weight 3: 3).
SN_ONLY = (
    Shift(code="E", start=time(7), end=time(15), kind="early", for_="response"),
    Shift(code="SE", start=time(7), end=time(15), kind="early", for_="sn"),
)


def test_published_tour_the_officer_cannot_work():
    fields = {
        "officers": [officer("A", "W1")],
        "teams": [team("W1", "sn")],
        "shifts": SN_ONLY,
        "published": {"A": "E"},
    }
    assert judge(RULE, rota(A="SE"), **fields) == [("A", 0, 1)]
    assert_agrees(pinned(RULE, rota(A="SE"), **fields), [("A", 0, 1)])


def test_no_published_sheet_adds_nothing_to_the_model():
    problem = make_problem([officer("A"), officer("B")], cover=[cover(shift="E", target=1)])
    assert not [p for p in build_model(problem).vars.penalties if p.rule == RULE]
    roster = rota(A="E E E E E E E", B="- - - - - - -")
    assert rule_named(RULE).check(problem, roster, problem.rule(RULE)) == []


# One officer, one day, published L on Mon; a cover target of 1 on E (cover_target soft,
# weight 20). Moving A to E meets the target:
#   default (weight 10): the move costs 10 < 20 short: A on E, objective 10;
#   soft weight 30: 30 > 20: A kept on L, cover short by 1, objective 20;
#   hard: A kept on L, objective 20 (cover_target);
#   rule off: A on E, objective 0.
MODEL_CASES = [
    pytest.param(None, 10, {RULE: 10}, "E", id="default-moves"),
    pytest.param(soft(RULE, 30), 20, {"cover_target": 20}, "L", id="heavy-keeps"),
    pytest.param(hard(RULE), 20, {"cover_target": 20}, "L", id="hard-keeps"),
    pytest.param(OFF, 0, {}, "E", id="off"),
]


@pytest.mark.parametrize(("chosen", "objective", "penalties", "a"), MODEL_CASES)
def test_model_against_cover(chosen, objective, penalties, a):
    problem = make_problem(
        [officer("A")],
        days=1,
        cover=[cover(shift="E", target=1)],
        published={"A": "L"},
        rules=rules(RULE, chosen, "cover_target"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    assert row(checked.roster, "A") == a


# A published E E E on Mon-Wed, now sick on Tue (after publication); a cover target of 1
# on E every day (weight 20). Tue's change is forced, so it costs nothing: A works E on
# Mon and Wed as published, objective = 20 (Tue short of the target), stability 0.
def test_absence_after_publication_is_not_a_change():
    problem = make_problem(
        [officer("A")],
        days=3,
        cover=[cover(shift="E", target=1)],
        absences=[absence("A", 1, kind="sick")],
        published={"A": "E E E"},
        rules=only("cover_target", RULE),
    )
    checked = solved(problem)
    assert row(checked.roster, "A") == "E - E"
    assert checked.result.rule_penalties == {"cover_target": 20}


# Without a Published sheet the rules change nothing: one officer, three days, targets of
# 1 on E and on L (weight 20): one is short each day, 3 x 20 = 60, with stability and
# rest_day_notice on or off, and neither costs anything.
def test_no_published_sheet_no_effect_on_the_solve():
    objectives = []
    for chosen in (None, OFF):
        problem = make_problem(
            [officer("A")],
            days=3,
            cover=[cover(shift="E", target=1), cover(row=3, shift="L", target=1)],
            rules=rules(RULE, chosen, "cover_target", "rest_day_notice"),
        )
        checked = solved(problem)
        assert checked.result.rule_penalties == {"cover_target": 60}
        objectives.append(checked.result.objective)
    assert objectives == [60, 60]
