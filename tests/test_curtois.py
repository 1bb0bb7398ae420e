"""The Curtois-Qu benchmark: the reader, the checkers' objective and feasibility against an
independent scorer written from the format description (tests/curtois_reference.py)."""

from __future__ import annotations

import csv
import io
import random
import time
from dataclasses import replace
from pathlib import Path

import pytest
from ortools.sat.python import cp_model
from rich.console import Console
from typer.testing import CliRunner

from app.cli import app
from bench import curtois
from bench.curtois import DATA, CurtoisRow, best_known, parse_instances, write_solution
from constraints.registry import catalogue
from constraints.report import check_roster
from inputs.curtois import read_instance
from inputs.problem import AbsenceType, ProblemData
from inputs.roster import Roster
from solver import by_parts, officer_start, sub_model
from solver.model import RosterModel
from solver.search import solve_roster
from solver.solve import (
    MAX_LP_SUBSOLVERS,
    SolverParams,
    Status,
    build_model,
    extract_roster,
    run_solver,
)
from tests import curtois_reference as reference
from tests.builders import make_problem, officer
from tests.rules.helpers import cover, rules, soft
from tests.solving import assert_checked

PARAMS = SolverParams(time_limit=5.0, workers=2, seed=0)


def instance(number: int) -> ProblemData:
    return read_instance(DATA / f"Instance{number}.txt", catalogue())


def as_solution(problem: ProblemData, roster: Roster) -> reference.Solution:
    return {
        (o.officer_id, d): roster.on(o.officer_id, d)[0]
        for o in problem.officers
        for d in range(problem.num_days)
        if roster.on(o.officer_id, d)
    }


def test_reader_builds_the_products_problem():
    problem = instance(2)
    assert (problem.num_days, len(problem.officers), len(problem.shifts)) == (14, 14, 2)
    assert problem.settings.period_start.weekday() == 0
    late = problem.shift_by_code["L"]
    assert late.duration_minutes == 480 and late.cannot_follow == {"E"}
    d = problem.officer_by_id["D"]
    assert d.max_shifts == {"E": 14, "L": 0}
    assert (d.min_minutes, d.max_minutes, d.max_consecutive_days) == (3360, 4320, 5)
    assert (d.min_consecutive_days, d.min_rest_days, d.max_weekends) == (2, 2, 1)
    assert all(a.type == AbsenceType.DAY_OFF for a in problem.absences)
    assert len(problem.absences) == 14 and len(problem.requests) == 50 + 12
    assert len(problem.cover) == 28 and {c.under_weight for c in problem.cover} == {100}
    on = [r for r in problem.requests if r.want]
    assert len(on) == 50 and all(not r.want for r in problem.requests[50:])
    soft = {name for name, s in problem.rules.items() if s.enabled and not s.hard}
    assert soft == {"cover_target", "requests"}
    assert {problem.rule(name).weight for name in soft} == {1}
    # L=0 for D: no late variable at all (the hard limit removes it).
    assert [s.code for s in problem.eligible_shifts(d)] == ["E"]


@pytest.mark.parametrize("number", [2, 4, 8])
def test_checkers_score_random_rosters_as_the_benchmark_does(number: int):
    """Random rosters (almost all infeasible): the checkers' objective is the benchmark's,
    and the checkers call a roster feasible exactly when the benchmark does."""
    problem, inst = instance(number), reference.parse(DATA / f"Instance{number}.txt")
    rng = random.Random(number)
    codes = [s.code for s in problem.shifts]
    for _ in range(20):
        rest = rng.random()
        roster = Roster.from_codes(
            {
                o.officer_id: [
                    None if rng.random() < rest else rng.choice(codes)
                    for _ in range(problem.num_days)
                ]
                for o in problem.officers
            }
        )
        report = check_roster(problem, roster)
        sol = as_solution(problem, roster)
        assert report.objective == reference.objective(inst, sol)
        assert (report.hard_violations == 0) == (not reference.hard_violations(inst, sol))


@pytest.mark.parametrize("number", [1, 2, 3])
def test_solved_rosters_are_feasible_and_scored_alike(number: int):
    problem, inst = instance(number), reference.parse(DATA / f"Instance{number}.txt")
    result = solve_roster(problem, PARAMS)
    checked = assert_checked(problem, result)
    sol = as_solution(problem, checked.roster)
    assert reference.hard_violations(inst, sol) == []
    assert reference.objective(inst, sol) == result.objective
    assert result.objective >= best_known()[number]


def test_instance_1_is_solved_to_the_known_optimum():
    # 607 is the benchmark's optimum (LB = UB); the same objective proves the definitions equal.
    result = solve_roster(instance(1), PARAMS)
    assert result.status == Status.OPTIMAL and result.objective == 607


def test_officer_by_officer_meets_every_hard_rule_and_its_polish_covers_more():
    # Unpolished, each officer's year ignores cover (weight 100 per officer short); polished
    # against the cover the officers before left short, the roster must score far less.
    problem, inst = instance(5), reference.parse(DATA / "Instance5.txt")
    assert officer_start.applies(problem)
    scores = []
    for polish in (0.0, 0.3):
        tours = officer_start.officer_by_officer(problem, PARAMS, time.perf_counter() + 60, polish)
        assert tours is not None
        sol = {(o, d): code for (o, d, code), on in tours.items() if on}
        assert reference.hard_violations(inst, sol) == []
        scores.append(reference.objective(inst, sol))
    assert scores[1] < scores[0] / 2, scores


@pytest.mark.parametrize("light", [False, True])
def test_the_officer_starts_light_presolve_reaches_cp_sat_and_finds_a_year(light: bool):
    # One pass without probing (CP-SAT's defaults are 3 and 2); the year found must still
    # meet every hard rule, as the reference scorer sees it.
    problem, inst = instance(5), reference.parse(DATA / "Instance5.txt")
    rules = officer_start._rules_where(problem, lambda name, setting: setting.hard)
    alone = officer_start._alone(problem, problem.officers[0], rules)
    model = build_model(alone)
    solver, figures = run_solver(
        model.cp, model.vars.penalties, replace(PARAMS, light_presolve=light)
    )
    assert figures.status.has_roster
    assert (solver.parameters.max_presolve_iterations == 1) == light
    assert (solver.parameters.cp_model_probing_level == 0) == light
    tours = {key: int(solver.value(var)) for key, var in model.vars.shift.items()}
    sol = {(o, d): code for (o, d, code), on in tours.items() if on}
    mine = f"{problem.officers[0].officer_id} "
    assert [v for v in reference.hard_violations(inst, sol) if v.startswith(mine)] == []


def test_polish_prices_each_tour_by_what_it_changes_in_the_cover_still_short():
    # E target 1 every day, under weight 100, over weight 1, rule weight 2. With nobody yet,
    # each E saves 100 * 2 = 200. Once A works Monday's E it is met: B's Monday E costs
    # 1 * 2 = 2 more, the other six days still save 200. Tour L has no row: no cost.
    problem = make_problem(
        [officer("A"), officer("B")],
        cover=[cover(shift="E", target=1, under_weight=100, over_weight=1)],
        rules=rules("cover_target", soft("cover_target", 2)),
    )
    polish = officer_start._Polish(problem, PARAMS, 1.0)
    a, b = problem.officers
    assert polish._costs(a) == {(day, "E"): -200 for day in range(7)}
    polish._add(a, {("A", 0, "E"): 1, ("A", 0, "L"): 0})
    assert polish._costs(b) == {(0, "E"): 2, **{(day, "E"): -200 for day in range(1, 7)}}


def test_officer_by_officer_does_not_apply_with_hard_cover(small_borough: ProblemData):
    assert not officer_start.applies(small_borough)


def test_solution_file_lists_each_worked_shift(tmp_path: Path):
    problem = instance(1)
    result = solve_roster(problem, PARAMS)
    assert result.roster is not None
    path = tmp_path / "Instance1.csv"
    write_solution(path, problem, result.roster)
    inst = reference.parse(DATA / "Instance1.txt")
    assert reference.objective(inst, read_solution(path)) == result.objective == 607


def read_solution(path: Path) -> reference.Solution:
    """A solution file (employee,day,shift) as the reference scorer takes it."""
    with path.open(newline="") as handle:
        return {(r["employee"], int(r["day"])): r["shift"] for r in csv.DictReader(handle)}


ROSTERS = Path(__file__).parent / "data"


def test_instance_7s_best_known_is_a_roster_the_model_and_the_checkers_admit():
    """A roster of instance 7 at its best known value (1,056), found by CP-SAT on the whole
    model in ten minutes (bench/RESULTS.md): with every tour fixed to it, the model (the
    weekend cut included) solves to 1,056, and the checkers and the independent scorer agree.
    So the 60-s search missing it is the search's doing, not a rule read too strictly."""
    problem, inst = instance(7), reference.parse(DATA / "Instance7.txt")
    sol = read_solution(ROSTERS / "curtois_instance7_1056.csv")
    days = range(problem.num_days)
    roster = Roster.from_codes(
        {o.officer_id: [sol.get((o.officer_id, d)) for d in days] for o in problem.officers}
    )
    report = check_roster(problem, roster)
    assert report.hard_violations == 0 and reference.hard_violations(inst, sol) == []
    assert report.objective == reference.objective(inst, sol) == best_known()[7] == 1056
    model = build_model(problem)
    tours = ((var.index, int(sol.get((o, d)) == c)) for (o, d, c), var in model.vars.shift.items())
    _, figures = run_solver(sub_model.pinned(model.cp, tours), model.vars.penalties, PARAMS)
    assert figures.status == Status.OPTIMAL and figures.objective == 1056


def test_parse_instances():
    assert parse_instances("1-3,7, 10-11") == [1, 2, 3, 7, 10, 11]


def test_the_benchmark_runs_each_instance_once_per_seed_and_gives_the_spread(tmp_path: Path):
    # Instance 1 with seeds 0 and 1: both runs optimal at 607, its best known, so the
    # spread's best, mean and worst are 607 with gaps of 0.0%, both re-scored equal; each
    # roster is written under its seed's folder and the independent scorer gives it 607.
    runs, folder = tmp_path / "runs.csv", tmp_path / "sol"
    command = ["bench", "curtois", "--instances", "1", "--seeds", "0-1", "-t", "5", "-w", "2"]
    result = CliRunner(env={"COLUMNS": "300"}).invoke(
        app, [*command, "--csv", str(runs), "--solutions", str(folder)]
    )
    assert result.exit_code == 0, result.output
    with runs.open(newline="") as handle:
        rows = [(r["instance"], r["seed"], r["objective"], r["rechecked_objective"])
                for r in csv.DictReader(handle)]  # fmt: skip
    assert rows == [("1", "0", "607", "607"), ("1", "1", "607", "607")]
    inst = reference.parse(DATA / "Instance1.txt")
    for seed in (0, 1):
        assert (
            reference.objective(inst, read_solution(folder / f"seed-{seed}" / "Instance1.csv"))
            == 607
        )
    spread = result.output[result.output.index("over the seeds") :]
    line = next(line for line in spread.splitlines() if line.startswith("│"))
    cells = [cell.strip() for cell in line.strip("│").split("│")]
    assert cells == ["1", "2", "607", "607.0", "607", "607", "0.0%", "0.0%", "0.0%", "2 of 2", "0"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--instances", "1-x"], "--instances: '1-x' is not a number or a range such as 1-12."),
        (["--instances", "1", "--seeds", "0-a"], "--seeds: '0-a' is not a number or a range"),
        (["--instances", "24-25"], "--instances: no Instance25.txt in"),
        (["--instances", "x", "--seeds", "y"], "'x' is not a number"),
        (["--instances", "x", "--seeds", "y"], "--seeds: 'y' is not a number"),
    ],
)
def test_the_benchmark_refuses_bad_instances_and_seeds_with_exit_2(
    options: list[str], message: str, tmp_path: Path
):
    runs = tmp_path / "runs.csv"
    result = CliRunner(env={"COLUMNS": "300"}).invoke(
        app, ["bench", "curtois", *options, "-t", "1", "--csv", str(runs)]
    )
    assert result.exit_code == 2
    assert message in result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not runs.exists()


def test_the_benchmarks_csv_keeps_the_runs_finished_before_it_was_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # Instance 1's run ends, then instance 2's is stopped (Ctrl-C): the CSV holds instance 1.
    first = CurtoisRow(1, 0, 14, 8, 1, 268, 0.0, "optimal", 607, 607, 0, 607, 607, 0, 0, 0, 1)

    def run_apart(number: int, *_: object) -> CurtoisRow:
        if number == 2:
            raise KeyboardInterrupt
        return first

    monkeypatch.setattr(curtois, "_run_apart", run_apart)
    runs = tmp_path / "runs.csv"
    with pytest.raises(KeyboardInterrupt):
        curtois.run_curtois_bench([1, 2], 1.0, 2, [0], runs, None, Console(file=io.StringIO()))
    with runs.open(newline="") as handle:
        assert [(r["instance"], r["objective"]) for r in csv.DictReader(handle)] == [("1", "607")]


def test_the_whole_models_root_relaxation_bounds_instance_14_near_its_best_known():
    # Best known 1,278. Stopped once the root is processed, one max_lp worker proves 14 with
    # CP-SAT's default of 2,000 root simplex iterations and 1,266 with the whole model's
    # setting (the relaxation solved to its optimum, 1.9 s on the project's machine). On
    # 11, which this test used before, the weekend cut alone now proves 3,400 of 3,436.
    model = build_model(instance(14))
    whole = by_parts.whole_params(PARAMS, len(model.cp.proto.variables), 60.0)
    assert whole.root_lp_iterations is not None
    assert 1_200 <= _root_bound(model, whole.root_lp_iterations) <= 1_278


def test_the_weekend_cut_bounds_instance_12_at_the_root():
    # 285 officer-days of weekend cover needed, 60 officers x 2 weekends x 2 days = 260
    # workable: at least 25 short, each weighing 100, so 2,500 (best known 4,040). Stopped
    # once the root is processed, with CP-SAT's default root iterations, one max_lp worker
    # proves it in under a second; without the cut the same solve proves 0 (0.7 s).
    assert 2_500 <= _root_bound(build_model(instance(12))) <= 4_040


@pytest.mark.parametrize(
    ("number", "floor", "best_known"),
    [
        # Most Sunday tours may not follow the Saturday tours: the paired count proves 40
        # short, where the plain count (the cut in the model) proves 25.
        (12, 4_000, 4_040),
        # 482 days needed, 500 workable: the plain count proves nothing, the paired 11 short.
        (13, 1_100, 1_348),
        # The plain count proves 56 short, the paired 40.
        (17, 5_600, 5_746),
    ],
)
def test_the_weekend_counts_floor_the_objective_below_the_best_known(number, floor, best_known):
    # Units short x 100, no solve needed; the bound reported where CP-SAT's is lower or
    # missing (13's whole model is not run). Each best known value is a roster, so a
    # floor above it would be wrong.
    assert build_model(instance(number)).vars.floor == floor <= best_known


def _root_bound(model: RosterModel, root_lp_iterations: int | None = None) -> float:
    """The bound one max_lp worker proves on the whole model once the root is processed."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.subsolvers.append("max_lp")
    if root_lp_iterations is not None:
        solver.parameters.root_lp_iterations = root_lp_iterations
    solver.parameters.stop_after_root_propagation = True
    solver.parameters.max_time_in_seconds = 60.0
    solver.solve(model.cp)
    return solver.best_objective_bound


def test_the_root_lp_iterations_reach_cp_sat():
    # Instance 1's optimum is 607; the roster is scored by the reference, not trusted.
    problem, inst = instance(1), reference.parse(DATA / "Instance1.txt")
    model = build_model(problem)
    solver, figures = run_solver(
        model.cp, model.vars.penalties, replace(PARAMS, root_lp_iterations=12_345)
    )
    assert solver.parameters.root_lp_iterations == 12_345 and figures.status == Status.OPTIMAL
    sol = as_solution(problem, extract_roster(model, solver))
    assert reference.hard_violations(inst, sol) == []
    assert reference.objective(inst, sol) == figures.objective == 607


@pytest.mark.parametrize(
    ("variables", "workers", "max_lp"), [(29_999, 2, True), (30_001, 2, False), (100, 1, False)]
)
def test_only_a_whole_model_with_max_lp_solves_its_root_relaxation_to_the_optimum(
    variables: int, workers: int, max_lp: bool
):
    whole = by_parts.whole_params(replace(PARAMS, workers=workers), variables, 10.0)
    assert (whole.subsolvers == MAX_LP_SUBSOLVERS) is max_lp
    assert (whole.root_lp_iterations == by_parts.ROOT_LP_ITERATIONS) is max_lp
    assert whole.time_limit == 10.0
