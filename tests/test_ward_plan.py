"""The ward plan: each SN ward's start variant per week, covering its cluster's window."""

from __future__ import annotations

from solver.ward_plan import plan_ward_variants
from tests.builders import make_problem, officer, only
from tests.rules.test_sn_rules import SN_SHIFTS, WARDS

RULES = only("sn_cluster_cover", "sn_offset_starts", "sn_evening_weekend")


def _two_wards(pins: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    teams = [t.model_copy(update={"start_variant": (pins or {}).get(t.team_id)}) for t in WARDS]
    people = [officer(f"{w}P{i}", w) for w in ("W1", "W2") for i in range(2)]
    return make_problem(people, teams=teams, shifts=SN_SHIFTS, days=14, rules=RULES)


def test_the_plan_offsets_the_wards_to_cover_the_window():
    # 07-23 needs an SE ward and an SL ward each week (2 officers each = MARGIN x 1).
    plan = plan_ward_variants(_two_wards(), time_limit=5, workers=1)
    assert plan is not None
    for week in range(2):
        assert sorted(plan[w][week] for w in ("W1", "W2")) == ["SE", "SL"]


def test_the_plan_keeps_a_pinned_ward():
    plan = plan_ward_variants(_two_wards({"W2": "SE"}), time_limit=5, workers=1)
    assert plan == {"W1": ("SL", "SL"), "W2": ("SE", "SE")}


def test_wards_pinned_to_one_start_have_no_plan():
    assert plan_ward_variants(_two_wards({"W1": "SE", "W2": "SE"}), 5, 1) is None
