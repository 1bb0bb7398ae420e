"""A conflict the solver proved, told in the workbook's terms.

`solver.diagnose` finds groups of hard constraints that cannot all hold; each group
names the rule and the workbook row it comes from (a Cover row and day, an officer, a
team). Here each group becomes a `Finding`: what the rule asks there, and the facts of
the data that bear on it (who counts, who is absent and on which Absences rows), read
from the problem data alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from constraints import response_tours, sn_cluster_cover
from constraints.cover import scope_words
from constraints.findings import (
    SOLVER,
    Finding,
    Reason,
    SheetRow,
    absence_rows,
    absences_on,
    absences_text,
    counted_text,
    plural,
    rule_row,
    who,
)
from constraints.registry import rule_named
from constraints.report import Report
from constraints.requests import wish
from inputs.problem import (
    SUPERVISOR_RANKS,
    Absence,
    CoverRow,
    Officer,
    ProblemData,
    Rank,
    Request,
)
from solver.diagnose import Diagnosis
from solver.solve import Status
from solver.variables import Group


def explain(problem: ProblemData, diagnosis: Diagnosis) -> list[Reason]:
    """One reason per conflict found, one finding per group of it."""
    return [
        Reason(tuple(describe(problem, g) for g in conflict.groups), SOLVER, conflict.minimal)
        for conflict in diagnosis.conflicts
    ]


def describe(problem: ProblemData, group: Group) -> Finding:
    """What the group's rule asks there, and the facts that bear on it."""
    describer = DESCRIBERS.get(group.rule, _by_officer if group.sheet == "Officers" else _other)
    text, rows = describer(problem, group)
    day = problem.days[group.day] if group.day is not None else None
    return Finding((group.rule,), text, (*rows, *rule_row(problem.rules, group.rule)), day)


Described = tuple[str, tuple[SheetRow, ...]]


def _cover(problem: ProblemData, group: Group) -> Described:
    row = next(r for r in problem.cover if r.row == group.row)
    if group.rule == "cover_target":  # made hard: the target is a second minimum
        name = f"Cover row {row.row} (its target, cover_target is hard)"
        row = row.model_copy(update={"min": row.target or 0})
    else:
        name = f"Cover row {row.row}"
    return _cover_text(problem, row, group, name, ("Cover", row.row))


def _cluster(problem: ProblemData, group: Group) -> Described:
    setting = problem.rule(sn_cluster_cover.SPEC.name)
    row = next(r for r in sn_cluster_cover.windows(problem, setting) if r.cluster == group.subject)
    where = f"Clusters row {row.row}" if row.row else "the default window"
    name = f"SN cluster {row.cluster} ({where}, sn_cluster_cover)"
    return _cover_text(problem, row, group, name, ("Clusters", row.row) if row.row else None)


def _cover_text(
    problem: ProblemData, row: CoverRow, group: Group, name: str, named: SheetRow | None
) -> Described:
    assert group.day is not None
    day = group.day
    counted = problem.cover_officers(row)
    if row.shift is not None:
        when = f"on {row.shift} on {problem.day_text(day)}"
        able = [o for o in counted if _works(problem, o, row.shift)]
    else:
        start, end = row.hours[0] % 24, (row.hours[-1] + 1) % 24
        when = f"in every hour from {start:02d}:00 to {end:02d}:00 on {problem.day_text(day)}"
        able = list(counted)
    absent = absences_on(problem, able, day)
    parts = [
        f"{name} needs {row.min} or more {row.filter_text()} of {scope_words(row)} {when}",
        f"{counted_text(row, len(counted))} count for it",
    ]
    if len(able) < len(counted):
        parts.append(f"{len(counted) - len(able)} of them cannot work {row.shift}")
    parts.append(absences_text(absent))
    parts.append(f"{len(able) - len(absent)} can be on duty")
    return "; ".join(parts), (*((named,) if named else ()), *absence_rows(absent))


def _tour(
    problem: ProblemData, group: Group, asks: str, who_counts: str, counted: list[Officer]
) -> Described:
    assert group.day is not None and group.detail is not None
    day, code = group.day, group.detail
    able = [o for o in counted if _works(problem, o, code)]
    absent = absences_on(problem, able, day)
    text = (
        f"{group.rule}: {asks.format(tour=f'the response {code} on {problem.day_text(day)}')}; "
        f"the response teams have {plural(len(able), who_counts)} who can work {code}; "
        f"{absences_text(absent)}"
    )
    return text, absence_rows(absent)


def _supervision(problem: ProblemData, group: Group) -> Described:
    needed = int(problem.rule(group.rule).value or 1)
    people = [o for o in response_tours.officers(problem) if o.rank in SUPERVISOR_RANKS]
    asks = f"at least {needed} sergeant or inspector on {{tour}} whenever anyone works it"
    return _tour(problem, group, asks, "supervisor", people)


def _probationers(problem: ProblemData, group: Group) -> Described:
    share = problem.rule(group.rule).value or 0.25
    pcs = [o for o in response_tours.officers(problem) if o.rank == Rank.PC]
    learners = sum(problem.is_probationer(o) for o in pcs)
    asks = (
        f"probationers at most {share:.0%} of the PCs on {{tour}} ({learners} of the "
        f"{len(pcs)} response PCs are probationers)"
    )
    return _tour(problem, group, asks, "PC", pcs)


def _experienced(problem: ProblemData, group: Group) -> Described:
    veterans = [o for o in response_tours.officers(problem) if problem.is_experienced(o)]
    asks = "an officer of 5+ years' service with any probationer on {tour}"
    return _tour(problem, group, asks, "experienced officer", veterans)


OFFICER_RULES: dict[str, str] = {
    "min_rest_hours": "needs at least {value:g} hours' rest between two tours (History counts)",
    "max_consecutive_days": "may work at most {limit} days in a row (History counts)",
    "max_days_between_rest_days": "needs a day off after at most {value:g} duty days",
    "rest_days_per_week": "needs {value:g} days without a tour in the week from {day}",
    "contract_hours": "works within {value:.0%} of their contract of {hours:g}h a week",
    "max_average_weekly_hours": "works at most {value:g}h a week on average",
    "max_weekends": "works at most {weekends} weekends",
    "max_shifts_per_type": "works at most {shifts} {detail} tours",
    "min_consecutive_days": "works runs of at least {value:g} days",
    "min_consecutive_rest_days": "rests in blocks of at least {value:g} days",
}


def _by_officer(problem: ProblemData, group: Group) -> Described:
    officer = problem.officer_by_id[group.subject or ""]
    value = problem.rule(group.rule).value
    template = OFFICER_RULES.get(group.rule, "is held to the rule")
    asks = template.format(
        value=value or 0,
        limit=officer.own("max_consecutive_days", int(value or 0)),
        day=problem.day_text(group.day) if group.day is not None else "",
        hours=officer.contract_hours,
        weekends=officer.max_weekends if officer.max_weekends is not None else value,
        shifts=officer.max_shifts.get(group.detail or "", value),
        detail=group.detail or "",
    )
    days = problem.absence_days.get(officer.officer_id, {})
    absences = _absences_of(problem, officer)
    away = f"; absent on {len(days)} day(s) of the period" if days else ""
    text = f"{group.rule}: {who(officer)} {asks}{away}"
    history = problem.history_by_officer.get(officer.officer_id)
    rows: tuple[SheetRow, ...] = (("Officers", officer.row),)
    if history is not None and group.rule in HISTORY_RULES:
        rows += (("History", history.row),)
        text += "; History shows " + _history_text(problem, officer.officer_id)
    return text, (*rows, *(("Absences", a.row) for a in absences))


HISTORY_RULES = frozenset(
    {"min_rest_hours", "max_consecutive_days", "max_days_between_rest_days", "min_consecutive_days"}
)
HISTORY_SHOWN = 7


def _history_text(problem: ProblemData, officer_id: str) -> str:
    """The officer's last days before the period, oldest first: 'E E N N RD RD L'."""
    codes = [problem.history_code(officer_id, k) or "-" for k in range(HISTORY_SHOWN, 0, -1)]
    return f"{' '.join(codes)} on the {HISTORY_SHOWN} days before the period"


def _tutor(problem: ProblemData, group: Group) -> Described:
    learner = problem.officer_by_id[group.subject or ""]
    tutor = problem.officer_by_id[learner.tutor_id or ""]
    text = (
        f"tutor_pairing: probationer {who(learner)} works exactly the tours of tutor "
        f"{who(tutor)}, and rests when the tutor is away"
    )
    rows: tuple[SheetRow, ...] = (("Officers", learner.row), ("Officers", tutor.row))
    for role, officer in (("the tutor", tutor), ("the probationer", learner)):
        absences = _absences_of(problem, officer)
        if absences:
            kinds = ", ".join(
                f"{a.type.value.replace('_', ' ')} {_span(problem, a)} (Absences row {a.row})"
                for a in absences
            )
            text += f"; {role} is away: {kinds}"
            rows += tuple(("Absences", a.row) for a in absences)
    return text, rows


def _absences_of(problem: ProblemData, officer: Officer) -> list[Absence]:
    """The officer's Absences rows that touch the period, in order."""
    found = problem.absence_days.get(officer.officer_id, {})
    return sorted({a.row: a for a in found.values()}.values(), key=lambda a: a.row)


def _span(problem: ProblemData, absence: Absence) -> str:
    first = problem.day_index(max(absence.start, problem.days[0]))
    last = problem.day_index(min(absence.end, problem.days[-1]))
    assert first is not None and last is not None
    if first == last:
        return f"on {problem.day_text(first)}"
    return f"{problem.day_text(first)} to {problem.day_text(last)}"


def _team(problem: ProblemData, group: Group) -> Described:
    team = problem.team_by_id[group.subject or ""]
    asks = {
        "team_rota": "works one tour a day as a unit (team_rota is hard)",
        "sn_offset_starts": "works one start variant a week"
        + (f", pinned to {team.start_variant}" if team.start_variant else ""),
        "fairness_nights_weekends": f"shares its {group.detail} evenly",
    }.get(group.rule, "is held to the rule")
    members = problem.team_members(team.team_id)
    return f"{group.rule}: team {team.team_id} ({plural(len(members), 'officer')}) {asks}", (
        ("Teams", team.row),
    )


def _request(problem: ProblemData, group: Group) -> Described:
    request = next(q for q in problem.requests if q.row == group.row)
    officer = problem.officer_by_id[request.officer_id]
    wants = "wants" if request.want else "does not want"
    day = problem.day_text(group.day or 0)
    text = f"requests (hard): {who(officer)} {wants} {request.shift} on {day}"
    return text, (("Requests", request.row),)


def _published(problem: ProblemData, group: Group) -> Described:
    officer = problem.officer_by_id[group.subject or ""]
    keeps = (
        "keeps every published tour"
        if group.rule == "stability"
        else ("keeps the published rest days inside the notice period")
    )
    return f"{group.rule} (hard): {who(officer)} {keeps}", (("Published", group.row or 0),)


def _other(problem: ProblemData, group: Group) -> Described:
    """Any other group: the rule's own summary, and what the group names."""
    spec = rule_named(group.rule).spec
    about = " ".join(str(part) for part in (group.subject, group.detail) if part)
    text = f"{group.rule}{f' ({about})' if about else ''}: {spec.summary}"
    rows = ((group.sheet, group.row),) if group.sheet and group.row else ()
    return text, rows


def _works(problem: ProblemData, officer: Officer, code: str) -> bool:
    return any(s.code == code for s in problem.eligible_shifts(officer))


DESCRIBERS: dict[str, Callable[[ProblemData, Group], Described]] = {
    "cover_min": _cover,
    "cover_target": _cover,
    "sn_cluster_cover": _cluster,
    "supervision": _supervision,
    "probationer_share": _probationers,
    "experienced_with_probationer": _experienced,
    "tutor_pairing": _tutor,
    "team_rota": _team,
    "sn_offset_starts": _team,
    "fairness_nights_weekends": _team,
    "requests": _request,
    "stability": _published,
    "rest_day_notice": _published,
}


@dataclass(frozen=True)
class Refusal:
    """Why a refused request was refused, found by granting it in a local re-solve."""

    request: Request
    text: str
    saves: int | None
    """What refusing saves: the granted roster's objective less the roster's; None when no
    roster granting it was found."""


SHOWN_RISES = 2


def refusal(
    problem: ProblemData,
    request: Request,
    report: Report,
    status: Status,
    granted: Report | None,
) -> Refusal:
    """The reason in words: what the rules would cost more with the request granted."""
    day = problem.day_index(request.date)
    assert day is not None
    asked = f"{wish(request)} on {problem.day_text(day)} (Requests row {request.row})"
    if granted is None:
        why = (
            "granting it breaks a hard rule: no roster of the team around that day grants it"
            if status == Status.INFEASIBLE
            else "no roster granting it was found in the time of a local re-solve"
        )
        return Refusal(request, f"{asked}: {why}", None)
    extra = granted.objective - report.objective
    if extra <= 0:
        why = "a local re-solve grants it at no extra cost; the search did not find that roster"
        return Refusal(request, f"{asked}: {why}", 0)
    rises = []
    for before, after in zip(report.outcomes, granted.outcomes, strict=True):
        delta = after.penalty - before.penalty
        if delta > 0 and after.rule.name != "requests":
            old = {(v.officer_id, v.day, v.what) for v in before.violations}
            new = [v for v in after.violations if (v.officer_id, v.day, v.what) not in old]
            example = f" ({new[0].what})" if new else ""
            rises.append((delta, f"{after.rule.name} +{delta:,}{example}"))
    rises.sort(key=lambda rise: -rise[0])
    details = "; ".join(text for _, text in rises[:SHOWN_RISES])
    text = f"{asked}: refusing it saves {extra:,}; granted, the roster would pay {details}"
    return Refusal(request, text, extra)
