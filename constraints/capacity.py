"""Counts that show a month cannot be rostered, before any solving.

Each check counts, from the data alone, the most the officers could possibly give
against what the hard rules ask, and reports only what no roster can meet (it never
guesses: an officer counts as available unless an absence, their team's shifts or a
hard limit rules them out). Run before the solver, they catch most impossible months in
well under a second, with the rows to look at:

- per Cover row (and SN cluster window) and day: the officers who could be on duty,
  against the minimum;
- per day, for the officers of a Cover row: the tours that day's rows ask of them
  together, one tour each;
- per week: those tours against the days the officers may work (rest_days_per_week);
- over the period: those tours' hours against the officers' contract bands
  (contract_hours) and the working-time limit (max_average_weekly_hours);
- per response tour a Cover row makes someone work: the sergeants who could supervise it;
  the probationers it must take (when too few others can work it) against
  probationer_share, and against the experienced officers who could go with them.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from constraints import contract_hours, max_average_weekly_hours, response_tours, sn_cluster_cover
from constraints.cover import scope_words
from constraints.findings import (
    CAPACITY,
    Finding,
    Reason,
    SheetRow,
    absence_rows,
    absences_on,
    absences_text,
    counted_text,
    plural,
    rows_text,
    rule_row,
)
from inputs.problem import (
    MINUTES_PER_DAY,
    SUPERVISOR_RANKS,
    CoverRow,
    Officer,
    ProblemData,
    Rank,
    Shift,
)

COVER_MIN, CLUSTER = "cover_min", sn_cluster_cover.SPEC.name


def check_capacity(problem: ProblemData) -> list[Reason]:
    """Every impossibility the counts show, each a reason with its rows."""
    findings = [
        *_slots(problem),
        *_days(problem),
        *_weeks(problem),
        *_period_hours(problem),
        *_tours(problem),
    ]
    return [Reason((f,), CAPACITY) for f in findings]


def _hard(problem: ProblemData, rule: str) -> bool:
    setting = problem.rules.get(rule)
    return setting is not None and setting.enabled and setting.hard


def _hard_rows(problem: ProblemData) -> list[tuple[str, CoverRow]]:
    """(rule, row) of every hard minimum: Cover rows' min, and SN cluster windows."""
    rows = [(COVER_MIN, r) for r in problem.cover if r.min > 0] if _hard(problem, COVER_MIN) else []
    if _hard(problem, CLUSTER):
        windows = sn_cluster_cover.windows(problem, problem.rule(CLUSTER))
        rows += [(CLUSTER, r) for r in windows if r.min > 0]
    return rows


def _name(rule: str, row: CoverRow) -> tuple[str, tuple[SheetRow, ...]]:
    if rule == CLUSTER:
        where = f"Clusters row {row.row}" if row.row else "default window"
        return f"SN cluster {row.cluster} ({where})", (("Clusters", row.row),) if row.row else ()
    return f"Cover row {row.row}", (("Cover", row.row),)


def _able(problem: ProblemData, officer: Officer, code: str) -> bool:
    return any(s.code == code for s in problem.eligible_shifts(officer))


# ---- one row, one day ----------------------------------------------------------------------


def _slots(problem: ProblemData) -> Iterator[Finding]:
    for rule, row in _hard_rows(problem):
        counted = problem.cover_officers(row)
        hours = _coverable(problem, counted) if row.shift is None else None
        for day in problem.cover_days(row):
            if row.shift is not None:
                able = [o for o in counted if _able(problem, o, row.shift)]
                free = sum(problem.absence_on(o.officer_id, day) is None for o in able)
                when = f"on {row.shift} on {problem.day_text(day)}"
            else:
                assert hours is not None
                able = list(counted)
                free, hour = min(
                    (hours[24 * day + h], h) for h in row.hours if day + h // 24 < problem.num_days
                )
                when = f"at {hour % 24:02d}:00-{hour % 24 + 1:02d}:00 on {problem.day_text(day)}"
            if free >= row.min:
                continue
            yield _short(problem, rule, row, day, when, counted, able, free)


def _short(
    problem: ProblemData,
    rule: str,
    row: CoverRow,
    day: int,
    when: str,
    counted: tuple[Officer, ...],
    able: list[Officer],
    free: int,
) -> Finding:
    name, rows = _name(rule, row)
    absent = absences_on(problem, able, day)
    parts = [
        f"{name} needs {row.min} or more {row.filter_text()} of {scope_words(row)} {when}",
        f"{counted_text(row, len(counted))} count for it",
    ]
    if row.shift is not None and len(able) < len(counted):
        parts.append(f"{len(counted) - len(able)} of them never work {row.shift}")
    parts.append(absences_text(absent))
    parts.append(f"at most {free} can be on duty")
    rows = (*rows, *absence_rows(absent), *rule_row(problem.rules, rule))
    return Finding((rule,), "; ".join(parts), rows, problem.days[day])


def _coverable(problem: ProblemData, officers: tuple[Officer, ...]) -> Counter[int]:
    """Hour of the period (24 x day + clock hour) -> how many of the officers could be on
    duty for the whole hour: a tour they may work, on a day they are not absent, or a
    History tour, covers it."""
    found: Counter[int] = Counter()
    for officer in officers:
        hours: set[int] = set()
        for started in range(-1, problem.num_days):
            for shift in _tours_on(problem, officer, started):
                first = math.ceil(shift.start_minute / 60)
                last = shift.end_minute // 60
                hours.update(24 * started + h for h in range(first, last))
        found.update(hours)
    return found


def _tours_on(problem: ProblemData, officer: Officer, day: int) -> list[Shift]:
    if day < 0:
        shift = problem.history_shift(officer.officer_id, -day)
        return [shift] if shift is not None else []
    if problem.absence_on(officer.officer_id, day) is not None:
        return []
    return list(problem.eligible_shifts(officer))


# ---- the tours the rows ask of one set of officers -------------------------------------------


@dataclass(frozen=True)
class Asked:
    """The tours hard Cover rows ask of one set of officers: per day and shift, the largest
    minimum of the rows whose officers all belong to the set (one tour per officer a day)."""

    officers: tuple[Officer, ...]
    rows: tuple[int, ...]
    per_day: dict[int, dict[str, int]]
    widest: CoverRow
    """A row that counts exactly these officers, to name them by."""

    def tours(self, day: int) -> int:
        return sum(self.per_day.get(day, {}).values())

    def text(self) -> str:
        return rows_text(("Cover", r) for r in self.rows)

    def scope(self) -> str:
        """'4 PS of all response teams'."""
        return f"{counted_text(self.widest, len(self.officers))} of {scope_words(self.widest)}"


def _asked(problem: ProblemData) -> list[Asked]:
    """One `Asked` per distinct set of officers the hard shift rows of the Cover sheet count."""
    if not _hard(problem, COVER_MIN):
        return []
    rows = [r for r in problem.cover if r.min > 0 and r.shift is not None]
    sets = {r.row: frozenset(o.officer_id for o in problem.cover_officers(r)) for r in rows}
    found = []
    for members in dict.fromkeys(sets.values()):
        inside = [r for r in rows if sets[r.row] <= members]
        per_day: dict[int, dict[str, int]] = defaultdict(dict)
        for r in inside:
            assert r.shift is not None
            for day in problem.cover_days(r):
                per_day[day][r.shift] = max(per_day[day].get(r.shift, 0), r.min)
        officers = tuple(o for o in problem.officers if o.officer_id in members)
        widest = next(r for r in rows if sets[r.row] == members)
        found.append(Asked(officers, tuple(r.row for r in inside), dict(per_day), widest))
    return found


def _days(problem: ProblemData) -> Iterator[Finding]:
    for asked in _asked(problem):
        for day in sorted(asked.per_day):
            tours = asked.per_day[day]
            if len(tours) < 2:
                continue  # one shift: the row's own count (_slots) says it
            absent = absences_on(problem, asked.officers, day)
            free = len(asked.officers) - len(absent)
            if asked.tours(day) <= free:
                continue
            each = ", ".join(f"{code} {n}" for code, n in tours.items())
            text = (
                f"{asked.text()} need {asked.tours(day)} tours on {problem.day_text(day)} "
                f"({each}) of the same {asked.scope()}, one tour each a day; "
                f"{absences_text(absent)}; {free} can work that day"
            )
            rows = (*(("Cover", r) for r in asked.rows), *absence_rows(absent))
            yield Finding((COVER_MIN,), text, rows, problem.days[day])


def _weeks(problem: ProblemData) -> Iterator[Finding]:
    rule = "rest_days_per_week"
    if not _hard(problem, rule):
        return
    rest = int(problem.rule(rule).value or 2)
    for asked in _asked(problem):
        for week in problem.weeks:
            need = sum(asked.tours(d) for d in week)
            if not need:
                continue
            most = max(0, len(week) - max(0, rest - (7 - len(week))))
            can = sum(
                min(most, sum(problem.absence_on(o.officer_id, d) is None for d in week))
                for o in asked.officers
            )
            if need <= can:
                continue
            text = (
                f"{asked.text()} need {need} tours in the week from "
                f"{problem.day_text(week[0])} of the same {asked.scope()}; with "
                f"{rest} days without a tour each week (rest_days_per_week) and their "
                f"absences they can work at most {can}"
            )
            rows = (*(("Cover", r) for r in asked.rows), *rule_row(problem.rules, rule))
            yield Finding((COVER_MIN, rule), text, rows, problem.days[week[0]])


def _period_hours(problem: ProblemData) -> Iterator[Finding]:
    names = (contract_hours.SPEC.name, max_average_weekly_hours.SPEC.name)
    limits = [r for r in names if _hard(problem, r)]
    if not limits:
        return
    for asked in _asked(problem):
        need = sum(
            n * problem.shift_by_code[code].duration_minutes
            for tours in asked.per_day.values()
            for code, n in tours.items()
        )
        most = sum(_most_minutes(problem, o, limits) for o in asked.officers)
        if need <= most:
            continue
        text = (
            f"{asked.text()} need {need / 60:,.0f} hours of tours over the period from the "
            f"same {asked.scope()}; their {' and '.join(limits)} limits allow at most "
            f"{most / 60:,.0f} hours"
        )
        rules = (x for r in limits for x in rule_row(problem.rules, r))
        rows = (*(("Cover", r) for r in asked.rows), *rules)
        yield Finding((COVER_MIN, *limits), text, rows)


def _most_minutes(problem: ProblemData, officer: Officer, limits: list[str]) -> int:
    """The most minutes the officer may work over the period under the hard limits."""
    most = MINUTES_PER_DAY * problem.num_days
    if contract_hours.SPEC.name in limits:
        setting = problem.rule(contract_hours.SPEC.name)
        band = contract_hours.band(problem, officer, setting.value or 0.10)
        most = min(most, max(0, band.high - band.credit))
    if max_average_weekly_hours.SPEC.name in limits:
        setting = problem.rule(max_average_weekly_hours.SPEC.name)
        most = min(most, max_average_weekly_hours.limit_minutes(problem, setting))
    return most


# ---- response tours a Cover row makes someone work -------------------------------------------


def _tours(problem: ProblemData) -> Iterator[Finding]:
    """Supervisors, probationer share and experience on the response tours that must be
    worked because a hard Cover row of response officers asks for someone on them."""
    if not _hard(problem, COVER_MIN):
        return
    people = response_tours.officers(problem)
    response = {o.officer_id for o in people}
    for row in problem.cover:
        counted = problem.cover_officers(row)
        if row.min <= 0 or row.shift is None or not counted:
            continue
        if any(o.officer_id not in response for o in counted):
            continue
        for day in problem.cover_days(row):
            yield from _tour_findings(problem, row, day, people, counted)


def _tour_findings(
    problem: ProblemData,
    row: CoverRow,
    day: int,
    people: list[Officer],
    counted: tuple[Officer, ...],
) -> Iterator[Finding]:
    code = row.shift
    assert code is not None
    free = [
        o
        for o in people
        if _able(problem, o, code) and problem.absence_on(o.officer_id, day) is None
    ]
    tour = f"the response {code} on {problem.day_text(day)}"
    cover = (("Cover", row.row),)
    when = problem.days[day]
    if _hard(problem, "supervision"):
        needed = int(problem.rule("supervision").value or 1)
        supervisors = [o for o in free if o.rank in SUPERVISOR_RANKS]
        if len(supervisors) < needed:
            all_sup = [o for o in people if o.rank in SUPERVISOR_RANKS and _able(problem, o, code)]
            absent = absences_on(problem, all_sup, day)
            text = (
                f"Cover row {row.row} makes someone work {tour}, and supervision needs "
                f"{needed} or more sergeants or inspectors on it; the response teams have "
                f"{plural(len(all_sup), 'supervisor')} who can work {code}; "
                f"{absences_text(absent)}"
            )
            rules = ("supervision", COVER_MIN)
            rows = (*cover, *absence_rows(absent), *rule_row(problem.rules, "supervision"))
            yield Finding(rules, text, rows, when)
    yield from _learners(problem, row, day, free, counted, tour)


def _learners(
    problem: ProblemData,
    row: CoverRow,
    day: int,
    free: list[Officer],
    counted: tuple[Officer, ...],
    tour: str,
) -> Iterator[Finding]:
    """Probationers the row forces onto the tour, when too few others of its officers can."""
    code = row.shift
    assert code is not None
    ids = {o.officer_id for o in counted}
    mine = [o for o in free if o.officer_id in ids]
    learners = [o for o in mine if o.rank == Rank.PC and problem.is_probationer(o)]
    forced = row.min - (len(mine) - len(learners))
    if forced <= 0 or forced > len(learners):
        return  # nobody forced, or the row's own count (_slots) already fails
    cover, when = (("Cover", row.row),), problem.days[day]
    others = f"only {len(mine) - len(learners)} of its officers who are not probationers can"
    if _hard(problem, "probationer_share"):
        share = round(100 * (problem.rule("probationer_share").value or 0.25))
        seasoned = sum(o.rank == Rank.PC and not problem.is_probationer(o) for o in free)
        if 100 * forced > share * (forced + seasoned):
            text = (
                f"Cover row {row.row} needs {row.min} on {tour} and {others}, so at least "
                f"{forced} probationers must; probationer_share allows probationers to be at "
                f"most {share}% of the PCs on it, and only {seasoned} other response PCs can "
                "work it"
            )
            rules = ("probationer_share", COVER_MIN)
            yield Finding(rules, text, (*cover, *rule_row(problem.rules, rules[0])), when)
    alone = not any(problem.is_experienced(o) for o in free)
    if alone and _hard(problem, "experienced_with_probationer"):
        people = response_tours.officers(problem)
        able = [o for o in people if problem.is_experienced(o) and _able(problem, o, code)]
        absent = absences_on(problem, able, day)
        text = (
            f"Cover row {row.row} needs {row.min} on {tour} and {others}, so a "
            "probationer must work it; experienced_with_probationer then needs an officer "
            f"of 5+ years' service on it: the response teams have {len(able)} who can work "
            f"{code}; {absences_text(absent)}"
        )
        rules = ("experienced_with_probationer", COVER_MIN)
        rows = (*cover, *absence_rows(absent), *rule_row(problem.rules, rules[0]))
        yield Finding(rules, text, rows, when)
