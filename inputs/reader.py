"""Read an input workbook into `ProblemData`, or raise `InputError` listing every problem.

Reading happens in two passes. The first parses each cell by its column type
(`inputs.workbook`); the second checks what single cells cannot show:
duplicate ids, references to unknown teams, shifts and officers, dates outside
the period, rule settings the catalogue does not allow. Nothing is built until
both passes are clean, so a solve never starts on half-understood input.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from inputs import sheets
from inputs.catalogue import RuleSpec
from inputs.errors import InputError, Problem
from inputs.problem import (
    ABSENCE_BY_CODE,
    DAY_WORDS,
    DEFAULT_MAX_FLEX_DAYS,
    HISTORY_MAX_DAYS,
    MAX_FLEX_DAYS,
    OFF_REQUEST,
    REST_CODE,
    SN_WINDOW,
    TEAM_KIND_VALUES,
    TOUR_SEPARATOR,
    Absence,
    ClusterRow,
    CoverRow,
    FlexRequestRow,
    HistoryRow,
    Officer,
    ProblemData,
    PublishedRow,
    Rank,
    Request,
    RuleSetting,
    Settings,
    Shift,
    ShiftFor,
    Team,
    TeamKind,
)
from inputs.workbook import GridRow, RawRow, open_workbook, read_grid, read_settings, read_table

OFFICER_LIMITS = ("max_consecutive_days", "min_consecutive_days", "min_rest_days", "max_weekends")
"""Officers columns holding the officer's own value of a per-officer rule limit."""


def read_problem(path: Path, catalogue: Mapping[str, RuleSpec]) -> ProblemData:
    """The validated problem in the workbook at `path`; `InputError` lists every problem."""
    book = open_workbook(path)
    problems: list[Problem] = []
    settings_rows = read_settings(book, sheets.SETTINGS, problems)
    tables = {
        sheet.name: read_table(book, sheet, problems)
        for sheet in sheets.ALL_SHEETS
        if not sheet.key_value and sheet not in sheets.GRID_SHEETS
    }
    history = read_grid(book, sheets.HISTORY.name, sheets.HISTORY_ID_COLUMNS, problems)
    published = read_grid(book, sheets.PUBLISHED.name, sheets.PUBLISHED_ID_COLUMNS, problems)
    builder = _Builder(problems, catalogue)
    settings = builder.settings(settings_rows)
    teams = builder.teams(tables["Teams"])
    shifts = builder.shifts(tables["Shifts"])
    builder.start_variants(tables["Teams"], teams, shifts)
    clusters = builder.clusters(tables["Clusters"], teams)
    officers = builder.officers(tables["Officers"], teams, shifts)
    cover = builder.cover(tables["Cover"], settings, teams, shifts, officers)
    absences = builder.absences(tables["Absences"], settings, officers)
    requests = builder.requests(tables["Requests"], settings, officers, teams, shifts)
    rules = builder.rules(tables["Rules"])
    history_rows = builder.history(history, settings, officers, shifts)
    published_rows = builder.published(published, settings, officers, shifts)
    flex_rows = builder.flex_requests(tables["FlexRequests"], settings, teams, shifts, rules)
    if problems or settings is None:
        raise InputError(problems)
    return ProblemData(
        settings=settings,
        officers=tuple(officers.values()),
        teams=tuple(teams.values()),
        shifts=tuple(shifts.values()),
        cover=tuple(cover),
        absences=tuple(absences),
        requests=tuple(requests),
        rules=rules,
        history=tuple(history_rows),
        published=tuple(published_rows),
        clusters=tuple(clusters),
        flex_requests=tuple(flex_rows),
    )


def default_rules(catalogue: Mapping[str, RuleSpec]) -> dict[str, RuleSetting]:
    return {name: spec.default for name, spec in catalogue.items()}


def suggest(value: str, options: Iterable[str]) -> str:
    """' (did you mean X?)' when a close option exists, else ''."""
    options = list(options)
    lowered = {o.lower(): o for o in options}
    if value.lower() in lowered:
        return f" (did you mean '{lowered[value.lower()]}'?)"
    close = difflib.get_close_matches(value, options, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Builder:
    """Turns parsed rows into domain objects, recording every cross-reference problem."""

    def __init__(self, problems: list[Problem], catalogue: Mapping[str, RuleSpec]) -> None:
        self.problems = problems
        self.catalogue = catalogue
        # Ids of rows dropped after a reported problem: a reference to one is not reported
        # again as unknown, which would send the user looking for a row that is there.
        self.rejected: dict[str, set[str]] = {
            "team": set(),
            "cluster": set(),
            "shift": set(),
            "officer": set(),
        }

    def report(self, sheet: str, row: RawRow | int, column: str | None, message: str) -> None:
        number = row if isinstance(row, int) else row.number
        if isinstance(row, RawRow) and column and row.cell(column):
            column = f"{column} ({row.cell(column)})"
        self.problems.append(Problem(sheet, number, column, message))

    # ---- Settings ------------------------------------------------------------
    def settings(self, rows: dict[str, RawRow]) -> Settings | None:
        values = {key: row.values["value"] for key, row in rows.items() if "value" in row.values}
        start_row = rows.get("period_start")
        start = values.get("period_start")
        if start is None:
            already = any(p.sheet == "Settings" for p in self.problems)
            if not already:
                self.problems.append(
                    Problem(
                        "Settings",
                        start_row.number if start_row else None,
                        "value" if start_row else "key",
                        "period_start is not set; expected the period's first day, a Monday",
                    )
                )
            return None
        if start.weekday() != 0:
            self.report(
                "Settings",
                start_row or 0,
                "value",
                f"period_start {start:%Y-%m-%d} is a {start:%A}; expected a Monday",
            )
        days = values.get("period_days", 28)
        if not 1 <= days <= 366:
            self.report(
                "Settings",
                rows["period_days"],
                "value",
                f"period_days {days} is out of range; expected 1 to 366",
            )
            days = 28
        limit = values.get("time_limit_seconds")
        if limit is not None and limit <= 0:
            self.report(
                "Settings",
                rows["time_limit_seconds"],
                "value",
                f"time_limit_seconds {limit:g} is not positive; expected seconds above 0",
            )
        notice = values.get("notice_date")
        return Settings(
            period_start=start,
            period_days=days,
            borough=values.get("borough", ""),
            time_limit_seconds=limit,
            random_seed=values.get("random_seed"),
            # Blank: left to Settings' default, the day the workbook is read.
            **({} if notice is None else {"notice_date": notice}),
        )

    # ---- Teams -----------------------------------------------------------------
    def teams(self, rows: list[RawRow]) -> dict[str, Team]:
        teams: dict[str, Team] = {}
        for row in rows:
            team_id, kind = row.get("team_id"), row.get("kind")
            if team_id is None or kind is None:
                self._reject("team", team_id, row.get("cluster"))
                continue
            if team_id in teams:
                self.report(
                    "Teams",
                    row,
                    "team_id",
                    f"team_id '{team_id}' is used twice (also row {teams[team_id].row}); "
                    "expected each team once",
                )
                continue
            if team_id.lower() in TEAM_KIND_VALUES:
                self.report(
                    "Teams",
                    row,
                    "team_id",
                    f"team_id '{team_id}' is also a team kind, which Cover rows use for "
                    "all teams of that kind; expected another id",
                )
            kind = TeamKind(kind)
            ward = row.get("ward")
            if kind == TeamKind.SN and ward is None:
                ward = team_id
            teams[team_id] = Team(
                row=row.number,
                extra=row.extra,
                team_id=team_id,
                kind=kind,
                cluster=row.get("cluster"),
                ward=ward,
                target_strength=row.get("target_strength"),
                start_variant=row.get("start_variant"),
            )
        return teams

    def start_variants(
        self, rows: list[RawRow], teams: dict[str, Team], shifts: dict[str, Shift]
    ) -> None:
        """A pinned start variant must be an SN shift, on an SN team."""
        for row in rows:
            team, variant = teams.get(row.get("team_id")), row.get("start_variant")
            if team is None or variant is None or team.row != row.number:
                continue
            if team.kind != TeamKind.SN:
                self.report(
                    "Teams",
                    row,
                    "start_variant",
                    f"'{variant}' is set on a {team.kind.value} team; expected it on SN teams only",
                )
            elif variant not in shifts or not shifts[variant].works_for(TeamKind.SN):
                options = [s.code for s in shifts.values() if s.works_for(TeamKind.SN)]
                self.report(
                    "Teams",
                    row,
                    "start_variant",
                    f"'{variant}' is not a shift SN teams work{suggest(variant, options)}; "
                    f"expected one of {', '.join(options) or 'the SN shifts'}",
                )

    # ---- Clusters --------------------------------------------------------------
    def clusters(self, rows: list[RawRow], teams: dict[str, Team]) -> list[ClusterRow]:
        known = {t.cluster for t in teams.values() if t.kind == TeamKind.SN and t.cluster}
        found: dict[str, ClusterRow] = {}
        for row in rows:
            name = row.get("cluster")
            if name is None:
                continue
            if name not in known:
                self.report(
                    "Clusters",
                    row,
                    "cluster",
                    f"no SN team is in cluster '{name}'{suggest(name, known)}; "
                    "expected a cluster of the Teams sheet",
                )
                continue
            if name in found:
                self.report(
                    "Clusters",
                    row,
                    "cluster",
                    f"cluster '{name}' has two rows (also row {found[name].row}); "
                    "expected one row per cluster",
                )
                continue
            start, end = row.get("from", SN_WINDOW[0]), row.get("to", SN_WINDOW[1])
            ok = self._in_range(row, "from", start, 0, 23, "an hour from 0 to 23")
            ok &= self._in_range(row, "to", end, 1, 24, "an hour from 1 to 24")
            if end == start:
                self.report(
                    "Clusters",
                    row,
                    "to",
                    f"to {end} equals from; expected a window of at least one hour",
                )
                ok = False
            low = row.get("min")
            ok &= low is None or self._in_range(row, "min", low, 0, 100, "0 or more officers")
            for share in ("evening_share", "weekend_share"):
                value = row.get(share)
                ok &= value is None or self._in_range(
                    row, share, value, 0, 1, "a share from 0 to 1"
                )
            if ok:
                found[name] = ClusterRow(
                    row=row.number,
                    extra=row.extra,
                    cluster=name,
                    from_hour=start,
                    to_hour=end,
                    min=low,
                    evening_share=row.get("evening_share"),
                    weekend_share=row.get("weekend_share"),
                )
        return list(found.values())

    def _in_range(
        self, row: RawRow, column: str, value: float, low: float, high: float, expected: str
    ) -> bool:
        if low <= value <= high:
            return True
        self.report("Clusters", row, column, f"{value:g} is out of range; expected {expected}")
        return False

    # ---- Shifts ----------------------------------------------------------------
    def shifts(self, rows: list[RawRow]) -> dict[str, Shift]:
        shifts: dict[str, Shift] = {}
        reserved = {REST_CODE, OFF_REQUEST, *ABSENCE_BY_CODE}
        for row in rows:
            code, start, end, kind = (row.get(k) for k in ("code", "start", "end", "kind"))
            if None in (code, start, end, kind):
                self._reject("shift", code)
                continue
            if code in shifts:
                self.report(
                    "Shifts",
                    row,
                    "code",
                    f"shift code '{code}' is used twice (also row {shifts[code].row}); "
                    "expected each code once",
                )
                continue
            if code.upper() in reserved:
                self.report(
                    "Shifts",
                    row,
                    "code",
                    f"'{code}' is reserved for rest days, day-off requests and absences; "
                    "expected another code",
                )
                self._reject("shift", code)
                continue
            if start == end:
                self.report(
                    "Shifts",
                    row,
                    "end",
                    f"end {end:%H:%M} equals start; expected a different end time "
                    "(an end before the start passes midnight)",
                )
                self._reject("shift", code)
                continue
            shifts[code] = Shift(
                row=row.number,
                extra=row.extra,
                code=code,
                start=start,
                end=end,
                kind=kind,
                for_=row.get("for", ShiftFor.ALL.value),
                cannot_follow=frozenset(row.get("cannot_follow", ())),
            )
        for row in rows:
            shift = shifts.get(row.get("code"))
            unknown = sorted(shift.cannot_follow - set(shifts)) if shift else []
            if shift is not None and shift.row == row.number and unknown:
                self.report(
                    "Shifts",
                    row,
                    "cannot_follow",
                    f"'{unknown[0]}' is not a shift code{suggest(unknown[0], shifts)}; "
                    "expected codes of the Shifts sheet",
                )
        return shifts

    # ---- Officers --------------------------------------------------------------
    def officers(
        self, rows: list[RawRow], teams: dict[str, Team], shifts: dict[str, Shift]
    ) -> dict[str, Officer]:
        officers: dict[str, Officer] = {}
        for row in rows:
            officer_id, rank, team_id = row.get("officer_id"), row.get("rank"), row.get("team")
            if officer_id is None or rank is None or team_id is None:
                self._reject("officer", officer_id)
                continue
            if officer_id in officers:
                self.report(
                    "Officers",
                    row,
                    "officer_id",
                    f"officer_id '{officer_id}' is used twice "
                    f"(also row {officers[officer_id].row}); expected each officer once",
                )
                continue
            team = teams.get(team_id)
            if team is None and team_id not in self.rejected["team"]:
                self.report(
                    "Officers",
                    row,
                    "team",
                    f"team '{team_id}' is not on the Teams sheet{suggest(team_id, teams)}; "
                    "expected a team_id of the Teams sheet",
                )
            hours = row.get("contract_hours", 40.0)
            if not 0 < hours <= 80:
                self.report(
                    "Officers",
                    row,
                    "contract_hours",
                    f"contract_hours {hours:g} is out of range; expected more than 0 and "
                    "at most 80 hours a week",
                )
            ward = row.get("ward")
            if team is not None and team.kind == TeamKind.SN:
                if ward is not None and ward != team.ward:
                    self.report(
                        "Officers",
                        row,
                        "ward",
                        f"ward '{ward}' differs from team {team_id}'s ward '{team.ward}'; "
                        "expected the team's ward or blank",
                    )
                ward = team.ward
            officers[officer_id] = Officer(
                row=row.number,
                extra=row.extra,
                officer_id=officer_id,
                name=row.get("name", ""),
                rank=Rank(rank),
                team=team_id,
                ward=ward,
                service_start=row.get("service_start"),
                skills=frozenset(row.get("skills", ())),
                contract_hours=hours,
                tutor_id=row.get("tutor_id"),
                **self._officer_limits(row, shifts),
            )
        self._check_tutors(rows, officers)
        return officers

    def _officer_limits(self, row: RawRow, shifts: dict[str, Shift]) -> dict[str, Any]:
        """The officer's own limits (max_shifts, hours band, runs, weekends), checked."""
        limits: dict[str, Any] = {"max_shifts": self._max_shifts(row, shifts)}
        for column in OFFICER_LIMITS:
            value = row.get(column)
            if value is not None and value < 0:
                self.report("Officers", row, column, f"{value:g} is negative; expected 0 or more")
            elif value is not None:
                limits[column] = value
        low, high = row.get("min_hours"), row.get("max_hours")
        for column, hours in (("min_hours", low), ("max_hours", high)):
            if hours is not None and hours < 0:
                self.report("Officers", row, column, f"{hours:g} is negative; expected 0 or more")
            elif hours is not None:
                limits[column.replace("hours", "minutes")] = round(hours * 60)
        if low is not None and high is not None and 0 <= high < low:
            self.report(
                "Officers",
                row,
                "max_hours",
                f"max_hours {high:g} is below min_hours {low:g}; expected at least min_hours",
            )
        return limits

    def _max_shifts(self, row: RawRow, shifts: dict[str, Shift]) -> dict[str, int]:
        found: dict[str, int] = {}
        for item in row.get("max_shifts", ()):
            code, _, number = (part.strip() for part in item.partition("="))
            if code not in shifts and code not in self.rejected["shift"]:
                self.report(
                    "Officers",
                    row,
                    "max_shifts",
                    f"'{code}' is not a shift code{suggest(code, shifts)}; expected code=number "
                    "pairs of the Shifts sheet, e.g. N=8",
                )
            elif not number.isdigit():
                self.report(
                    "Officers",
                    row,
                    "max_shifts",
                    f"'{item}' has no whole number after '='; expected code=number, e.g. N=8",
                )
            else:
                found[code] = int(number)
        return found

    def _check_tutors(self, rows: list[RawRow], officers: dict[str, Officer]) -> None:
        for row in rows:
            tutor = row.get("tutor_id")
            if tutor is None:
                continue
            if tutor == row.get("officer_id"):
                self.report(
                    "Officers",
                    row,
                    "tutor_id",
                    "an officer cannot be their own tutor; expected another officer_id",
                )
            elif tutor not in officers and tutor not in self.rejected["officer"]:
                self.report(
                    "Officers",
                    row,
                    "tutor_id",
                    f"tutor '{tutor}' is not on the Officers sheet"
                    f"{suggest(tutor, officers)}; expected an officer_id",
                )

    # ---- Cover -----------------------------------------------------------------
    def cover(
        self,
        rows: list[RawRow],
        settings: Settings | None,
        teams: dict[str, Team],
        shifts: dict[str, Shift],
        officers: dict[str, Officer],
    ) -> list[CoverRow]:
        clusters = {t.cluster for t in teams.values() if t.cluster} | self.rejected["cluster"]
        skills = {s for o in officers.values() for s in o.skills}
        result = []
        for row in rows:
            ok = self._cover_scope(row, teams, clusters)
            ok &= self._cover_day(row, settings)
            ok &= self._cover_when(row, shifts)
            ok &= self._cover_numbers(row)
            ranks = self._ranks(row, "Cover")
            skill = row.get("skill")
            if skill is not None and skill not in skills:
                self.report(
                    "Cover",
                    row,
                    "skill",
                    f"no officer has the skill '{skill}'{suggest(skill, skills)}; "
                    "expected a skill listed on the Officers sheet",
                )
                ok = False
            if not ok or ranks is None:
                continue
            cover = CoverRow(
                row=row.number,
                extra=row.extra,
                team=row.get("team"),
                cluster=row.get("cluster"),
                day=str(row.get("day")),
                shift=row.get("shift"),
                from_hour=row.get("from"),
                to_hour=row.get("to"),
                min=row.get("min", 0),
                target=row.get("target"),
                ranks=ranks,
                skill=skill,
                under_weight=row.get("under_weight", 1),
                over_weight=row.get("over_weight", 0),
            )
            self._cover_reachable(row, cover, teams, shifts)
            result.append(cover)
        return result

    def _cover_scope(self, row: RawRow, teams: dict[str, Team], clusters: set[str]) -> bool:
        team, cluster = row.get("team"), row.get("cluster")
        if (team is None) == (cluster is None):
            self.report(
                "Cover",
                row,
                "team",
                "give either a team or a cluster; expected exactly one of the two",
            )
            return False
        known = {*teams, *self.rejected["team"]}
        if team is not None and team not in known and team.lower() not in TEAM_KIND_VALUES:
            options = [*teams, *TEAM_KIND_VALUES]
            self.report(
                "Cover",
                row,
                "team",
                f"'{team}' is neither a team_id nor a team kind{suggest(team, options)}; "
                "expected a team_id, response, sn or other",
            )
            return False
        if cluster is not None and cluster not in clusters:
            self.report(
                "Cover",
                row,
                "cluster",
                f"no SN team is in cluster '{cluster}'{suggest(cluster, clusters)}; "
                "expected a cluster of the Teams sheet",
            )
            return False
        return True

    def _cover_day(self, row: RawRow, settings: Settings | None) -> bool:
        if row.get("day") is None:
            return False  # blank or unreadable: already reported
        day = str(row.get("day")).strip()
        if day.lower() in DAY_WORDS:
            return True
        try:
            when = date.fromisoformat(day[:10])
        except ValueError:
            self.report(
                "Cover",
                row,
                "day",
                f"'{day}' is not a day; expected Mon..Sun, weekday, weekend, all or a date",
            )
            return False
        row.values["day"] = when.isoformat()
        if settings is not None and not _in_period(when, settings):
            self.report(
                "Cover",
                row,
                "day",
                f"{when:%Y-%m-%d} is outside the period {_period_text(settings)}; "
                "expected a date in the period",
            )
            return False
        return True

    def _cover_when(self, row: RawRow, shifts: dict[str, Shift]) -> bool:
        shift, start, end = row.get("shift"), row.get("from"), row.get("to")
        if row.unreadable & {"shift", "from", "to"} or shift in self.rejected["shift"]:
            return False
        if shift is not None:
            if start is not None or end is not None:
                self.report(
                    "Cover",
                    row,
                    "shift",
                    "give a shift or from/to hours, not both; expected one of the two",
                )
                return False
            if shift not in shifts:
                self.report(
                    "Cover",
                    row,
                    "shift",
                    f"shift '{shift}' is not on the Shifts sheet{suggest(shift, shifts)}; "
                    "expected a shift code",
                )
                return False
            return True
        if start is None or end is None:
            self.report(
                "Cover",
                row,
                "shift",
                "no shift and no from/to hours; expected a shift code or both from and to",
            )
            return False
        ok = True
        if not 0 <= start <= 23:
            self.report("Cover", row, "from", f"from {start} is not an hour; expected 0 to 23")
            ok = False
        if not 1 <= end <= 24 or end == start:
            self.report(
                "Cover",
                row,
                "to",
                f"to {end} is not an end hour; expected 1 to 24, different from 'from'",
            )
            ok = False
        return ok

    def _cover_numbers(self, row: RawRow) -> bool:
        if row.unreadable & {"min", "target"}:
            return False
        low, target = row.get("min", 0), row.get("target")
        ok = True
        if low < 0:
            self.report("Cover", row, "min", f"min {low} is negative; expected 0 or more")
            ok = False
        if target is not None and target < low:
            self.report(
                "Cover",
                row,
                "target",
                f"target {target} is below min {low}; expected a target of at least min",
            )
            ok = False
        for column in ("under_weight", "over_weight"):
            weight = row.get(column)
            if weight is not None and weight < 0:
                self.report("Cover", row, column, f"{weight} is negative; expected 0 or more")
                ok = False
        if low == 0 and not target and not (target == 0 and row.get("over_weight")):
            self.report(
                "Cover",
                row,
                "min",
                "neither min nor target is above 0; expected at least one of them",
            )
            ok = False
        return ok

    def _cover_reachable(
        self, row: RawRow, cover: CoverRow, teams: dict[str, Team], shifts: dict[str, Shift]
    ) -> None:
        """A shift row whose scope contains no team allowed to work that shift is a typo."""
        if cover.shift is None or cover.shift not in shifts:
            return
        shift = shifts[cover.shift]
        if cover.cluster is not None:
            kinds = {TeamKind.SN}
        elif cover.team is not None and cover.team.lower() in TEAM_KIND_VALUES:
            kinds = {TeamKind(cover.team.lower())}
        else:
            kinds = {teams[cover.team].kind} if cover.team in teams else set()
        if kinds and not any(shift.works_for(kind) for kind in kinds):
            self.report(
                "Cover",
                row,
                "shift",
                f"shift '{shift.code}' is for {shift.for_.value} teams, so no officer of "
                f"{cover.scope_text} can work it; expected a shift those officers work",
            )

    def _ranks(self, row: RawRow, sheet: str) -> frozenset[Rank] | None:
        found = set()
        for item in row.get("rank", ()):
            match = next((r for r in Rank if r.value.lower() == item.lower()), None)
            if match is None:
                self.report(
                    sheet,
                    row,
                    "rank",
                    f"'{item}' is not a rank; expected one of " + ", ".join(r.value for r in Rank),
                )
                return None
            found.add(match)
        return frozenset(found)

    # ---- Absences --------------------------------------------------------------
    def absences(
        self, rows: list[RawRow], settings: Settings | None, officers: dict[str, Officer]
    ) -> list[Absence]:
        result = []
        for row in rows:
            officer_id, start, end, kind = (
                row.get(k) for k in ("officer_id", "from", "to", "type")
            )
            if None in (officer_id, start, end, kind):
                continue
            ok = self._known_officer("Absences", row, officer_id, officers)
            if end < start:
                self.report(
                    "Absences",
                    row,
                    "to",
                    f"to {end:%Y-%m-%d} is before from {start:%Y-%m-%d}; "
                    "expected a last day on or after the first",
                )
                ok = False
            elif settings is not None and (
                end < settings.period_start or start > _period_end(settings)
            ):
                self.report(
                    "Absences",
                    row,
                    "from",
                    f"{start:%Y-%m-%d} to {end:%Y-%m-%d} is outside the period "
                    f"{_period_text(settings)}; expected an absence overlapping the period",
                )
                ok = False
            if ok:
                result.append(
                    Absence(
                        row=row.number,
                        extra=row.extra,
                        officer_id=officer_id,
                        start=start,
                        end=end,
                        type=kind,
                    )
                )
        return result

    # ---- Requests --------------------------------------------------------------
    def requests(
        self,
        rows: list[RawRow],
        settings: Settings | None,
        officers: dict[str, Officer],
        teams: dict[str, Team],
        shifts: dict[str, Shift],
    ) -> list[Request]:
        result = []
        for row in rows:
            officer_id, day, shift = (row.get(k) for k in ("officer_id", "date", "shift"))
            if None in (officer_id, day, shift):
                continue
            ok = self._known_officer("Requests", row, officer_id, officers)
            if shift.upper() == OFF_REQUEST:
                shift = OFF_REQUEST
            elif shift in self.rejected["shift"]:
                ok = False
            elif shift not in shifts:
                self.report(
                    "Requests",
                    row,
                    "shift",
                    f"'{shift}' is not a shift code{suggest(shift, [*shifts, 'OFF'])}; "
                    "expected a shift code or OFF",
                )
                ok = False
            elif ok and officers[officer_id].team in teams:
                kind = teams[officers[officer_id].team].kind
                if not shifts[shift].works_for(kind):
                    self.report(
                        "Requests",
                        row,
                        "shift",
                        f"shift '{shift}' is for {shifts[shift].for_.value} teams but "
                        f"{officer_id} is on a {kind.value} team; expected a shift they "
                        "can work, or OFF",
                    )
                    ok = False
            if settings is not None and not _in_period(day, settings):
                self.report(
                    "Requests",
                    row,
                    "date",
                    f"{day:%Y-%m-%d} is outside the period {_period_text(settings)}; "
                    "expected a date in the period",
                )
                ok = False
            weight = row.get("weight", 1)
            if weight < 1:
                self.report(
                    "Requests",
                    row,
                    "weight",
                    f"weight {weight} is below 1; expected a whole number of 1 or more",
                )
                ok = False
            if ok:
                result.append(
                    Request(
                        row=row.number,
                        extra=row.extra,
                        officer_id=officer_id,
                        date=day,
                        shift=shift,
                        want=row.get("want", True),
                        weight=weight,
                    )
                )
        return result

    # ---- Rules -----------------------------------------------------------------
    def rules(self, rows: list[RawRow], sheet: str = sheets.RULES.name) -> dict[str, RuleSetting]:
        """The Rules sheet's settings (or another sheet laid out like it, e.g. PostingRules)."""
        settings = default_rules(self.catalogue)
        seen: dict[str, int] = {}
        for row in rows:
            name = row.get("rule")
            if name is None:
                continue
            name = name.strip().lower()
            spec = self.catalogue.get(name)
            if spec is None:
                self.report(
                    sheet,
                    row,
                    "rule",
                    f"'{name}' is not a rule of the catalogue"
                    f"{suggest(name, self.catalogue)}; expected one of "
                    + ", ".join(self.catalogue),
                )
                continue
            if name in seen:
                self.report(
                    sheet,
                    row,
                    "rule",
                    f"rule '{name}' is set twice (also row {seen[name]}); expected each rule once",
                )
                continue
            seen[name] = row.number
            setting = self._rule_setting(row, spec, sheet)
            if setting is not None:
                settings[name] = setting
        return settings

    def _rule_setting(self, row: RawRow, spec: RuleSpec, sheet: str) -> RuleSetting | None:
        default = spec.default
        enabled = row.get("enabled", default.enabled)
        hard = row.get("hard", default.hard)
        weight = row.get("weight", default.weight)
        value = row.get("value", default.value)
        ok = True
        if not enabled and not spec.can_disable:
            self.report(sheet, row, "enabled", f"{spec.name} cannot be switched off; expected yes")
            ok = False
        if not hard and not spec.can_soften:
            self.report(sheet, row, "hard", f"{spec.name} is always hard; expected yes")
            ok = False
        if weight < 0:
            self.report(sheet, row, "weight", f"weight {weight} is negative; expected 0 or more")
            ok = False
        if "value" in row.values and not spec.takes_value:
            self.report(sheet, row, "value", f"{spec.name} takes no value; expected blank")
            ok = False
        elif value is not None and not spec.value_min <= value <= spec.value_max:
            self.report(
                sheet,
                row,
                "value",
                f"{value:g} is out of range for {spec.name}; expected {spec.value_help} "
                f"between {spec.value_min:g} and {spec.value_max:g}",
            )
            ok = False
        if not ok:
            return None
        return RuleSetting(enabled=enabled, hard=hard, weight=weight, value=value, row=row.number)

    # ---- History ---------------------------------------------------------------
    def history(
        self,
        rows: list[GridRow],
        settings: Settings | None,
        officers: dict[str, Officer],
        shifts: dict[str, Shift],
    ) -> list[HistoryRow]:
        if settings is None:
            return []
        result: dict[str, HistoryRow] = {}
        codes_allowed = {*shifts, REST_CODE, *ABSENCE_BY_CODE}
        for row in rows:
            if row.officer_id in self.rejected["officer"]:
                continue
            if row.officer_id not in officers:
                self.report(
                    "History",
                    row.number,
                    "officer_id",
                    f"officer '{row.officer_id}' is not on the Officers sheet"
                    f"{suggest(row.officer_id, officers)}; expected an officer_id",
                )
                continue
            if row.officer_id in result:
                self.report(
                    "History",
                    row.number,
                    "officer_id",
                    f"officer '{row.officer_id}' has two History rows (also row "
                    f"{result[row.officer_id].row}); expected one row per officer",
                )
                continue
            codes: dict[date, str] = {}
            for day, code in row.codes.items():
                column = f"{day:%Y-%m-%d} ({row.letters[day]})"
                if day >= settings.period_start:
                    self.report(
                        "History",
                        row.number,
                        column,
                        f"{day:%Y-%m-%d} is not before period_start; "
                        "expected the days before the period",
                    )
                elif (
                    code is None
                    or code in self.rejected["shift"]
                    or (settings.period_start - day).days > HISTORY_MAX_DAYS
                ):
                    continue
                elif code not in codes_allowed:
                    self.report(
                        "History",
                        row.number,
                        column,
                        f"'{code}' is not a shift code, RD or an absence code"
                        f"{suggest(code, codes_allowed)}; expected one of those",
                    )
                else:
                    codes[day] = code
            result[row.officer_id] = HistoryRow(
                row=row.number, officer_id=row.officer_id, codes=codes
            )
        return list(result.values())

    # ---- Published ---------------------------------------------------------------
    def published(
        self,
        rows: list[GridRow],
        settings: Settings | None,
        officers: dict[str, Officer],
        shifts: dict[str, Shift],
    ) -> list[PublishedRow]:
        """The published roster: one row per officer, cells of the period's dates only."""
        sheet = sheets.PUBLISHED.name
        if settings is None or not rows:
            return []
        letters = {day: letter for row in rows for day, letter in row.letters.items()}
        for day in sorted(d for d in letters if not _in_period(d, settings)):
            self.report(
                sheet,
                1,
                f"{day:%Y-%m-%d} ({letters[day]})",
                f"{day:%Y-%m-%d} is outside the period {_period_text(settings)}; "
                "expected one column per date of the period",
            )
        whole_cells = {REST_CODE, *ABSENCE_BY_CODE}
        result: dict[str, PublishedRow] = {}
        for row in rows:
            if row.officer_id in self.rejected["officer"]:
                continue
            if row.officer_id not in officers:
                self.report(
                    sheet,
                    row.number,
                    "officer_id",
                    f"officer '{row.officer_id}' is not on the Officers sheet"
                    f"{suggest(row.officer_id, officers)}; expected an officer_id",
                )
                continue
            if row.officer_id in result:
                self.report(
                    sheet,
                    row.number,
                    "officer_id",
                    f"officer '{row.officer_id}' has two Published rows (also row "
                    f"{result[row.officer_id].row}); expected one row per officer",
                )
                continue
            codes: dict[date, str] = {}
            for day, cell in row.codes.items():
                if cell is None or not _in_period(day, settings):
                    continue
                if cell in whole_cells:
                    codes[day] = cell
                    continue
                parts = [part.strip() for part in cell.split(TOUR_SEPARATOR) if part.strip()]
                unknown = [p for p in parts if p not in shifts]
                if any(p in self.rejected["shift"] for p in unknown):
                    continue
                if unknown or not parts:
                    shown = unknown[0] if unknown else cell
                    if shown in whole_cells:
                        what = f"'{cell}' joins {shown} to other codes"
                    else:
                        allowed = [*shifts, *whole_cells]
                        what = (
                            f"'{shown}' is not a shift code, RD or an absence code"
                            f"{suggest(shown, allowed)}"
                        )
                    self.report(
                        sheet,
                        row.number,
                        f"{day:%Y-%m-%d} ({row.letters[day]})",
                        f"{what}; expected a shift code (several joined with "
                        f"{TOUR_SEPARATOR}), RD or an absence code, or blank",
                    )
                    continue
                codes[day] = TOUR_SEPARATOR.join(parts)
            result[row.officer_id] = PublishedRow(
                row=row.number, officer_id=row.officer_id, codes=codes
            )
        return list(result.values())

    # ---- FlexRequests ------------------------------------------------------------
    def flex_requests(
        self,
        rows: list[RawRow],
        settings: Settings | None,
        teams: dict[str, Team],
        shifts: dict[str, Shift],
        rules: dict[str, RuleSetting],
    ) -> list[FlexRequestRow]:
        """Rows of flex requests; then what a request's rows must share (ward, problem,
        authoriser) and its length against the max_flex_days rule."""
        wards = {t.ward for t in teams.values() if t.kind == TeamKind.SN and t.ward}
        result: list[FlexRequestRow] = []
        seen: dict[tuple[str, str, str], int] = {}
        dated: dict[str, list[RawRow]] = {}
        for row in rows:
            needed = ("request_id", "ward", "from", "to", "shift", "rank", "officers")
            request_id, ward, start, end, shift, rank, officers = (row.get(k) for k in needed)
            ok = self._flex_ward(row, ward, wards)
            dates_ok = self._flex_dates(row, start, end, settings)
            ok &= dates_ok & self._flex_shift(row, shift, shifts)
            ok &= self._flex_donors(row, ward, wards)
            if officers is not None and officers < 1:
                self._flex_report(
                    row, "officers", f"officers {officers} is below 1; expected 1 or more"
                )
                ok = False
            key = (request_id, shift, rank)
            if None not in key and key in seen:
                self._flex_report(
                    row,
                    "rank",
                    f"request {request_id} asks again for {rank}s on {shift} (also row "
                    f"{seen[key]}); expected one row per shift and rank of a request",
                )
                ok = False
            elif None not in key:
                seen[key] = row.number
            if request_id is not None and dates_ok:
                dated.setdefault(request_id, []).append(row)
            if ok and None not in (request_id, ward, start, end, shift, rank, officers):
                result.append(
                    FlexRequestRow(
                        row=row.number,
                        extra=row.extra,
                        request_id=request_id,
                        ward=ward,
                        problem=row.get("problem", ""),
                        start=start,
                        end=end,
                        shift=shift,
                        rank=Rank(rank),
                        officers=officers,
                        donor_wards=frozenset(row.get("donor_wards", ())),
                        authorised_by=row.get("authorised_by", ""),
                    )
                )
        self._flex_request_fields(rows, wards)
        self._flex_lengths(dated, rules.get(MAX_FLEX_DAYS))
        return result

    def _flex_report(self, row: RawRow, column: str, message: str) -> None:
        self.report(sheets.FLEX_REQUESTS.name, row, column, message)

    def _flex_ward(self, row: RawRow, ward: str | None, wards: set[str]) -> bool:
        if ward is None or ward in wards:
            return ward is not None
        self._flex_report(
            row,
            "ward",
            f"ward '{ward}' is not the ward of an SN team on the Teams sheet"
            f"{suggest(ward, wards)}; expected the receiving ward's name",
        )
        return False

    def _flex_dates(
        self, row: RawRow, start: date | None, end: date | None, settings: Settings | None
    ) -> bool:
        if start is None or end is None:
            return False
        ok = True
        for column, day in (("from", start), ("to", end)):
            if settings is not None and not _in_period(day, settings):
                self._flex_report(
                    row,
                    column,
                    f"{day:%Y-%m-%d} is outside the period {_period_text(settings)}; "
                    "expected a date in the period of the roster",
                )
                ok = False
        if end < start:
            self._flex_report(
                row,
                "to",
                f"to {end:%Y-%m-%d} is before from {start:%Y-%m-%d}; "
                "expected a last day on or after the first",
            )
            ok = False
        return ok

    def _flex_shift(self, row: RawRow, shift: str | None, shifts: dict[str, Shift]) -> bool:
        if shift is None or shift in self.rejected["shift"]:
            return False
        options = [s.code for s in shifts.values() if s.works_for(TeamKind.SN)]
        if shift not in shifts:
            what = f"shift '{shift}' is not on the Shifts sheet{suggest(shift, options)}"
        elif not shifts[shift].works_for(TeamKind.SN):
            what = f"shift '{shift}' is for {shifts[shift].for_.value} teams"
        else:
            return True
        self._flex_report(
            row, "shift", f"{what}; expected a shift SN teams work: {', '.join(options) or '-'}"
        )
        return False

    def _flex_donors(self, row: RawRow, ward: str | None, wards: set[str]) -> bool:
        ok = True
        for donor in row.get("donor_wards", ()):
            if donor == ward:
                what = f"donor ward '{donor}' is the receiving ward"
            elif donor not in wards:
                what = f"donor ward '{donor}' is not the ward of an SN team{suggest(donor, wards)}"
            else:
                continue
            self._flex_report(
                row, "donor_wards", f"{what}; expected other SN wards of the Teams sheet"
            )
            ok = False
        return ok

    def _flex_request_fields(self, rows: list[RawRow], wards: set[str]) -> None:
        """A request's ward, problem and authoriser are the same wherever its rows give them
        (a ward already reported unknown aside); someone must have authorised it (the
        protocol: the superintendent, form 302)."""
        first: dict[tuple[str, str], RawRow] = {}
        for row in rows:
            request_id = row.get("request_id")
            if request_id is None:
                continue
            for column in ("ward", "problem", "authorised_by"):
                value = row.get(column)
                if column == "ward" and value not in wards:
                    continue
                earlier = first.setdefault((request_id, column), row) if value else None
                if earlier is not None and earlier.get(column) != value:
                    self._flex_report(
                        row,
                        column,
                        f"request {request_id} gives '{value}' here but "
                        f"'{earlier.get(column)}' on row {earlier.number}; expected the same "
                        f"{column} on every row of a request (or blank)",
                    )
        for row in rows:
            request_id = row.get("request_id")
            if request_id is None or (request_id, "authorised_by") in first:
                continue
            self._flex_report(
                row,
                "authorised_by",
                f"request {request_id} names no authorising officer; expected the "
                "superintendent who authorised it, on at least one of its rows",
            )
            first[request_id, "authorised_by"] = row

    def _flex_lengths(self, dated: dict[str, list[RawRow]], setting: RuleSetting | None) -> None:
        """A request runs from its earliest from to its latest to: at most max_flex_days."""
        longest = DEFAULT_MAX_FLEX_DAYS
        if setting is not None and setting.value is not None:
            longest = int(setting.value)
        for request_id, rows in dated.items():
            start = min(row.values["from"] for row in rows)
            last = max(rows, key=lambda row: row.values["to"])
            days = (last.values["to"] - start).days + 1
            if days > longest:
                where = f", Rules row {setting.row}" if setting and setting.row else ""
                self._flex_report(
                    last,
                    "to",
                    f"request {request_id} runs {days} days, {start:%Y-%m-%d} to "
                    f"{last.values['to']:%Y-%m-%d}; expected at most {longest} days "
                    f"(rule {MAX_FLEX_DAYS}{where})",
                )

    # ---- shared ----------------------------------------------------------------
    def _reject(self, kind: str, key: str | None, cluster: str | None = None) -> None:
        """Remember a row dropped after a reported problem (see `rejected`)."""
        if key is not None:
            self.rejected[kind].add(key)
        if cluster is not None:
            self.rejected["cluster"].add(cluster)

    def _known_officer(
        self, sheet: str, row: RawRow, officer_id: str, officers: dict[str, Officer]
    ) -> bool:
        if officer_id in officers:
            return True
        if officer_id in self.rejected["officer"]:
            return False
        self.report(
            sheet,
            row,
            "officer_id",
            f"officer '{officer_id}' is not on the Officers sheet"
            f"{suggest(officer_id, officers)}; expected an officer_id",
        )
        return False


RowBuilder = _Builder
"""Public name for readers of other jobs (the posting panel) that build the same sheets."""


def _period_end(settings: Settings) -> date:
    return settings.period_start + timedelta(days=settings.period_days - 1)


def _in_period(day: date, settings: Settings) -> bool:
    return settings.period_start <= day <= _period_end(settings)


def _period_text(settings: Settings) -> str:
    return f"{settings.period_start:%Y-%m-%d} to {_period_end(settings):%Y-%m-%d}"
