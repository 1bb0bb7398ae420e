"""The pages: Upload, Rules, Solve, Results (a job's page), Posting panel and Compare.

Every id in a path is a number the database gave out; files are found by it through
`web.store`, never by a name from the browser. Nothing logged names an officer: only ids
of uploads, scenarios and jobs, and counts.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from app import pipeline
from constraints.posting.registry import catalogue as posting_catalogue
from constraints.registry import catalogue
from inputs.errors import Problem
from outputs.input_workbook import write_input_workbook
from outputs.posting_decisions import write_decisions
from solver.solve import default_workers
from web import scenarios, uploads, views
from web.jobs import Runner
from web.security import BodyTooLarge, WebConfig
from web.store import DONE, POSTING, ROSTER, Job, Scenario, Store, Upload

router = APIRouter()
log = logging.getLogger("roster.web")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DECISIONS = ("approve", "reject")


# ---- plumbing ---------------------------------------------------------------------------------


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _runner(request: Request) -> Runner:
    runner: Runner = request.app.state.runner
    return runner


def _config(request: Request) -> WebConfig:
    config: WebConfig = request.app.state.config
    return config


def _page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("nav", nav(request, None))
    response: Response = request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status
    )
    return response


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _found(item: Any) -> Any:
    if item is None:
        raise HTTPException(404)
    return item


def _scenario(request: Request, scenario_id: int) -> tuple[Scenario, Upload]:
    scenario = _found(_store(request).scenario(scenario_id))
    return scenario, _found(_store(request).upload(scenario.upload_id))


def _job(request: Request, job_id: int) -> Job:
    job = _found(_store(request).job(job_id))
    return _runner(request).refresh(job)


def nav(request: Request, scenario: Scenario | None) -> dict[str, Any]:
    """The menu's links: the pages of the scenario in view, else of the latest upload."""
    store = _store(request)
    if scenario is None:
        latest = next(iter(store.uploads()), None)
        scenario = store.scenarios(latest.id)[0] if latest is not None else None
    result = None
    if scenario is not None:
        done = [j for j in store.jobs(scenario.upload_id, DONE) if j.kind == ROSTER]
        own = [j for j in done if j.scenario_id == scenario.id]
        result = next(iter(own or done), None)
    return {"scenario": scenario, "result": result}


def _problem_rows(problems: list[Problem]) -> list[list[Any]]:
    return [[p.sheet, p.row, p.column, p.message] for p in problems]


# ---- Upload -----------------------------------------------------------------------------------


@router.get("/")
def home() -> RedirectResponse:
    return _redirect("/upload")


@router.get("/upload")
def upload_page(request: Request) -> Response:
    return _upload_page(request)


def _upload_page(
    request: Request, status: int = 200, problems: list[Problem] | None = None, headline: str = ""
) -> Response:
    return _page(
        request,
        "upload.html",
        status,
        uploads=_store(request).uploads(),
        problems=_problem_rows(problems or []),
        headline=headline,
        limit_mb=_config(request).max_upload_mb,
    )


@router.post("/upload")
async def upload(request: Request) -> Response:
    config = _config(request)
    limit = config.max_upload_bytes
    too_large = Problem(
        "",
        None,
        None,
        f"the file is larger than the upload limit of {config.max_upload_mb:g} MB; "
        "expected a smaller .xlsx workbook",
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return _upload_page(request, 413, [too_large], "The upload was refused; nothing was kept.")
    try:
        form = await request.form(max_files=1, max_fields=4)
    except BodyTooLarge:
        return _upload_page(request, 413, [too_large], "The upload was refused; nothing was kept.")
    except MultiPartException:
        form = None
    chosen = form.get("workbook") if form is not None else None
    if not isinstance(chosen, UploadFile) or not chosen.filename:
        missing = Problem("", None, None, "no file was chosen; expected an .xlsx workbook")
        return _upload_page(request, 422, [missing], "Nothing was uploaded.")
    data = await chosen.read()
    await chosen.close()
    name = uploads.display_name(chosen.filename)
    outcome = await run_in_threadpool(uploads.accept, _store(request), data, name, limit)
    if outcome.upload_id is None:
        log.info("upload refused (%d problems)", len(outcome.problems))
        return _upload_page(request, 422, outcome.problems, outcome.headline)
    log.info("upload %d kept (%d bytes)", outcome.upload_id, len(data))
    return _redirect(f"/workbooks/{outcome.upload_id}")


@router.get("/template.xlsx")
def template(request: Request) -> FileResponse:
    path = _store(request).folder / "template.xlsx"
    if not path.exists():
        write_input_workbook(path, None, catalogue(), posting_catalogue())
    return FileResponse(path, media_type=XLSX, filename="roster-template.xlsx")


@router.get("/workbooks/{upload_id}")
def workbook(request: Request, upload_id: int) -> Response:
    store = _store(request)
    upload = _found(store.upload(upload_id))
    kept = store.scenarios(upload_id)
    names = {s.id: s.name for s in kept}
    jobs = [_runner(request).refresh(j) for j in store.jobs(upload_id)]
    return _page(
        request,
        "workbook.html",
        upload=upload,
        scenarios=kept,
        jobs=jobs,
        scenario_names=names,
        nav=nav(request, kept[0]),
    )


@router.get("/workbooks/{upload_id}/input.xlsx")
def upload_file(request: Request, upload_id: int) -> FileResponse:
    _found(_store(request).upload(upload_id))
    path = _store(request).upload_file(upload_id)
    return FileResponse(path, media_type=XLSX, filename=f"upload-{upload_id}.xlsx")


# ---- Rules ------------------------------------------------------------------------------------


@router.get("/scenarios/{scenario_id}/rules")
def rules_page(request: Request, scenario_id: int) -> Response:
    scenario, upload = _scenario(request, scenario_id)
    fields = scenarios.form_fields(scenario.rules) if upload.roster_ok else []
    return _rules_page(request, scenario, upload, fields)


def _rules_page(
    request: Request,
    scenario: Scenario,
    upload: Upload,
    fields: list[scenarios.RuleField],
    status: int = 200,
    problems: list[Problem] | None = None,
    name: str = "",
) -> Response:
    count = len(_store(request).scenarios(upload.id))
    return _page(
        request,
        "rules.html",
        status,
        scenario=scenario,
        upload=upload,
        fields=fields,
        problems=_problem_rows(problems or []),
        name=name or f"Scenario {count + 1}",
        nav=nav(request, scenario),
    )


@router.post("/scenarios/{scenario_id}/rules")
async def save_rules(request: Request, scenario_id: int) -> Response:
    scenario, upload = _scenario(request, scenario_id)
    if not upload.roster_ok:
        raise HTTPException(404)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    store = _store(request)
    original = store.scenarios(upload.id)[0]
    name = form.get("name", "")
    saved = await run_in_threadpool(scenarios.save, store, scenario, form, name, original)
    if saved.scenario_id is None:
        fields = scenarios.form_fields(scenario.rules, form, saved.by_rule)
        return _rules_page(request, scenario, upload, fields, 422, saved.problems, name)
    log.info("scenario %d saved from scenario %d", saved.scenario_id, scenario.id)
    return _redirect(f"/scenarios/{saved.scenario_id}/solve")


@router.get("/scenarios/{scenario_id}/input.xlsx")
def scenario_file(request: Request, scenario_id: int) -> FileResponse:
    _scenario(request, scenario_id)
    path = _store(request).scenario_file(scenario_id)
    return FileResponse(path, media_type=XLSX, filename=f"scenario-{scenario_id}-input.xlsx")


# ---- Solve and Posting panel: starting a job ---------------------------------------------------


@router.get("/scenarios/{scenario_id}/solve")
def solve_page(request: Request, scenario_id: int) -> Response:
    return _start_page(request, scenario_id, ROSTER)


@router.get("/scenarios/{scenario_id}/posting")
def posting_page(request: Request, scenario_id: int) -> Response:
    return _start_page(request, scenario_id, POSTING)


def _start_page(
    request: Request, scenario_id: int, kind: str, status: int = 200, refusal: str = ""
) -> Response:
    scenario, upload = _scenario(request, scenario_id)
    store = _store(request)
    jobs = [j for j in store.jobs(upload.id) if j.scenario_id == scenario.id and j.kind == kind]
    default = upload.facts["time_limit"] or pipeline.DEFAULT_TIME_LIMIT
    return _page(
        request,
        "solve.html" if kind == ROSTER else "posting_start.html",
        status,
        scenario=scenario,
        upload=upload,
        jobs=jobs,
        busy=_runner(request).busy(),
        refusal=refusal,
        time_limit=default,
        workers=default_workers(),
        nav=nav(request, scenario),
    )


@router.post("/scenarios/{scenario_id}/solve")
async def start_solve(request: Request, scenario_id: int) -> Response:
    return await _start(request, scenario_id, ROSTER)


@router.post("/scenarios/{scenario_id}/posting")
async def start_posting(request: Request, scenario_id: int) -> Response:
    return await _start(request, scenario_id, POSTING)


async def _start(request: Request, scenario_id: int, kind: str) -> Response:
    scenario, upload = _scenario(request, scenario_id)
    if not (upload.roster_ok if kind == ROSTER else upload.posting_ok):
        return _start_page(request, scenario_id, kind, 422, "The workbook was refused for this.")
    form = await request.form()
    limit = _positive(form.get("time_limit"), float)
    workers = _positive(form.get("workers"), int)
    if limit is None or workers is None:
        refusal = "Expected a time limit in seconds and a number of solver threads, above 0."
        return _start_page(request, scenario_id, kind, 422, refusal)
    busy = _runner(request).busy()
    if busy is not None:
        refusal = f"Job {busy.id} is still running; stop it or let it finish first."
        return _start_page(request, scenario_id, kind, 409, refusal)
    job_id = _store(request).add_job(scenario.id, kind, limit, workers)
    _launch(request, job_id)
    log.info("job %d started (%s, %gs, %d workers)", job_id, kind, limit, workers)
    return _redirect(f"/jobs/{job_id}")


def _positive(text: Any, kind: type) -> Any:
    try:
        value = kind(str(text).strip())
    except ValueError:
        return None
    return value if 0 < value < 10**6 else None


def _launch(request: Request, job_id: int) -> None:
    try:
        _runner(request).start(job_id)
    except OSError as error:
        message = f"The solver process could not start ({type(error).__name__})."
        _store(request).finish(job_id, "failed", "error", message)


# ---- a job: progress, stop, results, download ---------------------------------------------------


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: int) -> Response:
    job = _job(request, job_id)
    scenario, upload = _scenario(request, job.scenario_id)
    context: dict[str, Any] = {
        "job": job,
        "scenario": scenario,
        "upload": upload,
        "nav": nav(request, scenario),
    }
    if job.running:
        return _page(request, "progress.html", **context)
    if job.state != DONE or job.summary is None:
        return _page(request, "failed.html", **context)
    if job.kind == POSTING:
        saved = _store(request).decisions(job.id)
        return _page(request, "panel.html", **context, **views.panel(job.summary, saved))
    team, ward = request.query_params.get("team", ""), request.query_params.get("ward", "")
    return _page(request, "results.html", **context, **views.results(job.summary, team, ward))


@router.get("/jobs/{job_id}/progress")
def progress(request: Request, job_id: int) -> JSONResponse:
    job = _job(request, job_id)
    return JSONResponse(
        {
            "state": job.state,
            "status": job.status,
            "message": job.message,
            "elapsed": round(job.elapsed, 1),
            "time_limit": job.time_limit,
            "solutions": job.solutions,
            "objective": job.objective,
            "bound": job.bound,
            "gap": job.gap,
            "stop_requested": job.stop_requested,
        }
    )


@router.post("/jobs/{job_id}/stop")
def stop(request: Request, job_id: int) -> RedirectResponse:
    job = _job(request, job_id)
    if _runner(request).stop(job):
        log.info("job %d asked to stop", job.id)
    return _redirect(f"/jobs/{job.id}")


@router.get("/jobs/{job_id}/output.xlsx")
def output(request: Request, job_id: int) -> FileResponse:
    job = _job(request, job_id)
    path = _store(request).job_output(job)
    if job.state != DONE or not path.exists():
        raise HTTPException(404)
    noun = "roster" if job.kind == ROSTER else "proposals"
    return FileResponse(path, media_type=XLSX, filename=f"{noun}-job{job.id}.xlsx")


@router.post("/jobs/{job_id}/decisions")
async def decide(request: Request, job_id: int) -> Response:
    """Keep the panel's decisions; with `rerun`, propose again honouring them."""
    job = _job(request, job_id)
    if job.kind != POSTING or job.state != DONE or job.summary is None:
        raise HTTPException(404)
    form = await request.form()
    decisions = {}
    for index, line in enumerate(job.summary["lines"]):
        chosen = form.get(f"decision-{index}")
        if line["proposed"] and chosen in DECISIONS:
            decisions[line["officer_id"], line["from"], line["to"]] = str(chosen)
    store = _store(request)
    store.set_decisions(job.id, decisions)
    log.info("job %d: %d decision(s) kept", job.id, len(decisions))
    if form.get("action") != "rerun":
        return _redirect(f"/jobs/{job.id}#proposals")
    busy = _runner(request).busy()
    if busy is not None:
        refusal = f"Job {busy.id} is still running; stop it or let it finish first."
        return _start_page(request, job.scenario_id, POSTING, 409, refusal)
    return await run_in_threadpool(_rerun, request, job, decisions)


def _rerun(request: Request, job: Job, decisions: dict[tuple[str, str, str], str]) -> Response:
    store = _store(request)
    rerun_id = store.add_job(job.scenario_id, POSTING, job.time_limit, job.workers, job.id)
    rerun = _found(store.job(rerun_id))
    proposed = {
        (line["officer_id"], line["from"], line["to"]): decisions.get(
            (line["officer_id"], line["from"], line["to"])
        )
        for line in (job.summary or {})["lines"]
        if line["proposed"]
    }
    write_decisions(store.job_output(job), store.decisions_file(rerun), proposed)
    _launch(request, rerun_id)
    log.info("job %d started (posting re-run of job %d)", rerun_id, job.id)
    return _redirect(f"/jobs/{rerun_id}")


# ---- Compare ------------------------------------------------------------------------------------


@router.get("/compare")
def compare(request: Request) -> Response:
    store = _store(request)
    done = [j for j in store.jobs(state=DONE) if j.kind == ROSTER and j.summary is not None]
    picked = [_pick(request, key, done, i) for i, key in enumerate(("a", "b"))]
    labels = {j.id: _label(store, j) for j in done}
    context: dict[str, Any] = {"choices": done, "labels": labels, "picked": picked}
    a, b = picked
    if a is not None and b is not None:
        one, two = _found(store.scenario(a.scenario_id)), _found(store.scenario(b.scenario_id))
        context.update(views.comparison(a, b, one, two))
    return _page(request, "compare.html", **context)


def _pick(request: Request, key: str, done: list[Job], default: int) -> Job | None:
    wanted = request.query_params.get(key, "")
    if wanted.isdigit():
        return next((j for j in done if j.id == int(wanted)), None)
    older = sorted(done, key=lambda j: j.id)[-2:]
    return older[default] if len(older) == 2 else None


def _label(store: Store, job: Job) -> str:
    scenario = _found(store.scenario(job.scenario_id))
    upload = _found(store.upload(scenario.upload_id))
    return f"Job {job.id}: {scenario.name} ({upload.name})"


@router.get("/favicon.ico")
def favicon() -> HTMLResponse:
    return HTMLResponse("", status_code=204)
