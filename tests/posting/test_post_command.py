"""`roster post` end to end through the command line: the workbook in, the proposals
workbook out; the panel's decisions typed into it bind the next run; `--apply` writes the
roster input; bad input is refused with every problem located and nothing written."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from app.cli import app
from constraints.posting.registry import catalogue as posting_catalogue
from constraints.posting.report import check_posting
from constraints.registry import catalogue
from demo.posting import posting_borough
from inputs.posting import Allocation, PostingData
from inputs.posting_reader import read_posting
from outputs.input_workbook import write_input_workbook

RUNNER = CliRunner(env={"COLUMNS": "400"})


def run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("panel") / "in.xlsx"
    write_input_workbook(
        path, posting_borough(150, seed=0).problem, catalogue(), posting_catalogue()
    )
    return path


@pytest.fixture(scope="module")
def first(source: Path) -> tuple[Path, str]:
    output = source.with_name("proposals.xlsx")
    code, text = run("post", str(source), "-o", str(output), "-t", "20", "-w", "1")
    assert code == 0, text
    return output, text


def rows(path: Path, sheet: str = "Proposals") -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path)[sheet]
    table = list(ws.iter_rows(values_only=True))
    return [dict(zip(table[0], row, strict=True)) for row in table[1:]]


def solver_figures(path: Path) -> dict[str, Any]:
    return {row["key"]: row["value"] for row in rows(path, "Solver")}


def proposed(data: PostingData, path: Path) -> Allocation:
    """The allocation the Proposals sheet proposes: its moves on the Officers sheet's teams."""
    moves = {
        r["officer_id"]: r["to"]
        for r in rows(path)
        if r["change"] != "rejected: not proposed again"
    }
    return Allocation({**data.before.teams, **moves})


def test_the_roster_job_accepts_the_panel_columns(source: Path) -> None:
    code, text = run("validate", str(source))
    assert code == 0, text


def test_post_writes_proposals_the_checkers_pass(source: Path, first: tuple[Path, str]) -> None:
    output, text = first
    book = openpyxl.load_workbook(output)
    assert book.sheetnames == [
        "Proposals",
        "Teams before & after",
        "Rules",
        "Probationer share",
        "Solver",
    ]
    data = read_posting(source, posting_catalogue())
    report = check_posting(data, proposed(data, output))
    figures = solver_figures(output)
    assert report.hard_violations == 0
    assert figures["objective (solver)"] == figures["objective (re-checked by the checkers)"]
    assert figures["objective (solver)"] == report.objective
    assert "objective (re-checked)" in text and "Probationer share of constables" in text
    [decision] = [v for v in book["Proposals"].data_validations.dataValidation]
    assert decision.formula1 == '"approve,reject"'
    assert len(book["Probationer share"]._charts) == 1


def test_decisions_bind_the_next_run_and_apply_writes_the_roster_input(
    source: Path, first: tuple[Path, str]
) -> None:
    output, _ = first
    decided = source.with_name("decided.xlsx")
    book = openpyxl.load_workbook(output)
    ws = book["Proposals"]
    column = [c.value for c in ws[1]].index("decision") + 1
    for r in range(2, ws.max_row + 1):
        ws.cell(r, column, "reject" if r % 2 == 0 else "approve")
    book.save(decided)
    decisions = {(r["officer_id"], r["to"]): r["decision"] for r in rows(decided)}
    fingerprint = hashlib.sha256(source.read_bytes()).hexdigest()
    second, applied = source.with_name("second.xlsx"), source.with_name("next_month.xlsx")
    code, text = run(
        "post", str(source), "--decisions", str(decided), "-o", str(second),
        "--apply", str(applied), "-t", "20", "-w", "1",
    )  # fmt: skip
    assert code == 0, text
    assert hashlib.sha256(source.read_bytes()).hexdigest() == fingerprint
    data = read_posting(source, posting_catalogue(), decided)
    after = proposed(data, second)
    for (officer_id, team_id), decision in decisions.items():
        assert (after.team_of(officer_id) == team_id) == (decision == "approve")
    assert check_posting(data, after).hard_violations == 0
    kept = {(r["officer_id"], r["to"]): (r["change"], r["decision"]) for r in rows(second)}
    for key, decision in decisions.items():
        change = "approved" if decision == "approve" else "rejected: not proposed again"
        assert kept[key] == (change, decision)
    next_month = read_posting(applied, posting_catalogue())
    approved = {o: t for (o, t), d in decisions.items() if d == "approve"}
    assert next_month.before.teams == {**data.before.teams, **approved}
    assert next_month.proposals == ()
    assert "Proposals" not in openpyxl.load_workbook(applied).sheetnames


def test_a_proposals_sheet_in_the_input_is_honoured(source: Path, tmp_path: Path) -> None:
    data = read_posting(source, posting_catalogue())
    mover = next(o for o in data.officers if o.available and o.rank == "PC")
    target = next(t.team_id for t in data.response_teams if t.team_id != mover.team)
    book = openpyxl.load_workbook(source)
    ws = book.create_sheet("Proposals")
    ws.append(["officer_id", "from", "to", "decision"])
    ws.append([mover.officer_id, mover.team, target, "approve"])
    path = tmp_path / "with_decision.xlsx"
    book.save(path)
    output = tmp_path / "out.xlsx"
    code, text = run("post", str(path), "-o", str(output), "-t", "20", "-w", "1")
    assert code == 0, text
    [line] = [r for r in rows(output) if r["officer_id"] == mover.officer_id]
    assert (line["to"], line["change"], line["decision"]) == (target, "approved", "approve")


def letters(ws: Any) -> dict[str, str]:
    """Header name -> column letter."""
    return {c.value: c.column_letter for c in ws[1] if c.value is not None}


def test_bad_input_is_refused_with_every_problem_located(source: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(source)
    officers, teams, rules = book["Officers"], book["Teams"], book["PostingRules"]
    o, t = letters(officers), letters(teams)
    free = get_column_letter(teams.max_column + 1)
    # Officers row 2 is an officer of R1, Teams row 2 is R1; PostingRules row 2 is stay_put,
    # row 6 probationer_share.
    officers[f"{o['preferences']}2"] = "R9, R1"
    officers[f"{o['team_since']}2"] = date(2027, 3, 1)
    teams[f"{t['target_PC']}2"], teams[f"{t['max_PC']}2"] = 10, 5
    teams[f"{free}1"], teams[f"{free}2"] = "min_pol3", 2
    rules["A2"], rules["E6"] = "probationer_shares", "lots"
    expected = (
        f"Officers, row 2, column preferences ({o['preferences']}): team 'R9' is not on the "
        "Teams sheet; expected team_ids of the Teams sheet",
        f"Officers, row 2, column team_since ({o['team_since']}): 2027-03-01 is after "
        "period_start 2027-01-04; expected the date the officer joined their current team",
        f"Teams, row 2, column max_PC ({t['max_PC']}): max_PC 5 is below target_PC 10; "
        "expected a maximum of at least the target",
        f"Teams, row 2, column min_pol3 ({free}): no officer has the skill 'pol3' (did you "
        "mean 'pol2'?); expected a skill listed on the Officers sheet",
        "PostingRules, row 2, column rule (A): 'probationer_shares' is not a rule of the "
        "catalogue (did you mean 'probationer_share'?)",
        "PostingRules, row 6, column value (E): 'lots' is not a number; expected a number",
    )
    bad = tmp_path / "in.xlsx"
    book.save(bad)
    output = tmp_path / "proposals.xlsx"
    code, text = run("post", str(bad), "-o", str(output), "-t", "5")
    assert code == 2, text
    assert f"{len(expected)} problem(s) in in.xlsx; nothing was written." in text
    for message in expected:
        assert message in text, f"{message!r} missing from:\n{text}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.xlsx"]


def test_decisions_that_no_longer_fit_are_refused(
    source: Path, first: tuple[Path, str], tmp_path: Path
) -> None:
    output, _ = first
    book = openpyxl.load_workbook(output)
    ws = book["Proposals"]
    ws["D2"] = "R9"  # from: not the officer's team
    ws["I3"] = "approve"
    ws["E3"] = ws["D3"].value  # to: the team the officer is on
    decided = tmp_path / "decided.xlsx"
    book.save(decided)
    code, text = run(
        "post", str(source), "--decisions", str(decided), "-o", str(tmp_path / "o.xlsx")
    )
    assert code == 2, text
    assert "decided.xlsx Proposals, row 2, column from (D):" in text
    assert "expected the team the officer is on now" in text
    assert "decided.xlsx Proposals, row 3, column to (E):" in text


def test_maxima_the_officers_who_stay_exceed_are_explained(source: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(source)
    teams = book["Teams"]
    # One of R1's two sergeants is not available for posting; R1 may now have none.
    teams[f"{letters(teams)['max_PS']}2"], teams[f"{letters(teams)['target_PS']}2"] = 0, None
    path = tmp_path / "in.xlsx"
    book.save(path)
    code, text = run("post", str(path), "-o", str(tmp_path / "out.xlsx"), "-t", "10", "-w", "1")
    assert code == 3, text
    assert "The hard posting rules cannot all be met." in text
    assert (
        "R1 (Teams row 2) may hold at most 0 PS (max_PS), but 1 officer of that rank must be on "
        "it: 1 not available for posting, 0 approved to join it" in text
    )
    assert openpyxl.load_workbook(tmp_path / "out.xlsx").sheetnames == ["Diagnosis", "Solver"]


def test_best_effort_breaks_the_maximum_least(source: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(source)
    teams = book["Teams"]
    teams[f"{letters(teams)['max_PS']}2"], teams[f"{letters(teams)['target_PS']}2"] = 0, None
    path, output = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    book.save(path)
    code, text = run("post", str(path), "-o", str(output), "-t", "10", "-w", "1", "--best-effort")
    assert code == 0, text
    assert "Best effort: the hard rules cannot all be met, so establishment_max was relaxed" in text
    # The sergeant who may not move keeps R1 one PS over its maximum of 0: one breach, the
    # fewest possible; the Rules sheet lists it as a relaxed hard rule.
    breaches = [r for r in rows(output, "Rules") if r["hard/soft"] == "hard, relaxed"]
    assert [(r["rule"], r["violations"], r["amount"]) for r in breaches] == [
        ("establishment_max", 1, 1)
    ]


def test_the_template_documents_the_posting_panel(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    code, text = run("template", str(path))
    assert code == 0, text
    book = openpyxl.load_workbook(path)
    listed = [r["rule"] for r in rows(path, "PostingRules")]
    assert listed == list(posting_catalogue())
    readme = [row[0] for row in book["ReadMe"].iter_rows(values_only=True) if row[0]]
    assert "PostingRules (set them on the PostingRules sheet)" in readme
    assert {"available_for_posting", "preferences", "team_since"} <= set(readme)
    assert {"target_PC", "max_PC", "min_response_driver"} <= set(readme)
