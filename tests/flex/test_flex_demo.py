"""End to end on a generated borough with a 3-week flex request (demo/flex.py).

The generator's reference roster keeps every hard rule of the roster catalogue (see
tests/test_demo.py), so it stands in for a solved roster here without a solve; the
command-line test below plans over a roster `roster demo` has solved.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

import pytest

from constraints.flex.donor_wards import approved
from constraints.flex.report import check_plan
from demo.borough import build_borough
from demo.flex import with_flex_request
from inputs.flex import Deployment, FlexData, FlexPlan, build_flex_data
from inputs.problem import FLEX_RANKS
from outputs.flex_workbook import abstraction, need_days
from solver.solve import SolverParams
from tests.flex.helpers import Checked, setting, solve_and_check

PARAMS = SolverParams(time_limit=20.0, workers=2, seed=0)
FEW_POINTS = Fraction(2, 100)


@pytest.fixture(scope="module")
def data() -> FlexData:
    borough = build_borough(300, seed=0)
    return build_flex_data(with_flex_request(borough.problem), borough.reference)


@pytest.fixture(scope="module")
def checked(data: FlexData) -> Checked:
    """Solved, and held to every checker: no hard violation, the same objective per rule."""
    return solve_and_check(data, params=PARAMS, optimal=False)


def test_the_request_runs_three_weeks_and_gets_officers(data: FlexData, checked: Checked):
    (request,) = data.requests
    assert request.days == 21
    assert request.review_date is not None and (request.review_date - request.start).days == 14
    assert len(checked.plan.deployments) > 0


def test_every_ward_keeps_a_pc_and_a_pcso_whenever_it_had_them(data: FlexData, checked: Checked):
    """Hour by hour, from the shift times alone (not the rule's own duty spans)."""
    flexed = {(d.officer_id, d.day) for d in checked.plan.deployments}
    for ward in data.wards:
        for rank in FLEX_RANKS:
            own = [o for o in data.ward_officers(ward) if o.rank == rank]
            for day in data.window:
                for hour in range(24):
                    on = [
                        o.officer_id
                        for o in own
                        for code in data.on(o.officer_id, day)
                        if data.shifts[code].covers_hour(hour)
                    ]
                    kept = [o for o in on if (o, day) not in flexed]
                    assert kept or not on, (ward, rank, data.day_text(day), hour)


def test_no_officer_exceeds_the_rotation_limit(data: FlexData, checked: Checked):
    days: dict[str, set[int]] = defaultdict(set)
    for d in checked.plan.deployments:
        days[d.officer_id].add(d.day)
    assert days and max(len(found) for found in days.values()) <= 7


def test_the_need_is_met_wherever_the_donors_can_supply_it(data: FlexData, checked: Checked):
    """Each tour still short could be given only by breaking a hard rule."""
    plan = checked.plan
    busy = {(d.officer_id, d.day) for d in plan.deployments}
    tried = 0
    for need in need_days(data, plan):
        if not need.short:
            continue
        for officer in data.officers:
            tour = Deployment(need.day, need.row.row, officer.officer_id, need.row.shift)
            if (
                officer.rank != need.row.rank
                or officer.ward == need.row.ward
                or not approved(need.row, officer.ward)
                or need.row.shift not in data.on(officer.officer_id, need.day)
                or (officer.officer_id, need.day) in busy
            ):
                continue
            more = FlexPlan.of(*plan.deployments, tour)
            assert check_plan(data, more).hard_violations > 0, tour
            tried += 1
    assert tried > 0, "the test found no short tour a donor could have been asked for"


def test_the_largest_donor_share_is_within_a_few_points_of_the_lowest(
    data: FlexData, checked: Checked
):
    """A second solve minimises only the largest share, for as much need met."""
    rules = dict(data.rules) | {"flex_officers": setting("flex_officers", enabled=False)}
    lowest = solve_and_check(data.model_copy(update={"rules": rules}), params=PARAMS)
    need = lowest.report.outcome("flex_need").penalty
    assert need == checked.report.outcome("flex_need").penalty
    ours = abstraction(data, checked.plan).largest
    assert ours <= abstraction(data, lowest.plan).largest + FEW_POINTS


def test_a_request_too_few_donors_can_meet_reports_its_shortfall(data: FlexData):
    """Only one ward approved: the plan keeps every hard rule and lists what is short."""
    donor = next(w for w in data.wards if w != data.rows[0].ward)
    rows = tuple(row.model_copy(update={"donor_wards": frozenset({donor})}) for row in data.rows)
    scarce = data.model_copy(update={"rows": rows})
    found = solve_and_check(scarce, params=PARAMS, optimal=False)
    short = [n for n in need_days(scarce, found.plan) if n.short]
    assert short
    assert found.report.outcome("flex_need").amount == sum(n.short for n in short)
    assert {d.officer_id for d in found.plan.deployments} <= {
        o.officer_id for o in scarce.ward_officers(donor)
    }
