"""The web application through FastAPI's test client: every page and endpoint, bad uploads,
scenarios, jobs in worker processes (small boroughs, limits of a few seconds), security."""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import zipfile
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app import pipeline
from app.cli import app as cli
from constraints.registry import RULES
from constraints.report import check_roster
from inputs.roster_reader import read_roster
from tests.web.conftest import client_for
from tests.web.helpers import form_fields, problem_rows, table_rows, wait_for_job
from web.security import PASSWORD_VARIABLE, ServeRefused, config_for

RUNNER = CliRunner(env={"COLUMNS": "400"})
QUICK = {"time_limit": "3", "workers": "1"}


def kept_files(data: Path) -> list[Path]:
    """Workbooks kept in the data folder (the database and the template aside)."""
    return [p for p in data.rglob("*") if p.is_file() and p.suffix == ".xlsx"]


def upload(client: TestClient, path: Path, name: str | None = None) -> str:
    response = client.post(
        "/upload",
        files={"workbook": (name or path.name, path.read_bytes())},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def start(client: TestClient, url: str, fields: dict[str, str] = QUICK) -> str:
    response = client.post(url, data=fields, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def save_rules(client: TestClient, scenario: int, name: str, **cells: str) -> str:
    """Fill in the Rules form as a browser would: as shown, with `cells` changed."""
    fields = form_fields(client.get(f"/scenarios/{scenario}/rules").text)
    fields.update({key.replace("__", "."): value for key, value in cells.items()}, name=name)
    response = client.post(f"/scenarios/{scenario}/rules", data=fields, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


# ---- pages without data, template ------------------------------------------------------------


def test_pages_render_before_any_upload(client: TestClient) -> None:
    home = client.get("/", follow_redirects=False)
    assert home.status_code == 303 and home.headers["location"] == "/upload"
    page = client.get("/upload")
    assert page.status_code == 200 and "Upload a workbook" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert "Solve at least two rosters" in client.get("/compare").text
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/favicon.ico").status_code == 204


def test_the_template_downloads(client: TestClient) -> None:
    response = client.get("/template.xlsx")
    assert response.status_code == 200
    assert "roster-template.xlsx" in response.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert {"ReadMe", "Settings", "Officers", "Rules", "PostingRules"} <= set(book.sheetnames)


# ---- bad uploads ------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in entries.items():
            entry = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            package.writestr(entry, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


MACRO_TYPES = (
    b'<Types><Override ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>'
)
NOT_A_WORKBOOK = [
    ("not a workbook", b"officer_id,name\nP1,Jo Bloggs\n", "is not an Excel .xlsx workbook"),
    ("a zip but not a workbook", _zip({"notes.txt": b"hello"}), "is not an Excel .xlsx workbook"),
    (
        "a macro-enabled workbook",
        _zip({"[Content_Types].xml": MACRO_TYPES, "xl/workbook.xml": b"<workbook/>"}),
        "is a macro-enabled workbook; expected a plain .xlsx workbook",
    ),
]


@pytest.mark.parametrize(
    ("case", "content", "expected"), NOT_A_WORKBOOK, ids=[case for case, _, _ in NOT_A_WORKBOOK]
)
def test_a_file_that_is_not_a_workbook_is_refused_and_nothing_kept(
    client: TestClient, data_dir: Path, case: str, content: bytes, expected: str
) -> None:
    response = client.post("/upload", files={"workbook": ("next_month.xlsx", content)})
    assert response.status_code == 422, case
    (line,) = problem_rows(response.text)
    assert line.startswith("workbook: file next_month.xlsx ") and expected in line
    assert "nothing was written" in response.text
    assert kept_files(data_dir) == [] and "next_month.xlsx" not in client.get("/upload").text


def test_a_file_over_the_limit_is_refused_and_nothing_kept(
    tmp_path: Path, small_workbook: Path
) -> None:
    data = tmp_path / "limited"
    with client_for(data, max_upload_bytes=4096) as client:
        response = client.post(
            "/upload", files={"workbook": ("big.xlsx", small_workbook.read_bytes())}
        )
        assert response.status_code == 413
        assert "larger than the upload limit" in " ".join(problem_rows(response.text))
        assert kept_files(data) == []


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    bomb = _zip(
        {
            "[Content_Types].xml": b"spreadsheetml.sheet.main+xml",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": bytes(400_000),
        }
    )
    assert len(bomb) < 4096
    with client_for(tmp_path / "d", max_upload_bytes=4096) as client:
        response = client.post("/upload", files={"workbook": ("bomb.xlsx", bomb)})
        assert response.status_code == 422
        assert "unpacks to" in " ".join(problem_rows(response.text))


def test_no_file_chosen(client: TestClient) -> None:
    response = client.post("/upload", data={"other": "x"})
    assert response.status_code == 422 and "no file was chosen" in response.text


def damage(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    book["Officers"]["D5"] = "R9"
    book["Settings"]["B2"] = "2026-01-06"
    book.save(path)


def test_an_invalid_workbook_lists_the_command_lines_problems_and_keeps_nothing(
    client: TestClient, data_dir: Path, small_workbook: Path
) -> None:
    damage(small_workbook)
    response = client.post(
        "/upload", files={"workbook": ("next_month.xlsx", small_workbook.read_bytes())}
    )
    assert response.status_code == 422
    validate = RUNNER.invoke(cli, ["validate", str(small_workbook)])
    assert validate.exit_code == 2
    printed = [line[4:] for line in validate.output.splitlines() if line.startswith("  - ")]
    assert problem_rows(response.text) == printed and len(printed) >= 2
    assert f"{len(printed)} problem(s) in next_month.xlsx; nothing was written." in response.text
    assert kept_files(data_dir) == []


# ---- a valid upload, scenarios, Rules --------------------------------------------------------


def test_an_upload_is_kept_with_its_own_scenario(
    client: TestClient, data_dir: Path, small_workbook: Path
) -> None:
    page = upload(client, small_workbook, "next_month.xlsx")
    assert page == "/workbooks/1"
    text = client.get(page).text
    assert "next_month.xlsx" in text and "As uploaded" in text
    original = client.get("/workbooks/1/input.xlsx").content
    assert original == small_workbook.read_bytes()
    assert client.get("/scenarios/1/input.xlsx").content == original
    assert "next_month.xlsx" in client.get("/upload").text


def test_saving_the_rules_makes_a_new_scenario_and_leaves_the_upload(
    client: TestClient, small_workbook: Path
) -> None:
    upload(client, small_workbook)
    before = hashlib.sha256(client.get("/workbooks/1/input.xlsx").content).hexdigest()
    form = client.get("/scenarios/1/rules")
    assert "requests" in form.text and "soft x5" in form.text  # the rule and its default
    assert save_rules(client, 1, "heavier requests", requests__weight="8") == "/scenarios/2/solve"
    solve_page = client.get("/scenarios/2/solve").text
    assert "heavier requests" in solve_page and "requests: weight 5 -&gt; 8" in solve_page
    scenario = client.get("/scenarios/2/input.xlsx")
    path = small_workbook.with_name("scenario.xlsx")
    path.write_bytes(scenario.content)
    rules = pipeline.load(path).rules
    assert rules["requests"].weight == 8 and rules["min_rest_hours"].value == 11
    after = hashlib.sha256(client.get("/workbooks/1/input.xlsx").content).hexdigest()
    assert after == before
    assert client.get("/scenarios/1/input.xlsx").content == small_workbook.read_bytes()


def test_rules_the_reader_refuses_are_shown_in_its_words_and_nothing_is_saved(
    client: TestClient, data_dir: Path, small_workbook: Path
) -> None:
    upload(client, small_workbook)
    fields = form_fields(client.get("/scenarios/1/rules").text)
    fields.update({"requests.weight": "-3", "min_rest_hours.value": "99", "name": "bad"})
    response = client.post("/scenarios/1/rules", data=fields)
    assert response.status_code == 422
    lines = problem_rows(response.text)
    assert any(
        line.startswith("Rules, row ")
        and "column weight (D): weight -3 is negative; expected 0 or more" in line
        for line in lines
    ), lines
    assert any("99 is out of range for min_rest_hours" in line for line in lines), lines
    assert 'value="-3"' in response.text  # what was typed stays on the form
    assert "bad" not in client.get("/workbooks/1").text
    assert list((data_dir / "incoming").iterdir()) == []


# ---- solving, progress, results, download, compare, restart ------------------------------------


def test_solve_show_download_check_and_compare(
    client: TestClient, data_dir: Path, small_workbook: Path
) -> None:
    upload(client, small_workbook)
    save_rules(client, 1, "heavier requests", requests__weight="8")
    first = start(client, "/scenarios/1/solve")
    assert wait_for_job(client, first)["state"] == "done"
    second = start(client, "/scenarios/2/solve")
    progress = wait_for_job(client, second)
    assert progress["state"] == "done" and progress["solutions"] >= 1
    assert progress["objective"] is not None

    page = client.get(second)
    assert page.status_code == 200 and "Key figures" in page.text
    grid = table_rows(page.text, "roster-grid")
    assert len(grid) == 15 and {row[3] for row in grid} == {"R1", "R2", "W1"}
    assert len(grid[0]) == 5 + 14
    only_r1 = table_rows(client.get(f"{second}?team=R1").text, "roster-grid")
    assert {row[3] for row in only_r1} == {"R1"} and len(only_r1) == 5
    ward = table_rows(client.get(f"{second}?ward=Riverside").text, "roster-grid")
    assert {row[4] for row in ward} == {"Riverside"}
    assert "requests" in " ".join(r[0] for r in table_rows(page.text, "rules-table"))

    roster = data_dir.parent / "downloaded.xlsx"
    download = client.get(f"{second}/output.xlsx")
    assert "roster-job2.xlsx" in download.headers["content-disposition"]
    roster.write_bytes(download.content)
    scenario = data_dir.parent / "scenario.xlsx"
    scenario.write_bytes(client.get("/scenarios/2/input.xlsx").content)
    checked = RUNNER.invoke(cli, ["check", str(scenario), str(roster)])
    assert checked.exit_code == 0, checked.output
    problem = pipeline.load(scenario)
    report = check_roster(problem, read_roster(roster, problem))
    assert f"{report.objective:,}" in page.text  # the page shows the checkers' objective

    compared = client.get("/compare?a=1&b=2")
    assert "requests: weight 5 -&gt; 8" in compared.text
    figures = {row[0]: row for row in table_rows(compared.text, "compare-kpis")}
    assert figures["Objective (re-checked)"][2] == f"{report.objective:,}"
    assert len(table_rows(compared.text, "compare-rules")) == len(RULES)

    with client_for(data_dir) as restarted:  # a restart loses nothing
        assert restarted.get(second).text.count("Key figures") == 1
        assert restarted.get(f"{second}/output.xlsx").content == download.content


def test_stop_keeps_the_best_roster_and_one_job_runs_at_a_time(
    client: TestClient, small_workbook: Path
) -> None:
    upload(client, small_workbook)
    job = start(client, "/scenarios/1/solve", {"time_limit": "120", "workers": "1"})
    wait_for_job(client, job, until=lambda p: p["solutions"] > 0)
    second = client.post("/scenarios/1/solve", data=QUICK)
    assert second.status_code == 409 and "is still running" in second.text
    watching = client.get(job)
    assert "Stop and keep the best roster" in watching.text and 'data-progress="' in watching.text
    assert client.post(f"{job}/stop", follow_redirects=False).status_code == 303
    progress = wait_for_job(client, job)
    assert progress["state"] == "done" and progress["stop_requested"]
    assert progress["elapsed"] < 60
    assert "stopped as asked" in progress["message"]
    assert client.get(f"{job}/output.xlsx").status_code == 200


def test_a_worker_that_dies_is_noticed(client: TestClient, small_workbook: Path) -> None:
    upload(client, small_workbook)
    job = start(client, "/scenarios/1/solve", {"time_limit": "120", "workers": "1"})
    runner = client.app.state.runner  # type: ignore[attr-defined]
    child = runner.children[int(job.rsplit("/", 1)[-1])]
    child.kill()
    child.wait(timeout=30)
    progress = client.get(f"{job}/progress").json()
    assert progress["state"] == "failed" and progress["status"] == "lost"
    assert "ended without recording a result" in client.get(job).text


def test_an_infeasible_month_shows_the_message_and_the_diagnosis(
    client: TestClient, small_workbook: Path
) -> None:
    upload(client, small_workbook)
    save_rules(client, 1, "rest all week", rest_days_per_week__value="7")
    job = start(client, "/scenarios/2/solve")
    progress = wait_for_job(client, job)
    assert progress["state"] == "failed" and progress["status"] == "infeasible"
    page = client.get(job).text
    assert "The hard rules cannot all be met for this month" in page
    assert 'id="diagnosis"' in page
    assert "with 7 days without a tour each week (rest_days_per_week)" in page
    assert client.get(f"{job}/output.xlsx").status_code == 404


def test_bad_job_settings_are_refused(client: TestClient, small_workbook: Path) -> None:
    upload(client, small_workbook)
    response = client.post("/scenarios/1/solve", data={"time_limit": "soon", "workers": "1"})
    assert response.status_code == 422 and "Expected a time limit" in response.text


# ---- the posting panel ------------------------------------------------------------------------


def test_the_panel_approves_rejects_and_reruns(
    client: TestClient, data_dir: Path, panel_workbook: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    upload(client, panel_workbook)
    assert "Propose postings" in client.get("/scenarios/1/posting").text
    job = start(client, "/scenarios/1/posting", {"time_limit": "20", "workers": "1"})
    assert wait_for_job(client, job)["state"] == "done"
    page = client.get(job).text
    lines = table_rows(page, "proposals-table")
    assert len(lines) >= 2 and all(line[5] for line in lines)  # every move has its reasons
    approved, rejected = lines[0][0], lines[1][0]
    fields = form_fields(page)
    fields.update({"decision-0": "approve", "decision-1": "reject", "action": "rerun"})
    response = client.post(f"{job}/decisions", data=fields, follow_redirects=False)
    assert response.status_code == 303
    rerun = str(response.headers["location"])
    assert wait_for_job(client, rerun)["state"] == "done"
    again = client.get(rerun).text
    changes = {(row[0], row[7]) for row in table_rows(again, "proposals-table")}
    assert (approved, "approved") in changes
    assert (rejected, "rejected: not proposed again") in changes
    assert "1 approved and 1 rejected decision(s) of the panel honoured" in again
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{rerun}/output.xlsx").content))
    decisions = {r[0]: r[8] for r in book["Proposals"].iter_rows(min_row=2, values_only=True)}
    assert decisions[approved] == "approve" and decisions[rejected] == "reject"
    saved = client.post(f"{job}/decisions", data={"decision-0": "reject", "action": "save"})
    assert saved.status_code == 200 and "1 decision(s) saved" in saved.text

    names = [o.name for o in pipeline.load(panel_workbook).officers if o.name]
    logged = caplog.text + "".join(p.read_text() for p in data_dir.rglob("worker.log"))
    assert names and not [name for name in names if name in logged]


# ---- ids, hosts, forms from elsewhere, the password ---------------------------------------------


def test_unknown_ids_and_paths_are_not_found(client: TestClient) -> None:
    for url in ("/jobs/9", "/jobs/abc", "/workbooks/1", "/scenarios/1/rules", "/jobs/..%2f..",
                "/workbooks/1/input.xlsx", "/jobs/1/output.xlsx", "/nothing"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Not found" in response.text


def test_another_host_name_is_refused(client: TestClient) -> None:
    assert client.get("/upload", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/upload", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_a_form_from_another_site_is_refused(client: TestClient, small_workbook: Path) -> None:
    files = {"workbook": ("x.xlsx", small_workbook.read_bytes())}
    evil = client.post("/upload", files=files, headers={"origin": "http://evil.example"})
    assert evil.status_code == 403
    same = client.post(
        "/upload", files=files, headers={"origin": "http://localhost"}, follow_redirects=False
    )
    assert same.status_code == 303


def test_the_password_is_asked_when_set(data_dir: Path) -> None:
    with client_for(data_dir, password="s3cret") as client:
        refused = client.get("/upload")
        assert refused.status_code == 401 and "Basic" in refused.headers["www-authenticate"]
        wrong = base64.b64encode(b"panel:wrong").decode()
        assert client.get("/upload", headers={"authorization": f"Basic {wrong}"}).status_code == 401
        right = base64.b64encode(b"panel:s3cret").decode()
        assert client.get("/upload", headers={"authorization": f"Basic {right}"}).status_code == 200


def test_a_lan_address_needs_the_password(tmp_path: Path) -> None:
    with pytest.raises(ServeRefused, match=PASSWORD_VARIABLE):
        config_for("0.0.0.0", tmp_path, 20, {})
    lan = config_for("192.0.2.10", tmp_path, 20, {PASSWORD_VARIABLE: "s3cret"})
    assert lan.password == "s3cret" and lan.allowed_hosts == ("*",)
    local = config_for("127.0.0.1", tmp_path, 20, {})
    assert local.password is None and "localhost" in local.allowed_hosts
    assert local.max_upload_bytes == 20 * 2**20
    result = CliRunner(env={PASSWORD_VARIABLE: ""}).invoke(
        cli, ["serve", "--host", "0.0.0.0", "--data", str(tmp_path / "d")]
    )
    assert result.exit_code == 2 and PASSWORD_VARIABLE in result.output
    assert not (tmp_path / "d").exists()
