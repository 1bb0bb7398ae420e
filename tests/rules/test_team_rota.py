"""team_rota: each response team works one tour (or rests) per day as a unit (soft, 50).

A present (not absent) officer deviates when on a tour other than the team's (or any tour
on the team's rest day), or, if full-time (contract >= value, default 40h), when resting
while the team works. One deviation = 1, per officer and day. A roster that states no
team tours is judged against, per day, the team tour with the fewest deviations.
"""

from __future__ import annotations

import pytest

from tests.builders import make_problem, officer, team
from tests.rules.helpers import (
    OFF,
    absence,
    assert_agrees,
    hard,
    judge,
    pinned,
    request,
    rota,
    row,
    rules,
    setting,
    soft,
    solved,
)

RULE = "team_rota"

AB = [officer("A"), officer("B")]
AP = [officer("A"), officer("P", contract_hours=20)]
ABC = [officer("A"), officer("B"), officer("C")]

CHECKER_CASES = [
    # Team E E, both on E: clean.
    pytest.param(rota({"R1": "E E"}, A="E E", B="E E"), AB, [], None, [], id="clean"),
    # Team E on Tue, A on L: 1, A, day 1.
    pytest.param(rota({"R1": "E E"}, A="E L", B="E E"), AB, [], None, [("A", 1, 1)], id="tour"),
    # Team rests on Tue, A works E: 1.
    pytest.param(rota({"R1": "E -"}, A="E E", B="E -"), AB, [], None, [("A", 1, 1)], id="rest-day"),
    # Team works E on Tue, full-time A rests: 1.
    pytest.param(rota({"R1": "E E"}, A="E -", B="E E"), AB, [], None, [("A", 1, 1)], id="ft-rests"),
    # Team night across midnight: both on N each day, clean.
    pytest.param(rota({"R1": "N N"}, A="N N", B="N N"), AB, [], None, [], id="nights"),
    # Team works E on Tue, part-time P (20h) rests: by design, clean.
    pytest.param(rota({"R1": "E E"}, A="E E", P="E -"), AP, [], None, [], id="pt-rests"),
    # ... part-time P on L while the team works E: 1.
    pytest.param(rota({"R1": "E E"}, A="E E", P="E L"), AP, [], None, [("P", 1, 1)], id="pt-tour"),
    # ... part-time P works on the team's rest day: 1.
    pytest.param(rota({"R1": "E -"}, A="E -", P="E E"), AP, [], None, [("P", 1, 1)], id="pt-rest"),
    # value 20: P (20h) counts as full-time, so resting while the team works is 1.
    pytest.param(rota({"R1": "E E"}, A="E E", P="E -"), AP, [], 20, [("P", 1, 1)], id="value-20"),
    # value 45: A (40h) is part-time under it, so A resting is fine.
    pytest.param(rota({"R1": "E E"}, A="E -", P="E E"), AP, [], 45, [], id="value-45"),
    # A on leave on Tue rests while the team works: not a deviation.
    pytest.param(
        rota({"R1": "E E"}, A="E -", B="E E"), AB, [absence("A", 1)], None, [], id="absent"
    ),
    # E+L on a team E day (hand edit): L is not the team's tour, 1.
    pytest.param(rota({"R1": "E"}, A="E+L", B="E"), AB, [], None, [("A", 0, 1)], id="e+l"),
    # No team tours stated: the tour with the fewest deviations is used: E (C deviates).
    pytest.param(rota(A="E", B="E", C="L"), ABC, [], None, [("C", 0, 1)], id="best-e"),
    # No team tours stated, A on E, B and C rest (full-time): E would cost 2 (B, C rest),
    # a team rest day costs 1 (A works): 1 deviation, A.
    pytest.param(rota(A="E", B="-", C="-"), ABC, [], None, [("A", 0, 1)], id="best-rest"),
    # No team tours, per day: Mon E (A, B) vs N (C): C; Tue all rest: clean.
    pytest.param(rota(A="E -", B="E -", C="N -"), ABC, [], None, [("C", 0, 1)], id="best-per-day"),
]


@pytest.mark.parametrize(("roster", "officers", "absences", "value", "expected"), CHECKER_CASES)
def test_checker(roster, officers, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    assert judge(RULE, roster, chosen, officers=officers, absences=absences) == expected


# Rosters the model can hold: not the hand-edited E+L day (one tour a day is built in).
PINNABLE = [case for case in CHECKER_CASES if case.id != "e+l"]


# The same rosters pinned into the model with the rule soft (weight 3): the model's
# penalty, minimised and maximised, equals 3 x the checker's amount.
@pytest.mark.parametrize(("roster", "officers", "absences", "value", "expected"), PINNABLE)
def test_model_agrees_with_checker(roster, officers, absences, value, expected):
    chosen = setting(RULE, value=value) if value is not None else None
    found = pinned(RULE, roster, chosen, officers=officers, absences=absences)
    assert_agrees(found, expected)


def test_checker_judges_response_teams_only():
    # An SN team (W1) has no team tour: its officers on different tours are not judged.
    # The response team R1 next to it is: R on L while R1 works E is 1.
    roster = rota({"R1": "E"}, R="L", W="E", V="L")
    officers = [officer("R"), officer("W", "W1"), officer("V", "W1")]
    teams = [team("R1"), team("W1", "sn")]
    assert judge(RULE, roster, officers=officers, teams=teams) == [("R", 0, 1)]


def test_checker_each_team_has_its_own_tour():
    # R1 works E, R2 works L: each officer follows their own team, clean.
    roster = rota({"R1": "E", "R2": "L"}, A="E", B="L")
    assert judge(RULE, roster, officers=[officer("A"), officer("B", "R2")]) == []


# Two full-time officers of R1, one day. A wants E, B wants L (weight 1; requests weigh 5).
MODEL_CASES = [
    # Default soft 50: a deviation (50) costs more than refusing a request (5): 5.
    pytest.param(None, 5, {"requests": 5}, True, id="soft-default"),
    # Hard: one request refused, 5.
    pytest.param(hard(RULE), 5, {"requests": 5}, True, id="hard"),
    # Soft weight 2: one deviation 1 x 2 = 2 < 5: A on E, B on L.
    pytest.param(soft(RULE, 2), 2, {RULE: 2}, False, id="soft-2"),
    # Rule off: both granted.
    pytest.param(OFF, 0, {}, False, id="off"),
]


@pytest.mark.parametrize(("chosen", "objective", "penalties", "together"), MODEL_CASES)
def test_model(chosen, objective, penalties, together):
    problem = make_problem(
        AB,
        days=1,
        requests=[request("A", 0, "E"), request("B", 0, "L")],
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    a, b = row(checked.roster, "A"), row(checked.roster, "B")
    assert (a == b) == together, (a, b)
    if together and chosen != OFF:
        assert checked.roster.team_tours["R1"] == ((None if a == "-" else a),)


# One day; A (full-time) wants E, the other officer wants OFF (weight 1 each).
#   B full-time: resting while the team works E is a deviation (50): one request refused, 5.
#   P part-time (20h): may rest while the team works: both granted, 0.
#   P with value 20 (full-time from 20h): as B, 5.
#   B on leave (absent): not judged, 0.
#   Rule off: 0.
#   Hard: B full-time must work with the team (or the team rests and A's E is refused): 5;
#   hard with P part-time: P may rest, 0.
REST_CASES = [
    pytest.param(None, AB, [], 5, id="full-time"),
    pytest.param(None, AP, [], 0, id="part-time"),
    pytest.param(setting(RULE, value=20), AP, [], 5, id="value-20"),
    pytest.param(None, AB, [absence("B", 0)], 0, id="absent"),
    pytest.param(OFF, AB, [], 0, id="off"),
    pytest.param(hard(RULE), AB, [], 5, id="hard-full-time"),
    pytest.param(hard(RULE), AP, [], 0, id="hard-part-time"),
]


@pytest.mark.parametrize(("chosen", "officers", "absences", "objective"), REST_CASES)
def test_model_rest_while_team_works(chosen, officers, absences, objective):
    other = officers[1].officer_id
    problem = make_problem(
        officers,
        days=1,
        absences=absences,
        requests=[request("A", 0, "E"), request(other, 0, "OFF")],
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    if objective == 0:
        assert (row(checked.roster, "A"), row(checked.roster, other)) == ("E", "-")
