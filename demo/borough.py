"""A seedable generator of realistic London boroughs, for demos, benchmarks and tests.

`generate_borough(officers, seed)` returns the validated `ProblemData` of one
borough: five response teams on a team rota of earlies, lates and nights;
Safer Neighbourhoods (SN) ward teams (1 PS, PCs, PCSOs) grouped in clusters,
working offset start variants; a few day-shift teams (Grip and Pace centre,
proactive, case progression); part-timers, special constables, probationers
with tutors; leave, training, court, sickness and aid; requests; the last 14
days of History; Cover rows; the catalogue's default rules. The same seed
always gives the same borough (`random.Random(seed)`, never the global one).

Feasibility is built in, not hoped for. The generator first lays down a
*reference roster* that keeps every hard rule of the catalogue (response
teams follow a fixed 5-week rota, SN officers a weekly pattern with two rest
days in a row, day teams Monday to Friday, part-timers a share of their
team's tours), continues it backwards into History, accepts an absence only
when the reference roster still meets every Cover minimum with a margin and
every officer's contract band, and sizes the Cover minima from the same
structure. `build_borough` returns that roster with the problem, so tests can
check it with the independent checkers without running the solver.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from constraints import contract_hours
from constraints.days import DUTY_ABSENCES
from constraints.registry import catalogue
from inputs.problem import (
    REST_CODE,
    TOUR_SEPARATOR,
    Absence,
    AbsenceType,
    CoverRow,
    HistoryRow,
    Officer,
    ProblemData,
    PublishedRow,
    Rank,
    Request,
    RuleSetting,
    Settings,
    Shift,
    Team,
    TeamKind,
)
from inputs.reader import default_rules
from inputs.roster import Roster

DEFAULT_START = date(2027, 1, 4)
"""A fixed Monday, so that examples and benchmarks are reproducible."""
HISTORY_DAYS = 14
PROBATION_DAYS = 730
EXPERIENCED_DAYS = 5 * 366

RESPONSE_TEAMS = 5
ROTA = ("LNNNRRR", "REEENNR", "RRRLLNN", "NRRREEE", "ELLRRLL")
"""The 5-week response rota, one Mon-Sun week per line; team k works line (week + k) mod 5.

Every day the five lines hold an early, a late and a night (two nights on
Saturday); each line has at least two rest days; tours only rotate forward
(E -> L -> N), so 11 hours' rest always holds; the longest run of tours is 6
and rest comes in blocks of 2 or more, also across the line ends. A line
works 4 or 5 tours, 22 in 5 weeks, so any 28 days hold 17-18 tours (153-162
hours of 9-hour tours for a 40-hour contract, band 144-176) and any 14 days
8-9 tours (band 72-88 hours).
"""

RESPONSE_SHIFTS = (
    Shift(row=2, code="E", start=time(7), end=time(16), kind="early", for_="response"),
    Shift(row=3, code="L", start=time(14), end=time(23), kind="late", for_="response"),
    Shift(row=4, code="N", start=time(22), end=time(7), kind="night", for_="response"),
)
SN_SHIFTS = (
    Shift(row=5, code="SE", start=time(7), end=time(15), kind="early", for_="sn"),
    Shift(row=6, code="SM", start=time(10), end=time(18), kind="day", for_="sn"),
    Shift(row=7, code="SL", start=time(15), end=time(23), kind="late", for_="sn"),
)
OTHER_SHIFTS = (Shift(row=8, code="D", start=time(8), end=time(16), kind="day", for_="other"),)

SN_WINDOW = (7, 23)
WARD_VARIANT_CYCLE = ("SE", "SL", "SM", "SL")
"""Start variants of a cluster's wards in turn: even two wards cover 07:00 to 23:00."""
REST_PAIR_ORDER = (0, 3, 1, 4, 2, 6, 5)
"""Start weekday of an SN officer's two rest days; weekend pairs come last (SN works weekends)."""

PART_TIME_SHARE = 0.08
PART_TIME_HOURS = (16, 20, 24, 30, 32)
SPECIAL_HOURS = (4.5, 9, 12, 16)
PROBATIONER_SHARE = 0.22
DRIVER_SHARE = 0.4

BOROUGHS = (
    "Northbridge", "Kingsmere", "Ravensbury", "Ashcombe", "Brackenfield", "Elmstead",
    "Wexham Vale", "Hollowmead", "Thamesford", "Colebrook", "Marlow Heath", "Stourton",
)  # fmt: skip
WARDS = (
    "Abbey", "Alexandra Park", "Bedford Park", "Belsize", "Bowes", "Brunswick", "Camden Square",
    "Canonbury", "Chalk Farm", "Church End", "Clock Tower", "Coldharbour", "Coppetts",
    "Crouch End", "Dollis Hill", "East Acton", "Fairfield", "Fortune Green", "Gipsy Hill",
    "Grove Park", "Hampstead Town", "Herne Hill", "Highbury", "Hillrise", "Holloway",
    "Junction", "Kentish Town", "Kilburn", "Ladywell", "Larkhall", "Lee Green", "Maida Vale",
    "Mildmay", "Mill Hill", "Nunhead", "Oval", "Peckham Rye", "Queens Park", "Regents Park",
    "Riverside", "Rotherhithe", "Royal Docks", "Shadwell", "Spitalfields", "Stockwell",
    "Stroud Green", "Thornton", "Tollington", "Town Centre", "Tufnell Park", "Tulse Hill",
    "Vassall", "Village", "West End", "Whitechapel", "Woodside", "Brixton Hill", "Clapham Common",
    "Streatham Wells", "St Pancras", "Somers Town", "Bloomsbury", "Hornsey", "Harringay",
    "Seven Sisters", "Bounds Green", "Noel Park", "Bruce Grove", "Northumberland Park",
    "White Hart Lane", "Woodberry Down", "Stamford Hill", "Clissold", "Dalston", "De Beauvoir",
    "Haggerston", "Hoxton", "Lordship", "Cazenove", "Springfield", "Victoria", "Homerton",
)  # fmt: skip
CLUSTERS = (
    "North", "South", "East", "West", "Central", "Riverside", "Heath", "Parkside", "Docklands",
    "Hill", "Valley", "Green", "Market", "Canal", "Common",
)  # fmt: skip
FIRST_NAMES = (
    "Aisha", "Alex", "Amir", "Amy", "Ben", "Carlos", "Chloe", "Chris", "Daniel", "David",
    "Dean", "Ella", "Emma", "Fatima", "Grace", "Hannah", "Harry", "Imran", "Jack", "James",
    "Jas", "Jo", "Kate", "Kofi", "Laura", "Leon", "Liam", "Lucy", "Maria", "Mark", "Mehmet",
    "Mia", "Mo", "Nadia", "Natalie", "Nick", "Olu", "Priya", "Raj", "Rebecca", "Ryan", "Sam",
    "Sara", "Sean", "Sophie", "Tom", "Tariq", "Una", "Wei", "Zoe",
)  # fmt: skip
SURNAMES = (
    "Adeyemi", "Ahmed", "Ali", "Bailey", "Bennett", "Brown", "Campbell", "Chen", "Clarke",
    "Cohen", "Davies", "Evans", "Fernandes", "Fletcher", "Green", "Hall", "Hughes", "Hussain",
    "Islam", "Jackson", "James", "Johnson", "Kaur", "Khan", "King", "Kowalski", "Lewis",
    "Martin", "Mensah", "Morris", "Murphy", "Nowak", "O'Brien", "Okafor", "Osei", "Patel",
    "Phillips", "Price", "Roberts", "Robinson", "Santos", "Shah", "Singh", "Smith", "Taylor",
    "Thomas", "Turner", "Walker", "White", "Williams", "Wilson", "Wright", "Yilmaz", "Young",
)  # fmt: skip


@dataclass(frozen=True)
class Borough:
    """A generated borough and the reference roster that proves it feasible."""

    problem: ProblemData
    reference: Roster
    """Keeps every hard rule of the catalogue's defaults; the solver should do better."""


def generate_borough(
    officers: int = 600,
    seed: int = 0,
    period_start: date | None = None,
    period_days: int = 28,
) -> ProblemData:
    """A realistic borough of about `officers` officers and staff, the same for the same seed.

    `period_start` must be a Monday (default Monday 4 Jan 2027); `period_days`
    is the roster period, normally 28 (14 suits quick tests).
    """
    return build_borough(officers, seed, period_start, period_days).problem


def build_borough(
    officers: int = 600,
    seed: int = 0,
    period_start: date | None = None,
    period_days: int = 28,
    wards: int | None = None,
) -> Borough:
    """The borough of `generate_borough` together with its reference roster; `wards` fixes
    the number of SN ward teams (default: about one per 28 officers)."""
    start = period_start or DEFAULT_START
    if start.weekday() != 0:
        raise ValueError(f"period_start {start:%Y-%m-%d} is a {start:%A}; expected a Monday")
    if officers < 40:
        raise ValueError(f"{officers} officers is too few for five response teams; expected 40+")
    if not 14 <= period_days <= 56:
        # A single week cannot hold the rota: its 5-tour weeks are 45 hours, over 44 (40 + 10%).
        raise ValueError(f"period_days {period_days} is out of range; expected 14 to 56")
    return _Generator(officers, random.Random(seed), seed, start, period_days, wards).build()


REROSTER_NOTICE_DAYS = 5
"""The re-roster month: sickness is reported this many days before it starts."""
REROSTER_SICK_DAYS = 7


def republish(borough: Borough, sick: int = 6) -> ProblemData:
    """The same month at re-rostering: the reference roster is `Published`, then `sick`
    officers report a week's sickness starting on the period's first day.

    Notice counts from `REROSTER_NOTICE_DAYS` before the period, so every rest day moved
    to cover the sickness costs compensation and each change shows on the Changes sheet.
    The sick are spread over response sergeants, response constables and SN officers, and
    none is already absent that week, so the new absences never overlap old ones.
    """
    problem = borough.problem
    first, last = problem.days[0], problem.days[min(REROSTER_SICK_DAYS, problem.num_days) - 1]
    free = [
        o
        for o in problem.officers
        if o.rank in (Rank.PS, Rank.PC)
        and not any(problem.absence_on(o.officer_id, d) for d in range(REROSTER_SICK_DAYS))
    ]
    groups = [
        [o for o in free if o.rank == Rank.PS and _kind(problem, o) == TeamKind.RESPONSE],
        [o for o in free if o.rank == Rank.PC and _kind(problem, o) == TeamKind.RESPONSE],
        [o for o in free if _kind(problem, o) == TeamKind.SN],
    ]
    chosen: list[Officer] = []
    while len(chosen) < sick and any(groups):
        for group in groups:
            # Every other team, so that no single team loses everyone at once.
            taken = {c.team for c in chosen}
            pick = next((o for o in group if o.team not in taken), None)
            if pick is not None and len(chosen) < sick:
                chosen.append(pick)
                group.remove(pick)
    rows = len(problem.absences) + 2
    new_sickness = tuple(
        Absence(row=rows + i, officer_id=o.officer_id, start=first, end=last, type=AbsenceType.SICK)
        for i, o in enumerate(chosen)
    )
    published = tuple(
        PublishedRow(
            row=i + 2,
            officer_id=o.officer_id,
            codes={
                problem.days[d]: _published_cell(problem, borough.reference, o.officer_id, d)
                for d in range(problem.num_days)
            },
        )
        for i, o in enumerate(problem.officers)
    )
    fields = {name: getattr(problem, name) for name in ProblemData.model_fields}
    fields |= {
        "settings": problem.settings.model_copy(
            update={"notice_date": first - timedelta(days=REROSTER_NOTICE_DAYS)}
        ),
        "absences": (*problem.absences, *new_sickness),
        "published": published,
    }
    return ProblemData(**fields)  # built afresh: a model_copy would keep cached lookups


def _kind(problem: ProblemData, officer: Officer) -> TeamKind:
    return problem.team_by_id[officer.team].kind


def _published_cell(problem: ProblemData, roster: Roster, officer_id: str, day: int) -> str:
    """As the Roster sheet shows a day: the tours, else the absence code, else RD."""
    tours = roster.on(officer_id, day)
    if tours:
        return TOUR_SEPARATOR.join(tours)
    absence = problem.absence_on(officer_id, day)
    return absence.type.code if absence is not None else REST_CODE


# ---------------------------------------------------------------------------------------------
# Internals
# ---------------------------------------------------------------------------------------------


@dataclass
class _Person:
    officer_id: str
    name: str
    rank: Rank
    team: str
    kind: TeamKind
    service_days: int
    skills: set[str] = field(default_factory=set)
    contract: float = 40.0
    tutor_id: str | None = None
    ward: str | None = None
    cluster: str | None = None
    variant: str | None = None
    """SN: the start variant (SE, SM, SL) of the reference roster."""
    rest_start: int = 0
    """SN: weekday of the first of the two rest days of the reference roster."""

    @property
    def full_time(self) -> bool:
        return self.contract >= 40

    @property
    def probationer(self) -> bool:
        return self.service_days < PROBATION_DAYS

    @property
    def experienced(self) -> bool:
        return self.service_days >= EXPERIENCED_DAYS


@dataclass
class _TeamPlan:
    team_id: str
    kind: TeamKind
    members: list[_Person] = field(default_factory=list)
    cluster: str | None = None
    ward: str | None = None
    rota_line: int = 0
    label: str = ""


class _Generator:
    def __init__(
        self,
        size: int,
        rng: random.Random,
        seed: int,
        start: date,
        days: int,
        wards: int | None = None,
    ) -> None:
        self.size, self.rng, self.seed, self.start, self.days = size, rng, seed, start, days
        self.rules: dict[str, RuleSetting] = default_rules(catalogue())
        self.share = self.rules["contract_hours"].value or 0.10
        self.teams: list[_TeamPlan] = []
        self.people: list[_Person] = []
        self.ids = iter(rng.sample(range(100000, 999999), size * 2))
        self.absent: dict[str, dict[int, AbsenceType]] = {}
        self.absences: list[tuple[str, int, int, AbsenceType]] = []
        self.wards: int | None = wards
        self.shift_minutes = {
            s.code: s.duration_minutes for s in RESPONSE_SHIFTS + SN_SHIFTS + OTHER_SHIFTS
        }

    # ---- the whole borough -----------------------------------------------------------------
    def build(self) -> Borough:
        self._response_teams()
        self._sn_teams()
        self._other_teams()
        self._part_timers()
        self._sn_variants()
        self._minima()
        self._leave_and_duties()
        plan = {p.officer_id: self._plan(p) for p in self.people}
        officers = self._officers()
        problem = ProblemData(
            settings=Settings(
                period_start=self.start,
                period_days=self.days,
                borough=self.rng.choice(BOROUGHS),
                time_limit_seconds=60,
                random_seed=self.seed,
                notice_date=self.start - timedelta(days=28),
            ),
            officers=officers,
            teams=self._teams(),
            shifts=RESPONSE_SHIFTS + SN_SHIFTS + (OTHER_SHIFTS if self._has_other else ()),
            cover=self._cover(),
            absences=self._absence_rows(),
            requests=self._requests(plan),
            rules=dict(self.rules),
            history=self._history(officers, plan),
        )
        period = range(self.days)
        reference = Roster(
            {o: tuple(_cell(codes[d]) for d in period) for o, codes in plan.items()},
            {
                t.team_id: tuple(self._team_tour(t, d) for d in period)
                for t in self.teams
                if t.kind == TeamKind.RESPONSE
            },
        )
        return Borough(problem, reference)

    # ---- people and teams --------------------------------------------------------------------
    def _sn_budget(self) -> tuple[int, bool]:
        """Number of wards, and whether ward teams are the small kind (small boroughs)."""
        if self.wards is None:
            self.wards = max(4, round(self.size / 28) + self.rng.choice((-1, 0, 0, 1)))
        return self.wards, self.size < 200

    @property
    def _has_other(self) -> bool:
        return any(t.kind == TeamKind.OTHER for t in self.teams)

    def _person(
        self,
        rank: Rank,
        team: _TeamPlan,
        service_days: int,
        skills: Iterable[str] = (),
        contract: float = 40.0,
    ) -> _Person:
        prefix = "S" if rank == Rank.PCSO else "P"
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
        person = _Person(
            officer_id=f"{prefix}{next(self.ids)}",
            name=name,
            rank=rank,
            team=team.team_id,
            kind=team.kind,
            service_days=service_days,
            skills=set(skills),
            contract=contract,
            ward=team.ward,
            cluster=team.cluster,
        )
        team.members.append(person)
        self.people.append(person)
        return person

    def _service(self, low_years: float, high_years: float) -> int:
        return self.rng.randint(round(low_years * 365.25) + 2, round(high_years * 365.25))

    def _response_teams(self) -> None:
        wards, small = self._sn_budget()
        sn_size = wards * (5 if small else 7.5)
        other = round(0.2 * self.size) if self.size >= 150 else 0
        total = max(RESPONSE_TEAMS * 5, self.size - round(sn_size) - other)
        lines = list(range(RESPONSE_TEAMS))
        self.rng.shuffle(lines)
        for k in range(RESPONSE_TEAMS):
            size = total // RESPONSE_TEAMS + (k < total % RESPONSE_TEAMS)
            team = _TeamPlan(f"R{k + 1}", TeamKind.RESPONSE, rota_line=lines[k])
            team.label = f"Response Team {k + 1}"
            self.teams.append(team)
            self._response_members(team, size)

    def _response_members(self, team: _TeamPlan, size: int) -> None:
        rng = self.rng
        insp = 1 if size >= 15 else 0
        sergeants = max(2, round(size / 11))
        specials = round(size * 0.05)
        pcs = size - insp - sergeants - specials
        # Small teams: one probationer per five constables keeps every tour within 25%.
        probationers = round(PROBATIONER_SHARE * pcs) if pcs >= 10 else pcs // 5
        tutees = probationers // 2
        if insp:
            self._person(Rank.INSP, team, self._service(10, 25), skills={"taser"})
        for _ in range(sergeants):
            skills = {s for s in ("response_driver", "taser", "pol2") if rng.random() < 0.5}
            self._person(Rank.PS, team, self._service(6, 22), skills=skills)
        constables = []
        for i in range(pcs):
            if i < tutees:
                service = rng.randint(60, 330)
            elif i < probationers:
                service = rng.randint(400, PROBATION_DAYS - 30)
            elif rng.random() < 0.25:
                service = self._service(2.1, 4.9)
            else:
                service = self._service(5.1, 25)
            constables.append(self._person(Rank.PC, team, service))
        seasoned = [p for p in constables if p.experienced]
        rng.shuffle(seasoned)
        tutors = seasoned[: tutees + 1]
        for tutee, tutor in zip(constables[:tutees], tutors, strict=False):
            tutee.tutor_id = tutor.officer_id
        for tutor in tutors:
            tutor.skills.add("tutor")
        qualified = [p for p in constables if not p.probationer]
        qualified.sort(key=lambda p: -p.service_days)
        drivers = round(DRIVER_SHARE * pcs)
        for i, person in enumerate(qualified):
            if i < drivers:
                person.skills.add("response_driver")
            if rng.random() < 0.4:
                person.skills.add("taser")
            if rng.random() < 0.25:
                person.skills.add("pol2")
        for _ in range(specials):
            contract = self._fitting_hours(SPECIAL_HOURS, self.shift_minutes["E"])
            service = rng.randint(90, 650) if rng.random() < 0.4 else self._service(2.1, 9)
            self._person(Rank.SC, team, service, contract=contract)

    def _sn_teams(self) -> None:
        rng = self.rng
        wards, small = self._sn_budget()
        clusters = max(2, round(wards / 4.2))
        names = rng.sample(WARDS, min(wards, len(WARDS)))
        names += [f"Ward {i + 1}" for i in range(len(names), wards)]
        cluster_names = [
            CLUSTERS[i] if i < len(CLUSTERS) else f"Cluster {i + 1}" for i in range(clusters)
        ]
        for i, ward in enumerate(names):
            cluster = cluster_names[i * clusters // wards]
            team = _TeamPlan(f"SN {ward}", TeamKind.SN, cluster=cluster, ward=ward)
            team.label = f"{ward} Safer Neighbourhoods team"
            self.teams.append(team)
            self._person(Rank.PS, team, self._service(5.1, 20), skills={"pol2"})
            for _ in range(rng.randint(1, 2) if small else rng.randint(2, 3)):
                skills = {s for s in ("response_driver", "pol2", "taser") if rng.random() < 0.3}
                self._person(Rank.PC, team, self._service(2.1, 20), skills=skills)
            for _ in range(rng.randint(2, 3) if small else rng.randint(3, 5)):
                self._person(Rank.PCSO, team, self._service(0.5, 15))

    def _other_teams(self) -> None:
        total = round(0.2 * self.size) if self.size >= 150 else 0
        if not total:
            return
        kinds = (
            ("GAP", "Grip and Pace centre", 0.45, ()),
            ("PRO", "Proactive team", 0.35, ("response_driver", "taser", "pol2")),
            ("CPU", "Case progression unit", 0.20, ()),
        )
        for team_id, label, share, special in kinds:
            size = max(4, round(total * share))
            team = _TeamPlan(team_id, TeamKind.OTHER)
            team.label = label
            self.teams.append(team)
            if size >= 30:
                self._person(Rank.INSP, team, self._service(10, 25))
            for _ in range(max(1, round(size / 9))):
                self._person(Rank.PS, team, self._service(5.1, 22))
            while len(team.members) < size:
                skills = {s for s in special if self.rng.random() < 0.6}
                self._person(Rank.PC, team, self._service(2.1, 25), skills=skills)

    def _part_timers(self) -> None:
        """About 8% of response and SN officers (not probationers, tutors or supervisors)."""
        regular = [
            p
            for p in self.people
            if p.kind != TeamKind.OTHER and p.rank != Rank.SC and p.rank != Rank.INSP
        ]
        pool = [
            p
            for p in regular
            if p.rank in (Rank.PC, Rank.PCSO) and not p.probationer and "tutor" not in p.skills
        ]
        for person in self.rng.sample(pool, min(len(pool), round(PART_TIME_SHARE * len(regular)))):
            if person.kind == TeamKind.RESPONSE and not self._may_go_part_time(person):
                continue
            minutes = self.shift_minutes["E" if person.kind == TeamKind.RESPONSE else "SE"]
            person.contract = self._fitting_hours(PART_TIME_HOURS, minutes)

    def _may_go_part_time(self, person: _Person) -> bool:
        """Not when the team's probationers would exceed 25% of its full-time constables:
        the reference roster has every full-timer on the team's tour, part-timers on fewer."""
        team = self._team(person.team)
        full = [p for p in team.members if p.rank == Rank.PC and p.full_time and p is not person]
        return sum(p.probationer for p in full) <= 0.25 * len(full)

    def _fitting_hours(self, options: Iterable[float], tour_minutes: int) -> float:
        """A weekly contract from `options` whose band over the period some number of tours hits."""
        fitting = [h for h in options if self._tour_range(h, tour_minutes, {})[0] >= 0]
        if fitting:
            return self.rng.choice(fitting)
        tours = max(1, round(self.days / 7))
        return tours * tour_minutes / 60 * 7 / self.days

    def _sn_variants(self) -> None:
        """One start variant per ward team (rule sn_offset_starts), offset across each cluster
        so that every hour of its window is covered; rest days staggered within each ward."""
        by_cluster: dict[str, list[str]] = {}
        for team in self.teams:
            if team.kind == TeamKind.SN and team.cluster:
                by_cluster.setdefault(team.cluster, []).append(team.team_id)
        for wards in by_cluster.values():
            for j, ward in enumerate(wards):
                variant = WARD_VARIANT_CYCLE[j % len(WARD_VARIANT_CYCLE)]
                members = [p for p in self.people if p.team == ward]
                full = [p for p in members if p.full_time]
                for i, person in enumerate(full + [p for p in members if not p.full_time]):
                    person.variant = variant
                    person.rest_start = REST_PAIR_ORDER[i % len(REST_PAIR_ORDER)]

    # ---- the reference roster ----------------------------------------------------------------
    def _team_tour(self, team: _TeamPlan, day: int) -> str | None:
        line = ROTA[(day // 7 + team.rota_line) % RESPONSE_TEAMS]
        code = line[day % 7]
        return None if code == "R" else code

    def _base(self, person: _Person, day: int) -> str | None:
        """The tour of the officer's cyclic pattern on a day (negative days = History)."""
        if person.kind == TeamKind.RESPONSE:
            return self._team_tour(self._team(person.team), day)
        if person.kind == TeamKind.SN:
            off = {person.rest_start, (person.rest_start + 1) % 7}
            return None if day % 7 in off else person.variant
        return None if day % 7 >= 5 else "D"

    def _team(self, team_id: str) -> _TeamPlan:
        return next(t for t in self.teams if t.team_id == team_id)

    def _band(self, contract: float, absent: Mapping[int, AbsenceType]) -> contract_hours.Band:
        """The band in minutes as the contract_hours rule itself computes it, absences included."""
        officer = Officer(officer_id="probe", rank=Rank.PC, team="probe", contract_hours=contract)
        dates = {d: self.start + timedelta(days=d) for d in absent}
        probe = ProblemData(
            settings=Settings(period_start=self.start, period_days=self.days),
            officers=(officer,),
            teams=(Team(team_id="probe", kind=TeamKind.OTHER),),
            shifts=(),
            absences=tuple(
                Absence(officer_id="probe", start=dates[d], end=dates[d], type=kind)
                for d, kind in sorted(absent.items())
            ),
        )
        return contract_hours.band(probe, officer, self.share)

    def _tour_range(
        self, contract: float, tour_minutes: int, absent: Mapping[int, AbsenceType]
    ) -> tuple[int, int]:
        """Fewest and most tours that keep the officer in band; (-1, -1) when none does."""
        limits = self._band(contract, absent)
        fewest = max(0, math.ceil((limits.low - limits.credit) / tour_minutes))
        most = (limits.high - limits.credit) // tour_minutes
        return (fewest, most) if fewest <= most else (-1, -1)

    def _available(self, person: _Person) -> list[int]:
        absent = self.absent.get(person.officer_id, {})
        return [d for d in range(self.days) if d not in absent and self._base(person, d)]

    def _in_band(self, person: _Person) -> bool:
        available = self._available(person)
        absent = self.absent.get(person.officer_id, {})
        if not available:
            return self._tour_range(person.contract, 1, absent)[0] == 0
        minutes = self.shift_minutes[self._base(person, available[0]) or "D"]
        fewest, most = self._tour_range(person.contract, minutes, absent)
        if fewest < 0:
            return False
        if person.full_time:
            return fewest <= len(available) <= most
        return fewest <= len(available)

    def _plan(self, person: _Person) -> dict[int, str | None]:
        """The reference roster of one officer, History days included (day < 0)."""
        absent = self.absent.get(person.officer_id, {})
        codes: dict[int, str | None] = {}
        if person.full_time:
            for d in range(-HISTORY_DAYS, self.days):
                codes[d] = None if d in absent else self._base(person, d)
            return codes
        available = self._available(person)
        minutes = self.shift_minutes[self._base(person, available[0]) or "D"] if available else 60
        fewest, most = self._tour_range(person.contract, minutes, absent)
        limits = self._band(person.contract, absent)
        wanted = round(((limits.low + limits.high) / 2 - limits.credit) / minutes)
        tours = min(len(available), max(fewest, min(most, wanted)))
        chosen = {available[(2 * i + 1) * len(available) // (2 * tours)] for i in range(tours)}
        ratio = tours / max(1, len(available))
        worked = 0.0
        for d in range(-HISTORY_DAYS, 0):
            code = self._base(person, d)
            if code is not None:
                worked += ratio
                codes[d] = code if worked >= 1 else None
                worked -= 1 if worked >= 1 else 0
            else:
                codes[d] = None
        for d in range(self.days):
            codes[d] = self._base(person, d) if d in chosen else None
        return codes

    # ---- Cover minima ------------------------------------------------------------------------
    def _minima(self) -> None:
        response = [t for t in self.teams if t.kind == TeamKind.RESPONSE]
        full = [[p for p in t.members if p.full_time and p.rank != Rank.SC] for t in response]
        self.response_min = max(1, math.floor(0.65 * min(len(f) for f in full)))
        drivers = min(sum("response_driver" in p.skills for p in f) for f in full)
        self.driver_min = 2 if drivers >= 4 else (1 if drivers >= 2 else 0)
        sergeants = min(sum(p.rank == Rank.PS for p in t.members) for t in response)
        self.ps_target = 2 if sergeants >= 4 else None
        self.other_min = {
            t.team_id: max(1, math.floor(0.6 * sum(p.full_time for p in t.members)))
            for t in self.teams
            if t.kind == TeamKind.OTHER
        }

    # ---- absences ----------------------------------------------------------------------------
    def _leave_and_duties(self) -> None:
        rng = self.rng
        tutees = {p.tutor_id: p for p in self.people if p.tutor_id}
        leave_pool = [p for p in self.people if p.rank != Rank.SC and not p.tutor_id]
        rng.shuffle(leave_pool)
        for person in leave_pool[: round(0.18 * len(leave_pool) * self.days / 28)]:
            group = [person]
            if person.officer_id in tutees:
                group.append(tutees[person.officer_id])
            for _ in range(4):
                length = rng.choice((3, 4, 4, 5, 5, 7, 7, 9, 10))
                length = min(length, max(1, self.days - 3))
                first = rng.randint(0, self.days - length)
                if self._try_absence(group, first, first + length - 1, AbsenceType.ANNUAL_LEAVE):
                    break
        single = [
            p
            for p in self.people
            if p.rank != Rank.SC and not p.tutor_id and p.officer_id not in tutees
        ]
        weekdays = [d for d in range(self.days) if d % 7 < 5]
        duties = (
            (AbsenceType.TRAINING, 0.05, (1, 1, 2, 3)),
            (AbsenceType.COURT, 0.025, (1,)),
            (AbsenceType.SICK, 0.015, (1, 2, 3, 5)),
        )
        for kind, share, lengths in duties:
            for person in rng.sample(single, round(share * len(single) * self.days / 28)):
                length = rng.choice(lengths)
                on_duty = [d for d in weekdays if self._base(person, d)]
                first = rng.choice(on_duty or weekdays)
                last = first + length - 1
                if kind != AbsenceType.SICK:
                    last = min(last, first + (4 - first % 7))
                self._try_absence([person], first, min(last, self.days - 1), kind)
        saturdays = [d for d in range(self.days) if d % 7 == 5]
        public_order = [p for p in single if "pol2" in p.skills and p.kind == TeamKind.RESPONSE]
        if saturdays and public_order:
            day = rng.choice(saturdays)
            for person in rng.sample(public_order, max(1, len(public_order) // 12)):
                self._try_absence([person], day, day, AbsenceType.AID)

    def _try_absence(self, group: list[_Person], first: int, last: int, kind: AbsenceType) -> bool:
        """Record the absence unless it would leave a team short or an officer out of band."""
        span = range(first, last + 1)
        if any(d in self.absent.get(p.officer_id, {}) for p in group for d in span):
            return False
        for person in group:
            self.absent.setdefault(person.officer_id, {}).update(dict.fromkeys(span, kind))
        teams = {p.team for p in group}
        ok = all(self._in_band(p) for p in group) and all(
            self._team_ok(self._team(t), d) for t in teams for d in span
        )
        if kind in DUTY_ABSENCES:
            ok = ok and all(self._duty_runs_ok(p, first, last) for p in group)
        clusters = {p.cluster for p in group if p.cluster}
        ok = ok and all(self._cluster_ok(c, d) for c in clusters for d in span)
        if ok:
            for person in group:
                self.absences.append((person.officer_id, first, last, kind))
            return True
        for person in group:
            for d in span:
                del self.absent[person.officer_id][d]
        return False

    def _duty_runs_ok(self, person: _Person, first: int, last: int) -> bool:
        """Training, court and aid are duty: no more than 7 duty days in a row around them
        (rule max_days_between_rest_days); the team pattern stands in for part-timers."""
        absent = self.absent.get(person.officer_id, {})
        run = 0
        for day in range(max(-HISTORY_DAYS, first - 8), min(self.days, last + 9)):
            kind = absent.get(day)
            duty = kind in DUTY_ABSENCES if kind else self._base(person, day) is not None
            run = run + 1 if duty else 0
            if run > 7:
                return False
        return True

    def _present(self, person: _Person, day: int) -> bool:
        return day not in self.absent.get(person.officer_id, {})

    def _team_ok(self, team: _TeamPlan, day: int) -> bool:
        here = [p for p in team.members if self._present(p, day)]
        away = len(team.members) - len(here)
        if team.kind == TeamKind.SN:
            return away <= len(team.members) // 2
        if team.kind == TeamKind.OTHER:
            if day % 7 >= 5:
                return True
            need = self.other_min[team.team_id] + 1
            return sum(p.full_time for p in here) >= need
        sergeants = sum(p.rank == Rank.PS for p in team.members)
        ps_here = sum(p.rank == Rank.PS for p in here)
        if ps_here < max(1, math.ceil(sergeants / 2)):
            return False
        if self._team_tour(team, day) is None:
            return True
        full = [p for p in here if p.full_time and p.rank != Rank.SC]
        margin = max(1, math.ceil(0.1 * self.response_min))
        drivers = sum("response_driver" in p.skills for p in full)
        all_drivers = sum("response_driver" in p.skills and p.full_time for p in team.members)
        driver_need = self.driver_min + (1 if all_drivers >= self.driver_min + 2 else 0)
        constables = [p for p in full if p.rank == Rank.PC]
        probationers = sum(p.probationer for p in constables)
        return (
            len(full) >= self.response_min + margin
            and drivers >= driver_need
            and probationers <= 0.25 * len(constables)
            and any(p.experienced for p in full)
        )

    def _cluster_ok(self, cluster: str, day: int) -> bool:
        members = [
            p for p in self.people if p.cluster == cluster and p.full_time and self._present(p, day)
        ]
        size = sum(1 for p in self.people if p.cluster == cluster and p.full_time)
        need = 2 if size >= 10 else 1
        shifts = [SN_BY_CODE[code] for p in members if (code := self._base(p, day))]
        return all(sum(s.covers_hour(hour) for s in shifts) >= need for hour in range(*SN_WINDOW))

    # ---- rows --------------------------------------------------------------------------------
    def _officers(self) -> tuple[Officer, ...]:
        order = {Rank.INSP: 0, Rank.PS: 1, Rank.PC: 2, Rank.SC: 3, Rank.PCSO: 4}
        team_order = {t.team_id: i for i, t in enumerate(self.teams)}
        people = sorted(
            self.people, key=lambda p: (team_order[p.team], order[p.rank], p.officer_id)
        )
        return tuple(
            Officer(
                row=i + 2,
                officer_id=p.officer_id,
                name=p.name,
                rank=p.rank,
                team=p.team,
                ward=p.ward,
                service_start=self.start - timedelta(days=p.service_days),
                skills=frozenset(p.skills),
                contract_hours=p.contract,
                tutor_id=p.tutor_id,
            )
            for i, p in enumerate(people)
        )

    def _teams(self) -> tuple[Team, ...]:
        return tuple(
            Team(
                row=i + 2,
                team_id=t.team_id,
                kind=t.kind,
                cluster=t.cluster,
                ward=t.ward,
                target_strength=len(t.members),
                extra={"name": t.label},
            )
            for i, t in enumerate(self.teams)
        )

    def _cover(self) -> tuple[CoverRow, ...]:
        rows: list[CoverRow] = []

        def add(**fields: Any) -> None:
            rows.append(CoverRow(row=len(rows) + 2, **fields))

        response = [t for t in self.teams if t.kind == TeamKind.RESPONSE]
        average = sum(len(t.members) for t in response) / len(response)
        for code in ("E", "L", "N"):
            target = round((0.8 if code == "N" else 0.85) * average)
            add(
                team="response",
                shift=code,
                min=self.response_min,
                target=max(self.response_min, target),
            )
        for day in ("Fri", "Sat"):
            add(team="response", day=day, shift="N", target=round(1.25 * average))
        sergeants = frozenset({Rank.PS})
        for code in ("E", "L", "N"):
            add(team="response", shift=code, min=1, target=self.ps_target, ranks=sergeants)
        for code in ("E", "L", "N") if self.driver_min else ():
            add(team="response", shift=code, min=self.driver_min, skill="response_driver")
        clusters: dict[str, int] = {}
        for person in self.people:
            if person.cluster:
                clusters[person.cluster] = clusters.get(person.cluster, 0) + 1
        start, end = SN_WINDOW
        for cluster in clusters:
            add(cluster=cluster, from_hour=start, to_hour=end, min=1)
        for cluster, size in clusters.items():
            add(cluster=cluster, from_hour=18, to_hour=end, target=max(2, round(0.25 * size)))
            add(
                cluster=cluster,
                day="weekend",
                from_hour=10,
                to_hour=18,
                target=max(2, round(0.2 * size)),
            )
        for team in self.teams:
            if team.kind == TeamKind.OTHER:
                add(
                    team=team.team_id,
                    day="weekday",
                    shift="D",
                    min=self.other_min[team.team_id],
                    target=math.ceil(0.8 * len(team.members)),
                )
        return tuple(rows)

    def _absence_rows(self) -> tuple[Absence, ...]:
        ordered = sorted(self.absences, key=lambda a: (a[1], a[0], a[3].value))
        return tuple(
            Absence(
                row=i + 2,
                officer_id=officer_id,
                start=self.start + timedelta(days=first),
                end=self.start + timedelta(days=last),
                type=kind,
            )
            for i, (officer_id, first, last, kind) in enumerate(ordered)
        )

    def _requests(self, plan: dict[str, dict[int, str | None]]) -> tuple[Request, ...]:
        rng = self.rng
        found: list[tuple[str, int, str, bool, int]] = []
        asking = [p for p in self.people if rng.random() < 0.3]
        for person in asking:
            absent = self.absent.get(person.officer_id, {})
            free = [d for d in range(self.days) if d not in absent]
            codes = _codes_for(person.kind)
            for day in rng.sample(free, min(len(free), rng.randint(1, 3))):
                roll, weight = rng.random(), rng.randint(1, 3)
                if roll < 0.5:
                    found.append((person.officer_id, day, "OFF", True, weight))
                elif roll < 0.75:
                    found.append((person.officer_id, day, rng.choice(codes), True, weight))
                else:
                    found.append((person.officer_id, day, rng.choice(codes), False, weight))
        found.sort(key=lambda r: (r[0], r[1]))
        return tuple(
            Request(
                row=i + 2,
                officer_id=officer_id,
                date=self.start + timedelta(days=day),
                shift=shift,
                want=want,
                weight=weight,
            )
            for i, (officer_id, day, shift, want, weight) in enumerate(found)
        )

    def _history(
        self, officers: tuple[Officer, ...], plan: dict[str, dict[int, str | None]]
    ) -> tuple[HistoryRow, ...]:
        """The last 14 days before the period, one row per officer in Officers order."""
        return tuple(
            HistoryRow(
                row=i + 2,
                officer_id=o.officer_id,
                codes={
                    self.start + timedelta(days=d): plan[o.officer_id][d] or REST_CODE
                    for d in range(-HISTORY_DAYS, 0)
                },
            )
            for i, o in enumerate(officers)
        )


SN_BY_CODE = {s.code: s for s in SN_SHIFTS}


def _codes_for(kind: TeamKind) -> tuple[str, ...]:
    shifts = {TeamKind.RESPONSE: RESPONSE_SHIFTS, TeamKind.SN: SN_SHIFTS}.get(kind, OTHER_SHIFTS)
    return tuple(s.code for s in shifts)


def _cell(code: str | None) -> tuple[str, ...]:
    return (code,) if code else ()
