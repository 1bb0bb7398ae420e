"""Property tests on random small boroughs (hypothesis).

1. Any random borough either solves, with zero hard violations by the
   checkers and the solver's objective equal to the recomputed one, or is
   reported infeasible; it never crashes.
2. The CP-SAT part and the checker of every rule agree on ANY roster, not just
   optimal ones: pin a random roster into the model with every rule soft, and
   the solver's per-rule penalties must equal the checkers'.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from constraints.registry import catalogue
from constraints.report import check_roster
from inputs.problem import (
    OFF_REQUEST,
    Absence,
    CoverRow,
    Officer,
    ProblemData,
    Request,
    RuleSetting,
)
from inputs.roster import Roster
from solver.solve import SolverParams, Status, build_model, solve
from tests.builders import MONDAY, make_problem, officer, team
from tests.conftest import RESPONSE_SHIFTS
from tests.solving import solve_and_check

QUICK = SolverParams(time_limit=5.0, workers=1, seed=0)
PATIENT = SolverParams(time_limit=60.0, workers=1, seed=0)
"""For the few random months QUICK cannot decide: 4 SN sergeants whose contracts cannot
cover a cluster's window for 10 days took CP-SAT 10 s to prove infeasible."""
HISTORY_CODES = ("E", "L", "N", "SE", "SL", "RD", "AL", None)


@st.composite
def boroughs(draw: st.DrawFn, all_soft: bool = False) -> ProblemData:
    days = draw(st.sampled_from([7, 10, 14]))
    officers: list[Officer] = []
    for i in range(draw(st.integers(2, 5))):
        team_id = draw(st.sampled_from(["R1", "R2", "W1"]))
        officers.append(
            officer(
                f"P{i}",
                team_id,
                rank=draw(st.sampled_from(["PS", "PC", "PC", "PCSO"])),
                contract_hours=draw(st.sampled_from([16.0, 24.0, 40.0, 40.0])),
                skills=frozenset(draw(st.sets(st.sampled_from(["driver", "taser"])))),
            )
        )
    teams = [
        team("R1"),
        team("R2"),
        team("W1", "sn", cluster="North", ward="Riverside"),
    ]
    cover = [_cover_row(draw, row, days) for row in range(2, 2 + draw(st.integers(0, 3)))]
    absences = [
        _absence(draw, row, officers, days) for row in range(2, 2 + draw(st.integers(0, 3)))
    ]
    requests = [
        _request(draw, row, officers, days) for row in range(2, 2 + draw(st.integers(0, 4)))
    ]
    history = {
        o.officer_id: {k: code for k in (1, 2, 3) if (code := draw(st.sampled_from(HISTORY_CODES)))}
        for o in officers
        if draw(st.booleans())
    }
    history = {o: _fit_history(codes, o, officers) for o, codes in history.items()}
    return make_problem(
        officers,
        teams=teams,
        shifts=RESPONSE_SHIFTS,
        days=days,
        cover=cover,
        absences=absences,
        requests=requests,
        rules=_rules(draw, all_soft),
        history=history,
    )


def _cover_row(draw: st.DrawFn, row: int, days: int) -> CoverRow:
    low = draw(st.integers(0, 1))
    target = draw(st.integers(max(low, 1), 3))
    scope = draw(st.sampled_from(["response", "R1", "sn", "cluster"]))
    day = draw(
        st.sampled_from(
            ["all", "weekday", "weekend", "Sat", (MONDAY + timedelta(days=days - 1)).isoformat()]
        )
    )
    filters = {"ranks": frozenset({"PS"})} if draw(st.booleans()) and scope != "sn" else {}
    if scope == "cluster":
        start = draw(st.integers(5, 22))
        end = draw(st.integers(1, 24).filter(lambda hour: hour != start))
        return CoverRow(
            row=row, cluster="North", day=day, from_hour=start, to_hour=end, min=low, target=target
        )
    shift = draw(st.sampled_from(["SE", "SL"] if scope == "sn" else ["E", "L", "N"]))
    return CoverRow(row=row, team=scope, day=day, shift=shift, min=low, target=target, **filters)


def _absence(draw: st.DrawFn, row: int, officers: list[Officer], days: int) -> Absence:
    first = draw(st.integers(-2, days - 1))
    length = draw(st.integers(0, 6))
    return Absence(
        row=row,
        officer_id=draw(st.sampled_from(officers)).officer_id,
        start=MONDAY + timedelta(days=first),
        end=MONDAY + timedelta(days=first + length),
        type=draw(st.sampled_from(["annual_leave", "training", "sick"])),
    )


def _request(draw: st.DrawFn, row: int, officers: list[Officer], days: int) -> Request:
    who = draw(st.sampled_from(officers))
    shifts = ["SE", "SL"] if who.team == "W1" else ["E", "L", "N"]
    return Request(
        row=row,
        officer_id=who.officer_id,
        date=MONDAY + timedelta(days=draw(st.integers(0, days - 1))),
        shift=draw(st.sampled_from([*shifts, OFF_REQUEST])),
        want=draw(st.booleans()),
        weight=draw(st.integers(1, 3)),
    )


def _fit_history(codes: dict[int, str], officer_id: str, officers: list[Officer]) -> dict[int, str]:
    """History codes must be tours the officer's team can work."""
    team_id = next(o.team for o in officers if o.officer_id == officer_id)
    sn_codes, response_codes = {"SE", "SL"}, {"E", "L", "N"}
    wrong = response_codes if team_id == "W1" else sn_codes
    return {k: ("RD" if code in wrong else code) for k, code in codes.items()}


def _rules(draw: st.DrawFn, all_soft: bool) -> dict[str, RuleSetting]:
    rules = {}
    for name, spec in catalogue().items():
        setting = spec.default
        if spec.can_disable and draw(st.integers(0, 5)) == 0:
            setting = setting.model_copy(update={"enabled": False})
        if spec.can_soften and (all_soft or draw(st.booleans())):
            setting = setting.model_copy(update={"hard": False, "weight": draw(st.integers(1, 7))})
        rules[name] = setting
    return rules


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(boroughs())
def test_random_boroughs_solve_cleanly_or_are_infeasible(problem: ProblemData) -> None:
    result = solve(build_model(problem), QUICK)
    if result.status == Status.NO_SOLUTION:
        result = solve(build_model(problem), PATIENT)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE, Status.INFEASIBLE), result.status
    if result.status.has_roster:
        solve_and_check(problem, QUICK)


@st.composite
def pinned(draw: st.DrawFn) -> tuple[ProblemData, Roster]:
    """A borough with every softenable rule soft, and a random roster that keeps absences."""
    problem = draw(boroughs(all_soft=True))
    tours = {}
    for o in problem.officers:
        codes = [s.code for s in problem.eligible_shifts(o)]
        tours[o.officer_id] = [
            None
            if problem.absence_on(o.officer_id, d) is not None
            else draw(st.sampled_from([None, None, *codes]))
            for d in range(problem.num_days)
        ]
    return problem, Roster.from_codes(tours)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pinned())
def test_model_and_checkers_agree_on_any_roster(case: tuple[ProblemData, Roster]) -> None:
    problem, roster = case
    model = build_model(problem)
    for (officer_id, day, code), var in model.vars.shift.items():
        model.cp.add(var == int(code in roster.on(officer_id, day)))
    result = solve(model, QUICK)
    assert result.status == Status.OPTIMAL, result.status
    report = check_roster(problem, roster)
    checker = {o.rule.name: o.penalty for o in report.outcomes if o.penalty}
    assert result.rule_penalties == checker
    assert result.objective == report.objective
