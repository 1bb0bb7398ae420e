"""Live solver progress and the end-of-run summary in the terminal (rich)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.live import Live
from rich.table import Table

from constraints.report import Report
from inputs.errors import Problem
from solver.solve import Progress, SolveResult


def number(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


class LiveProgress:
    """A one-line table (elapsed, rosters found, incumbent, bound, gap) refreshed while solving."""

    def __init__(self, console: Console, time_limit: float, what: str = "roster") -> None:
        self.console = console
        self.time_limit = time_limit
        self.what = what
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

    def _table(self, progress: Progress | None) -> Table:
        table = Table(
            title=f"Solving (Ctrl-C stops and keeps the best {self.what})", title_justify="left"
        )
        for heading in ("elapsed", f"{self.what}s found", "objective", "best bound", "gap"):
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
    console: Console, result: SolveResult, report: Report | None, what: str = "roster"
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
    table.add_row("best bound", number(result.bound))
    table.add_row("gap", percent(result.gap))
    table.add_row(f"first {what} after", _seconds(result.first_solution_seconds))
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
        style = "bold red" if outcome.broken else None
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
