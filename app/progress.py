"""Live solver progress and the end-of-run summary in the terminal (rich)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.live import Live
from rich.table import Table

from constraints.explain import Refusal
from constraints.findings import Reason
from constraints.report import Report
from inputs.errors import Problem
from inputs.posting import Allocation, PostingData
from solver.solve import Progress, SolveFigures


def number(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


class LiveProgress:
    """A one-line table (elapsed, rosters found, incumbent, bound, gap) refreshed while solving."""

    def __init__(self, console: Console, time_limit: float, noun: str = "roster") -> None:
        self.console = console
        self.time_limit = time_limit
        self.noun = noun
        self.found = False
        self.live = Live(self._table(None), console=console, refresh_per_second=4, transient=False)

    def __enter__(self) -> LiveProgress:
        self.live.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.live.__exit__(kind, error, trace)

    def update(self, progress: Progress) -> None:
        self.live.update(self._table(progress))
        if not self.found and progress.solutions and not self.console.is_terminal:
            # A log or a pipe sees no live table: say when there is something to keep.
            self.found = True
            self.console.print(f"First {self.noun} found after {progress.elapsed:.1f}s.")

    def _table(self, progress: Progress | None) -> Table:
        table = Table(
            title=f"Solving (Ctrl-C stops and keeps the best {self.noun})", title_justify="left"
        )
        for heading in ("elapsed", f"{self.noun}s found", "objective", "best bound", "gap"):
            table.add_column(heading, justify="right")
        if progress is None:
            table.add_row(f"0s / {self.time_limit:g}s", "0", "-", "-", "-")
        else:
            table.add_row(
                f"{progress.elapsed:.0f}s / {self.time_limit:g}s",
                str(progress.solutions),
                number(progress.objective),
                number(progress.bound),
                percent(progress.gap),
            )
        return table


def print_problems(console: Console, source: str, problems: list[Problem]) -> None:
    console.print(f"[bold red]{len(problems)} problem(s) in {source}[/]; nothing was written.")
    for problem in problems:
        console.print(f"  - {problem}", highlight=False, markup=False, soft_wrap=True)


def print_summary(
    console: Console, result: SolveFigures, report: Report | None, noun: str = "roster"
) -> None:
    table = Table(title="Result", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("value", justify="right")
    table.add_row(
        "status", result.status.value + (" (stopped by Ctrl-C)" if result.interrupted else "")
    )
    table.add_row("objective (solver)", number(result.objective))
    if report is not None:
        table.add_row("objective (re-checked)", number(report.objective))
        table.add_row("hard rules broken", str(report.hard_violations))
        if report.breaches:
            table.add_row("breaches of relaxed hard rules", f"{report.breaches:,}")
    table.add_row("best bound", number(result.bound))
    table.add_row("gap", percent(result.gap))
    table.add_row(f"first {noun} after", _seconds(result.first_solution_seconds))
    table.add_row(
        "time (build + solve)", f"{result.build_seconds:.1f}s + {result.solve_seconds:.1f}s"
    )
    console.print(table)
    if report is not None:
        console.print(rules_table(report))


def rules_table(report: Report) -> Table:
    table = Table(title="Rules", title_justify="left")
    for heading in ("rule", "mode", "violations", "penalty", "share"):
        table.add_column(heading, justify="left" if heading in ("rule", "mode") else "right")
    total = report.objective or 1
    for outcome in report.outcomes:
        setting = outcome.setting
        mode = (
            "off"
            if not setting.enabled
            else ("hard" if setting.hard else f"soft x{setting.weight}")
        )
        mode = "hard, relaxed" if setting.relaxed else mode
        style = "bold red" if outcome.flagged else None
        share = f"{100 * outcome.penalty / total:.0f}%" if outcome.penalty else ""
        table.add_row(
            outcome.rule.name,
            mode,
            str(len(outcome.violations)),
            number(outcome.penalty),
            share,
            style=style,
        )
    return table


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}s"


def print_posting(console: Console, data: PostingData, after: Allocation) -> None:
    """How many move, and each response team's probationer share before and after."""
    from constraints.posting import probationer_share

    moves = after.moves(data.before)
    console.print(
        f"{len(moves)} move(s) proposed; {len(data.approved)} approved and "
        f"{len(data.rejected)} rejected decision(s) of the panel honoured."
    )
    table = Table(title="Probationer share of constables", title_justify="left")
    for heading in ("response team", "before", "after"):
        table.add_column(heading, justify="left" if heading == "response team" else "right")
    for team in data.response_teams:
        shares = (probationer_share.share_text(data, a, team.team_id) for a in (data.before, after))
        table.add_row(team.team_id, *shares)
    console.print(table)


SHOWN_REASONS = 5
"""Conflicts printed in full; the rest are on the Diagnosis sheet."""
SHOWN_BREACHES = 20


def print_reasons(console: Console, reasons: list[Reason], where: str) -> None:
    """Each conflict's findings, with the workbook rows they name; `where` says where the
    full list was written."""
    for number, reason in enumerate(reasons[:SHOWN_REASONS], start=1):
        together = "cannot all hold together" if len(reason.findings) > 1 else "cannot hold"
        console.print(f"[bold]Conflict {number}[/] (found by the {reason.source}): {together}:")
        for finding in reason.findings:
            rows = f" [dim]({finding.where()})[/]" if finding.rows else ""
            console.print(f"  - {finding.text}{rows}", highlight=False, soft_wrap=True)
    if len(reasons) > SHOWN_REASONS:
        console.print(f"... and {len(reasons) - SHOWN_REASONS} more conflict(s) in {where}.")


def print_breaches(console: Console, report: Report, relaxed: tuple[str, ...]) -> None:
    """A best-effort roster's breaches of the hard rules it relaxed, rule by rule, first."""
    console.print(
        f"[bold red]Best effort[/]: the hard rules cannot all be met, so {', '.join(relaxed)} "
        f"{'was' if len(relaxed) == 1 else 'were'} relaxed; the roster breaks them "
        f"{report.breaches} time(s) in all (in the rules' units), as few as the solver found:"
    )
    listed = [(o, v) for o in report.outcomes if o.breached for v in o.violations]
    for outcome, violation in listed[:SHOWN_BREACHES]:
        who = f"{violation.officer_id}: " if violation.officer_id else ""
        line = f"  - {outcome.rule.name}: {who}{violation.what}"
        console.print(line, highlight=False, soft_wrap=True)
    if len(listed) > SHOWN_BREACHES:
        console.print(f"... and {len(listed) - SHOWN_BREACHES} more on the Rules sheet.")


def print_refusals(console: Console, refusals: list[Refusal]) -> None:
    """Why the costliest refused requests were refused."""
    if not refusals:
        return
    console.print("Refused requests, the costliest first, and why (a re-solve granting each):")
    for item in refusals:
        line = f"  - {item.request.officer_id}: {item.text}"
        console.print(line, highlight=False, soft_wrap=True)
