"""Shared fixtures: a small borough (a handful of officers, two weeks) for quick end-to-end
tests, and a complete one, generated, that exercises every rule."""

from __future__ import annotations

from datetime import time

import pytest

from demo.borough import build_borough, republish
from inputs.problem import Absence, CoverRow, ProblemData, Request, Shift
from tests.builders import MONDAY, make_problem, officer, team

RESPONSE_SHIFTS = (
    Shift(code="E", start=time(7), end=time(16), kind="early", for_="response"),
    Shift(code="L", start=time(14), end=time(23), kind="late", for_="response"),
    Shift(code="N", start=time(22), end=time(7), kind="night", for_="response"),
    Shift(code="SE", start=time(7), end=time(15), kind="early", for_="sn"),
    Shift(code="SL", start=time(15), end=time(23), kind="late", for_="sn"),
)


@pytest.fixture
def small_borough() -> ProblemData:
    """Two response teams (two sergeants each) and one SN ward over two weeks."""
    officers = [
        officer("R1PS", "R1", rank="PS"),
        officer("R1PS2", "R1", rank="PS"),
        *(officer(f"R1PC{i}", "R1") for i in range(3)),
        officer("R2PS", "R2", rank="PS"),
        officer("R2PS2", "R2", rank="PS"),
        *(officer(f"R2PC{i}", "R2") for i in range(3)),
        officer("R2PT", "R2", contract_hours=20),
        officer("W1PC", "W1", ward="Riverside"),
        officer("W1CSO", "W1", rank="PCSO", ward="Riverside"),
        officer("W1PC2", "W1", ward="Riverside"),
        officer("W1CSO2", "W1", rank="PCSO", ward="Riverside"),
    ]
    teams = [
        team("R1"),
        team("R2"),
        team("W1", "sn", cluster="North", ward="Riverside"),
    ]
    cover = [
        CoverRow(row=2, team="response", day="all", shift="E", min=1, target=3),
        CoverRow(row=3, team="response", day="all", shift="N", min=1, target=2),
        CoverRow(row=4, team="response", day="weekend", shift="L", min=1, ranks=frozenset({"PS"})),
        CoverRow(row=5, cluster="North", day="all", from_hour=9, to_hour=21, min=0, target=1),
    ]
    absences = [
        Absence(
            row=2, officer_id="R1PC0", start=MONDAY, end=MONDAY.replace(day=7), type="annual_leave"
        ),
    ]
    requests = [
        Request(
            row=2, officer_id="R2PC1", date=MONDAY.replace(day=10), shift="OFF", want=True, weight=2
        ),
        Request(row=3, officer_id="W1PC", date=MONDAY.replace(day=9), shift="SL", want=True),
    ]
    return make_problem(
        officers,
        teams=teams,
        shifts=RESPONSE_SHIFTS,
        days=14,
        cover=cover,
        absences=absences,
        requests=requests,
        history={"R1PC1": {1: "N", 2: "N"}, "R2PC0": {1: "L"}},
    )


@pytest.fixture(scope="session")
def complete_borough() -> ProblemData:
    """A generated borough that uses every rule of the catalogue: response teams with
    probationers and tutors, SN wards in clusters, History, leave and requests, and a
    Published roster with two officers newly sick (re-rostering)."""
    problem = republish(build_borough(100, seed=0, period_days=14), sick=3)
    return _with_own_limits(problem)


def _with_own_limits(problem: ProblemData) -> ProblemData:
    """One SN officer with limits of their own, and runs of at least 2 working days."""
    sn = next(o for o in problem.officers if problem.team_of(o).kind == "sn")
    code = problem.eligible_shifts(sn)[0].code
    limited = sn.model_copy(update={"max_shifts": {code: 3}, "max_weekends": 1})
    officers = tuple(limited if o is sn else o for o in problem.officers)
    rules = dict(problem.rules)
    rules["min_consecutive_days"] = rules["min_consecutive_days"].model_copy(update={"value": 2})
    return problem.model_copy(update={"officers": officers, "rules": rules})
