"""The web page in a real browser: Debian's Chromium, headless, driven by Playwright, against
`roster serve` started as a user would start it.

Screenshots of every page go to `screenshots/` (not in git; ROSTER_SCREENSHOTS moves them)
for a person to look at. Chromium is installed by `make test` (scripts/ensure_chromium.sh);
when it is missing these tests fail, they are never skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from app import pipeline

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(os.environ.get("ROSTER_SCREENSHOTS", ROOT / "screenshots"))
WAIT = 150_000
"""Milliseconds to wait for a solve on the shared 2-core machine."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`roster serve` on a free port and a fresh data folder; yields its URL and log."""
    folder = tmp_path_factory.mktemp("serve")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = folder / "server.log"
    command = [sys.executable, "-m", "app", "serve", "--port", str(port), "--data", str(folder)]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url, log
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "roster serve ended at once"
        try:
            with urllib.request.urlopen(f"{url}/upload", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("roster serve did not answer within 60 s")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    if shutil.which("chromium") is None or not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is not installed: run scripts/ensure_chromium.sh (make test does)"
        )
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
            accept_downloads=True,
        )
        yield context
        context.close()


def shot(page: Page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def upload(page: Page, url: str, path: Path) -> None:
    page.goto(f"{url}/upload")
    page.set_input_files("#workbook", str(path))
    page.click("text=Upload and check")
    expect(page.locator("h1")).to_have_text(path.name)


def uploaded(server: tuple[str, Path], browser: BrowserContext, workbook: Path) -> Page:
    """A new tab with the workbook uploaded, on its page."""
    page = browser.new_page()
    upload(page, server[0], workbook)
    return page


def start_job(page: Page, seconds: int, threads: int, button: str, shot_name: str = "") -> None:
    page.fill("#time_limit", str(seconds))
    page.fill("#workers", str(threads))
    if shot_name:
        shot(page, shot_name)
    page.click(f"form.card button:has-text('{button}')")


def no_names_logged(log: Path, workbooks: list[Path]) -> None:
    text = log.read_text() + "".join(p.read_text() for p in log.parent.rglob("worker.log"))
    names = [o.name for w in workbooks for o in pipeline.load(w).officers if o.name]
    assert names and not [n for n in names if n in text]


def test_upload_change_a_weight_solve_stop_download_and_check(
    server: tuple[str, Path], browser: BrowserContext, tmp_path: Path
) -> None:
    url, log = server
    page = browser.new_page()
    errors: list[str] = []  # scripts failing, or refused by the page's content policy
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )

    bad = tmp_path / "notes.xlsx"
    bad.write_text("officer_id,name\n")
    page.goto(f"{url}/upload")
    page.set_input_files("#workbook", str(bad))
    page.click("text=Upload and check")
    expect(page.locator("#problems-table")).to_contain_text("is not an Excel .xlsx workbook")
    shot(page, "01-upload-refused")

    borough = ROOT / "examples" / "borough.xlsx"
    upload(page, url, borough)
    shot(page, "02-workbook")

    page.click("nav >> text=Rules")
    weight = page.locator("input[name='requests.weight']")
    expect(weight).to_have_value("5")
    weight.fill("8")
    page.fill("#name", "Requests weigh 8")
    shot(page, "03-rules")
    page.click("text=Save as a new scenario")
    expect(page.locator("h1")).to_contain_text("Requests weigh 8")
    scenario_id = re.search(r"/scenarios/(\d+)/solve", page.url).group(1)  # type: ignore[union-attr]
    expect(page.locator(".changes")).to_contain_text("requests: weight 5 -> 8")
    start_job(page, 90, 2, "Solve", "04-solve")

    elapsed = page.locator("#p-elapsed")
    expect(elapsed).not_to_have_text(re.compile(r"^0s of"), timeout=30_000)
    first = elapsed.inner_text()
    expect(page.locator("#p-solutions")).not_to_have_text("0", timeout=WAIT)
    assert elapsed.inner_text() != first  # the page follows the solver
    shot(page, "05-progress")
    page.click("#stop")
    expect(page.locator("#download")).to_be_visible(timeout=WAIT)
    expect(page.locator("#message")).to_contain_text("stopped as asked")
    shot(page, "06-results")
    page.locator("#roster").scroll_into_view_if_needed()
    page.select_option("#team", "R1")
    page.click("form.filters >> text=Show")
    expect(page.locator("#roster-grid tbody tr").first).to_contain_text("R1")
    page.locator("#roster").evaluate("e => e.scrollIntoView()")
    shot(page, "07-results-roster-R1")
    page.locator("#cover").evaluate("e => e.scrollIntoView()")
    shot(page, "08-results-cover")
    page.locator("#clusters").evaluate("e => e.scrollIntoView()")
    shot(page, "09-results-clusters")

    with page.expect_download() as download:
        page.click("#download")
    roster = tmp_path / "roster.xlsx"
    download.value.save_as(roster)
    scenario = tmp_path / "scenario.xlsx"
    scenario.write_bytes(page.request.get(f"{url}/scenarios/{scenario_id}/input.xlsx").body())
    check = subprocess.run(
        [sys.executable, "-m", "app", "check", str(scenario), str(roster)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert pipeline.load(scenario).rules["requests"].weight == 8
    assert errors == []
    no_names_logged(log, [borough])


def test_the_panel_approves_rejects_and_reruns(
    server: tuple[str, Path], browser: BrowserContext, panel_workbook: Path
) -> None:
    page = uploaded(server, browser, panel_workbook)
    page.click("nav >> text=Posting panel")
    start_job(page, 20, 1, "Propose postings", "10-posting-start")
    expect(page.locator("#proposals-table")).to_be_visible(timeout=WAIT)
    rows = page.locator("#proposals-table tbody tr")
    approved = rows.nth(0).get_attribute("data-officer")
    rejected = rows.nth(1).get_attribute("data-officer")
    rows.nth(0).locator("input[value='approve']").check()
    rows.nth(1).locator("input[value='reject']").check()
    shot(page, "11-posting-proposals")
    page.click("#rerun")
    honoured = "1 approved and 1 rejected decision(s)"
    expect(page.locator("body")).to_contain_text(honoured, timeout=WAIT)
    again = page.locator(f"#proposals-table tr[data-officer='{approved}']").first
    expect(again).to_contain_text("approved")
    carried = page.locator(f"#proposals-table tr.carried[data-officer='{rejected}']")
    expect(carried).to_contain_text("rejected: not proposed again")
    shot(page, "12-posting-rerun")
    page.locator("#teams").evaluate("e => e.scrollIntoView()")
    shot(page, "13-posting-teams")
    with page.expect_download() as download:
        page.click("#download")
    assert download.value.suggested_filename.startswith("proposals-job")
    no_names_logged(server[1], [panel_workbook])


def test_compare_two_scenarios(
    server: tuple[str, Path], browser: BrowserContext, small_workbook: Path
) -> None:
    page = uploaded(server, browser, small_workbook)
    jobs = []
    for scenario in ("As uploaded", "Fairer"):
        if scenario == "Fairer":
            page.click("nav >> text=Rules")
            page.fill("input[name='fairness_nights_weekends.weight']", "50")
            page.fill("#name", scenario)
            page.click("text=Save as a new scenario")
        else:
            page.click("nav >> text=Solve")
        start_job(page, 3, 1, "Solve")
        expect(page.locator("#download")).to_be_visible(timeout=WAIT)
        jobs.append(page.url.rsplit("/", 1)[-1])
    page.click("nav >> text=Compare")
    page.select_option("#a", jobs[0])
    page.select_option("#b", jobs[1])
    page.click("form.filters >> text=Compare")
    expect(page.locator("#compare-kpis")).to_be_visible()
    expect(page.locator("body")).to_contain_text("fairness_nights_weekends: weight 5 -> 50")
    shot(page, "14-compare", full=True)


def test_an_infeasible_month_and_a_refused_rule(
    server: tuple[str, Path], browser: BrowserContext, small_workbook: Path
) -> None:
    page = uploaded(server, browser, small_workbook)
    page.click("nav >> text=Rules")
    page.fill("input[name='min_rest_hours.value']", "30")
    page.click("text=Save as a new scenario")
    expect(page.locator("#problems-table")).to_contain_text("30 is out of range for min_rest_hours")
    expect(page.locator("#rule-min_rest_hours .bad")).to_be_visible()
    page.locator("#rule-min_rest_hours").evaluate("e => e.scrollIntoView()")
    shot(page, "15-rules-refused")
    page.fill("input[name='min_rest_hours.value']", "11")
    page.fill("input[name='rest_days_per_week.value']", "7")
    page.fill("#name", "Rest all week")
    page.click("text=Save as a new scenario")
    start_job(page, 5, 1, "Solve")
    expect(page.locator("#message")).to_contain_text("cannot all be met", timeout=WAIT)
    expect(page.locator("#diagnosis")).to_be_visible()
    shot(page, "16-infeasible")
