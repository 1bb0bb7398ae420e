"""fairness_nights_weekends: nights, lates and weekend days spread evenly within each team.

Soft x5, value 0 = a tolerance. Per team (every kind) and count (night tours, late tours,
weekend days with a tour), amount = max(0, max - min - value) over the team's comparable
officers: full-time (contract >= team_rota's value, 40) and absent on at most a quarter of
the period. Fewer than two comparable officers: not judged. No officer, no day.

Shifts: E early, L late, N night. The period starts Mon 5 Jan: days 5 and 6 are Sat, Sun.
"""

from __future__ import annotations

import pytest

from constraints.registry import catalogue
from inputs.reader import default_rules
from tests.builders import make_problem, officer, only, team
from tests.rules.helpers import (
    OFF,
    absence,
    assert_agrees,
    cover,
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

RULE = "fairness_nights_weekends"

AB = [officer("A"), officer("B")]
ABP = [officer("A"), officer("B"), officer("P", contract_hours=20)]
TWO_TEAMS = [officer("A"), officer("B"), officer("C", "R2"), officer("D", "R2")]
OTHER = [officer("A", "X"), officer("B", "X")]

CHECKER_CASES = [
    # The same tours: clean.
    pytest.param(rota(A="E L N - - E L", B="E L N - - E L"), AB, [], None, [], id="equal"),
    # Nights 2 and 0: spread 2 (no weekend days, no lates).
    pytest.param(
        rota(A="N N - - - - -", B="E E - - - - -"), AB, [], None, [(None, None, 2)], id="n"
    ),
    # Lates 1, 0, 0 among three: spread 1.
    pytest.param(
        rota(A="L - - - - - -", B="E - - - - - -", C="E - - - - - -"),
        [*AB, officer("C")],
        [],
        None,
        [(None, None, 1)],
        id="lates",
    ),
    # Weekend days: A 0 (Mon-Fri), B 2 (Wed-Sun): spread 2; no nights or lates.
    pytest.param(
        rota(A="E E E E E - -", B="- - E E E E E"), AB, [], None, [(None, None, 2)], id="weekend"
    ),
    # A: N on Mon, L on Sat; B nothing: nights 1, lates 1, weekend days 1: three of 1.
    pytest.param(
        rota(A="N - - - - L -", B="- - - - - - -"),
        AB,
        [],
        None,
        [(None, None, 1), (None, None, 1), (None, None, 1)],
        id="all-three",
    ),
    # The part-timer P (20h) is not compared: A and B equal, clean.
    pytest.param(
        rota(A="N N - - - - -", B="N N - - - - -", P="- - - - - - -"), ABP, [], None, [], id="pt"
    ),
    # ... but a full-time P is: nights 2, 2, 0: spread 2.
    pytest.param(
        rota(A="N N - - - - -", B="N N - - - - -", P="- - - - - - -"),
        [*AB, officer("P")],
        [],
        None,
        [(None, None, 2)],
        id="ft",
    ),
    # B on leave for 2 of 7 days (more than 7 / 4 = 1.75): not compared; A alone, clean.
    pytest.param(
        rota(A="N N - - - - -", B="- - - - - - -"), AB, [absence("B", 0, 1)], None, [], id="leave"
    ),
    # B on leave 1 day (at most a quarter): compared, nights 2 - 0 = 2.
    pytest.param(
        rota(A="N N - - - - -", B="- - - - - - -"),
        AB,
        [absence("B", 0)],
        None,
        [(None, None, 2)],
        id="short-leave",
    ),
    # 8 days, B on leave 2 days = exactly a quarter: compared, 2.
    pytest.param(
        rota(A="N N - - - - - -", B="- - - - - - - -"),
        AB,
        [absence("B", 0, 1)],
        None,
        [(None, None, 2)],
        id="quarter",
    ),
    # 8 days, B on leave 3 days: more than a quarter, not compared: clean.
    pytest.param(
        rota(A="N N - - - - - -", B="- - - - - - - -"),
        AB,
        [absence("B", 0, 2)],
        None,
        [],
        id="over-a-quarter",
    ),
    # One officer only: no spread.
    pytest.param(rota(A="N N N - - - -"), [officer("A")], [], None, [], id="alone"),
    # Teams are compared apart: R1 equal, R2 nights 1 - 0 = 1 (A vs D's 2 is not compared).
    pytest.param(
        rota(A="N N - -", B="N N - -", C="N - - -", D="- - - -"),
        TWO_TEAMS,
        [],
        None,
        [(None, None, 1)],
        id="two-teams",
    ),
    # Every team kind: an "other" team X, lates 2 - 0 = 2.
    pytest.param(rota(A="L L - -", B="- - - -"), OTHER, [], None, [(None, None, 2)], id="other"),
    # value 1 (tolerance): nights 2 - 0 = 2 -> 1.
    pytest.param(rota(A="N N - - - - -", B="- - - - - - -"), AB, [], 1, [(None, None, 1)], id="v1"),
    # value 1: a spread of 1 is free.
    pytest.param(rota(A="N - - - - - -", B="- - - - - - -"), AB, [], 1, [], id="v1-free"),
    # Hand-edited E+N on Sat: nights 1 and weekend days 1 (a day, not two tours): two of 1.
    pytest.param(
        rota(A="- - - - - E+N -", B="- - - - - - -"),
        AB,
        [],
        None,
        [(None, None, 1), (None, None, 1)],
        id="e+n",
    ),
]


@pytest.mark.parametrize(("roster", "officers", "absences", "value", "expected"), CHECKER_CASES)
def test_checker(roster, officers, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    teams = [team(t, "other" if t == "X" else "response") for t in {o.team for o in officers}]
    found = judge(RULE, roster, chosen, officers=officers, absences=absences, teams=teams)
    assert found == expected


# Rosters the model can hold: not the hand-edited E+N day (one tour a day is built in).
PINNABLE = [case for case in CHECKER_CASES if case.id != "e+n"]


# The same rosters pinned into the model with the rule soft (weight 3): the model's
# penalty, minimised and maximised, equals 3 x the checker's amount.
@pytest.mark.parametrize(("roster", "officers", "absences", "value", "expected"), PINNABLE)
def test_model_agrees_with_checker(roster, officers, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    teams = [team(t, "other" if t == "X" else "response") for t in {o.team for o in officers}]
    found = pinned(RULE, roster, chosen, officers=officers, absences=absences, teams=teams)
    assert_agrees(found, expected)


def test_team_rota_value_says_who_is_full_time():
    # team_rota's value 20: P (20h) is full-time and compared: nights 2, 2, 0 = 2.
    changed = {**default_rules(catalogue()), "team_rota": setting("team_rota", value=20)}
    roster = rota(A="N N - - - - -", B="N N - - - - -", P="- - - - - - -")
    assert judge(RULE, roster, officers=ABP, rules=changed) == [(None, None, 2)]
    assert judge(RULE, roster, officers=ABP) == []


# A and B in team R1; a Cover minimum of 1 on `shift` on `day` (all days unless given);
# B asks for every day OFF (weight 1; requests weigh 5). `nights` is how many of the
# tours B works.
MODEL_CASES = [
    # 2 days, N needed each day. Fairness x5: A both nights costs spread 2 x 5 = 10; B one
    # night costs 5 (refused) + spread 0: 5.
    pytest.param(None, 2, "N", "all", AB, [], 5, {"requests": 5}, 1, id="nights"),
    # Rule off: A works both, 0.
    pytest.param(OFF, 2, "N", "all", AB, [], 0, {}, 0, id="off"),
    # Soft weight 2: spread 2 x 2 = 4 < 5: A works both, 4.
    pytest.param(soft(RULE, 2), 2, "N", "all", AB, [], 4, {RULE: 4}, 0, id="soft-2"),
    # Lates count alike: 5.
    pytest.param(None, 2, "L", "all", AB, [], 5, {"requests": 5}, 1, id="lates"),
    # Earlies are not counted: A works both, 0.
    pytest.param(None, 2, "E", "all", AB, [], 0, {}, 0, id="earlies"),
    # 7 days, E needed at the weekend only: weekend days 2 - 0 = 2 x 5 = 10 > B on one: 5.
    pytest.param(None, 7, "E", "weekend", AB, [], 5, {"requests": 5}, 1, id="weekend"),
    # B part-time (20h): not compared, A works both, 0.
    pytest.param(
        None, 2, "N", "all", [officer("A"), officer("B", contract_hours=20)], [], 0, {}, 0, id="pt"
    ),
    # 4 days, B on leave Mon (1 day, a quarter): compared. A works Mon's night; of Tue-Thu
    # B takes k: 5k + 5 x |4 - 2k|: k=0: 20, k=1: 15, k=2: 10, k=3: 25 -> 10.
    pytest.param(None, 4, "N", "all", AB, [absence("B", 0)], 10, {"requests": 10}, 2, id="leave-1"),
    # 4 days, B on leave Mon-Tue (more than a quarter): not compared, A works all, 0.
    pytest.param(None, 4, "N", "all", AB, [absence("B", 0, 1)], 0, {}, 0, id="leave-2"),
    # 3 days, value 1: A all three costs (3 - 1) x 5 = 10; B one: 5 + 0 (2 - 1 is free): 5.
    pytest.param(setting(RULE, value=1), 3, "N", "all", AB, [], 5, {"requests": 5}, 1, id="v1"),
    # 3 days, value 1, weight 2: A all three: (3 - 1) x 2 = 4 < 5: 4.
    pytest.param(soft(RULE, 2, value=1), 3, "N", "all", AB, [], 4, {RULE: 4}, 0, id="v1-soft-2"),
    # Hard, value 1, 3 days: spread at most 1: B one night (A two), 5.
    pytest.param(hard(RULE, value=1), 3, "N", "all", AB, [], 5, {"requests": 5}, 1, id="hard-v1"),
    # Hard, value 0, 2 days: B one night, 5.
    pytest.param(hard(RULE, value=0), 2, "N", "all", AB, [], 5, {"requests": 5}, 1, id="hard-v0"),
]


@pytest.mark.parametrize(
    ("chosen", "days", "shift", "on", "officers", "absences", "objective", "penalties", "tours"),
    MODEL_CASES,
)
def test_model(chosen, days, shift, on, officers, absences, objective, penalties, tours):
    problem = make_problem(
        officers,
        days=days,
        cover=[cover(shift=shift, day=on, min=1)],
        absences=absences,
        requests=requests("B", " ".join(["OFF"] * days)),
        rules=rules(RULE, chosen, "requests", "cover_min"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    assert len(row(checked.roster, "B").replace("-", "").split()) == tours


def test_the_rule_matters():
    # A night is needed on each of 2 days and B wants both off: without the rule A works
    # both; with it B works one of them.
    def b_tours(names: tuple[str, ...]) -> str:
        problem = make_problem(
            AB,
            days=2,
            cover=[cover(shift="N", min=1)],
            requests=requests("B", "OFF OFF"),
            rules=only(*names),
        )
        return row(solved(problem).roster, "B")

    assert b_tours(("requests", "cover_min")) == "- -"
    assert b_tours(("requests", "cover_min", RULE)).split().count("N") == 1
