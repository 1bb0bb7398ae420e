"""rest_day_notice: a published rest day now worked costs by its notice (soft x20, 15 days).

Notice = whole days from Settings.notice_date to the rest day. Units owed: notice >= value
(15): 1 (a replacement rest day); under 15: 3 (time and a half); under 8: 5. Only a
published RD now worked is a move: a working day made a rest day, a tour changed for
another, a published absence now worked are not (stability counts those), nor is a
published RD on which the officer is now absent. Hard: no rest day is worked with less
than `value` days' notice; moves with enough notice are not violations.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from constraints import rest_day_notice
from constraints.registry import rule_named
from solver.solve import build_model
from tests.builders import MONDAY, make_problem, officer, only
from tests.rules.helpers import (
    absence,
    assert_agrees,
    cover,
    hard,
    judge,
    pinned,
    rota,
    row,
    setting,
    soft,
    solved,
)

RULE = "rest_day_notice"


def notice(days: int) -> dict:
    """Fields giving Mon 5 Jan (day 0) `days` days of notice."""
    return {"notice_date": MONDAY - timedelta(days=days)}


CHECKER_CASES = [
    # Published RD on Mon, A now works E. Notice 15 (notice_date Sat 20 Dec 2025): a
    # replacement rest day, 1 unit.
    pytest.param(rota(A="E"), {"A": "RD"}, 15, [], None, [("A", 0, 1)], id="notice-15"),
    # Notice 14: under 15, time and a half, 3.
    pytest.param(rota(A="E"), {"A": "RD"}, 14, [], None, [("A", 0, 3)], id="notice-14"),
    # Notice 8: still 3.
    pytest.param(rota(A="E"), {"A": "RD"}, 8, [], None, [("A", 0, 3)], id="notice-8"),
    # Notice 7: under 8 days, 5.
    pytest.param(rota(A="E"), {"A": "RD"}, 7, [], None, [("A", 0, 5)], id="notice-7"),
    # Notice 0 (the day itself) and -2 (notice_date after the day): 5.
    pytest.param(rota(A="N"), {"A": "RD"}, 0, [], None, [("A", 0, 5)], id="notice-0"),
    pytest.param(rota(A="N"), {"A": "RD"}, -2, [], None, [("A", 0, 5)], id="after"),
    # RD on Mon and Tue, both worked, notice 14 on Mon: Mon 3, Tue (15 days) 1.
    pytest.param(
        rota(A="E E"), {"A": "RD RD"}, 14, [], None, [("A", 0, 3), ("A", 1, 1)], id="crossing"
    ),
    # Published RD kept as a rest day: clean.
    pytest.param(rota(A="- E"), {"A": "RD E"}, 3, [], None, [], id="kept"),
    # Working day made a rest day, and a tour changed for another: not rest-day moves.
    pytest.param(rota(A="- L"), {"A": "E E"}, 3, [], None, [], id="not-moves"),
    # Published AL (leave since cancelled) now worked: not a rest day.
    pytest.param(rota(A="E"), {"A": "AL"}, 3, [], None, [], id="absence-code"),
    # Published RD, A sick now (after publication) and resting: not a move.
    pytest.param(rota(A="-"), {"A": "RD"}, 3, [absence("A", 0, kind="sick")], None, [], id="sick"),
    # Blank published cell, no Published row, no Published sheet: nothing to move.
    pytest.param(rota(A="E", B="E"), {"A": "."}, 3, [], None, [], id="blank"),
    pytest.param(rota(A="E"), {}, 3, [], None, [], id="no-published-sheet"),
    # value 10: notice 10 -> 1; notice 9 -> 3.
    pytest.param(rota(A="E"), {"A": "RD"}, 10, [], 10, [("A", 0, 1)], id="value-10-at"),
    pytest.param(rota(A="E"), {"A": "RD"}, 9, [], 10, [("A", 0, 3)], id="value-10-under"),
    # value 5: notice 5 -> 1; notice 4 is under 5 and under 8 -> 5 (never 3).
    pytest.param(rota(A="E"), {"A": "RD"}, 5, [], 5, [("A", 0, 1)], id="value-5-at"),
    pytest.param(rota(A="E"), {"A": "RD"}, 4, [], 5, [("A", 0, 5)], id="value-5-under"),
]


@pytest.mark.parametrize(
    ("roster", "published", "days", "absences", "value", "expected"), CHECKER_CASES
)
def test_checker(roster, published, days, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    found = judge(RULE, roster, chosen, published=published, absences=absences, **notice(days))
    assert found == expected


# The same rosters pinned into the model with the rule soft (weight 3): the model's
# penalty, minimised and maximised, equals 3 x the checker's amount.
@pytest.mark.parametrize(
    ("roster", "published", "days", "absences", "value", "expected"), CHECKER_CASES
)
def test_model_agrees_with_checker(roster, published, days, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    found = pinned(RULE, roster, chosen, published=published, absences=absences, **notice(days))
    assert_agrees(found, expected)


# Hard: a rest day worked with 14 days' notice is a violation (3 units, reported);
# with 15 days it is allowed and not reported.
@pytest.mark.parametrize(("days", "expected"), [(14, [("A", 0, 3)]), (15, [])])
def test_checker_hard(days, expected):
    assert judge(RULE, rota(A="E"), hard(RULE), published={"A": "RD"}, **notice(days)) == expected


def test_unit_costs_and_wording():
    # Notice 30 and 15: 1 unit; 14 and 8: 3; 7, 0 and -1: 5.
    units = [rest_day_notice.owed(n, 15).units for n in (30, 15, 14, 8, 7, 0, -1)]
    assert units == [1, 1, 3, 3, 5, 5, 5]
    assert (rest_day_notice.REPLACEMENT_UNITS, rest_day_notice.TIME_AND_A_HALF_UNITS) == (1, 3)
    assert rest_day_notice.SHORT_NOTICE_UNITS == 5
    assert rest_day_notice.owed(15, 15).text == "replacement rest day"
    assert rest_day_notice.owed(14, 15).text == "compensation at time and a half"
    assert rest_day_notice.owed(7, 15).text == "compensation (under 8 days notice)"


def test_no_published_sheet_adds_nothing_to_the_model():
    problem = make_problem([officer("A")], cover=[cover(shift="E", target=1)])
    assert not [p for p in build_model(problem).vars.penalties if p.rule == RULE]
    found = rule_named(RULE).check(problem, rota(A="E E E E E E E"), problem.rule(RULE))
    assert found == []


# One officer, Mon only, published RD; a cover target of 1 on E (cover_target soft with
# weight `target`); stability at its default (10). Working E moves the rest day:
#   notice 15, target 50: 10 + 20 x 1 = 30 < 50: A works, objective 30;
#   notice 14, target 50: 10 + 20 x 3 = 70 > 50: A rests, objective 50;
#   notice 8, target 80: 70 < 80: A works, 70;
#   notice 7, target 80: 10 + 20 x 5 = 110 > 80: A rests, 80;
#   rule weight 5, notice 7, target 80: 10 + 5 x 5 = 35 < 80: A works, 35;
#   rule off, notice 7, target 80: 10 < 80: A works, 10;
#   hard, notice 14: A may not work, 80; hard, notice 15: A works, stability's 10 only.
MODEL_CASES = [
    pytest.param(None, 15, 50, "E", {"stability": 10, RULE: 20}, id="15-works"),
    pytest.param(None, 14, 50, "-", {"cover_target": 50}, id="14-rests"),
    pytest.param(None, 8, 80, "E", {"stability": 10, RULE: 60}, id="8-works"),
    pytest.param(None, 7, 80, "-", {"cover_target": 80}, id="7-rests"),
    pytest.param(soft(RULE, 5), 7, 80, "E", {"stability": 10, RULE: 25}, id="weight-5"),
    pytest.param(setting(RULE, enabled=False), 7, 80, "E", {"stability": 10}, id="off"),
    pytest.param(hard(RULE), 14, 80, "-", {"cover_target": 80}, id="hard-14"),
    pytest.param(hard(RULE), 15, 80, "E", {"stability": 10}, id="hard-15"),
]


@pytest.mark.parametrize(("chosen", "days", "target", "a", "penalties"), MODEL_CASES)
def test_model_against_cover(chosen, days, target, a, penalties):
    problem = make_problem(
        [officer("A")],
        days=1,
        cover=[cover(shift="E", target=1)],
        published={"A": "RD"},
        rules=only(
            "stability",
            cover_target=soft("cover_target", target),
            **{RULE: chosen or setting(RULE)},
        ),
        **notice(days),
    )
    checked = solved(problem)
    assert row(checked.roster, "A") == a
    assert checked.result.rule_penalties == penalties
    assert checked.result.objective == sum(penalties.values())


# A published RD on Mon, sick on Mon since publication: no move, no cost, even though a
# cover target (weight 80) goes unmet; the absence rules A out anyway.
def test_absence_after_publication_is_not_a_move():
    problem = make_problem(
        [officer("A")],
        days=1,
        cover=[cover(shift="E", target=1)],
        absences=[absence("A", 0, kind="sick")],
        published={"A": "RD"},
        rules=only("stability", RULE, cover_target=soft("cover_target", 80)),
        **notice(3),
    )
    checked = solved(problem)
    assert checked.result.rule_penalties == {"cover_target": 80}
