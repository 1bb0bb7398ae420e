"""Re-rostering against a Published roster: the Changes sheet, and end to end by the CLI."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from typer.testing import CliRunner

from app.cli import app
from constraints.registry import catalogue
from constraints.report import Report, check_roster
from inputs.problem import Absence, ProblemData, RuleSetting
from inputs.reader import read_problem
from inputs.roster import Roster
from inputs.roster_reader import read_roster
from outputs import styles
from outputs.input_workbook import write_input_workbook
from outputs.roster_workbook import CHANGES_HEADER, write_roster_workbook
from solver import search
from solver.solve import SolveResult, SolverParams, Status
from solver.team_plan import TeamPlan
from tests.builders import MONDAY, make_problem, officer
from tests.rules.helpers import absence, rota

RUNNER = CliRunner(env={"COLUMNS": "300"})


def run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def as_result(roster: Roster, report: Report) -> SolveResult:
    """A hand-made roster dressed as a solver result, for the workbook writer."""
    return SolveResult(
        status=Status.FEASIBLE,
        roster=roster,
        objective=report.objective,
        reported_objective=report.objective,
        bound=None,
        rule_penalties={},
        params=SolverParams(time_limit=1.0, workers=1),
        build_seconds=0.0,
        solve_seconds=0.0,
        first_solution_seconds=None,
        best_solution_seconds=None,
        solutions=0,
        interrupted=False,
        num_variables=0,
        num_constraints=0,
    )


def rows_of(ws: Any) -> list[dict[str, Any]]:
    names = [c.value for c in ws[1]]
    return [dict(zip(names, values, strict=True)) for values in ws.iter_rows(2, values_only=True)]


# ---- the Changes sheet, from a hand-made roster ------------------------------------------

# Two weeks from Mon 5 Jan 2026, notice counted from Fri 2 Jan (day d has d + 3 days of
# notice). Stability weighs 10, rest_day_notice 20 (15 days).
#   A: RD on Fri 9 (day 4, 7 days' notice) now E: rest day worked, under 8 days: 10 + 20x5;
#      RD on Sat 10 (day 5, 8 days) now E: time and a half, 10 + 20x3;
#      AL on Sun 11 (day 6; the leave is no longer in the input) now RD: listed, costs 0.
#   B: RD on Thu 15 (day 10, 13 days) now N: time and a half, 10 + 60;
#      RD on Sat 17 (day 12, 15 days) now N: replacement rest day, 10 + 20x1.
#   C: E on Mon 5 now L: tour changed, 10; E on Tue 6 now RD: tour cancelled, 10;
#      E on Wed 7, C sick since publication (Absences row 2): forced, 0.
#   Cells kept as published, and blank published cells (.), are not listed.
PUBLISHED = {
    "A": "E E E E RD RD AL . . . . . . .",
    "B": "RD RD E E E . . . . . RD . RD .",
    "C": "E E E . . . . . . . . . . .",
}
ROSTER = rota(
    A="E E E E E E - - - - - - - -",
    B="- - E E E - - - - - N - N -",
    C="L - - - - - - - - - - - - -",
)
EXPECTED_CHANGES = [
    # officer, day, published, now, change, notice, owed, penalty
    ("C", 0, "E", "L", "tour changed", 3, "none", 10),
    ("C", 1, "E", "RD", "tour cancelled: now a rest day", 4, "none", 10),
    ("C", 2, "E", "SK", "now absent: sick (Absences row 2)", 5, "none", 0),
    ("A", 4, "RD", "E", "rest day worked", 7, "compensation (under 8 days notice)", 110),
    ("A", 5, "RD", "E", "rest day worked", 8, "compensation at time and a half", 70),
    ("A", 6, "AL", "RD", "published absence no longer in the input", 9, "none", 0),
    ("B", 10, "RD", "N", "rest day worked", 13, "compensation at time and a half", 70),
    ("B", 12, "RD", "N", "rest day worked", 15, "replacement rest day", 30),
]


def hand_problem(published: dict[str, str] | None) -> ProblemData:
    sick = absence("C", 2, kind="sick").model_copy(update={"row": 2})
    return make_problem(
        [officer("A", name="PC Ann"), officer("B"), officer("C")],
        days=14,
        absences=[sick],
        published=published,
        notice_date=MONDAY - timedelta(days=3),
    )


def test_changes_sheet_lists_each_change_with_notice_and_what_is_owed(tmp_path: Path) -> None:
    problem = hand_problem(PUBLISHED)
    report = check_roster(problem, ROSTER)
    path = tmp_path / "roster.xlsx"
    write_roster_workbook(path, problem, as_result(ROSTER, report), report, "0" * 64)
    book = openpyxl.load_workbook(path)
    ws = book["Changes"]

    assert book.sheetnames[:3] == ["Roster", "Changes", "Coverage"]  # no TeamRota: no team tours
    assert [c.value for c in ws[1]] == list(CHANGES_HEADER)
    found = [
        (
            r["officer_id"],
            (r["date"].date() - MONDAY).days,
            r["published"],
            r["now"],
            r["change"],
            r["days of notice"],
            r["owed"],
            r["penalty"],
        )
        for r in rows_of(ws)
    ]
    assert found == EXPECTED_CHANGES
    first = rows_of(ws)[3]
    assert first["name"] == "PC Ann" and first["weekday"] == "Fri"
    assert isinstance(first["date"], datetime) and ws["C2"].number_format == styles.DATE_FORMAT
    # Compensation (not a replacement rest day) is shown amber.
    owed = CHANGES_HEADER.index("owed") + 1
    amber = [ws.cell(r, owed).fill.fgColor.rgb[-6:] == styles.SHORT_FILL for r in range(2, 10)]
    assert amber == [False, False, False, True, True, False, True, False]
    # The penalties are the checkers': stability 10 x 6, rest_day_notice 20 x (5 + 3 + 3 + 1).
    assert report.outcome("stability").penalty == 60
    assert report.outcome("rest_day_notice").penalty == 240
    assert sum(change[-1] for change in EXPECTED_CHANGES) == 60 + 240
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:J{ws.max_row}"
    solver = {r[0].value: r[1].value for r in book["Solver"].iter_rows(min_row=2)}
    assert solver["notice date (changes counted from)"] == datetime(2026, 1, 2)


def test_without_a_published_sheet_there_is_no_changes_sheet_and_no_cost(tmp_path: Path) -> None:
    problem = hand_problem(None)
    report = check_roster(problem, ROSTER)
    path = tmp_path / "roster.xlsx"
    write_roster_workbook(path, problem, as_result(ROSTER, report), report, "0" * 64)
    assert "Changes" not in openpyxl.load_workbook(path).sheetnames
    assert report.outcome("stability").violations == ()
    assert report.outcome("rest_day_notice").violations == ()


# ---- end to end --------------------------------------------------------------------------

SICK = ("R1PC1", "R2PC1")
NOTICE_DATE = MONDAY
SICK_FROM = NOTICE_DATE + timedelta(days=5)  # Sat 10 Jan, for a week: to Fri 16 Jan
STABILITY_WEIGHT = 1000


def resolved_input(problem: ProblemData) -> ProblemData:
    """The month as it stands at re-rostering: a week's sickness for two officers reported
    after publication, notice counted from the period's first day, and a borough that keeps
    the published roster at almost any price (stability 1000 per changed officer-day)."""
    sick = tuple(
        Absence(officer_id=o, start=SICK_FROM, end=SICK_FROM + timedelta(days=6), type="sick")
        for o in SICK
    )
    rules = dict(problem.rules)
    rules["stability"] = RuleSetting(hard=False, weight=STABILITY_WEIGHT)
    fields = {name: getattr(problem, name) for name in ProblemData.model_fields}
    fields |= {
        "settings": problem.settings.model_copy(update={"notice_date": NOTICE_DATE}),
        "absences": (*problem.absences, *sick),
        "rules": rules,
    }
    return ProblemData(**fields)  # built afresh: a model_copy would keep cached lookups


def paste_published(roster_path: Path, input_path: Path) -> None:
    """Copy the published workbook's Roster sheet, as it is, into the input's Published."""
    source = openpyxl.load_workbook(roster_path)["Roster"]
    book = openpyxl.load_workbook(input_path)
    target = book["Published"]
    for row in source.iter_rows():
        for cell in row:
            target.cell(cell.row, cell.column, cell.value)
    book.save(input_path)


def test_rerostering_keeps_every_published_tour_not_forced_to_change(
    tmp_path: Path, small_borough: ProblemData
) -> None:
    """What is asserted, day by day, comparing the new Roster sheet with the Published one:

    1. every officer other than the two sick ones keeps every published cell: nothing forces
       them to change (their leave, rules and the cover minima they meet are as published;
       the sick officers are PCs, not needed for any minimum), and at stability 1000 a
       change would have to save more than 1000 elsewhere, far more than moving one
       officer-day can in this borough (with the default 10 the solver may, rightly, trade
       a change for a team_rota or cover_target gain, so "kept" is not asserted there);
    2. the sick officers show SK on each of their seven sick days: forced, costing nothing;
    3. a sick officer's other days may differ from the published ones only when keeping
       them all (with the sick week blank) breaks a hard rule for that officer, by the
       checkers (contract_hours: a sick week counts as a normal week's hours, so the
       published tours elsewhere may no longer fit the band);
    4. the Changes sheet lists exactly the changed officer-days, by date then officer, each
       with its real date, weekday, notice from notice_date, what is owed and its penalty,
       which add up to the checkers' stability and rest_day_notice penalties;
    5. the checkers pass the new roster: no hard violation, and the solver's objective on
       the Solver sheet equals the checkers' objective.
    """
    first_input, published_path = tmp_path / "month.xlsx", tmp_path / "published.xlsx"
    write_input_workbook(first_input, small_borough, catalogue())
    code, output = run("solve", str(first_input), "-o", str(published_path), "-t", "5", "-w", "2")
    assert code == 0, output

    source, output_path = tmp_path / "rerostering.xlsx", tmp_path / "new.xlsx"
    write_input_workbook(source, resolved_input(small_borough), catalogue())
    paste_published(published_path, source)
    problem = read_problem(source, catalogue())
    assert len(problem.published) == len(problem.officers)
    code, output = run("solve", str(source), "-o", str(output_path), "-t", "10", "-w", "2")
    assert code == 0, output

    book = openpyxl.load_workbook(output_path)
    published = grid(openpyxl.load_workbook(published_path)["Roster"])
    now = grid(book["Roster"])
    changed = {key for key, cell in now.items() if cell != published[key]}
    sick_days = {(o, SICK_FROM + timedelta(days=k)) for o in SICK for k in range(7)}

    # 1. Officers not sick: every cell kept.
    assert {o for o, _ in changed} <= set(SICK), sorted(changed)
    # 2. Sick days: SK.
    assert all(now[key] == "SK" for key in sick_days)
    # 3. Other changes of a sick officer only where the published row breaks a hard rule.
    kept = reference_roster(problem)
    broken = {
        v.officer_id
        for outcome in check_roster(problem, kept).outcomes
        if outcome.broken
        for v in outcome.violations
    }
    for officer_id in SICK:
        others = {day for o, day in changed - sick_days if o == officer_id}
        assert not others or officer_id in broken, (officer_id, sorted(others))
    # 4. The Changes sheet.
    roster = read_roster(output_path, problem)
    report = check_roster(problem, roster)
    listed = rows_of(book["Changes"])
    assert [(r["date"].date(), r["officer_id"]) for r in listed] == sorted(
        (day, o) for o, day in changed
    )
    for r in listed:
        day, o = r["date"].date(), r["officer_id"]
        assert (r["published"], r["now"]) == (published[o, day], now[o, day])
        assert r["weekday"] == f"{day:%a}" and r["days of notice"] == (day - NOTICE_DATE).days
        if (o, day) in sick_days:
            assert (r["change"], r["owed"], r["penalty"]) == (
                f"now absent: sick (Absences row {sick_row(problem, o)})",
                "none",
                0,
            )
        elif r["published"] == "RD":
            units, owed = owed_by_notice(r["days of notice"])
            assert (r["change"], r["owed"]) == ("rest day worked", owed)
            assert r["penalty"] == STABILITY_WEIGHT + 20 * units
        else:
            assert r["owed"] == "none" and r["penalty"] == STABILITY_WEIGHT
    charged = report.outcome("stability").penalty + report.outcome("rest_day_notice").penalty
    assert sum(r["penalty"] for r in listed) == charged
    # 5. The checkers pass it.
    assert report.hard_violations == 0
    solver = {r[0].value: r[1].value for r in book["Solver"].iter_rows(min_row=2)}
    assert solver["objective (solver)"] == report.objective
    assert solver["published roster rows"] == len(problem.officers)


def grid(ws: Any) -> dict[tuple[str, date], str]:
    """(officer_id, date) -> cell of a Roster-layout sheet."""
    dates = [c.value.date() for c in ws[1][5:]]
    return {
        (row[0], day): cell
        for row in ws.iter_rows(2, values_only=True)
        for day, cell in zip(dates, row[5:], strict=True)
    }


def reference_roster(problem: ProblemData) -> Roster:
    """The published roster with nothing changed but the new absences (no tour on them)."""
    return Roster(
        {
            o.officer_id: tuple(
                ()
                if problem.absence_on(o.officer_id, d) is not None
                else problem.published_tours(o.officer_id, d) or ()
                for d in range(problem.num_days)
            )
            for o in problem.officers
        }
    )


def sick_row(problem: ProblemData, officer_id: str) -> int:
    return next(a.row for a in problem.absences if a.officer_id == officer_id and a.type == "sick")


def owed_by_notice(notice: int) -> tuple[int, str]:
    """The SPEC's thresholds, restated: 15 days or more, under 15, under 8."""
    if notice >= 15:
        return 1, "replacement rest day"
    if notice >= 8:
        return 3, "compensation at time and a half"
    return 5, "compensation (under 8 days notice)"


# ---- the search starts from the published roster -------------------------------------------


def test_stage_one_fixes_the_team_tours_most_members_were_published_on() -> None:
    # Team R1 (A, B, C) over Mon-Tue. Mon: A and B on E, C on L: E. Tue: A and B RD, C on
    # leave then (AL) and sick now: C does not count, the team rests (None).
    problem = make_problem(
        [officer("A"), officer("B"), officer("C")],
        days=2,
        published={"A": "E RD", "B": "E RD", "C": "L AL"},
        absences=[absence("C", 1, kind="sick")],
    )
    assert search._plan(problem, 1.0, 1) == TeamPlan({"R1": ("E", None)})
    # A week with only Mon published: Mon as published, the other days from the quick plan.
    partial = make_problem([officer("A"), officer("B")], published={"A": "E", "B": "E"})
    plan = search._plan(partial, 1.0, 1)
    assert plan is not None and plan.tours["R1"][0] == "E" and len(plan.tours["R1"]) == 7
