"""The background worker: one solve (`roster solve` or `roster post`) in its own process.

`python -m web.worker DATA_FOLDER JOB_ID` runs the job the database describes with the
command line's own functions (`app.pipeline`, `app.posting`) and writers, records progress
in the database as it goes, and finishes with the workbook written and the page's summary
stored. The web process never solves: it starts this process and sends it SIGINT for
Stop, which the solver wrapper already turns into "stop and keep the best found", as for
Ctrl-C at the terminal. Nothing here prints officers' names: there is no log to print to.
"""

from __future__ import annotations

import signal
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from app import pipeline, posting
from constraints.findings import lines
from inputs.errors import InputError
from outputs.posting_workbook import PostingOutcome, write_posting_workbook
from outputs.roster_workbook import write_roster_workbook
from solver.solve import Progress, SolveFigures, Status
from web.panel import posting_summary
from web.results import figures, roster_summary
from web.store import DONE, FAILED, POSTING, ROSTER, Job, Store

PROGRESS_EVERY = 0.5
"""Seconds between progress writes: often enough for the page, light on the database."""
NOUNS = {ROSTER: "roster", POSTING: "proposal"}


def main(argv: list[str] | None = None) -> int:
    folder, job_id = (argv if argv is not None else sys.argv[1:])[:2]
    store = Store(Path(folder))
    job = store.job(int(job_id))
    if job is None:
        return 2
    noun = NOUNS[job.kind]
    try:
        (run_roster if job.kind == ROSTER else run_posting)(store, job)
    except KeyboardInterrupt:
        store.finish(job.id, FAILED, "stopped", f"Stopped before any {noun} was found.")
    except InputError as error:
        problems = [[p.sheet, p.row, p.column, p.message] for p in error.problems]
        message = f"{len(problems)} problem(s) in the input; nothing was written."
        store.finish(job.id, FAILED, "bad input", message, {"problems": problems})
    except Exception as error:
        message = f"The job failed with an internal error ({type(error).__name__}); "
        store.finish(job.id, FAILED, "error", message + "please report it.", None, _trace())
    return 0


def run_roster(store: Store, job: Job) -> None:
    """`roster solve` on the scenario's workbook."""
    source = store.scenario_file(job.scenario_id)
    problem = pipeline.load(source)
    params = pipeline.params_for(problem, job.time_limit, None, job.workers)
    run = pipeline.run(problem, params, pipeline.file_hash(source), _recorder(store, job.id))
    _search_over()
    if run.result.roster is None or run.report is None:
        # The diagnosis of an infeasible month: one line per finding, with its rows.
        summary = {"figures": figures(run.result, None), "diagnosis": lines(run.reasons)}
        message = _failed(run.result, job)
        store.finish(
            job.id, FAILED, run.result.status.value, message, summary, None, _final(run.result)
        )
        return
    write_roster_workbook(store.job_output(job), problem, run.result, run.report, run.input_hash)
    summary = roster_summary(problem, run.result, run.report)
    message = _found(run.result, run.report.hard_violations, "roster")
    store.finish(job.id, DONE, run.result.status.value, message, summary, None, _final(run.result))


def run_posting(store: Store, job: Job) -> None:
    """`roster post` on the scenario's workbook, honouring the decisions of an earlier run."""
    source = store.scenario_file(job.scenario_id)
    decisions = store.decisions_file(job) if job.decisions_of is not None else None
    data = posting.load(source, decisions)
    params = pipeline.params_for(data, job.time_limit, None, job.workers)
    run = posting.run(data, params, _recorder(store, job.id))
    _search_over()
    result = run.result.figures
    after = run.result.allocation
    if after is None or run.report is None:
        summary = {"figures": figures(result, None), "diagnosis": lines(run.reasons)}
        message = _failed(result, job)
        store.finish(job.id, FAILED, result.status.value, message, summary, None, _final(result))
        return
    outcome = PostingOutcome(result, after, run.report, run.lines, pipeline.file_hash(source))
    write_posting_workbook(store.job_output(job), data, outcome)
    message = _found(result, run.report.hard_violations, "proposal")
    summary = posting_summary(run)
    store.finish(job.id, DONE, result.status.value, message, summary, None, _final(result))


def _recorder(store: Store, job_id: int) -> Callable[[Progress], None]:
    last = [0.0]

    def record(progress: Progress) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY:
            last[0] = now
            store.record_progress(job_id, progress)

    return record


def _final(result: SolveFigures) -> Progress:
    elapsed = result.build_seconds + result.solve_seconds
    return Progress(elapsed, result.objective, result.bound, result.solutions)


def _search_over() -> None:
    """Stop means stop searching: once the search is over, the checks and the workbook
    always finish."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _found(result: SolveFigures, hard_violations: int, noun: str) -> str:
    how = "proven optimal" if result.status == Status.OPTIMAL else "the best found"
    if result.interrupted:
        how = "stopped as asked: the best found so far"
    parts = [f"{noun.capitalize()} written ({how}), re-checked by the checkers."]
    if hard_violations:
        parts.append(
            f"The checkers found {hard_violations} hard violation(s) in the solver's {noun}; "
            "this is a defect, please report it. They are listed in the Rules table."
        )
    return " ".join(parts)


def _failed(result: SolveFigures, job: Job) -> str:
    """The command line's words for a run with nothing to write."""
    noun = NOUNS[job.kind]
    if result.status == Status.INFEASIBLE:
        if job.kind == ROSTER:
            return (
                "The hard rules cannot all be met for this month. Check the Cover minima "
                "against the officers available (absences), or make a rule soft in the "
                "Rules sheet."
            )
        return (
            "The hard posting rules cannot all be met. Check the Teams maxima against the "
            "officers not available for posting and the approved moves, or make a rule soft "
            "on the PostingRules sheet."
        )
    if result.interrupted:
        return f"Stopped before any {noun} was found."
    return f"No {noun} found within {result.params.time_limit:g}s; try a longer time limit."


def _trace() -> str:
    return "".join(traceback.format_exc())


if __name__ == "__main__":
    sys.exit(main())
