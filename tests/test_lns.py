"""The search by parts: a roster built officer by officer, then large neighbourhood search,
held to the checkers and to the benchmark's independent scorer."""

from __future__ import annotations

import gc
import random
import time
import weakref
from collections.abc import Callable
from typing import Any

import pytest
from google.protobuf.message import Message
from ortools.sat.python import cp_model

from inputs.problem import ProblemData
from solver import by_parts, lns, sub_model
from solver.model import RosterModel
from solver.solve import Progress, SolverParams, build_model, extract_roster, run_solver
from solver.sub_model import SubModels
from tests import curtois_reference as reference
from tests.solving import assert_checked
from tests.test_curtois import DATA, as_solution, instance


@pytest.mark.parametrize("fold", [True, False])
def test_neighbourhood_search_only_improves_and_is_checked(
    fold: bool, monkeypatch: pytest.MonkeyPatch
):
    # The whole model gets no time of its own: the roster is built officer by officer and
    # every gain after that is the neighbourhood search's.
    monkeypatch.setattr(by_parts, "WHOLE_SHARE", (0.0, 0.0))
    monkeypatch.setattr(sub_model, "FOLD_ABOVE", 0 if fold else 10**9)
    problem, inst = instance(5), reference.parse(DATA / "Instance5.txt")
    seen: list[float] = []

    def watch(progress: Progress) -> None:
        if progress.objective is not None:
            seen.append(progress.objective)

    params = SolverParams(time_limit=8.0, workers=2, seed=0)
    result = by_parts.solve_by_parts(problem, params, watch, time.perf_counter(), 8.0)
    checked = assert_checked(problem, result)
    assert reference.hard_violations(inst, as_solution(problem, checked.roster)) == []
    assert reference.objective(inst, as_solution(problem, checked.roster)) == result.objective
    assert seen == sorted(seen, reverse=True), "the best roster shown never got worse"
    assert result.objective is not None and result.objective < seen[0], "the search gained"


def test_a_kind_is_tried_once_before_the_best_rate_is_followed(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr(lns, "EXPLORE", 0.0)
    kinds = [lns.Kind("officers", 3, 28), lns.Kind("days", 10, 7), lns.Kind("block", 3, 7)]
    rng = random.Random(0)
    assert lns._choose(kinds, rng) is kinds[0]
    kinds[0].record(gain=100, seconds=1.0)
    assert lns._choose(kinds, rng) is kinds[1]
    kinds[1].record(gain=300, seconds=1.0)
    kinds[2].record(gain=0, seconds=0.5)
    assert lns._choose(kinds, rng) is kinds[1]
    # The latest solve weighs RECENT: 0.3 * 0 + 0.7 * 300 = 210 per second, still above 100.
    kinds[1].record(gain=0, seconds=1.0)
    assert kinds[1].rate == pytest.approx(210.0)
    assert lns._choose(kinds, rng) is kinds[1]
    # Two more fruitless solves: 0.7 * 210 = 147, then 0.7 * 147 = 102.9, then 72.03 < 100.
    for _ in range(3):
        kinds[1].record(gain=0, seconds=1.0)
    assert lns._choose(kinds, rng) is kinds[0]


def test_kinds_tied_at_the_best_rate_take_turns_at_random(monkeypatch: pytest.MonkeyPatch):
    """A trapped search gains nothing with any kind: always the first of them kept instance 6
    at 2,041 for 41 s (91 of 105 sub-solves one kind); taking turns found 1,952."""
    monkeypatch.setattr(lns, "EXPLORE", 0.0)
    kinds = [lns.Kind("officers", 3, 28), lns.Kind("days", 10, 7), lns.Kind("block", 3, 7)]
    for kind in kinds:
        kind.record(gain=0, seconds=1.0)
    rng = random.Random(0)
    chosen = [lns._choose(kinds, rng).name for _ in range(30)]
    assert set(chosen) == {"officers", "days", "block"}
    kinds[2].record(gain=1, seconds=1.0)
    assert {lns._choose(kinds, rng).name for _ in range(10)} == {"block"}


def test_a_kind_gone_stale_counts_as_gaining_nothing(monkeypatch: pytest.MonkeyPatch):
    """A rate decays toward 0 but never reaches it: without STALE a stalled search chose the
    kind that once gained over every kind that had not (instance 18, 180 s)."""
    monkeypatch.setattr(lns, "EXPLORE", 0.0)
    monkeypatch.setattr(lns, "STALE", 3)
    kinds = [lns.Kind("officers", 3, 28), lns.Kind("days", 10, 7)]
    kinds[0].record(gain=1000, seconds=1.0)
    kinds[1].record(gain=0, seconds=1.0)
    rng = random.Random(0)
    # Two misses: 0.7 * 1000 = 700, then 490 a second, still above days' 0.
    for _ in range(2):
        kinds[0].record(gain=0, seconds=1.0)
    assert {lns._choose(kinds, rng).name for _ in range(10)} == {"officers"}
    # The third miss in a row (343 a second) makes it stale: tied with days at 0.
    kinds[0].record(gain=0, seconds=1.0)
    assert kinds[0].rate == pytest.approx(343.0)
    assert {lns._choose(kinds, rng).name for _ in range(30)} == {"officers", "days"}
    # A gain ends the run of misses: 0.3 * 1 + 0.7 * 343 = 240.4 a second.
    kinds[0].record(gain=1, seconds=1.0)
    assert {lns._choose(kinds, rng).name for _ in range(10)} == {"officers"}


@pytest.mark.parametrize(
    "kind",
    [
        lns.Kind("officers", 2, 14),
        lns.Kind("days", 8, 4),
        lns.Kind("costly", 3, 5),
        lns.Kind("weekends", 3, 7),
    ],
)
@pytest.mark.parametrize("fold", [True, False])
@pytest.mark.parametrize("array_terms", [1, 10**9])
def test_a_sub_model_has_the_whole_models_optimum_for_its_neighbourhood(
    kind: lns.Kind, fold: bool, array_terms: int, monkeypatch: pytest.MonkeyPatch
):
    # Leaving out the constraints whose variables are all fixed (and, folded, the fixed
    # variables and terms, split one by one or as arrays) must not change what the
    # neighbourhood can reach: its optimum equals the whole model's with the same tours fixed.
    monkeypatch.setattr(sub_model, "FOLD_ABOVE", 0 if fold else 10**9)
    monkeypatch.setattr(sub_model, "ARRAY_TERMS", array_terms)
    model = build_model(instance(1))
    first = _first_roster(model)
    values = list(first.response_proto.solution)
    subs = SubModels(model, values)
    hoods = lns.Neighbourhoods(model, random.Random(0), subs)
    for _ in range(3):
        freed = hoods.pick(kind, values)
        sub = subs.build(freed, values)
        assert len(sub.cp.proto.constraints) < len(model.cp.proto.constraints)
        if fold:
            assert len(sub.cp.proto.variables) < len(model.cp.proto.variables)
        assert set(freed) <= set(sub.free)
        whole = model.cp.clone()
        whole.proto.clear_solution_hint()
        chosen = set(freed)
        for var in [*model.vars.shift.values(), *model.vars.works.values()]:
            if var.index not in chosen:
                sub_model.pin(whole, var.index, values[var.index], values[var.index])
        assert _optimum(sub.cp) == _optimum(whole)


def test_a_copied_sub_model_fixes_every_other_variable_at_the_latest_roster(
    monkeypatch: pytest.MonkeyPatch,
):
    # A copied sub-model starts from handles on the pinned variables; after `update` moves
    # the roster, a sub-model built next must see the new values, its free variables their
    # own domains.
    monkeypatch.setattr(sub_model, "FOLD_ABOVE", 10**9)
    model = build_model(instance(1))
    values = [0] * len(model.cp.proto.variables)
    subs = SubModels(model, values)
    tours = [var.index for var in model.vars.shift.values()]
    moved = list(values)
    for var in tours[:10]:
        moved[var] = 1
    subs.update(tours[:10], moved)
    sub = subs.build(tours[5:15], moved)
    free = set(sub.free)
    assert set(tours[5:15]) <= free
    for var, domain in enumerate(sub.cp.proto.variables):
        own = list(model.cp.proto.variables[var].domain)
        assert list(domain.domain) == (own if var in free else [moved[var], moved[var]])


def test_a_pinned_copy_pins_only_the_given_variables_and_leaves_the_model_alone():
    # Pinned variables share one variable per value while built; each must come out as its
    # own copy, the rest keep their domains, and neither the model nor its hint is touched.
    model = build_model(instance(1))
    tours = [var.index for var in model.vars.shift.values()]
    model.cp.proto.solution_hint.vars.extend(tours[:3])
    model.cp.proto.solution_hint.values.extend([1, 1, 1])
    before = [list(v.domain) for v in model.cp.proto.variables]
    given = {tours[0]: 1, tours[1]: 0, tours[2]: 1}
    fixed = sub_model.pinned(model.cp, given.items())
    sub_model.pin(fixed, tours[0], 0, 1)
    after = [list(v.domain) for v in fixed.proto.variables]
    assert (after[tours[0]], after[tours[1]], after[tours[2]]) == ([0, 1], [0, 0], [1, 1])
    assert all(after[i] == before[i] for i in range(len(before)) if i not in given)
    assert [list(v.domain) for v in model.cp.proto.variables] == before
    assert len(fixed.proto.solution_hint.vars) == 0
    assert list(model.cp.proto.solution_hint.vars) == tours[:3]
    assert len(fixed.proto.constraints) == len(model.cp.proto.constraints)


def test_sub_models_know_every_variable_each_constraint_mentions_and_refuse_other_kinds(
    complete_borough: ProblemData,
):
    # Each constraint's members, as the sub-models read them (the complete borough's model has
    # every kind the roster uses, with enforcement literals), must be what a generic walk of
    # the protobuf's fields finds, or a neighbourhood would leave a constraint out.
    model = build_model(complete_borough)
    subs = SubModels(model, [0] * len(model.cp.proto.variables))
    assert len(subs.members) == len(model.cp.proto.constraints)
    for number, constraint in enumerate(sub_model._readable(model.cp).constraints):
        assert sorted(subs.members[number]) == sorted(_mentioned(constraint)), constraint
    first, second = list(model.vars.shift.values())[:2]
    model.cp.add_all_different([first, second])
    with pytest.raises(ValueError, match="sub-models do not read this kind of constraint"):
        SubModels(model, [0] * len(model.cp.proto.variables))


def _mentioned(message: Message) -> list[int]:
    """Every variable in a constraint's `vars`, `literals` and enforcement fields."""
    found: list[int] = []
    for field, value in message.ListFields():
        if field.message_type is not None:
            items = value if field.is_repeated else [value]
            for item in items:
                found.extend(_mentioned(item))
        elif field.name in ("vars", "literals", "enforcement_literal"):
            found.extend(lit if lit >= 0 else -lit - 1 for lit in value)
    return found


def _optimum(model: cp_model.CpModel) -> float:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 20.0
    assert solver.solve(model) == cp_model.OPTIMAL
    return solver.objective_value


def test_a_terms_cost_and_the_costly_neighbourhood_around_it():
    # weight 3 * (offset 1 - 1 * values[0] + 2 * values[1]) = 3 * (1 - 1 + 2) = 6
    assert lns.Term([0, 1], [-1, 2], 1, 3, [("A", 0)]).cost([1, 1, 0]) == 6
    model = build_model(instance(1))
    values = [0] * len(model.cp.proto.variables)
    hoods = lns.Neighbourhoods(model, random.Random(0), SubModels(model, values))
    first, second = hoods.officers[:2]
    unpaid = lns.Term([0], [1], 0, 5, [(second, 2)])
    values[1] = 1
    paid = lns.Term([1], [1], 0, 5, [(first, 10)])
    hoods.terms = [unpaid, paid]
    # Only `paid` costs anything: its officer alone (one officer asked), days 10 +- 1.
    freed = hoods.pick(lns.Kind("costly", 1, 3), values)
    assert sorted(freed) == sorted(i for d in (9, 10, 11) for i in hoods.index[first, d])
    # Five days asked: 9, 10 and 11, and two others at random, not all next to them.
    draws = []
    for _ in range(10):
        freed = hoods.pick(lns.Kind("costly", 1, 5), values)
        days = {d for d in range(hoods.num_days) if set(hoods.index[first, d]) & set(freed)}
        assert len(days) == 5 and {9, 10, 11} < days
        assert sorted(freed) == sorted(i for d in days for i in hoods.index[first, d])
        draws.append(days)
    windows = [set(range(first_day, first_day + 5)) for first_day in (7, 8, 9)]
    assert any(days not in windows for days in draws)


def test_a_costly_term_of_many_officers_frees_half_its_officers_among_those_off_that_day():
    model = build_model(instance(1))
    values = [0] * len(model.cp.proto.variables)
    hoods = lns.Neighbourhoods(model, random.Random(0), SubModels(model, values))
    officers = hoods.officers
    assert len(officers) == 8
    off = set(officers[:2])
    for officer in officers[2:]:
        values[hoods.index[officer, 4][0]] = 1
    # Short cover on day 4 near all eight officers; only the first two are off that day.
    hoods.terms = [lns.Term([len(values) - 1], [0], 1, 100, [(o, 4) for o in officers])]
    # Four officers asked: two (half) of the two off, the other two of the rest at random.
    # Drawn at random, both off ones would be among the four in 3 draws of 14 (6 / C(8, 4)).
    for _ in range(10):
        freed = set(hoods.pick(lns.Kind("costly", 4, 1), values))
        who = {o for o in officers if set(hoods.index[o, 4]) <= freed}
        assert len(who) == 4 and off < who
    # Seven asked of eight: both off ones and five of the six working.
    freed = set(hoods.pick(lns.Kind("costly", 7, 1), values))
    who = {o for o in officers if set(hoods.index[o, 4]) <= freed}
    assert len(who) == 7 and off < who


def test_the_paid_days_neighbourhood_frees_the_days_the_roster_pays_on():
    model = build_model(instance(1))
    values = [0] * len(model.cp.proto.variables)
    hoods = lns.Neighbourhoods(model, random.Random(0), SubModels(model, values))
    first, second = hoods.officers[:2]
    values[0] = values[1] = 1
    # Day 3 is paid 5 * 1 = 5, days 8 and 12 share 4 * 1 = 4 (2 each), day 6 nothing.
    hoods.terms = [
        lns.Term([0], [1], 0, 5, [(first, 3)]),
        lns.Term([1], [1], 0, 4, [(first, 8), (second, 12)]),
        lns.Term([2], [1], 0, 7, [(second, 6)]),
    ]

    def days_of(freed: list[int]) -> set[int]:
        return {d for (_, d), indices in hoods.index.items() if set(indices) & set(freed)}

    # Six days asked: three by cost (the three paid), three at random, never one twice.
    for _ in range(5):
        freed = hoods.pick(lns.Kind("paid days", len(hoods.officers), 6), values)
        days = days_of(freed)
        assert len(days) == 6 and {3, 8, 12} < days
        assert set(freed) == {i for o in hoods.officers for d in days for i in hoods.index[o, d]}
    # Four asked: two by cost, two of the other twelve days at random, so the third paid day
    # is left out five times in six.
    draws = [days_of(hoods.pick(lns.Kind("paid days", 1, 4), values)) for _ in range(20)]
    assert all(len(days) == 4 and len(days & {3, 8, 12}) >= 2 for days in draws)
    assert any(len(days & {3, 8, 12}) == 2 for days in draws)


def test_the_weekends_neighbourhood_frees_officers_on_every_weekend_and_the_days_beside():
    model = build_model(instance(1))
    values = [0] * len(model.cp.proto.variables)
    hoods = lns.Neighbourhoods(model, random.Random(0), SubModels(model, values))
    # 14 days from a Monday: Saturdays 5 and 12, each weekend with its Friday and Monday;
    # day 14 is past the end.
    assert hoods.weekend_days == [4, 5, 6, 7, 11, 12, 13]
    assert "weekends" in [kind.name for kind in hoods.kinds()]
    assert hoods.weekends == [(5, 6), (12, 13)]
    # The first officer works Saturday 12 but not Sunday 13: one of the two officers freed,
    # every time; the other at random.
    first = hoods.officers[0]
    for i in hoods.index[first, 12]:
        values[i] = 1
    others = set()
    for _ in range(8):
        freed = set(hoods.pick(lns.Kind("weekends", 2, 7), values))
        pairs = {key for key, indices in hoods.index.items() if set(indices) & freed}
        who = {o for o, _ in pairs}
        assert len(who) == 2 and first in who
        assert freed == {i for o in who for d in hoods.weekend_days for i in hoods.index[o, d]}
        others |= who - {first}
    assert len(others) > 1
    # One weekend has nothing to swap with: no such kind.
    assert lns._weekend_days(lambda d: d % 7, 9) == []
    assert lns._weekend_days(lambda d: d % 7, 13) == [4, 5, 6, 7, 11, 12]


@pytest.mark.parametrize("officer_by_officer", [True, False])
def test_the_whole_model_hands_over_once_stalled_or_its_bound_weak_else_goes_on(
    monkeypatch: pytest.MonkeyPatch, officer_by_officer: bool
):
    monkeypatch.setattr(by_parts.officer_start, "applies", lambda _: officer_by_officer)
    # limit 100 s, built after 4 s: shares 0.25 * 96 = 24 s and 0.5 * 96 = 48 s on its own
    # clock, stalled after 0.1 * 100 = 10 s without a gain; without a roster it gives up at
    # 0.1 * 100 - 4 = 6 s, or never.
    stop = by_parts._whole_stop(instance(1), 100.0, 4.0, variables=268)
    assert not stop(Progress(5.9, None, None, 0))
    assert stop(Progress(6.0, None, None, 0)) is officer_by_officer
    assert stop(Progress(95.0, None, None, 0)) is officer_by_officer
    assert not stop(Progress(20.0, 500, None, 1)), "a first roster at 20 s"
    assert not stop(Progress(29.9, 500, None, 1)), "9.9 s without a gain"
    assert stop(Progress(30.0, 500, None, 1)), "10 s without a gain, past 24 s"
    gaining = by_parts._whole_stop(instance(1), 100.0, 4.0, variables=268)
    for second in range(1, 48):
        assert not gaining(Progress(float(second), 1000 - second, None, second))
    assert gaining(Progress(48.0, 900, None, 48)), "still gaining, but 48 s is the most"
    weak = by_parts._whole_stop(instance(1), 100.0, 4.0, variables=268)
    # gap (1000 - 400) / 1000 = 0.6 > WEAK_GAP 0.5: hands over at 24 s though gaining;
    # with bound 600 the gap is 0.4 and it goes on
    assert not weak(Progress(23.9, 1000, 400, 5))
    assert weak(Progress(24.0, 999, 400, 6)), "a weak bound, past 24 s"
    assert not weak(Progress(24.5, 998, 600, 7)), "a gap of 0.4 is not weak"
    # Above EARLY_VARIABLES (instance 12's 13,736), whose bound is slow to rise: weak
    # already at WEAK_SHARE 0.1 * 96 = 9.6 s.
    large = by_parts._whole_stop(instance(1), 100.0, 4.0, variables=13_736)
    assert not large(Progress(9.5, 1000, 400, 5))
    assert large(Progress(9.7, 999, 400, 6)), "a weak bound, past 9.6 s"
    assert not large(Progress(10.0, 998, 600, 7)), "a gap of 0.4 is not weak"
    # A long limit: without a roster it gives up at GIVE_UP_SECONDS 10 - 4 = 6 s, not at
    # 0.1 * 300 - 4 = 26 s.
    long = by_parts._whole_stop(instance(1), 300.0, 4.0, variables=268)
    assert not long(Progress(5.9, None, None, 0))
    assert long(Progress(6.0, None, None, 0)) is officer_by_officer


@pytest.mark.parametrize(
    ("number", "variables", "at"),
    [
        # Instance 14 has 42 days > LONG_DAYS 28: WEAK_SHARE 0.1 * (100 - 4) = 9.6 s.
        (14, 0, 9.6),
        # Instance 8's 3,508 variables > GOES_ON_VARIABLES 2,000: its first share,
        # 0.25 * 96 = 24 s.
        (1, 3_508, 24.0),
    ],
    ids=["longer than four weeks", "above GOES_ON_VARIABLES"],
)
def test_the_whole_model_hands_over_early_though_still_gaining(
    number: int, variables: int, at: float
):
    # Limit 100 s, built after 4 s; a better roster every tenth of a second, with a strong
    # bound. A month (instance 1) of instance 6's 1,864 variables goes on (to 0.5 * 96 = 48 s).
    def gaining(second: float) -> Progress:
        tenths = round(10 * second)
        return Progress(second, 1000 - tenths, 990, tenths)

    early = by_parts._whole_stop(instance(number), 100.0, 4.0, variables=variables)
    month = by_parts._whole_stop(instance(1), 100.0, 4.0, variables=1_864)
    for second in range(1, int(at)):
        assert not early(gaining(float(second))) and not month(gaining(float(second)))
    assert not early(gaining(at - 0.1))
    assert early(gaining(at + 0.1)), "still gaining"
    assert not month(gaining(at + 0.1))


@pytest.mark.parametrize("fold", [True, False])
@pytest.mark.parametrize("array_terms", [1, 10**9])
def test_a_stale_neighbourhoods_tours_are_merged_with_their_exact_objective(
    fold: bool, array_terms: int, monkeypatch: pytest.MonkeyPatch
):
    # Two lanes solve disjoint officers from the same roster; the second to finish finds the
    # best roster changed, so its changed tours are merged into it (each kept or not) and the
    # penalties re-solved. Putting both lanes' tours in is one roster the merge may choose,
    # so it scores at most that; and it must score, by the independent scorer, what the
    # search says it scores (fixed terms folded one by one or as arrays, kept up to date).
    monkeypatch.setattr(sub_model, "FOLD_ABOVE", 0 if fold else 10**9)
    monkeypatch.setattr(sub_model, "ARRAY_TERMS", array_terms)
    problem, inst = instance(5), reference.parse(DATA / "Instance5.txt")
    model = build_model(problem)
    first = _first_roster(model)
    values = list(first.response_proto.solution)
    start = lns.Incumbent(values, round(first.objective_value), 0.0)
    params = SolverParams(time_limit=10.0, workers=1, seed=0)
    search = lns._Search(model, start, params, time.perf_counter(), 100.0)
    officers = search.hoods.officers
    solved = {}
    # Lanes whose gains add up on this first roster (the "both gain" check below says so);
    # officers 0-1 gained only what 2-3 did once the weekend cut changed the first roster.
    for lane, who in (("b", officers[2:4]), ("a", officers[4:6])):
        freed = [i for o in who for d in range(problem.num_days) for i in search.hoods.index[o, d]]
        work = search.subs.build(freed, values)
        solver, figures = run_solver(work.cp, [], params)
        assert figures.objective is not None and figures.objective < start.objective
        solved[lane] = (solver, figures, work, who)
    kind = lns.Kind("officers", 2, problem.num_days)
    moved = search._watch()  # lane a starts from `start`
    solver, figures, work, _ = solved["b"]
    assert search._record(kind, start, solver, figures, work) is None, "b is kept as it is"
    solver, figures, work, _ = solved["a"]
    stale = search._record(kind, start, solver, figures, work)
    assert stale is not None, "a is stale: b changed the best meanwhile"
    merging = search._merging(stale, work.free)
    assert merging is not None
    moved.update(work.free)
    search._merge(kind, stale, *merging, moved)
    assert search.watches == [], "the merge stops watching"
    assert search.subs.values == search.best.values, "later sub-models fix the merged roster"
    b_only = solved["b"][1].objective
    expected = _tours(model, values)
    for lane in ("b", "a"):
        solver, _, work, _ = solved[lane]
        lane_tours = _tours(model, work.roster(solver.response_proto.solution, values))
        for officer in solved[lane][3]:
            expected = {k: v for k, v in expected.items() if k[0] != officer}
            expected.update({k: v for k, v in lane_tours.items() if k[0] == officer})
    assert reference.hard_violations(inst, expected) == []
    assert b_only is not None and reference.objective(inst, expected) < b_only, "both gain"
    merged = _tours(model, search.best.values)
    assert reference.hard_violations(inst, merged) == []
    assert search.best.objective == reference.objective(inst, merged)
    assert search.best.objective <= reference.objective(inst, expected), "the merge gained"


def test_a_lane_solves_the_neighbourhood_overlapping_least_with_the_running_ones(
    monkeypatch: pytest.MonkeyPatch,
):
    # Draws in order: {1, 2, 3} overlaps the running {3, 4} in 1 variable, {4, 5} in 1,
    # {6, 7} in none, so the third is solved and no fourth is drawn. With nothing running
    # the first draw is solved.
    model = build_model(instance(1))
    values = [0] * len(model.cp.proto.variables)
    search = lns._Search(model, lns.Incumbent(values, 0, 0.0), SolverParams(), 0.0, 1.0)
    draws = iter([[1, 2, 3], [4, 5], [6, 7], [8]])
    monkeypatch.setattr(search.hoods, "pick", lambda kind, values: next(draws))
    kind = lns.Kind("days", 1, 1)
    search.running = [{3, 4}]
    assert search._pick(kind) == {6, 7}
    search.running = []
    assert search._pick(kind) == {8}


def test_the_whole_model_takes_one_lane_once_the_search_stalls_on_a_small_model():
    # Instance 5 has 1,352 variables, under ESCAPE_VARIABLES. With two lanes, the first to
    # ask after ESCAPE_STALL seconds without a better roster solves the whole model; the
    # other lane goes on with neighbourhoods. Not with one lane, nor too near the end.
    model = build_model(instance(5))
    assert len(model.cp.proto.variables) <= lns.ESCAPE_VARIABLES
    values = [0] * len(model.cp.proto.variables)
    start = lns.Incumbent(values, 10, found_at=0.0)
    stalled = time.perf_counter() - lns.ESCAPE_STALL - 1.0
    search = lns._Search(model, start, SolverParams(workers=2), stalled, 100.0)
    assert not search._escape_due(lns.ESCAPE_LEAST - 1.0), "too near the end"
    assert search._escape_due(lns.ESCAPE_LEAST)
    assert not search._escape_due(lns.ESCAPE_LEAST), "one lane at a time"
    search.escaping = False
    search.escaped_at = time.perf_counter() - search.started
    assert not search._escape_due(lns.ESCAPE_LEAST), "not again until stalled since"
    search.started -= lns.ESCAPE_STALL
    assert search._escape_due(lns.ESCAPE_LEAST)
    alone = lns._Search(model, start, SolverParams(workers=1), stalled, 100.0)
    assert not alone._escape_due(lns.ESCAPE_LEAST), "a single lane never leaves its search"


@pytest.mark.parametrize("claimed", [10**9, 0])
def test_the_whole_models_roster_is_kept_only_if_at_least_as_good_as_the_best(claimed: int):
    # The best is a first roster said to score `claimed`: the whole model, unhinted for 2 s,
    # beats 10**9 and must then be the best, scored as the independent scorer scores it;
    # it cannot beat 0, and the best stays as it was.
    problem, inst = instance(5), reference.parse(DATA / "Instance5.txt")
    model = build_model(problem)
    first = _first_roster(model)
    start = lns.Incumbent(list(first.response_proto.solution), claimed, 0.0)
    params = SolverParams(workers=2, seed=0)
    search = lns._Search(model, start, params, time.perf_counter(), 100.0)
    search._escape(2.0, None)
    assert search.whole.tried == 1 and not search.escaping
    if claimed == 0:
        assert search.best is start
        return
    assert search.best is not start and search.whole.improved >= 1
    tours = _tours(model, search.best.values)
    assert reference.hard_violations(inst, tours) == []
    assert search.best.objective == reference.objective(inst, tours)
    assert search.subs.values == search.best.values, "later sub-models fix its roster"


def test_each_roster_the_whole_model_finds_is_the_best_as_soon_as_found(monkeypatch):
    # The whole model's lane runs to the end of the search (2 s left here), so a roster it
    # finds must not wait for its solve to end: each one better than the best (the first
    # roster, said to score 10**9) is the best when CP-SAT reports it, while the solve runs.
    model = build_model(instance(5))
    first = _first_roster(model)
    start = lns.Incumbent(list(first.response_proto.solution), 10**9, 0.0)
    search = lns._Search(model, start, SolverParams(workers=2, seed=0), time.perf_counter(), 100.0)
    kept_at_once: list[bool] = []
    limits: list[float] = []
    real_run_solver = lns.run_solver

    def watched(*args, on_solution, **kwargs):
        limits.append(args[2].time_limit)

        def found(values: list[int], objective: int) -> None:
            on_solution(values, objective)
            kept_at_once.append(search.best.objective == objective and search.escaping)

        return real_run_solver(*args, on_solution=found, **kwargs)

    monkeypatch.setattr(lns, "run_solver", watched)
    search.escaping = True  # as `_escape_due` leaves it
    search._escape(2.0, None)
    assert limits == [2.0]
    assert kept_at_once and all(kept_at_once)
    assert search.whole.improved == len(kept_at_once)


def test_a_roster_found_from_an_older_best_is_kept_everywhere_it_differs_from_the_best():
    # Lane a starts from `start`; lane b's roster (variables 1 and 2 changed; 3 offered but
    # unchanged) is kept meanwhile, so a's watch holds 1 and 2. a's roster (`start` with 5
    # changed) then differs from the best at 1, 2 and 5, and every later sub-model must fix
    # its values there.
    model = build_model(instance(1))
    start = [0] * len(model.cp.proto.variables)
    search = lns._Search(model, lns.Incumbent(start, 10, 0.0), SolverParams(), 0.0, 1.0)
    kind = lns.Kind("days", 1, 1)
    moved = search._watch()
    b = list(start)
    b[1] = b[2] = 1
    search._keep(kind, b, 9, [1, 2, 3])
    assert moved == {1, 2}
    a = list(start)
    a[5] = 1
    search._unwatch(moved)
    search._keep(kind, a, 8, moved | {5})
    assert search.watches == []
    assert search.best.objective == 8
    assert search.best.values == a and search.subs.values == a


@pytest.mark.parametrize("fold", [True, False])
def test_sub_models_and_pinned_copies_are_freed_with_their_last_reference(
    fold: bool, monkeypatch: pytest.MonkeyPatch
):
    # OR-Tools' CpModel keeps closures over itself; were they left, each sub-model (and its
    # protobuf) would wait for Python's cyclic garbage collection, off here.
    monkeypatch.setattr(sub_model, "FOLD_ABOVE", 0 if fold else 10**9)
    model = build_model(instance(1))
    values = [0] * len(model.cp.proto.variables)
    subs = SubModels(model, values)
    gc.disable()
    try:
        built = weakref.ref(subs.build([0, 1], values).cp)
        copy = weakref.ref(sub_model.pinned(model.cp, [(0, 1)]))
        assert built() is None and copy() is None
    finally:
        gc.enable()


def test_full_garbage_collections_wait_while_the_search_runs_and_resume_after_it():
    before = gc.get_threshold()
    with pytest.raises(KeyboardInterrupt), lns._young_collections_only():
        assert gc.get_threshold() == (before[0], before[1], lns.NEVER)
        raise KeyboardInterrupt
    assert gc.get_threshold() == before


def _tours(model: RosterModel, values: list[int]) -> reference.Solution:
    return {(o, d): code for (o, d, code), var in model.vars.shift.items() if values[var.index]}


def _first_roster(model: RosterModel) -> cp_model.CpSolver:
    """CP-SAT stopped at its first roster of the whole model: a poor roster to start from."""
    first = cp_model.CpSolver()
    first.parameters.num_workers = 1
    first.parameters.stop_after_first_solution = True
    assert first.solve(model.cp) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return first


@pytest.mark.parametrize(
    ("limit", "long_from", "polish"),
    [
        # Instance 5: 28 days, 16 officers, two at a time (PARALLEL 2), so 8 polishes in a row.
        (40.0, 182, 1.0),  # a second each: 8 * 1 = 8 s <= 0.2 * 40 = 8 s
        (39.0, 182, 0.1),  # 8 s > 7.8 s; a month's tenth: 8 * 0.1 = 0.8 s <= 7.8 s
        (4.0, 182, 0.1),  # 0.8 s <= 0.2 * 4 = 0.8 s
        (3.9, 182, 0.0),  # 0.8 s > 0.78 s: no polish
        (40.0, 28, 1.0),  # counted long (POLISH_DAYS 28): a second fits
        (39.0, 28, 0.0),  # and a long period gets no tenth
    ],
)
def test_each_officers_polish_is_the_longest_that_fits_a_tenth_only_on_short_periods(
    monkeypatch: pytest.MonkeyPatch, limit: float, long_from: int, polish: float
):
    monkeypatch.setattr(by_parts, "POLISH_DAYS", long_from)
    assert by_parts._polish_seconds(instance(5), limit) == polish


def _count_whole_runs(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A list that grows by one each time the search by parts runs its whole model."""
    whole_runs: list[float] = []
    whole_stop = by_parts._whole_stop

    def counted(*args: Any, **kwargs: Any) -> Callable[[Progress], bool]:
        whole_runs.append(1.0)
        return whole_stop(*args, **kwargs)

    monkeypatch.setattr(by_parts, "_whole_stop", counted)
    return whole_runs


@pytest.mark.parametrize("max_lp_variables", [1_000, 10**9])
def test_a_large_model_starts_from_a_roster_built_officer_by_officer_without_the_whole_model(
    monkeypatch: pytest.MonkeyPatch, max_lp_variables: int
):
    # Instance 5 has 1,352 variables: above a line of 1,000 its whole model is never run (the
    # bound is the weekend cut's floor alone), the search starting from a roster built
    # officer by officer (polish 0.1 s fits in 0.2 * 6 s); below the line the whole model
    # runs first, as before, and its bound is at least the floor.
    monkeypatch.setattr(by_parts, "MAX_LP_VARIABLES", max_lp_variables)
    whole_runs = _count_whole_runs(monkeypatch)
    problem, inst = instance(5), reference.parse(DATA / "Instance5.txt")
    params = SolverParams(time_limit=6.0, workers=2, seed=0)
    result = by_parts.solve_by_parts(problem, params, None, time.perf_counter(), 6.0)
    checked = assert_checked(problem, result)
    assert reference.objective(inst, as_solution(problem, checked.roster)) == result.objective
    skipped = max_lp_variables < 1_352
    assert (not whole_runs) is skipped
    floor = build_model(problem).vars.floor
    assert floor == 700  # the plain count's 7 weekend tours short x 100 (the paired: 5)
    assert result.bound is not None
    assert result.bound == floor if skipped else result.bound >= floor


def test_the_search_by_parts_goes_on_from_a_given_roster_and_never_loses_it(
    monkeypatch: pytest.MonkeyPatch,
):
    # An earlier stage's roster (here a quick first roster of instance 5) is where the search
    # starts: the whole model gets no time of its own, so every roster shown is the given one
    # or a neighbourhood's gain on it.
    problem = instance(5)
    model = build_model(problem)
    first = _first_roster(model)
    start = extract_roster(model, first)
    given = round(first.objective_value)
    monkeypatch.setattr(by_parts, "WHOLE_SHARE", (0.0, 0.0))
    seen: list[float] = []

    def watch(progress: Progress) -> None:
        if progress.objective is not None:
            seen.append(progress.objective)

    params = SolverParams(time_limit=6.0, workers=2, seed=0)
    result = by_parts.solve_by_parts(problem, params, watch, time.perf_counter(), 6.0, start)
    assert_checked(problem, result)
    assert seen and seen[0] <= given, "the search starts from the given roster"
    assert result.objective is not None and result.objective < given, "and gains on it"


@pytest.mark.parametrize("hinted_whole_variables", [1_000, 10**9])
def test_a_large_model_given_a_roster_goes_straight_to_the_neighbourhoods(
    monkeypatch: pytest.MonkeyPatch, hinted_whole_variables: int
):
    # Instance 5 has 1,352 variables: above a line of 1,000 the whole model is not run on a
    # given roster (the bound is the floor alone); below the line it runs first, as before.
    monkeypatch.setattr(by_parts, "HINTED_WHOLE_VARIABLES", hinted_whole_variables)
    whole_runs = _count_whole_runs(monkeypatch)
    problem = instance(5)
    model = build_model(problem)
    first = _first_roster(model)
    given = round(first.objective_value)
    params = SolverParams(time_limit=4.0, workers=2, seed=0)
    start = extract_roster(model, first)
    result = by_parts.solve_by_parts(problem, params, None, time.perf_counter(), 4.0, start)
    assert_checked(problem, result)
    assert result.objective is not None and result.objective <= given
    skipped = hinted_whole_variables < 1_352
    assert (not whole_runs) is skipped
    floor = model.vars.floor
    assert result.bound is not None
    assert result.bound == floor if skipped else result.bound >= floor


def test_the_teams_neighbourhood_frees_whole_teams_over_a_window(small_borough: ProblemData):
    model = build_model(small_borough)
    values = [0] * len(model.cp.proto.variables)
    hoods = lns.Neighbourhoods(model, random.Random(0), SubModels(model, values))
    teams = {
        t.team_id: [o.officer_id for o in small_borough.team_members(t.team_id)]
        for t in small_borough.teams
    }
    assert sorted(map(sorted, hoods.teams)) == sorted(map(sorted, teams.values()))
    assert hoods.most(lns.Kind("teams", 1, 3)) == 3
    for _ in range(5):
        freed = set(hoods.pick(lns.Kind("teams", 1, 3), values))
        pairs = {key for key, indices in hoods.index.items() if set(indices) & freed}
        who, days = {o for o, _ in pairs}, sorted({d for _, d in pairs})
        assert who in [set(members) for members in teams.values()], "one whole team"
        assert days == list(range(days[0], days[0] + 3)), "three days in a row"
        assert freed == {i for o in who for d in days for i in hoods.index[o, d]}


def test_from_a_given_roster_the_whole_model_goes_on_while_it_gains():
    # limit 100 s, built after 4 s: its first share is 0.25 * 96 = 24 s on its own clock, and
    # it has stalled after 0.1 * 100 = 10 s without a gain. A weak bound does not stop it:
    # on a borough the bound stays near 0 while the whole model still gains.
    stop = by_parts._whole_stop(instance(1), 100.0, 4.0, has_start=True, variables=268)
    assert not stop(Progress(23.9, None, None, 0))
    assert stop(Progress(24.0, None, None, 0)), "no roster of its own by its first share"
    gaining = by_parts._whole_stop(instance(1), 100.0, 4.0, has_start=True, variables=268)
    for second in range(1, 90):
        assert not gaining(Progress(float(second), 1000 - second, 0, second))
    assert not gaining(Progress(98.9, 911, 0, 89)), "9.9 s without a gain"
    assert gaining(Progress(99.0, 911, 0, 89)), "10 s without a gain"
