"""min_rest_hours: hours from the end of one tour to the start of the next (hard, 11).

Shifts: E 07-15, L 15-23, N 22-07 (crosses midnight). L then E = 8h, N then E = 0h,
N then L = 8h, E then N = 7h, L then N = 23h, E then L (next day) = 24h.
"""

from __future__ import annotations

import pytest

from tests.builders import SHIFTS, make_problem, officer
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

RULE = "min_rest_hours"

CHECKER_CASES = [
    pytest.param(rota(A="E E L L N N - E"), {}, None, [], id="clean-week"),
    # L Mon ends 23:00, E Tue starts 07:00: 8h < 11h, one pair, dated on the second tour.
    pytest.param(rota(A="L E - -", B="E E - -"), {}, None, [("A", 1, 1)], id="late-then-early"),
    # N Mon ends 07:00 Tue (crossing midnight), E Tue starts 07:00: 0h.
    pytest.param(rota(A="N E - -"), {}, None, [("A", 1, 1)], id="night-then-early"),
    # N Mon ends 07:00 Tue, L Tue starts 15:00: 8h.
    pytest.param(rota(A="N L - -"), {}, None, [("A", 1, 1)], id="night-then-late"),
    # N Mon ends 07:00 Tue, RD Tue, E Wed 07:00: 24h; L then N: 23h.
    pytest.param(rota(A="N - E L N"), {}, None, [], id="night-rest-early"),
    # Two breaks: L Mon -> E Tue (8h) and N Thu -> E Fri (0h): two violations of 1.
    pytest.param(rota(A="L E - N E"), {}, None, [("A", 1, 1), ("A", 4, 1)], id="two-breaks"),
    # History: N on Sun 4 Jan ends 07:00 Mon, E Mon starts 07:00: 0h, dated Mon (day 0).
    pytest.param(rota(A="E E - -"), {"A": {1: "N"}}, None, [("A", 0, 1)], id="history-night"),
    # History: L on Sun ends 23:00, E Mon 07:00: 8h.
    pytest.param(rota(A="E - - -"), {"A": {1: "L"}}, None, [("A", 0, 1)], id="history-late"),
    # History: N on Sat 3 Jan ends 07:00 Sun, RD Sun, E Mon 07:00: 24h.
    pytest.param(rota(A="E - - -"), {"A": {2: "N", 1: "RD"}}, None, [], id="history-two-back"),
    # History: L Sat then E Sun is a break inside History only: not the period's to judge.
    pytest.param(rota(A="- E - -"), {"A": {2: "L", 1: "E"}}, None, [], id="history-only-pair"),
    # value 8: L->E (8h) and N->L (8h) are allowed, N->E (0h) is still too close.
    pytest.param(rota(A="L E - N L - N E"), {}, 8, [("A", 7, 1)], id="value-8"),
    # value 12: E->E (16h) fine, L->L (16h) fine, L->N next day (23h) fine, N->N (15h) fine.
    pytest.param(rota(A="E E L L N N"), {}, 12, [], id="value-12-clean"),
    # value 16: N->N is 15h (22:00 - 07:00 next morning), one break per pair: Tue, Wed.
    pytest.param(rota(A="N N N -"), {}, 16, [("A", 1, 1), ("A", 2, 1)], id="value-16-nights"),
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


# One officer, two days, asking for L on Mon and E on Tue (each request weight 1; the
# requests rule weighs 5). L then E is 8h of rest.
MODEL_CASES = [
    # Hard 11h: one request must be refused: 1 x 5 = 5.
    pytest.param(None, 5, {"requests": 5}, False, id="hard"),
    # Rule off: both granted, objective 0, L then E.
    pytest.param(OFF, 0, {}, True, id="off"),
    # value 8 allows the 8h gap: objective 0.
    pytest.param(setting(RULE, value=8), 0, {}, True, id="value-8"),
    # value 8.5 does not: 5.
    pytest.param(setting(RULE, value=8.5), 5, {"requests": 5}, False, id="value-8.5"),
    # Soft, weight 3: breaking the rest once (1 x 3) beats refusing a request (5): 3.
    pytest.param(soft(RULE, 3), 3, {RULE: 3}, True, id="soft-3"),
    # Soft, weight 7: refusing a request (5) beats breaking the rest (1 x 7): 5.
    pytest.param(soft(RULE, 7), 5, {"requests": 5}, False, id="soft-7"),
]


@pytest.mark.parametrize(("chosen", "objective", "penalties", "both"), MODEL_CASES)
def test_model(chosen, objective, penalties, both):
    problem = make_problem(
        [officer("A")],
        days=2,
        requests=requests("A", "L E"),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert checked.result.rule_penalties == penalties
    assert (row(checked.roster, "A") == "L E") == both


# History: a night on Sun 4 Jan (ends 07:00 Mon). A asks for E on Mon: 0h of rest, so
# with the rule the request is refused (1 x 5 = 5); without History or without the rule
# it is granted (0). Soft weight 2: the break costs 1 x 2 = 2 < 5.
HISTORY_CASES = [
    pytest.param(None, {"A": {1: "N"}}, 5, "-", id="history-night"),
    pytest.param(None, {"A": {1: "RD"}}, 0, "E", id="history-rest"),
    pytest.param(None, {"A": {2: "N", 1: "RD"}}, 0, "E", id="history-night-two-back"),
    pytest.param(OFF, {"A": {1: "N"}}, 0, "E", id="off"),
    pytest.param(soft(RULE, 2), {"A": {1: "N"}}, 2, "E", id="soft-2"),
]


@pytest.mark.parametrize(("chosen", "history", "objective", "monday"), HISTORY_CASES)
def test_model_history(chosen, history, objective, monday):
    problem = make_problem(
        [officer("A")],
        days=1,
        history=history,
        requests=requests("A", "E"),
        rules=rules(RULE, chosen, "requests"),
    )
    checked = solved(problem)
    assert checked.result.objective == objective
    assert row(checked.roster, "A") == monday


# Forbidden successions: L may not be followed by E, whatever the hours (value 0 here, so
# only the Shifts sheet's cannot_follow forbids anything).
def with_successions(**cannot_follow: str) -> tuple:
    return tuple(
        s.model_copy(update={"cannot_follow": frozenset(cannot_follow.get(s.code, "").split())})
        for s in SHIFTS
    )


SUCCESSION_CASES = [
    # L Mon then E Tue: 1; E then L, or L then L, fine.
    pytest.param(rota(A="L E L L E L"), {}, [("A", 1, 1), ("A", 4, 1)], id="late-early"),
    # L Mon, rest Tue, E Wed: not the next day, fine.
    pytest.param(rota(A="L - E"), {}, [], id="a-day-between"),
    # History: L on Sun 4 Jan then E on Mon: 1, dated Mon.
    pytest.param(rota(A="E - -"), {"A": {1: "L"}}, [("A", 0, 1)], id="history"),
]


@pytest.mark.parametrize(("roster", "history", "expected"), SUCCESSION_CASES)
def test_checker_successions(roster, history, expected):
    chosen = setting(RULE, value=0)
    shifts = with_successions(L="E")
    assert judge(RULE, roster, chosen, history=history, shifts=shifts) == expected


@pytest.mark.parametrize(("roster", "history", "expected"), SUCCESSION_CASES)
def test_model_agrees_with_checker_successions(roster, history, expected):
    chosen, shifts = setting(RULE, value=0), with_successions(L="E")
    assert_agrees(pinned(RULE, roster, chosen, history=history, shifts=shifts), expected)


def test_a_pair_too_close_and_forbidden_counts_once():
    # L then E is 8h (< 11h) and forbidden by cannot_follow: one violation, not two.
    shifts = with_successions(L="E")
    assert judge(RULE, rota(A="L E"), None, shifts=shifts) == [("A", 1, 1)]
