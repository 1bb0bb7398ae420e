"""Reading a roster workbook (ours, or one a resource manager edited by hand) back into a Roster.

The Roster sheet has the output layout: officer_id, name, rank, team, ward,
then one column per date of the period. A cell holds a shift code, several
joined by '+', RD for a rest day, an absence code, or nothing (no tour).
The optional TeamRota sheet (team_id, then dates) states each response
team's tour of the day.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from inputs.errors import InputError, Problem
from inputs.problem import ABSENCE_BY_CODE, REST_CODE, TOUR_SEPARATOR, ProblemData, TeamKind
from inputs.reader import suggest
from inputs.roster import Roster
from inputs.workbook import GridRow, open_workbook, read_grid

ROSTER_SHEET = "Roster"
TEAM_ROTA_SHEET = "TeamRota"
ROSTER_ID_COLUMNS = ("officer_id", "name", "rank", "team", "ward")
TEAM_ROTA_ID_COLUMNS = ("team_id",)
WARD_VARIANTS_SHEET = "WardVariants"
WARD_VARIANTS_ID_COLUMNS = ("team_id", "ward", "cluster")


def read_roster(path: Path, problem: ProblemData) -> Roster:
    """The roster in the workbook at `path`, for `problem`; `InputError` lists every problem."""
    book = open_workbook(path)
    problems: list[Problem] = []
    rows = read_grid(book, ROSTER_SHEET, ROSTER_ID_COLUMNS, problems, required=True)
    tours = _officer_tours(rows, problem, problems)
    team_rows = read_grid(
        book, TEAM_ROTA_SHEET, TEAM_ROTA_ID_COLUMNS, problems, id_column="team_id"
    )
    team_tours = _team_tours(team_rows, problem, problems)
    variant_rows = read_grid(
        book, WARD_VARIANTS_SHEET, WARD_VARIANTS_ID_COLUMNS, problems, id_column="team_id"
    )
    ward_variants = _ward_variants(variant_rows, problem, problems)
    if problems:
        raise InputError(problems)
    return Roster(tours, team_tours, ward_variants)


def _ward_variants(
    rows: list[GridRow], problem: ProblemData, problems: list[Problem]
) -> dict[str, tuple[str, ...]]:
    """Each SN ward team's start variant per week: columns headed by each week's Monday."""
    variants = {s.code for s in problem.sn_shifts()}
    found: dict[str, tuple[str, ...]] = {}
    for row in rows:
        team = problem.team_by_id.get(row.officer_id)
        if team is None or team.kind != TeamKind.SN:
            problems.append(
                Problem(
                    WARD_VARIANTS_SHEET,
                    row.number,
                    "team_id",
                    f"'{row.officer_id}' is not an SN team of the input's Teams sheet; "
                    "expected the team_id of a ward team",
                )
            )
            continue
        codes = []
        for week in problem.weeks:
            monday = problem.days[week[0]]
            code = row.codes.get(monday)
            if code not in variants:
                letter = row.letters.get(monday, "?")
                problems.append(
                    Problem(
                        WARD_VARIANTS_SHEET,
                        row.number,
                        f"{monday:%Y-%m-%d} ({letter})",
                        f"'{code or ''}' is not an SN shift code; expected one of "
                        + ", ".join(sorted(variants)),
                    )
                )
                continue
            codes.append(code)
        if len(codes) == len(problem.weeks):
            found[row.officer_id] = tuple(codes)
    return found


def _officer_tours(
    rows: list[GridRow], problem: ProblemData, problems: list[Problem]
) -> dict[str, tuple[tuple[str, ...], ...]]:
    found: dict[str, tuple[tuple[str, ...], ...]] = {}
    seen: dict[str, int] = {}
    for row in rows:
        if row.officer_id not in problem.officer_by_id:
            problems.append(
                Problem(
                    ROSTER_SHEET,
                    row.number,
                    "officer_id",
                    f"officer '{row.officer_id}' is not on the input's Officers sheet"
                    f"{suggest(row.officer_id, problem.officer_by_id)}; expected an officer_id",
                )
            )
            continue
        if row.officer_id in seen:
            problems.append(
                Problem(
                    ROSTER_SHEET,
                    row.number,
                    "officer_id",
                    f"officer '{row.officer_id}' has two rows (also row "
                    f"{seen[row.officer_id]}); expected one row per officer",
                )
            )
            continue
        seen[row.officer_id] = row.number
        days = _day_cells(row, problem, problems, ROSTER_SHEET)
        found[row.officer_id] = tuple(
            _tours_in(days.get(day), row, day, problem, problems) for day in problem.days
        )
    _require_period_columns(rows, problem, problems, ROSTER_SHEET)
    for officer in problem.officers:
        if officer.officer_id not in found:
            problems.append(
                Problem(
                    ROSTER_SHEET,
                    None,
                    "officer_id",
                    f"officer '{officer.officer_id}' (Officers row {officer.row}) has no row; "
                    "expected one row per officer",
                )
            )
    return found


def _team_tours(
    rows: list[GridRow], problem: ProblemData, problems: list[Problem]
) -> dict[str, tuple[str | None, ...]]:
    found: dict[str, tuple[str | None, ...]] = {}
    for row in rows:
        if row.officer_id not in problem.team_by_id:
            problems.append(
                Problem(
                    TEAM_ROTA_SHEET,
                    row.number,
                    "team_id",
                    f"team '{row.officer_id}' is not on the input's Teams sheet"
                    f"{suggest(row.officer_id, problem.team_by_id)}; expected a team_id",
                )
            )
            continue
        days = _day_cells(row, problem, problems, TEAM_ROTA_SHEET)
        tours: list[str | None] = []
        for day in problem.days:
            code = days.get(day)
            if code is None or code == REST_CODE:
                tours.append(None)
            elif code in problem.shift_by_code:
                tours.append(code)
            else:
                problems.append(
                    Problem(
                        TEAM_ROTA_SHEET,
                        row.number,
                        f"{day:%Y-%m-%d} ({row.letters[day]})",
                        f"'{code}' is not a shift code or RD; expected one of those",
                    )
                )
                tours.append(None)
        found[row.officer_id] = tuple(tours)
    return found


def _day_cells(
    row: GridRow, problem: ProblemData, problems: list[Problem], sheet: str
) -> dict[date, str | None]:
    return {day: code for day, code in row.codes.items() if problem.day_index(day) is not None}


def _tours_in(
    cell: str | None, row: GridRow, day: date, problem: ProblemData, problems: list[Problem]
) -> tuple[str, ...]:
    if cell is None or cell == REST_CODE or cell in ABSENCE_BY_CODE:
        return ()
    codes = tuple(part.strip() for part in cell.split(TOUR_SEPARATOR) if part.strip())
    unknown = [c for c in codes if c not in problem.shift_by_code]
    if unknown:
        allowed = [*problem.shift_by_code, REST_CODE, *ABSENCE_BY_CODE]
        problems.append(
            Problem(
                ROSTER_SHEET,
                row.number,
                f"{day:%Y-%m-%d} ({row.letters[day]})",
                f"'{unknown[0]}' is not a shift code, RD or an absence code"
                f"{suggest(unknown[0], allowed)}; expected one of those",
            )
        )
        return ()
    return codes


def _require_period_columns(
    rows: list[GridRow], problem: ProblemData, problems: list[Problem], sheet: str
) -> None:
    if not rows:
        return
    present = set(rows[0].letters)
    missing = [day for day in problem.days if day not in present]
    if missing:
        problems.append(
            Problem(
                sheet,
                1,
                None,
                f"no column for {len(missing)} day(s) of the period, first {missing[0]:%Y-%m-%d}; "
                "expected one column per date of the period",
            )
        )
