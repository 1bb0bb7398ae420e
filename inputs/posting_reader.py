"""Read a posting-panel workbook into `PostingData`, or raise `InputError` listing every problem.

The panel reads the roster workbook's Settings, Officers and Teams with the roster
reader's own machinery and messages (`inputs.workbook`, `inputs.reader.RowBuilder`), then
the posting columns of those sheets, the PostingRules sheet and, when the panel has
decided, a Proposals sheet. Shifts are read when the workbook has them, only to check the
officers' max_shifts; Cover, Absences and the rest are not read: a panel workbook needs
none of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from inputs import sheets
from inputs.catalogue import RuleSpec
from inputs.errors import InputError, Problem
from inputs.posting import (
    MAX_PREFIX,
    POSTED_RANKS,
    SKILL_MINIMUM_PREFIX,
    TARGET_PREFIX,
    Decision,
    PostingData,
    PostingOfficer,
    PostingTeam,
    ProposalRow,
)
from inputs.problem import Officer, Rank, Settings, Team, TeamKind
from inputs.reader import RowBuilder, suggest
from inputs.sheets import Column, Kind, Sheet
from inputs.workbook import RawRow, find_sheet, normalise, open_workbook, read_settings, read_table


def read_posting(
    path: Path, catalogue: Mapping[str, RuleSpec], decisions: Path | None = None
) -> PostingData:
    """The validated panel input at `path`; the Proposals sheet (the panel's decisions) comes
    from `decisions` when given, else from `path` if it has one."""
    book = open_workbook(path)
    problems: list[Problem] = []
    settings_rows = read_settings(book, sheets.SETTINGS, problems)
    officer_rows = read_table(book, sheets.OFFICERS, problems)
    team_rows = read_table(book, with_skill_minima(book, sheets.TEAMS), problems)
    rule_rows = read_table(book, sheets.POSTING_RULES, problems)
    proposal_rows = _proposal_rows(book, decisions, problems)
    shift_rows = read_table(book, replace(sheets.SHIFTS, required=False), problems)
    builder = _PostingBuilder(problems, catalogue)
    settings = builder.settings(settings_rows)
    teams = builder.teams(team_rows)
    shifts = builder.shifts(shift_rows)
    if find_sheet(book, sheets.SHIFTS.name, []) is None:
        for row in officer_rows:  # a panel workbook without shifts: nothing to check them by
            row.values.pop("max_shifts", None)
    officers = builder.officers(officer_rows, teams, shifts)
    rules = builder.rules(rule_rows, sheets.POSTING_RULES.name)
    posting_teams = builder.establishment(team_rows, teams, officers)
    posting_officers = builder.posting_officers(officer_rows, officers, teams, settings)
    proposals = builder.proposals(proposal_rows, posting_officers, teams)
    if decisions is not None:
        problems[:] = [_in_workbook(p, decisions) for p in problems]
    if problems or settings is None:
        raise InputError(problems)
    return PostingData(
        settings=settings,
        officers=tuple(posting_officers.values()),
        teams=tuple(posting_teams.values()),
        rules=rules,
        proposals=tuple(proposals),
    )


def with_skill_minima(book: Workbook, sheet: Sheet) -> Sheet:
    """The Teams contract plus a whole-number column for each min_<skill> header it has."""
    ws = find_sheet(book, sheet.name, [])
    if ws is None:
        return sheet
    declared = {normalise(c.name) for c in sheet.columns}
    header = [normalise(cell.value) for cell in next(ws.iter_rows(min_row=1, max_row=1), ())]
    extra = tuple(
        Column(name, Kind.INT, f"Fewest officers with the skill {name[len('min_') :]}.")
        for name in header
        if name.startswith(SKILL_MINIMUM_PREFIX) and name not in declared
    )
    return Sheet(sheet.name, sheet.help, sheet.columns + extra, sheet.required)


def _proposal_rows(book: Workbook, decisions: Path | None, problems: list[Problem]) -> list[RawRow]:
    """Rows of the Proposals sheet, of `decisions` when given (it must have one)."""
    if decisions is None:
        return read_table(book, sheets.PROPOSALS, problems)
    other = open_workbook(decisions)
    if find_sheet(other, sheets.PROPOSALS.name, []) is None:
        problems.append(
            Problem(
                sheets.PROPOSALS.name,
                None,
                None,
                "the sheet is missing; expected the proposals workbook roster post wrote",
            )
        )
    return read_table(other, sheets.PROPOSALS, problems)


def _in_workbook(problem: Problem, decisions: Path) -> Problem:
    """A Proposals problem names the decisions workbook it is in."""
    if problem.sheet != sheets.PROPOSALS.name:
        return problem
    where = f"{decisions.name} {sheets.PROPOSALS.name}"
    return Problem(where, problem.row, problem.column, problem.message)


class _PostingBuilder(RowBuilder):
    """The roster reader's builder, plus the posting columns, establishment and decisions."""

    # ---- Teams: establishment and skill minima ---------------------------------------------
    def establishment(
        self, rows: list[RawRow], teams: dict[str, Team], officers: dict[str, Officer]
    ) -> dict[str, PostingTeam]:
        skills = {s for o in officers.values() for s in o.skills}
        result = {}
        for row in rows:
            team = teams.get(row.get("team_id"))
            if team is None or team.row != row.number:
                continue
            targets = self._rank_counts(row, TARGET_PREFIX)
            maxima = self._rank_counts(row, MAX_PREFIX)
            for rank in set(targets) & set(maxima):
                if maxima[rank] < targets[rank]:
                    self.report(
                        "Teams",
                        row,
                        f"{MAX_PREFIX}{rank.value}",
                        f"{MAX_PREFIX}{rank.value} {maxima[rank]} is below "
                        f"{TARGET_PREFIX}{rank.value} {targets[rank]}; expected a maximum of "
                        "at least the target",
                    )
            result[team.team_id] = PostingTeam(
                **team.model_dump(),
                targets=targets,
                maxima=maxima,
                skill_minima=self._skill_minima(row, skills),
            )
        return result

    def _rank_counts(self, row: RawRow, prefix: str) -> dict[Rank, int]:
        counts = {}
        for rank in POSTED_RANKS:
            name = f"{prefix}{rank.value}"
            value = row.get(name)
            if value is not None and self._not_negative(row, name, value):
                counts[rank] = value
        return counts

    def _skill_minima(self, row: RawRow, skills: set[str]) -> dict[str, int]:
        minima = {}
        for name, value in row.values.items():
            if not name.startswith(SKILL_MINIMUM_PREFIX) or not self._not_negative(
                row, name, value
            ):
                continue
            skill = name[len(SKILL_MINIMUM_PREFIX) :]
            if value and skill not in skills:
                self.report(
                    "Teams",
                    row,
                    name,
                    f"no officer has the skill '{skill}'{suggest(skill, skills)}; "
                    "expected a skill listed on the Officers sheet",
                )
                continue
            minima[skill] = value
        return minima

    def _not_negative(self, row: RawRow, name: str, value: int) -> bool:
        if value >= 0:
            return True
        self.report("Teams", row, name, f"{name} {value} is negative; expected 0 or more")
        return False

    # ---- Officers: availability, preferences, time in post ---------------------------------
    def posting_officers(
        self,
        rows: list[RawRow],
        officers: dict[str, Officer],
        teams: dict[str, Team],
        settings: Settings | None,
    ) -> dict[str, PostingOfficer]:
        result = {}
        by_row = {o.row: o for o in officers.values()}
        for row in rows:
            officer = by_row.get(row.number)
            if officer is None:
                continue
            since = row.get("team_since")
            if since is not None and settings is not None and since > settings.period_start:
                self.report(
                    "Officers",
                    row,
                    "team_since",
                    f"{since:%Y-%m-%d} is after period_start {settings.period_start:%Y-%m-%d}; "
                    "expected the date the officer joined their current team",
                )
            result[officer.officer_id] = PostingOfficer(
                **officer.model_dump(),
                available=row.get("available_for_posting", False),
                preferences=self._preferences(row, officer, teams),
                team_since=since,
            )
        return result

    def _preferences(
        self, row: RawRow, officer: Officer, teams: dict[str, Team]
    ) -> tuple[str, ...]:
        chosen: list[str] = []
        for team_id in row.get("preferences", ()):
            team = teams.get(team_id)
            if team is None:
                if team_id not in self.rejected["team"]:
                    self.report(
                        "Officers",
                        row,
                        "preferences",
                        f"team '{team_id}' is not on the Teams sheet{suggest(team_id, teams)}; "
                        "expected team_ids of the Teams sheet",
                    )
            elif team_id in chosen:
                self.report(
                    "Officers",
                    row,
                    "preferences",
                    f"team '{team_id}' is listed twice; expected each team once",
                )
            elif officer.rank == Rank.PCSO and team.kind == TeamKind.RESPONSE:
                self.report(
                    "Officers",
                    row,
                    "preferences",
                    f"'{team_id}' is a response team and PCSOs are not posted to response "
                    "teams; expected SN or other teams",
                )
            else:
                chosen.append(team_id)
        return tuple(chosen)

    # ---- Proposals: the panel's decisions --------------------------------------------------
    def proposals(
        self, rows: list[RawRow], officers: dict[str, PostingOfficer], teams: dict[str, Team]
    ) -> list[ProposalRow]:
        result: list[ProposalRow] = []
        for row in rows:
            officer_id, source, target = (row.get(k) for k in ("officer_id", "from", "to"))
            if None in (officer_id, source, target):
                continue
            proposal = ProposalRow(
                row=row.number,
                officer_id=officer_id,
                from_team=source,
                to_team=target,
                decision=row.get("decision"),
                change=row.get("change"),
            )
            if self._proposal_ok(row, proposal, officers, teams, result):
                result.append(proposal)
        return result

    def _proposal_ok(
        self,
        row: RawRow,
        proposal: ProposalRow,
        officers: dict[str, PostingOfficer],
        teams: dict[str, Team],
        earlier: list[ProposalRow],
    ) -> bool:
        sheet = sheets.PROPOSALS.name
        officer = officers.get(proposal.officer_id)
        if officer is None:
            if proposal.officer_id not in self.rejected["officer"]:
                self.report(
                    sheet,
                    row,
                    "officer_id",
                    f"officer '{proposal.officer_id}' is not on the Officers sheet"
                    f"{suggest(proposal.officer_id, officers)}; expected an officer_id",
                )
            return False
        target = teams.get(proposal.to_team)
        problem = _proposal_problem(proposal, officer, target, teams, earlier)
        if problem is not None:
            column, message = problem
            self.report(sheet, row, column, message)
        return problem is None


def _proposal_problem(
    proposal: ProposalRow,
    officer: PostingOfficer,
    target: Team | None,
    teams: dict[str, Team],
    earlier: list[ProposalRow],
) -> tuple[str, str] | None:
    """(column, message) for a Proposals row the run cannot honour, else None."""
    o = proposal.officer_id
    if proposal.from_team != officer.team:
        return "from", (
            f"{o} is on {officer.team} on the Officers sheet, not '{proposal.from_team}'; "
            "expected the team the officer is on now (proposals are made from the Officers sheet)"
        )
    if target is None:
        return "to", (
            f"team '{proposal.to_team}' is not on the Teams sheet"
            f"{suggest(proposal.to_team, teams)}; expected a team_id of the Teams sheet"
        )
    if proposal.to_team == proposal.from_team:
        return "to", f"{o} is already on {proposal.to_team}; expected another team"
    approve = proposal.decision == Decision.APPROVE
    if approve and not officer.available:
        return "decision", (
            f"{o} is not available for posting (Officers, available_for_posting); "
            "expected approve only for officers available for posting"
        )
    if approve and officer.rank == Rank.PCSO and target.kind == TeamKind.RESPONSE:
        return "decision", (
            f"{o} is a PCSO and {proposal.to_team} a response team; expected a move of a "
            "PCSO to an SN or other team"
        )
    for other in earlier:
        if other.officer_id != o or other.decision is None or proposal.decision is None:
            continue
        if approve and other.decision == Decision.APPROVE:
            return "decision", (
                f"{o} has another approved move (row {other.row}, to {other.to_team}); "
                "expected at most one approved move per officer"
            )
        if other.to_team == proposal.to_team and other.decision != proposal.decision:
            return "decision", (
                f"the move of {o} to {proposal.to_team} is also "
                f"{other.decision.past} on row {other.row}; expected one decision per move"
            )
    return None
