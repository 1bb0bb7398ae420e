"""The `roster` command line (SPEC section 9).

Exit codes: 0 done; 1 hard rules broken (check); 2 bad input, nothing
written; 3 the hard rules cannot all be met; 4 no roster within the time limit.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from app import pipeline
from app import posting as posting_job
from app.progress import (
    LiveProgress,
    print_breaches,
    print_posting,
    print_problems,
    print_reasons,
    print_refusals,
    print_summary,
    rules_table,
)
from inputs.errors import InputError
from inputs.posting import Allocation, PostingData
from inputs.problem import ProblemData

EXIT_OK, EXIT_BROKEN, EXIT_BAD_INPUT, EXIT_INFEASIBLE, EXIT_NO_ROSTER = 0, 1, 2, 3, 4

app = typer.Typer(
    help="Police duty rostering with CP-SAT: workbook in, checked roster workbook out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

InputPath = Annotated[Path, typer.Argument(help="The input workbook (.xlsx).", show_default=False)]
TimeLimit = Annotated[
    float | None,
    typer.Option("--time-limit", "-t", help="Seconds to search (default: Settings, else 120)."),
]
Seed = Annotated[
    int | None, typer.Option("--seed", help="Random seed (default: Settings, else 0).")
]
Workers = Annotated[
    int | None, typer.Option("--workers", "-w", help="Solver threads (default: CPU cores, max 8).")
]


@app.command()
def template(
    output: Annotated[Path, typer.Argument(help="Where to write the empty workbook.")],
) -> None:
    """Write the documented empty input workbook, with drop-downs and a ReadMe sheet.

    Example: roster template next_month.xlsx
    """
    from constraints.posting.registry import catalogue as posting_catalogue
    from constraints.registry import catalogue
    from outputs.input_workbook import write_input_workbook

    if output.suffix.lower() != ".xlsx" or not output.parent.exists():
        err.print(f"[red]cannot write {output}[/]: expected an .xlsx path in an existing folder")
        raise typer.Exit(EXIT_BAD_INPUT)
    write_input_workbook(output, None, catalogue(), posting_catalogue())
    out.print(f"Wrote the input template to [bold]{output}[/].")


@app.command()
def validate(workbook: InputPath) -> None:
    """Check an input workbook and list every problem (sheet, row, column); also say when the
    counts already show that the hard rules cannot all be met (as `solve` would, exit 0).

    Example: roster validate next_month.xlsx
    """
    problem = _load_or_exit(workbook)
    out.print(
        f"[green]{workbook.name} is valid[/]: {len(problem.officers)} officers, "
        f"{len(problem.teams)} teams, {len(problem.shifts)} shifts, "
        f"{len(problem.cover)} cover rows, "
        f"{problem.num_days} days from {problem.settings.period_start:%a %d %b %Y}.",
        soft_wrap=True,
    )
    from constraints.capacity import check_capacity

    reasons = check_capacity(problem)
    if reasons:
        out.print("[bold yellow]But the hard rules cannot all be met[/]; the counts show:")
        print_reasons(out, reasons, "the Diagnosis sheet roster solve writes")


@app.command()
def solve(
    workbook: InputPath,
    output: Annotated[Path, typer.Option("--output", "-o", help="The roster workbook to write.")],
    time_limit: TimeLimit = None,
    seed: Seed = None,
    workers: Workers = None,
    log: Annotated[bool, typer.Option(help="Print CP-SAT's own search log.")] = False,
    best_effort: Annotated[
        bool,
        typer.Option(
            "--best-effort",
            help="When the hard rules cannot all be met, relax the conflicting ones into "
            "heavily weighted penalties and write the roster that breaks them least "
            "(absences are never broken).",
        ),
    ] = False,
    explain_refusals: Annotated[
        int,
        typer.Option(
            "--explain-refusals",
            help="Say why the N costliest refused requests were refused (a short re-solve "
            "with each granted); 0 skips it.",
        ),
    ] = pipeline.EXPLAINED_REFUSALS,
) -> None:
    """Build the roster, re-check it with every rule's checker, and write the roster workbook.

    When the hard rules cannot all be met, the conflicting rules and rows are explained
    (exit 3, with a Diagnosis sheet), or, with --best-effort, relaxed.
    Example: roster solve next_month.xlsx -o roster.xlsx --time-limit 120
    """
    from outputs.roster_workbook import write_roster_workbook

    problem = _load_or_exit(workbook)
    try:
        pipeline.refuse_overwrite(workbook, output)
    except InputError as error:
        print_problems(err, str(output), error.problems)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    params = pipeline.params_for(problem, time_limit, seed, workers, log)
    out.print(
        f"Rostering {len(problem.officers)} officers over {problem.num_days} days "
        f"({params.workers} workers, {params.time_limit:g}s limit, seed {params.seed})."
    )
    with LiveProgress(out, params.time_limit) as live:
        run = pipeline.run(problem, params, pipeline.file_hash(workbook), live.update, best_effort)
    out.line()
    if run.infeasible:
        _infeasible(run, output)
    if run.report is not None and run.relaxed:
        print_breaches(out, run.report, run.relaxed)
        print_reasons(out, run.reasons, f"the Diagnosis sheet of {output}")
    print_summary(out, run.result, run.report)
    if run.result.roster is None or run.report is None:
        err.print(
            f"[bold red]No roster found[/] within {params.time_limit:g}s; "
            "try a longer --time-limit."
        )
        raise typer.Exit(EXIT_NO_ROSTER)
    pipeline.explain_refusals(run, params, explain_refusals)
    print_refusals(out, run.refusals)
    reasons = run.reasons if run.relaxed else []
    write_roster_workbook(
        output, run.problem, run.result, run.report, run.input_hash, reasons, run.refusals
    )
    out.print(f"Wrote [bold]{output}[/].")
    if run.report.hard_violations:
        err.print(
            f"[bold red]The checkers found {run.report.hard_violations} hard violation(s) in the "
            "solver's roster[/]; this is a defect, please report it. "
            "They are listed in the Rules sheet."
        )
        raise typer.Exit(EXIT_BROKEN)


@app.command()
def check(
    workbook: InputPath,
    roster: Annotated[Path, typer.Argument(help="A roster workbook (ours, or edited by hand).")],
) -> None:
    """Re-check any roster workbook against the input's rules and print the violations.

    Example: roster check next_month.xlsx roster_edited.xlsx
    """
    from constraints.report import check_roster
    from inputs.roster_reader import read_roster

    problem = _load_or_exit(workbook)
    try:
        rostered = read_roster(roster, problem)
    except InputError as error:
        print_problems(err, roster.name, error.problems)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    report = check_roster(problem, rostered)
    out.print(rules_table(report))
    for outcome in report.outcomes:
        for violation in outcome.violations:
            mark = "[bold red]HARD[/]" if outcome.broken else "soft"
            who = f"{violation.officer_id}: " if violation.officer_id else ""
            line = f"  {mark} {outcome.rule.name}: {who}{violation.what}"
            out.print(line, highlight=False, soft_wrap=True)
    out.print(f"Objective {report.objective:,}; hard violations {report.hard_violations}.")
    raise typer.Exit(EXIT_BROKEN if report.hard_violations else EXIT_OK)


@app.command()
def post(
    workbook: InputPath,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The proposals workbook to write.")
    ],
    time_limit: TimeLimit = None,
    seed: Seed = None,
    workers: Workers = None,
    decisions: Annotated[
        Path | None,
        typer.Option(
            help="A proposals workbook whose Proposals sheet carries the panel's decisions "
            "(default: the input's own Proposals sheet, if any)."
        ),
    ] = None,
    apply: Annotated[
        Path | None,
        typer.Option(
            help="Also write next month's roster input: the input workbook with the moves "
            "the panel has approved."
        ),
    ] = None,
    log: Annotated[bool, typer.Option(help="Print CP-SAT's own search log.")] = False,
    best_effort: Annotated[
        bool,
        typer.Option(
            "--best-effort",
            help="When the hard posting rules cannot all hold (the establishment maxima, "
            "say), relax the conflicting ones into heavily weighted penalties and propose "
            "the allocation that breaks them least.",
        ),
    ] = False,
) -> None:
    """Propose postings for the monthly panel: who moves to which team, and why.

    Example: roster post next_month.xlsx -o proposals.xlsx; after the panel has filled in
    the decision column: roster post next_month.xlsx --decisions proposals.xlsx
    -o proposals2.xlsx --apply roster_input.xlsx
    """
    from app import posting
    from outputs.posting_workbook import PostingOutcome, write_posting_workbook

    try:
        data = posting.load(workbook, decisions)
        for target in (output, apply):
            if target is not None:
                pipeline.refuse_overwrite(workbook, target)
    except InputError as error:
        print_problems(err, workbook.name, error.problems)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    params = pipeline.params_for(data, time_limit, seed, workers, log)
    movable = sum(o.available for o in data.officers)
    out.print(
        f"Proposing postings for {len(data.officers)} officers ({movable} available for "
        f"posting) in {len(data.teams)} teams ({params.workers} workers, "
        f"{params.time_limit:g}s limit, seed {params.seed})."
    )
    with LiveProgress(out, params.time_limit, "proposal") as live:
        run = posting.run(data, params, live.update, best_effort)
    out.line()
    input_hash = pipeline.file_hash(workbook)
    if run.infeasible:
        _posting_infeasible(run, output, input_hash)
    if run.report is not None and run.relaxed:
        print_breaches(out, run.report, run.relaxed)
        print_reasons(out, run.reasons, f"the Diagnosis sheet of {output}")
    print_summary(out, run.result.figures, run.report, "proposal")
    after = run.result.allocation
    if after is None or run.report is None:
        err.print(
            f"[bold red]No proposal found[/] within {params.time_limit:g}s; try a longer "
            "--time-limit."
        )
        raise typer.Exit(EXIT_NO_ROSTER)
    print_posting(out, data, after)
    reasons = run.reasons if run.relaxed else []
    outcome = PostingOutcome(run.result.figures, after, run.report, run.lines, input_hash, reasons)
    write_posting_workbook(output, run.data, outcome)
    out.print(f"Wrote [bold]{output}[/].")
    if apply is not None:
        _apply(workbook, apply, data, after)
    if run.report.hard_violations:
        err.print(
            f"[bold red]The checkers found {run.report.hard_violations} hard violation(s) in "
            "the proposal[/]; this is a defect, please report it. They are on the Rules sheet."
        )
        raise typer.Exit(EXIT_BROKEN)


@app.command()
def flex(
    workbook: InputPath,
    roster: Annotated[
        Path, typer.Option("--roster", "-r", help="The solved roster workbook of the period.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The flex plan workbook.")],
    time_limit: Annotated[
        float | None, typer.Option("--time-limit", "-t", help="Seconds to search (default 60).")
    ] = None,
    seed: Seed = None,
    workers: Workers = None,
    log: Annotated[bool, typer.Option(help="Print CP-SAT's own search log.")] = False,
) -> None:
    """Plan the FlexRequests sheet's temporary SN deployments over a solved roster.

    Officers keep their rostered tours; the plan says who works which of them on the
    receiving ward. Example: roster flex next_month.xlsx --roster roster.xlsx -o flex.xlsx
    """
    from app import flex as job
    from outputs.flex_workbook import write_flex_workbook

    problem = _load_or_exit(workbook)
    try:
        pipeline.refuse_overwrite(workbook, output)
        pipeline.refuse_overwrite(roster, output)
    except InputError as error:
        print_problems(err, str(output), error.problems)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    try:
        data = job.load(problem, roster)
    except InputError as error:
        source = workbook if any(p.sheet == "FlexRequests" for p in error.problems) else roster
        print_problems(err, source.name, error.problems)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    params = pipeline.params_for(problem, time_limit or job.DEFAULT_TIME_LIMIT, seed, workers, log)
    out.print(
        f"Planning {len(data.requests)} flex request(s) over {len(data.window)} days from "
        f"{len(data.officers)} SN officers ({params.workers} workers, "
        f"{params.time_limit:g}s limit, seed {params.seed})."
    )
    with LiveProgress(out, params.time_limit, "plan") as live:
        run = job.run(problem, data, params, job.hashes(workbook, roster), live.update)
    out.line()
    print_summary(out, run.result, run.report, "plan")
    if run.plan is None or run.report is None:
        if run.result.status.value == "infeasible":
            err.print(
                "[bold red]The requests cannot be met in full[/]: flex_need is hard and the "
                "approved donors cannot give every officer-tour asked for. Make flex_need soft "
                "in the Rules sheet to see the best plan and its shortfalls."
            )
            raise typer.Exit(EXIT_INFEASIBLE)
        err.print(f"[bold red]No plan found[/] within {params.time_limit:g}s.")
        raise typer.Exit(EXIT_NO_ROSTER)
    job.print_flex_summary(out, run)
    write_flex_workbook(output, problem, data, run.plan, run.result, run.report, run.hashes)
    out.print(f"Wrote [bold]{output}[/].")
    if run.report.hard_violations:
        err.print(
            f"[bold red]The checkers found {run.report.hard_violations} hard violation(s) in the "
            "solver's plan[/]; this is a defect, please report it. They are on the Rules sheet."
        )
        raise typer.Exit(EXIT_BROKEN)


def _infeasible(run: pipeline.RosterRun, output: Path) -> NoReturn:
    """Explain why the month cannot be rostered, write the Diagnosis workbook, exit 3."""
    from outputs.diagnosis_sheet import diagnosis_figures, write_diagnosis_workbook
    from outputs.roster_workbook import roster_title

    err.print("[bold red]The hard rules cannot all be met[/] for this month.")
    print_reasons(err, run.reasons, f"the Diagnosis sheet of {output}")
    figures = diagnosis_figures(
        run.result, run.diagnosis, run.capacity_seconds, run.diagnosis_seconds
    )
    if not run.reasons:
        err.print(
            f"The diagnosis found no conflict within {run.result.params.time_limit:g}s; try a "
            "longer --time-limit."
        )
    figures.append(("officers", len(run.problem.officers), None))
    title = roster_title(run.problem)
    write_diagnosis_workbook(output, title, run.reasons, figures, run.input_hash)
    err.print(
        f"Wrote the diagnosis to [bold]{output}[/]. Change one row of each conflict, make a "
        "rule soft on the Rules sheet, or run again with --best-effort for the roster that "
        "breaks the fewest hard rules."
    )
    raise typer.Exit(EXIT_INFEASIBLE)


def _posting_infeasible(run: posting_job.PostingRun, output: Path, input_hash: str) -> NoReturn:
    """Explain why the panel's hard rules cannot all hold, write the Diagnosis, exit 3."""
    from outputs.diagnosis_sheet import diagnosis_figures, write_diagnosis_workbook
    from outputs.posting_workbook import posting_title

    err.print("[bold red]The hard posting rules cannot all be met.[/]")
    print_reasons(err, run.reasons, f"the Diagnosis sheet of {output}")
    figures = diagnosis_figures(
        run.result.figures,
        run.diagnosis,
        run.seconds.get("capacity", 0.0),
        run.seconds.get("diagnosis", 0.0),
    )
    figures.append(("officers", len(run.data.officers), None))
    title = posting_title(run.data)
    write_diagnosis_workbook(output, title, run.reasons, figures, input_hash)
    err.print(
        f"Wrote the diagnosis to [bold]{output}[/]. Check the Teams maxima against the officers "
        "not available for posting and the approved moves, make a rule soft on the "
        "PostingRules sheet, or run again with --best-effort."
    )
    raise typer.Exit(EXIT_INFEASIBLE)


def _apply(workbook: Path, target: Path, data: PostingData, proposal: Allocation) -> None:
    """Write the roster input with the approved moves, then say what the roster reader
    thinks of it (a moved officer's request for a shift of the old team, say)."""
    from app import posting
    from outputs.posting_apply import write_applied

    moved = write_applied(workbook, target, data, posting.approved_allocation(data))
    pending = len(proposal.moves(data.before)) - moved
    out.print(
        f"Wrote [bold]{target}[/], the roster input with the {moved} move(s) the panel "
        f"approved; {pending} proposed move(s) await a decision and were not applied."
    )
    try:
        pipeline.load(target)
    except InputError as error:
        found = len(error.problems)
        err.print(f"[yellow]roster validate {target.name} finds {found} problem(s)[/]:")
        for problem in error.problems:
            err.print(f"  - {problem}", highlight=False, markup=False, soft_wrap=True)


@app.command()
def demo(
    officers: Annotated[int, typer.Option(help="Number of officers in the borough.")] = 600,
    seed: Annotated[int, typer.Option(help="Generator and solver seed.")] = 0,
    output_dir: Annotated[
        Path, typer.Option("--output-dir", "-o", help="Folder for borough.xlsx and roster.xlsx.")
    ] = Path("."),
    time_limit: TimeLimit = 60.0,
    workers: Workers = None,
    reroster: Annotated[
        bool,
        typer.Option(
            "--reroster",
            help="Re-rostering: publish the generator's roster, then report a week's sickness "
            "for six officers starting 5 days later, and solve against the Published sheet.",
        ),
    ] = False,
    posting: Annotated[
        bool,
        typer.Option(
            "--posting",
            help="Posting panel: the borough with its probationers bunched on two response "
            "teams, and `roster post` on it (proposals.xlsx) instead of a roster.",
        ),
    ] = False,
    flex_plan: Annotated[
        bool,
        typer.Option(
            "--flex",
            help="Then plan the borough's 3-week flex request (FlexRequests sheet) over the "
            "roster, like `roster flex`, into flex.xlsx.",
        ),
    ] = False,
) -> None:
    """Generate a realistic borough workbook, then solve it like `roster solve`.

    The borough carries a 3-week flex request; --flex plans it too.
    Example: roster demo --officers 300 --seed 7 -o /tmp/demo --flex
    """
    from constraints.posting.registry import catalogue as posting_catalogue
    from constraints.registry import catalogue
    from demo.borough import build_borough, republish
    from demo.flex import with_flex_request
    from demo.posting import posting_borough
    from outputs.input_workbook import write_input_workbook

    output_dir.mkdir(parents=True, exist_ok=True)
    borough, roster = output_dir / "borough.xlsx", output_dir / "roster.xlsx"
    if posting:
        problem = posting_borough(officers, seed).problem
    else:
        generated = build_borough(officers, seed)
        problem = republish(generated) if reroster else generated.problem
        problem = with_flex_request(problem)
    write_input_workbook(borough, problem, catalogue(), posting_catalogue())
    out.print(f"Wrote the generated borough to [bold]{borough}[/].")
    if posting:
        post(
            borough,
            output_dir / "proposals.xlsx",
            time_limit,
            seed,
            workers,
            None,
            None,
            False,
            False,
        )
        return
    solve(borough, roster, time_limit, seed, workers, False, False, pipeline.EXPLAINED_REFUSALS)
    if flex_plan:
        flex(borough, roster, output_dir / "flex.xlsx", None, seed, workers, False)


@app.command()
def bench(
    suite: Annotated[
        str,
        typer.Argument(help="Which benchmark: borough, curtois, posting, flex or diagnosis."),
    ] = "borough",
    officers: Annotated[str, typer.Option(help="Comma list of borough sizes.")] = "300,600,1200",
    instances: Annotated[
        str, typer.Option(help="curtois: instance numbers, e.g. 1-24 or 1-12,15.")
    ] = "1-24",
    time_limit: TimeLimit = None,
    workers: Workers = None,
    seed: Annotated[int, typer.Option(help="Generator and solver seed.")] = 0,
    seeds: Annotated[
        str | None,
        typer.Option(
            help="curtois: each instance once per seed, e.g. 0-3 (default: --seed); then each "
            "instance's best, mean and worst."
        ),
    ] = None,
    csv: Annotated[Path | None, typer.Option(help="Also write the figures to this CSV.")] = None,
    solutions: Annotated[
        Path | None,
        typer.Option(
            help="curtois: write each roster to DIR/InstanceN.csv (employee,day,shift); with "
            "several seeds to DIR/seed-S/InstanceN.csv."
        ),
    ] = None,
    teams: Annotated[
        int, typer.Option(help="posting: teams in the borough (5 response, 3 others, wards).")
    ] = 40,
    kinds: Annotated[
        str,
        typer.Option(help="diagnosis: conflicts injected (rest, sergeants) and/or refusals."),
    ] = "rest,sergeants,refusals",
) -> None:
    """Benchmark the solver: objective, bound, gap, times and peak memory.

    borough: generated boroughs (default 120 s each); curtois: the Curtois-Qu employee
    rostering instances against their best known values (default 60 s each); posting: the
    posting panel on generated boroughs (default 30 s each); flex: the flex plan of
    generated boroughs with a 3-week request (default 60 s each); diagnosis: a generated
    borough with one conflict injected, diagnosed and rostered best effort, and the
    refused requests explained (default 60 s each solve).

    Example: roster bench curtois --instances 1-24 --time-limit 60 --csv out.csv --solutions sol;
    roster bench curtois --instances 13-19 --seeds 0-3;
    roster bench posting --officers 1200 --teams 40 --time-limit 30
    """
    if suite == "curtois":
        from bench.curtois import run_curtois_bench

        numbers, runs = _curtois_runs(instances, seeds, seed)
        run_curtois_bench(numbers, time_limit or 60.0, workers, runs, csv, solutions, out)
        return
    from bench.borough import run_borough_bench
    from bench.posting import run_posting_bench

    if suite not in ("borough", "posting", "flex", "diagnosis"):
        err.print(
            f"[red]unknown benchmark '{suite}'[/]; expected borough, curtois, posting, flex or "
            "diagnosis"
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    sizes = [int(part) for part in officers.split(",") if part.strip()]
    if suite == "posting":
        run_posting_bench(sizes, teams, time_limit or 30.0, workers, seed, csv, out)
        return
    if suite == "flex":
        from bench.flex import run_flex_bench

        run_flex_bench(sizes, time_limit or 60.0, workers, seed, out)
        return
    if suite == "diagnosis":
        from bench.diagnosis import run_diagnosis_bench

        chosen = [k.strip() for k in kinds.split(",") if k.strip()]
        run_diagnosis_bench(sizes, chosen, time_limit or 60.0, workers, seed, out)
        return
    run_borough_bench(sizes, time_limit or 120.0, workers, seed, csv, out)


def _curtois_runs(instances: str, seeds: str | None, seed: int) -> tuple[list[int], list[int]]:
    """The instance numbers and seeds of `bench curtois`; every problem with them printed at
    once, then exit 2."""
    from bench.curtois import DATA, missing_instances, parse_instances

    problems: list[str] = []
    numbers, runs = [], [seed]
    try:
        numbers = parse_instances(instances)
    except ValueError as bad:
        problems.append(str(bad))
    try:
        runs = parse_instances(seeds, "--seeds") if seeds else runs
    except ValueError as bad:
        problems.append(str(bad))
    if missing := missing_instances(numbers):
        names = ", ".join(f"Instance{n}.txt" for n in missing)
        problems.append(f"--instances: no {names} in {DATA}; expected 1-24.")
    for problem in problems:
        err.print(f"[red]{problem}[/]", highlight=False)
    if problems:
        raise typer.Exit(EXIT_BAD_INPUT)
    return numbers, runs


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; other than localhost needs a password.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    data: Annotated[
        Path, typer.Option(help="Folder for the uploads, scenarios, jobs and their database.")
    ] = Path("roster-data"),
    max_upload_mb: Annotated[float, typer.Option(help="Largest upload accepted, in MB.")] = 20.0,
) -> None:
    """Start the web page: upload, adjust the rules, solve with progress, review, download.

    Listens on http://127.0.0.1:8000 (this machine only). For a LAN, set a password in
    ROSTER_WEB_PASSWORD first. Example: roster serve --port 8000 --data roster-data
    """
    from web.security import ServeRefused
    from web.server import serve as run_server

    try:
        run_server(host, port, data, max_upload_mb)
    except ServeRefused as refused:
        err.print(f"[bold red]Not started[/]: {refused}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def _load_or_exit(workbook: Path) -> ProblemData:
    try:
        return pipeline.load(workbook)
    except InputError as error:
        print_problems(err, workbook.name, error.problems)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("Stopped.")
        sys.exit(130)


if __name__ == "__main__":
    main()
