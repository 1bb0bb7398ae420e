"""The input workbook contract (SPEC section 3): sheets, columns, types and help text.

One description serves three readers: the workbook reader parses cells by it,
the template writer lays out headers, drop-downs and the ReadMe sheet from it,
and the README points here. Change the contract here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from inputs.posting import (
    MAX_PREFIX,
    POSTED_RANKS,
    SKILL_MINIMUM_PREFIX,
    TARGET_PREFIX,
    Decision,
)
from inputs.problem import (
    ABSENCE_CODES,
    FLEX_RANKS,
    WEEKDAY_NAMES,
    AbsenceType,
    Rank,
    ShiftFor,
    ShiftKind,
    TeamKind,
)


class Kind(StrEnum):
    TEXT = "text"
    INT = "whole number"
    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    BOOL = "yes/no"
    CHOICE = "choice"
    LIST = "comma list"
    DAY = "day or date"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()
    example: str = ""

    def expected(self) -> str:
        """The phrase that ends an error message: what a good value looks like."""
        if self.choices:
            return "one of " + ", ".join(self.choices)
        return {
            Kind.TEXT: "some text",
            Kind.INT: "a whole number",
            Kind.NUMBER: "a number",
            Kind.DATE: "a date such as 2026-01-05 or 05/01/2026",
            Kind.TIME: "a time such as 07:00",
            Kind.BOOL: "yes or no",
            Kind.CHOICE: "one of the listed values",
            Kind.LIST: "a comma-separated list",
            Kind.DAY: "Mon..Sun, weekday, weekend, all or a date",
        }[self.kind]


@dataclass(frozen=True)
class Sheet:
    name: str
    help: str
    columns: tuple[Column, ...]
    required: bool = True
    key_value: bool = False

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _choices(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


YES_NO = ("yes", "no")
RANKS = _choices(Rank)
DAY_CHOICES = ("all", "weekday", "weekend", *WEEKDAY_NAMES)

SETTINGS = Sheet(
    "Settings",
    "Two columns, key and value: one row per setting of the roster period.",
    (
        Column(
            "period_start",
            Kind.DATE,
            "First day of the roster period; must be a Monday.",
            True,
            example="2026-01-05",
        ),
        Column("period_days", Kind.INT, "Length of the period in days (default 28).", example="28"),
        Column("borough", Kind.TEXT, "Borough name, shown on the output.", example="Northbridge"),
        Column(
            "time_limit_seconds",
            Kind.NUMBER,
            "Solver time limit; the command line's --time-limit overrides it.",
            example="120",
        ),
        Column("random_seed", Kind.INT, "Solver seed, for repeatable runs.", example="1"),
        Column(
            "notice_date",
            Kind.DATE,
            "Date from which notice of roster changes is counted (default today).",
            example="2026-12-01",
        ),
    ),
    key_value=True,
)

POSTING_OFFICER_COLUMNS = (
    Column(
        "available_for_posting",
        Kind.BOOL,
        "Posting panel: yes if the officer may be moved to another team (default no: stays).",
        choices=YES_NO,
        example="yes",
    ),
    Column(
        "preferences",
        Kind.LIST,
        "Posting panel: team_ids the officer would like, most wanted first.",
        example="R2, R3",
    ),
    Column(
        "team_since",
        Kind.DATE,
        "Posting panel: the date the officer joined their current team (rule min_tenure).",
        example="2025-03-03",
    ),
)

OFFICERS = Sheet(
    "Officers",
    "One row per officer or member of staff to roster.",
    (
        Column(
            "officer_id",
            Kind.TEXT,
            "Unique id, e.g. warrant or payroll number.",
            True,
            example="P1001",
        ),
        Column("name", Kind.TEXT, "Display name.", example="PC Jane Smith"),
        Column(
            "rank",
            Kind.CHOICE,
            "Insp, PS, PC, PCSO or SC (special constable).",
            True,
            RANKS,
            example="PC",
        ),
        Column(
            "team",
            Kind.TEXT,
            "The officer's team: a team_id of the Teams sheet.",
            True,
            example="R1",
        ),
        Column(
            "ward", Kind.TEXT, "Ward, for Safer Neighbourhoods officers only.", example="Riverside"
        ),
        Column(
            "service_start",
            Kind.DATE,
            "Start of service; under 2 years on period_start is a probationer.",
            example="2024-09-02",
        ),
        Column(
            "skills",
            Kind.LIST,
            "Comma list, e.g. response_driver, taser, pol2, tutor.",
            example="response_driver, taser",
        ),
        Column(
            "contract_hours", Kind.NUMBER, "Contracted hours per week (default 40).", example="40"
        ),
        Column(
            "tutor_id",
            Kind.TEXT,
            "For a probationer in tutorship: the tutor's officer_id.",
            example="P0999",
        ),
        Column(
            "max_shifts",
            Kind.LIST,
            "Most tours of a shift over the period, as code=number pairs; 0 = never "
            "(rule max_shifts_per_type).",
            example="N=8, L=10",
        ),
        Column(
            "min_hours",
            Kind.NUMBER,
            "The officer's own least hours over the period, instead of the contract band "
            "(rule contract_hours).",
            example="140",
        ),
        Column(
            "max_hours",
            Kind.NUMBER,
            "The officer's own most hours over the period, instead of the contract band "
            "(rule contract_hours).",
            example="168",
        ),
        Column(
            "max_consecutive_days",
            Kind.INT,
            "The officer's own most working days in a row (rule max_consecutive_days).",
            example="5",
        ),
        Column(
            "min_consecutive_days",
            Kind.INT,
            "The officer's own least working days in a run (rule min_consecutive_days).",
            example="2",
        ),
        Column(
            "min_rest_days",
            Kind.INT,
            "The officer's own least days in a block of rest (rule min_consecutive_rest_days).",
            example="2",
        ),
        Column(
            "max_weekends",
            Kind.INT,
            "The officer's own most weekends worked in the period (rule max_weekends).",
            example="2",
        ),
        *POSTING_OFFICER_COLUMNS,
    ),
)

SKILL_MINIMUM_EXAMPLES = ("response_driver", "taser")
POSTING_TEAM_COLUMNS = (
    *(
        Column(
            f"{TARGET_PREFIX}{rank.value}",
            Kind.INT,
            f"Posting panel: the establishment of {rank.value}s (soft target).",
            example="4",
        )
        for rank in POSTED_RANKS
    ),
    *(
        Column(
            f"{MAX_PREFIX}{rank.value}",
            Kind.INT,
            f"Posting panel: the most {rank.value}s the team may have (hard cap).",
            example="5",
        )
        for rank in POSTED_RANKS
    ),
    *(
        Column(
            f"{SKILL_MINIMUM_PREFIX}{skill}",
            Kind.INT,
            f"Posting panel: the fewest officers with the skill {skill}; add a column "
            f"{SKILL_MINIMUM_PREFIX}<skill> for any other skill of the Officers sheet.",
            example="6",
        )
        for skill in SKILL_MINIMUM_EXAMPLES
    ),
)

TEAMS = Sheet(
    "Teams",
    "One row per team: response teams, Safer Neighbourhoods ward teams and others.",
    (
        Column("team_id", Kind.TEXT, "Unique id of the team.", True, example="R1"),
        Column(
            "kind",
            Kind.CHOICE,
            "response, sn (Safer Neighbourhoods) or other.",
            True,
            _choices(TeamKind),
            example="response",
        ),
        Column(
            "cluster",
            Kind.TEXT,
            "SN teams: the cluster of wards the team belongs to.",
            example="North",
        ),
        Column("ward", Kind.TEXT, "SN teams: the ward the team serves.", example="Riverside"),
        Column(
            "target_strength",
            Kind.INT,
            "Planned number of officers (for the posting panel).",
            example="45",
        ),
        Column(
            "start_variant",
            Kind.TEXT,
            "SN teams: pin the ward's start variant (an SN shift code) for every week; "
            "blank lets the solver choose (rule sn_offset_starts).",
            example="SL",
        ),
        *POSTING_TEAM_COLUMNS,
    ),
)

CLUSTERS = Sheet(
    "Clusters",
    "Safer Neighbourhoods clusters: the window each cluster must be covered in, how many SN "
    "officers must be on duty in every hour of it, and the shares of SN duty hours wanted in "
    "the evening (18:00-23:00) and at weekends. A cluster without a row gets the defaults "
    "(07:00-23:00, the rules' values).",
    (
        Column("cluster", Kind.TEXT, "A cluster named on the Teams sheet.", True, example="North"),
        Column("from", Kind.INT, "First hour of the SN window (default 7).", example="7"),
        Column("to", Kind.INT, "Hour the SN window ends (default 23).", example="23"),
        Column("min", Kind.INT, "SN officers on duty in every hour of the window.", example="1"),
        Column(
            "evening_share",
            Kind.NUMBER,
            "Target share of SN duty hours between 18:00 and 23:00, e.g. 0.3.",
            example="0.3",
        ),
        Column(
            "weekend_share",
            Kind.NUMBER,
            "Target share of SN duty hours on tours starting on Saturday or Sunday.",
            example="0.3",
        ),
    ),
    required=False,
)

SHIFTS = Sheet(
    "Shifts",
    "One row per tour of duty. An end at or before the start passes midnight.",
    (
        Column("code", Kind.TEXT, "Short unique code shown in roster cells.", True, example="E"),
        Column("start", Kind.TIME, "Start time, HH:MM.", True, example="07:00"),
        Column("end", Kind.TIME, "End time, HH:MM; may be on the next day.", True, example="16:00"),
        Column(
            "kind",
            Kind.CHOICE,
            "early, late, night or day.",
            True,
            _choices(ShiftKind),
            example="early",
        ),
        Column(
            "for",
            Kind.CHOICE,
            "Which teams may work it: response, sn, other or all.",
            False,
            _choices(ShiftFor),
            example="response",
        ),
        Column(
            "cannot_follow",
            Kind.LIST,
            "Shift codes that may not be worked on the day after this one (rule min_rest_hours).",
            example="E",
        ),
    ),
)

COVER = Sheet(
    "Cover",
    "Staffing needs. Give a team (a team_id, or response / sn / other for all teams of that "
    "kind) or a cluster; a day; a shift code or from/to hours; the minimum and target.",
    (
        Column(
            "team",
            Kind.TEXT,
            "A team_id, or a team kind (response, sn, other).",
            example="response",
        ),
        Column(
            "cluster", Kind.TEXT, "Instead of team: all SN teams of a cluster.", example="North"
        ),
        Column("day", Kind.DAY, "Mon..Sun, weekday, weekend, all, or a date.", True, example="all"),
        Column(
            "shift", Kind.TEXT, "A shift code; or leave blank and give from/to hours.", example="N"
        ),
        Column(
            "from", Kind.INT, "First clock hour covered (0-23), instead of a shift.", example="7"
        ),
        Column(
            "to",
            Kind.INT,
            "Clock hour the cover ends (1-24; at or before from = next day).",
            example="23",
        ),
        Column("min", Kind.INT, "Minimum officers on duty (hard).", example="2"),
        Column("target", Kind.INT, "Officers wanted on duty (soft).", example="3"),
        Column("rank", Kind.LIST, "Only these ranks count (comma list).", example="PS"),
        Column(
            "skill", Kind.TEXT, "Only officers with this skill count.", example="response_driver"
        ),
        Column(
            "under_weight",
            Kind.INT,
            "Penalty units per officer short of the target (default 1; rule cover_target).",
            example="1",
        ),
        Column(
            "over_weight",
            Kind.INT,
            "Penalty units per officer above the target (default 0: free; rule cover_target).",
            example="0",
        ),
    ),
    required=False,
)

ABSENCES = Sheet(
    "Absences",
    "Leave, training, court, sickness and aid: never rostered, never broken.",
    (
        Column("officer_id", Kind.TEXT, "The absent officer.", True, example="P1001"),
        Column("from", Kind.DATE, "First day of the absence.", True, example="2026-01-12"),
        Column("to", Kind.DATE, "Last day of the absence (inclusive).", True, example="2026-01-16"),
        Column(
            "type",
            Kind.CHOICE,
            "annual_leave (AL), training (TR), court (CT), sick (SK), aid (AID), other (OT), "
            "day_off (DO: a fixed rest day, no hours credited).",
            True,
            _choices(AbsenceType),
            example="annual_leave",
        ),
    ),
    required=False,
)

REQUESTS = Sheet(
    "Requests",
    "Officers' wishes: a shift (or OFF) on a date, wanted or not, with a weight.",
    (
        Column("officer_id", Kind.TEXT, "Who asks.", True, example="P1001"),
        Column("date", Kind.DATE, "The date asked about.", True, example="2026-01-14"),
        Column("shift", Kind.TEXT, "A shift code, or OFF for a day off.", True, example="OFF"),
        Column(
            "want",
            Kind.BOOL,
            "yes: wants it; no: wants to avoid it (default yes).",
            choices=YES_NO,
            example="yes",
        ),
        Column("weight", Kind.INT, "How much it matters, 1 or more (default 1).", example="1"),
    ),
    required=False,
)

RULES = Sheet(
    "Rules",
    "How each rule of the catalogue applies; a missing row means the rule's default.",
    (
        Column(
            "rule", Kind.TEXT, "The rule's name from the catalogue.", True, example="min_rest_hours"
        ),
        Column("enabled", Kind.BOOL, "yes or no (default yes).", choices=YES_NO, example="yes"),
        Column(
            "hard",
            Kind.BOOL,
            "yes: must hold; no: penalised by weight.",
            choices=YES_NO,
            example="yes",
        ),
        Column("weight", Kind.INT, "Penalty per unit of violation when soft.", example="10"),
        Column("value", Kind.NUMBER, "The rule's parameter (hours, days, share...).", example="11"),
    ),
    required=False,
)

HISTORY_ID_COLUMNS = ("officer_id", "name", "rank", "team", "ward")
HISTORY = Sheet(
    "History",
    "The last 14 days before the period, laid out like the output Roster sheet: "
    "officer_id, name, rank, team, ward, then one column per date holding a shift code, "
    "RD for a rest day, or an absence code ("
    + ", ".join(ABSENCE_CODES.values())
    + "). Rest and consecutive-day rules hold across the period start.",
    (Column("officer_id", Kind.TEXT, "The officer.", True, example="P1001"),),
    required=False,
)

PUBLISHED_ID_COLUMNS = HISTORY_ID_COLUMNS
PUBLISHED = Sheet(
    "Published",
    "For re-rostering: the roster already published for this period, laid out like the "
    "output Roster sheet (paste it from the published roster workbook): officer_id, name, "
    "rank, team, ward, then one column per date of the period holding a shift code "
    "(several joined with +), RD for a rest day, or an absence code; a blank cell means "
    "nothing was published that day. The solve then keeps as much of it as it can "
    "(rule stability) and costs each published rest day it moves by the notice given "
    "from notice_date (rule rest_day_notice). Leave it empty for a first roster.",
    (Column("officer_id", Kind.TEXT, "The officer.", True, example="P1001"),),
    required=False,
)

POSTING_RULES = Sheet(
    "PostingRules",
    "How each rule of the posting panel (roster post) applies, laid out like the Rules sheet; "
    "a missing row means the rule's default.",
    RULES.columns,
    required=False,
)

PROPOSALS = Sheet(
    "Proposals",
    "Written by roster post: one row per proposed move. The panel fills in decision; run "
    "roster post again with this sheet (in the input, or with --decisions) and approved moves "
    "are kept, rejected ones never proposed again.",
    (
        Column("officer_id", Kind.TEXT, "The officer to move.", True, example="P1001"),
        Column("name", Kind.TEXT, "The officer's name.", example="PC Jane Smith"),
        Column("rank", Kind.TEXT, "The officer's rank.", example="PC"),
        Column("from", Kind.TEXT, "The team the officer is on now.", True, example="R1"),
        Column("to", Kind.TEXT, "The team proposed.", True, example="R3"),
        Column("reasons", Kind.TEXT, "Which rules the move serves, with the figures."),
        Column("costs", Kind.TEXT, "What the move costs (tenure, preferences)."),
        Column("change", Kind.TEXT, "What changed since the previous proposal."),
        Column(
            "decision",
            Kind.CHOICE,
            "The panel's decision: approve or reject (blank: not decided).",
            choices=tuple(d.value for d in Decision),
            example="approve",
        ),
    ),
    required=False,
)

FLEX_REQUESTS = Sheet(
    "FlexRequests",
    "For the flex plan (roster flex): requests to deploy Safer Neighbourhoods officers from "
    "other wards to a ward with a problem beyond its own team (problem-solving plan, form "
    "302). One row per shift and rank a request needs; a request may span several rows, "
    "which share its request_id and receiving ward. A request runs from its earliest from to "
    "its latest to, at most 28 days (rule max_flex_days); it is reviewed 2 weeks in.",
    (
        Column(
            "request_id", Kind.TEXT, "The request, e.g. the form 302 number.", True, example="F1"
        ),
        Column(
            "ward",
            Kind.TEXT,
            "The receiving ward: a ward of the Teams sheet.",
            True,
            example="Riverside",
        ),
        Column(
            "problem",
            Kind.TEXT,
            "The crime or ASB problem, in a few words.",
            example="ASB at the station",
        ),
        Column(
            "from",
            Kind.DATE,
            "First day of this row's need, in the period.",
            True,
            example="2026-01-12",
        ),
        Column(
            "to", Kind.DATE, "Last day of this row's need (inclusive).", True, example="2026-01-25"
        ),
        Column("shift", Kind.TEXT, "The SN shift code officers are needed on.", True, example="SL"),
        Column(
            "rank",
            Kind.CHOICE,
            "PC or PCSO.",
            True,
            tuple(r.value for r in FLEX_RANKS),
            example="PC",
        ),
        Column("officers", Kind.INT, "Officers needed on that shift each day.", True, example="2"),
        Column(
            "donor_wards",
            Kind.LIST,
            "Wards approved to give officers (comma list); blank: any other ward.",
            example="Abbey, Highbury",
        ),
        Column(
            "authorised_by",
            Kind.TEXT,
            "The superintendent who authorised the request; on at least one of its rows.",
            example="Supt A Khan",
        ),
    ),
    required=False,
)

GRID_SHEETS: tuple[Sheet, ...] = (HISTORY, PUBLISHED)
"""Sheets in the Roster layout (id columns, then one column per date), read with read_grid."""

ALL_SHEETS: tuple[Sheet, ...] = (
    SETTINGS, OFFICERS, TEAMS, CLUSTERS, SHIFTS, COVER, ABSENCES, REQUESTS, RULES, HISTORY,
    PUBLISHED, POSTING_RULES, FLEX_REQUESTS,
)  # fmt: skip
