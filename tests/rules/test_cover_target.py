"""cover_target: the Cover row's `target` officers on duty (soft by default, weight 20).

Same slots and counting as cover_min (constraints/cover.py); rows without a target make
no slots. Amount = officers short of the target, dated on the slot's day, no officer.
"""

from __future__ import annotations

from datetime import time

import pytest

from inputs.problem import Shift
from solver.solve import build_model
from tests.builders import NIGHT, make_problem, officer
from tests.rules.helpers import (
    OFF,
    absence,
    assert_agrees,
    cover,
    day,
    hard,
    judge,
    pinned,
    requests,
    rota,
    row,
    rules,
    soft,
    solved,
)

RULE = "cover_target"

CHECKER_CASES = [
    # Target 2 on E, both on E both days: clean.
    pytest.param(rota(A="E E", B="E E"), {}, [cover(shift="E", target=2)], [], id="clean"),
    # Tue: B on L, only A on E: 1 short, dated day 1.
    pytest.param(
        rota(A="E E", B="E L"), {}, [cover(shift="E", target=2)], [(None, 1, 1)], id="one-short"
    ),
    # Target 3 with min 1 and two on duty: judged against the target, 1 short.
    pytest.param(
        rota(A="E", B="E"), {}, [cover(shift="E", min=1, target=3)], [(None, 0, 1)], id="vs-min"
    ),
    # A row with a min but no target is not this rule's business.
    pytest.param(rota(A="-", B="-"), {}, [cover(shift="E", min=2)], [], id="no-target"),
    # PS target 1 on N: the PC on N does not count.
    pytest.param(
        rota(A="N", S="-"),
        {"officers": [officer("A"), officer("S", rank="PS")]},
        [cover(shift="N", target=1, ranks={"PS"})],
        [(None, 0, 1)],
        id="rank-filter",
    ),
    # Hour row Mon 22:00-Tue 02:00, target 2: A's Mon night covers all 4 slots, B's Mon
    # late covers 22-23 only: 23-24, 00-01, 01-02 are each 1 short, dated Mon.
    pytest.param(
        rota(A="N -", B="L -"),
        {},
        [cover(day="Mon", from_hour=22, to_hour=2, target=2)],
        [(None, 0, 1)] * 3,
        id="midnight",
    ),
    # Hour row Mon 06-07, target 1: History night on Sun covers it.
    pytest.param(
        rota(A="-"),
        {"history": {"A": {1: "N"}}},
        [cover(day="Mon", from_hour=6, to_hour=7, target=1)],
        [],
        id="history-night",
    ),
    # ... a History late on Sun (ends 23:00 Sun) does not.
    pytest.param(
        rota(A="-"),
        {"history": {"A": {1: "L"}}},
        [cover(day="Mon", from_hour=6, to_hour=7, target=1)],
        [(None, 0, 1)],
        id="history-late",
    ),
    # Under weight 100: 1 short on Tue costs 1 x 100.
    pytest.param(
        rota(A="E E", B="E L"),
        {},
        [cover(shift="E", target=2, under_weight=100)],
        [(None, 1, 100)],
        id="under-weight",
    ),
    # Over weight 1, target 1: two on E on Mon is 1 over (1), one on Tue is right.
    pytest.param(
        rota(A="E E", B="E L"),
        {},
        [cover(shift="E", target=1, over_weight=1)],
        [(None, 0, 1)],
        id="over-weight",
    ),
    # Target 0 with an over weight (a tour nobody should work): each on it costs 2.
    pytest.param(
        rota(A="N -", B="N N"),
        {},
        [cover(shift="N", target=0, over_weight=2)],
        [(None, 0, 4), (None, 1, 2)],
        id="target-zero",
    ),
]


def test_over_staffing_is_free_when_the_rule_is_hard():
    rows = [cover(shift="E", target=1, over_weight=5)]
    assert judge(RULE, rota(A="E", B="E"), hard(RULE), cover=rows) == []


@pytest.mark.parametrize(("roster", "fields", "rows", "expected"), CHECKER_CASES)
def test_checker(roster, fields, rows, expected):
    assert judge(RULE, roster, cover=rows, **fields) == expected


# The same rosters pinned into the model with the rule soft (weight 3): the model's
# penalty, minimised and maximised, equals 3 x the checker's amount.
@pytest.mark.parametrize(("roster", "fields", "rows", "expected"), CHECKER_CASES)
def test_model_agrees_with_checker(roster, fields, rows, expected):
    assert_agrees(pinned(RULE, roster, cover=rows, **fields), expected)


# Two officers, one day, target 2 on E; A asks for OFF (weight 1; requests weigh 5).
MODEL_CASES = [
    # Default soft weight 20: 1 short costs 20 > 5: A works, 5.
    pytest.param(None, 5, {"requests": 5}, "E", id="soft-default"),
    # Rule off: A rests, 0.
    pytest.param(OFF, 0, {}, "-", id="off"),
    # Soft weight 3: 1 short x 3 = 3 < 5: A rests, 3.
    pytest.param(soft(RULE, 3), 3, {RULE: 3}, "-", id="soft-3"),
    # Hard: A must work, 5.
    pytest.param(hard(RULE), 5, {"requests": 5}, "E", id="hard"),
]


@pytest.mark.parametrize(("chosen", "objective", "penalties", "a"), MODEL_CASES)
def test_model(chosen, objective, penalties, a):
    problem = make_problem(
        [officer("A"), officer("B")],
        days=1,
        cover=[cover(shift="E", target=2)],
        requests=requests("A", "OFF"),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    assert row(checked.roster, "A") == a


# One officer asking OFF on Mon and Tue; Mon 22:00-Tue 02:00 target 1 (4 hour slots,
# weight 20). Only a Mon night covers them: working it refuses the Mon request, 5, which
# beats resting, 4 x 20 = 80. Rule off: both requests granted, 0 and "- -".
@pytest.mark.parametrize(("chosen", "objective", "a"), [(None, 5, "N -"), (OFF, 0, "- -")])
def test_model_night_across_midnight(chosen, objective, a):
    problem = make_problem(
        [officer("A")],
        days=2,
        cover=[cover(day="Mon", from_hour=22, to_hour=2, target=1)],
        requests=requests("A", "OFF OFF"),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert row(checked.roster, "A") == a


EARLY_5 = Shift(code="X", start=time(5), end=time(13), kind="early")


def test_model_counts_an_officer_once_per_hour_slot():
    # One officer, target 2 on Tue 05-06 (weight 20), min_rest_hours off. N Mon (22-07)
    # and X Tue (05-13) both cover Tue 05-06, but it is one officer: 1 short x 20 = 20
    # whatever A works. Today the solver reports 0 (N X counted as 2), the checker 20.
    problem = make_problem(
        [officer("A")],
        shifts=(NIGHT, EARLY_5),
        days=2,
        cover=[cover(day=day(1).isoformat(), from_hour=5, to_hour=6, target=2)],
        rules=rules(RULE, None),
    )
    checked = solved(problem)
    assert checked.result.objective == 20


# Two weekends (14 days from a Monday); target 2 on Saturday's E and 1 on Sunday's: 6
# officers needed on weekend tours. A and B may each work 1 weekend (Officers.max_weekends),
# so with max_weekends hard the model states that some are short (the weekend cut, the plain
# count: 6 needed against 4 days); each short costs 20. The paired count gives Saturday's E
# worth 2 and Sunday's 0 (2 x 2 beats 2 x 1 + 1 x 1): 2 x 2 x 2 = 8 needed, and a weekend
# is worth 2 at most. A wrong cut would raise these optimums above the hand figures; the
# floor is what the counts alone prove, and a floor above the optimum would be wrong.
WEEKEND_CASES = [
    # A works one weekend, B the other: 6 - 4 = 2 short (paired: 8 - 2 - 2 = 4, 2 Saturday
    # shorts), and each Saturday is 1 short: 2 x 20 = 40.
    pytest.param(None, [], 40, {RULE: 40}, 40, id="hard-limit"),
    # A absent both Saturdays can work 1 weekend day: 6 - 3 = 3 short (paired: A's Sundays
    # are worth 0, 8 - 2 = 6, 3 short), 3 x 20 = 60.
    pytest.param(None, [absence("A", 5), absence("A", 12)], 60, {RULE: 60}, 60, id="absent"),
    # max_weekends soft weight 5: both work both weekends, 1 over each: 10 (no cut: it
    # would claim 40 at least).
    pytest.param(soft("max_weekends", 5), [], 10, {"max_weekends": 10}, 0, id="soft-limit"),
]


@pytest.mark.parametrize(("limit", "absences", "objective", "penalties", "floor"), WEEKEND_CASES)
def test_model_weekend_cut(limit, absences, objective, penalties, floor):
    problem = make_problem(
        [officer("A", max_weekends=1), officer("B", max_weekends=1)],
        days=14,
        cover=[cover(shift="E", day="Sat", target=2), cover(shift="E", day="Sun", target=1, row=3)],
        absences=absences,
        rules=rules("max_weekends", limit, RULE),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    assert build_model(problem).vars.floor == floor


# Two weekends; target 1 on Saturday's L (15-23) and 1 on Sunday's E (07-15): 4 weekend
# tours, and A and B may each work 1 weekend, 2 days each, so the plain count proves none
# short. But an E the morning after an L leaves 8 hours' rest: with min_rest_hours hard (11
# hours) a weekend covers one of the two, each worth 2 in the paired count: 2 x 4 needed -
# 2 x 2 the officers can cover = 4, so at least 2 short, 2 x 20 = 40 (the floor), which is
# the optimum (each works one Saturday or one Sunday). With the rest rule off A and B cover
# all four: 0, and no floor.
@pytest.mark.parametrize(("rest", "objective"), [(None, 40), (OFF, 0)])
def test_the_weekend_floor_sees_forbidden_successions(rest, objective):
    problem = make_problem(
        [officer("A", max_weekends=1), officer("B", max_weekends=1)],
        days=14,
        cover=[cover(shift="L", day="Sat", target=1), cover(shift="E", day="Sun", target=1, row=3)],
        rules=rules("min_rest_hours", rest, "max_weekends", RULE),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == ({RULE: objective} if objective else {})
    assert build_model(problem).vars.floor == objective
