"""A catalogue of months that cannot be rostered: each exits 3 with a Diagnosis naming the
rows to change, and `--best-effort` writes the roster that breaks the fewest hard rules.

Every case is a small workbook written with the input writer; its rows sit where the
builders put them (Officers, Cover, Absences, Requests, Clusters, History: row 2 first).
A case says how it is found (the capacity check, or the solver's conflict search) and
which rows the diagnosis must name. Best effort is then held to three things: exit 0;
the breaches listed on the Rules sheet are exactly the hard violations the checkers
find in the written roster; and their total is the least any roster can have, which a
second solve, minimising only the relaxed rules' violations, confirms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from app.cli import app
from constraints.registry import catalogue
from constraints.report import check_roster
from inputs.problem import (
    Absence,
    ClusterRow,
    CoverRow,
    ProblemData,
    Request,
    RuleSetting,
    Shift,
)
from inputs.reader import read_problem
from inputs.roster_reader import read_roster
from outputs.input_workbook import write_input_workbook
from solver.solve import SolverParams, Status, build_model, solve
from tests.builders import MONDAY, make_problem, officer, only, team
from tests.conftest import RESPONSE_SHIFTS

RUNNER = CliRunner(env={"COLUMNS": "400"})
SAT, SUN = MONDAY + timedelta(days=5), MONDAY + timedelta(days=6)
RECENT, MIDDLE, LONG_AGO = date(2025, 6, 1), date(2022, 6, 1), date(2010, 6, 1)
EIGHT_HOURS = (
    Shift(code="E", start=time(7), end=time(15), kind="early", for_="response"),
    Shift(code="L", start=time(15), end=time(23), kind="late", for_="response"),
    Shift(code="N", start=time(23), end=time(7), kind="night", for_="response"),
)
SN_EARLY_ONLY = (Shift(code="SE", start=time(7), end=time(15), kind="early", for_="sn"),)


def rules_only(*names: str, **overrides: RuleSetting) -> dict[str, RuleSetting]:
    """`only(...)` as a workbook can say it: rules that cannot be switched off stay on."""
    rules = only(*names, **overrides)
    for name, spec in catalogue().items():
        if not spec.can_disable:
            rules[name] = rules[name].model_copy(update={"enabled": True})
    return rules


def on(day: date) -> str:
    return day.isoformat()


def away(row: int, officer_id: str, day: date, kind: str = "annual_leave") -> Absence:
    return Absence(row=row, officer_id=officer_id, start=day, end=day, type=kind)


def need(row: int, shift: str, minimum: int, day: str = "all", **fields: object) -> CoverRow:
    fields.setdefault("team", "R1")
    return CoverRow(row=row, shift=shift, min=minimum, day=day, **fields)  # type: ignore[arg-type]


def sn_ward(*officer_ids: str) -> list:
    return [officer(o, "W1", rank="PC", ward="Riverside") for o in officer_ids]


SN_TEAMS = [team("W1", "sn", cluster="North", ward="Riverside")]


@dataclass(frozen=True)
class Case:
    problem: ProblemData
    found_by: str
    """'capacity check' or 'solver'."""
    rows: frozenset[tuple[str, int]]
    """Rows the diagnosis must name (sheet, row)."""
    rules: frozenset[str]
    """Rules the diagnosis must name."""


def case(problem: ProblemData, found_by: str, rules: set[str], **rows: list[int]) -> Case:
    named = frozenset((sheet, r) for sheet, numbers in rows.items() for r in numbers)
    return Case(problem, found_by, named, frozenset(rules))


def too_few_sergeants() -> Case:
    """3 PS; Cover row 2 needs 2 on the Saturday night; 2 are away (Absences rows 2, 3)."""
    officers = [officer(f"PS{i}", rank="PS") for i in (1, 2, 3)]
    officers += [officer(f"PC{i}") for i in (1, 2, 3)]
    problem = make_problem(
        officers,
        shifts=RESPONSE_SHIFTS,
        cover=[need(2, "N", 2, on(SAT), team="response", ranks=frozenset({"PS"}))],
        absences=[away(2, "PS1", SAT), away(3, "PS2", SAT, "court")],
        rules=rules_only("cover_min"),
    )
    return case(problem, "capacity check", {"cover_min"}, Cover=[2], Absences=[2, 3])


def cluster_on_leave_on_sunday() -> Case:
    """Cluster North (Clusters row 2) needs an SN officer 09-15 daily; both its SN officers
    are on leave on Sunday (Absences rows 2, 3)."""
    problem = make_problem(
        sn_ward("W1PC", "W1PC2"),
        teams=SN_TEAMS,
        shifts=RESPONSE_SHIFTS,
        clusters=[ClusterRow(row=2, cluster="North", from_hour=9, to_hour=15, min=1)],
        absences=[away(2, "W1PC", SUN), away(3, "W1PC2", SUN)],
        rules=rules_only("sn_cluster_cover", "contract_hours"),
    )
    return case(problem, "capacity check", {"sn_cluster_cover"}, Clusters=[2], Absences=[2, 3])


def contract_hours_below_cover() -> Case:
    """Cover row 2 asks 7 early tours of 8 hours (56h) of three officers contracted for 16h
    a week: their bands allow at most 3 x 17.6h = 52.8h."""
    officers = [officer(o, contract_hours=16) for o in ("A", "B", "C")]
    problem = make_problem(
        officers,
        shifts=EIGHT_HOURS,
        cover=[need(2, "E", 1)],
        rules=rules_only("cover_min", "contract_hours"),
    )
    return case(problem, "capacity check", {"cover_min", "contract_hours"}, Cover=[2])


def tutor_pair_cannot_work() -> Case:
    """Cover row 2 needs 3 of team R1 on Wednesday's early tour; the tutor (Officers row 3)
    is on leave (Absences row 2), so their probationer (row 4) must rest: 2 remain."""
    officers = [
        officer("S", rank="PS", service_start=LONG_AGO),
        officer("T", skills=frozenset({"tutor"}), service_start=LONG_AGO),
        officer("P", tutor_id="T", service_start=RECENT),
        officer("Q", service_start=LONG_AGO),
    ]
    wednesday = MONDAY + timedelta(days=2)
    problem = make_problem(
        officers,
        shifts=RESPONSE_SHIFTS,
        cover=[need(2, "E", 3, on(wednesday))],
        absences=[away(2, "T", wednesday)],
        rules=rules_only("cover_min", "tutor_pairing"),
    )
    rules = {"cover_min", "tutor_pairing"}
    return case(problem, "solver", rules, Cover=[2], Officers=[3, 4], Absences=[2])


def rest_between_required_tours() -> Case:
    """Cover row 2 needs both officers on Tuesday's night (22-07), Cover row 3 both on
    Wednesday's early (07-16): no rest between."""
    tuesday, wednesday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
    problem = make_problem(
        [officer("A"), officer("B")],
        shifts=RESPONSE_SHIFTS,
        cover=[need(2, "N", 2, on(tuesday)), need(3, "E", 2, on(wednesday))],
        rules=rules_only("cover_min", "min_rest_hours"),
    )
    return case(problem, "solver", {"cover_min", "min_rest_hours"}, Cover=[2, 3])


def no_sergeant_for_a_required_tour() -> Case:
    """Cover row 2 puts someone on every response night; the one sergeant is sick on
    Monday (Absences row 2), so Monday's night has no supervisor."""
    problem = make_problem(
        [officer("PS1", rank="PS"), officer("PC1"), officer("PC2")],
        shifts=RESPONSE_SHIFTS,
        cover=[need(2, "N", 1, team="response")],
        absences=[away(2, "PS1", MONDAY, "sick")],
        rules=rules_only("cover_min", "supervision"),
    )
    return case(problem, "capacity check", {"supervision", "cover_min"}, Cover=[2], Absences=[2])


def probationers_over_their_share() -> Case:
    """Cover row 2 needs 3 PCs on Tuesday's early; only one is not a probationer, so two
    probationers must work it: 67% of the PCs, over probationer_share's 25%."""
    officers = [officer("V", service_start=LONG_AGO)]
    officers += [officer(f"L{i}", service_start=RECENT) for i in (1, 2, 3)]
    problem = make_problem(
        officers,
        shifts=RESPONSE_SHIFTS,
        cover=[need(2, "E", 3, on(MONDAY + timedelta(days=1)), ranks=frozenset({"PC"}))],
        rules=rules_only("cover_min", "probationer_share"),
    )
    rules = {"probationer_share", "cover_min"}
    return case(problem, "capacity check", rules, Cover=[2])


def probationer_without_experience() -> Case:
    """Cover row 2 needs 2 on Tuesday's early of R1's three PCs: the experienced one is on
    leave (Absences row 2), so a probationer works it with nobody of 5+ years."""
    officers = [
        officer("M", service_start=MIDDLE),
        officer("L", service_start=RECENT),
        officer("X", service_start=LONG_AGO),
    ]
    tuesday = MONDAY + timedelta(days=1)
    problem = make_problem(
        officers,
        shifts=RESPONSE_SHIFTS,
        cover=[need(2, "E", 2, on(tuesday))],
        absences=[away(2, "X", tuesday)],
        rules=rules_only("cover_min", "experienced_with_probationer"),
    )
    rules = {"experienced_with_probationer", "cover_min"}
    return case(problem, "capacity check", rules, Cover=[2], Absences=[2])


def too_few_for_a_week_of_rest_days() -> Case:
    """Cover row 2 needs all three officers on every early: 21 tours a week, where two rest
    days each leave 15."""
    problem = make_problem(
        [officer(o) for o in ("A", "B", "C")],
        shifts=RESPONSE_SHIFTS,
        cover=[need(2, "E", 3)],
        rules=rules_only("cover_min", "rest_days_per_week"),
    )
    return case(problem, "capacity check", {"cover_min", "rest_days_per_week"}, Cover=[2])


def seven_days_worked_before() -> Case:
    """A (Officers row 2) worked the 7 days before the period (History row 2); Cover row 2
    needs both officers on Monday's early: an eighth day in a row."""
    problem = make_problem(
        [officer("A"), officer("B")],
        shifts=RESPONSE_SHIFTS,
        cover=[need(2, "E", 2, on(MONDAY))],
        history={"A": dict.fromkeys(range(1, 8), "E")},
        rules=rules_only("cover_min", "max_consecutive_days"),
    )
    rules = {"cover_min", "max_consecutive_days"}
    return case(problem, "solver", rules, Cover=[2], Officers=[2], History=[2])


def hard_request_against_cover() -> Case:
    """requests is hard; A asks for Wednesday off (Requests row 2) while Cover row 2 needs
    both officers on Wednesday's early."""
    wednesday = MONDAY + timedelta(days=2)
    problem = make_problem(
        [officer("A"), officer("B")],
        shifts=RESPONSE_SHIFTS,
        cover=[need(2, "E", 2, on(wednesday))],
        requests=[Request(row=2, officer_id="A", date=wednesday, shift="OFF")],
        rules=rules_only("cover_min", requests=RuleSetting(hard=True, weight=5)),
    )
    return case(problem, "solver", {"cover_min", "requests"}, Cover=[2], Requests=[2])


def one_sergeant_for_two_tours() -> Case:
    """Cover rows 2 and 3 each need a PS on Thursday, early and night; of the two PS one is
    at court (Absences row 2): one sergeant, two tours."""
    thursday = MONDAY + timedelta(days=3)
    sergeants = frozenset({"PS"})
    problem = make_problem(
        [officer("PS1", rank="PS"), officer("PS2", rank="PS"), officer("PC1")],
        shifts=RESPONSE_SHIFTS,
        cover=[
            need(2, "E", 1, on(thursday), ranks=sergeants),
            need(3, "N", 1, on(thursday), ranks=sergeants),
        ],
        absences=[away(2, "PS2", thursday, "court")],
        rules=rules_only("cover_min"),
    )
    return case(problem, "capacity check", {"cover_min"}, Cover=[2, 3], Absences=[2])


def cluster_window_beyond_its_shifts() -> Case:
    """Cluster North's window is 07-23 (Clusters row 2), but its SN officers only have an
    early shift (07-15): nobody can cover 15:00-23:00."""
    problem = make_problem(
        sn_ward("W1PC", "W1PC2"),
        teams=SN_TEAMS,
        shifts=SN_EARLY_ONLY,
        clusters=[ClusterRow(row=2, cluster="North", from_hour=7, to_hour=23, min=1)],
        rules=rules_only("sn_cluster_cover"),
    )
    return case(problem, "capacity check", {"sn_cluster_cover"}, Clusters=[2])


CASES = [
    pytest.param(make, id=make.__name__)
    for make in (
        too_few_sergeants,
        cluster_on_leave_on_sunday,
        contract_hours_below_cover,
        tutor_pair_cannot_work,
        rest_between_required_tours,
        no_sergeant_for_a_required_tour,
        probationers_over_their_share,
        probationer_without_experience,
        too_few_for_a_week_of_rest_days,
        seven_days_worked_before,
        hard_request_against_cover,
        one_sergeant_for_two_tours,
        cluster_window_beyond_its_shifts,
    )
]


def run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def written(tmp_path: Path, problem: ProblemData) -> Path:
    source = tmp_path / "in.xlsx"
    write_input_workbook(source, problem, catalogue())
    return source


def sheet(path: Path, name: str) -> list[dict[str, object]]:
    rows = list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:] if row[0] is not None]


def named_rows(text: object) -> set[tuple[str, int]]:
    """('Cover', 7), ('Absences', 4)... from 'Cover row 7; Absences rows 4, 9'."""
    found = set()
    for part in str(text or "").split("; "):
        if not part:
            continue
        sheet_name, _, numbers = part.partition(" row")
        numbers = numbers.removeprefix("s")
        found |= {(sheet_name, int(n)) for n in numbers.split(",")}
    return found


@pytest.mark.parametrize("make", CASES)
def test_infeasible_month_exits_3_with_the_rows_to_change(tmp_path: Path, make) -> None:
    expected: Case = make()
    source, output = written(tmp_path, expected.problem), tmp_path / "out.xlsx"
    code, text = run("solve", str(source), "-o", str(output), "-t", "10", "-w", "2")
    assert code == 3, text
    assert "The hard rules cannot all be met" in text
    lines = sheet(output, "Diagnosis")
    first = [line for line in lines if line["conflict"] == 1]
    assert {line["found by"] for line in first} == {expected.found_by}, lines
    named = set().union(*(named_rows(line["rows"]) for line in first))
    assert expected.rows <= named, (expected.rows, named)
    rules = {r for line in first for r in str(line["rules"]).split(", ")}
    assert expected.rules <= rules, rules
    code, text = run("validate", str(source))
    assert code == 0, text
    counted = "But the hard rules cannot all be met" in text
    assert counted == (expected.found_by == "capacity check"), text


@pytest.mark.parametrize("make", CASES)
def test_best_effort_breaks_the_fewest_hard_rules(tmp_path: Path, make) -> None:
    expected: Case = make()
    source, output = written(tmp_path, expected.problem), tmp_path / "roster.xlsx"
    code, text = run(
        "solve", str(source), "-o", str(output), "-t", "10", "-w", "2", "--best-effort"
    )
    assert code == 0, text
    assert "Best effort" in text
    problem = read_problem(source, catalogue())
    report = check_roster(problem, read_roster(output, problem))
    found = sorted(
        (v.rule, v.officer_id, v.day, v.amount)
        for outcome in report.outcomes
        if outcome.broken
        for v in outcome.violations
    )
    listed = sorted(
        (row["rule"], row["officer_id"], _day(row["date"]), row["amount"])
        for row in _violations(output)
        if row["hard/soft"] == "hard, relaxed"
    )
    assert found == listed
    relaxed = {row["rule"] for row in sheet(output, "Rules") if row["hard/soft"] == "hard, relaxed"}
    assert expected.rules & relaxed, relaxed
    assert sum(amount for *_, amount in found) == fewest_breaches(problem, relaxed)
    assert_marked_red(output, found)
    assert sheet(output, "Diagnosis"), "a best-effort roster says why it breaks hard rules"


def assert_marked_red(path: Path, breaches: list[tuple[str, str | None, date | None, int]]) -> None:
    """Each breach is red where it happened: the officer's day on the Roster sheet, the date's
    header for a tour or cover breach, and its cover short of the minimum on Coverage."""
    book = openpyxl.load_workbook(path)
    roster = book["Roster"]
    dates = {cell.value.date(): cell for cell in roster[1][5:]}
    rows = {row[0].value: row for row in roster.iter_rows(min_row=2)}
    short = {
        (line["cover row"], line["date"].date())
        for line in sheet(path, "Coverage")
        if line["short of min"]
    }
    for rule, officer_id, day, _ in breaches:
        if officer_id is not None and day is not None:
            cell = rows[officer_id][dates[day].column - 1]
        elif day is not None:
            cell = dates[day]
        else:
            cell = rows[officer_id][0]
        assert cell.style == "roster breach", (rule, officer_id, day)
        if rule == "cover_min":
            assert any(d == day for _, d in short), day


def fewest_breaches(problem: ProblemData, relaxed: set[str]) -> int:
    """The least total violation of the relaxed rules any roster can have: a second solve
    with only them soft (weight 1) and every other soft rule off."""
    rules = {}
    for name, setting in problem.rules.items():
        if name in relaxed:
            rules[name] = setting.model_copy(update={"hard": False, "weight": 1})
        elif not setting.hard:
            rules[name] = setting.model_copy(update={"enabled": False})
        else:
            rules[name] = setting
    alone = problem.model_copy(update={"rules": rules})
    result = solve(build_model(alone), SolverParams(time_limit=10, workers=2))
    assert result.status == Status.OPTIMAL and result.objective is not None
    return result.objective


def _violations(path: Path) -> list[dict[str, object]]:
    """The violations table below the rule summary of the Rules sheet."""
    rows = list(openpyxl.load_workbook(path)["Rules"].iter_rows(values_only=True))
    top = next(i for i, row in enumerate(rows) if row[0] == "rule" and row[1] == "hard/soft")
    header = rows[top]
    return [dict(zip(header, row, strict=False)) for row in rows[top + 1 :] if row[0]]


def _day(value: object) -> date | None:
    return value.date() if hasattr(value, "date") else None  # type: ignore[union-attr]
