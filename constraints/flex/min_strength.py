"""flex_min_strength: during flex every ward keeps a PC and a PCSO of its own on duty.

The protocol: "during periods of flex, every ward will retain a minimum strength
of one PC and one PCSO". Read here as: whenever the roster has at least one of a
ward's own PCs on duty (to the minute, tours from the evening before included),
at least one of them (the rule's value; all of them when fewer were rostered)
is not flexed; the same for PCSOs. Officers flexed in from other wards do not
count; sergeants are neither. Times without any PC rostered ask for none.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from ortools.sat.python import cp_model

from constraints.base import Violation
from constraints.flex.base import FlexRule, who
from inputs.catalogue import RuleSpec
from inputs.flex import FlexData, FlexPlan
from inputs.problem import FLEX_RANKS, MINUTES_PER_DAY, Rank, RuleSetting
from solver.flex.model import FlexModel

SPEC = RuleSpec(
    name="flex_min_strength",
    summary="Whenever a ward had its own PCs (PCSOs) rostered on duty, it keeps at least "
    "value of them on its own ward (all, if fewer were rostered).",
    default=RuleSetting(hard=True, weight=1000, value=1),
    unit="officer short of a ward's minimum strength",
    value_help="PCs and PCSOs each ward keeps on duty",
    value_min=1,
    value_max=10,
    can_disable=False,
    can_soften=False,
)

Tour = tuple[str, int, str]
"""(officer_id, day index, shift code): one rostered tour."""


@dataclass(frozen=True)
class DutySpan:
    """A stretch of time (minutes from the period's start) in which the same tours of a
    ward's officers of one rank are on duty."""

    ward: str
    rank: Rank
    start: int
    end: int
    tours: tuple[Tour, ...]


def duty_spans(data: FlexData, ward: str, rank: Rank) -> list[DutySpan]:
    """Every stretch of the period with at least one of the ward's `rank` officers on duty."""
    timed: list[tuple[int, int, Tour]] = []
    for officer in data.ward_officers(ward):
        if officer.rank != rank:
            continue
        for day in range(data.num_days):
            for code in data.on(officer.officer_id, day):
                shift = data.shifts[code]
                start = day * MINUTES_PER_DAY + shift.start_minute
                timed.append(
                    (start, start + shift.duration_minutes, (officer.officer_id, day, code))
                )
    by_day: dict[int, list[tuple[int, int, Tour]]] = defaultdict(list)
    for item in timed:
        by_day[item[2][1]].append(item)
    spans = []
    points = sorted({minute for start, end, _ in timed for minute in (start, end)})
    for start, end in pairwise(points):
        day = start // MINUTES_PER_DAY  # a tour is shorter than a day: it began today or yesterday
        nearby = by_day.get(day, []) + by_day.get(day - 1, [])
        on = tuple(tour for s, e, tour in nearby if s <= start and end <= e)
        if on:
            spans.append(DutySpan(ward, rank, start, end, on))
    return spans


def _needed(setting: RuleSetting, span: DutySpan) -> int:
    value = int(setting.value if setting.value is not None else 1)
    return min(value, len(span.tours))


def add(model: FlexModel, setting: RuleSetting) -> None:
    flexed: dict[Tour, list[cp_model.IntVar]] = defaultdict(list)
    for (officer_id, day, number), var in model.vars.flex.items():
        flexed[officer_id, day, model.data.row_by_number[number].shift].append(var)
    stated: set[frozenset[Tour]] = set()
    for ward in model.data.wards:
        for rank in FLEX_RANKS:
            for span in duty_spans(model.data, ward, rank):
                movable = [var for tour in span.tours for var in flexed.get(tour, ())]
                allowed = len(span.tours) - _needed(setting, span)
                if len(movable) > allowed and frozenset(span.tours) not in stated:
                    stated.add(frozenset(span.tours))
                    model.cp.add(sum(movable) <= allowed)


def check(data: FlexData, plan: FlexPlan, setting: RuleSetting) -> list[Violation]:
    flexed = {(d.officer_id, d.day, d.shift) for d in plan.deployments}
    violations = []
    for ward in data.wards:
        for rank in FLEX_RANKS:
            for span in duty_spans(data, ward, rank):
                gone = [tour for tour in span.tours if tour in flexed]
                kept, needed = len(span.tours) - len(gone), _needed(setting, span)
                if kept < needed:
                    violations.append(_violation(data, span, gone, kept, needed))
    return violations


def _violation(
    data: FlexData, span: DutySpan, gone: list[Tour], kept: int, needed: int
) -> Violation:
    day = span.start // MINUTES_PER_DAY
    names = ", ".join(who(data, officer_id) for officer_id, _, _ in gone)
    return Violation(
        SPEC.name,
        needed - kept,
        f"{span.ward} keeps {kept} {span.rank.value} of its own on duty "
        f"{_clock(span.start)}-{_clock(span.end)} on {data.day_text(day)} ({names} flexed); "
        f"expected at least {needed}",
        None,
        data.date_of(day),
    )


def _clock(minute: int) -> str:
    return f"{minute % MINUTES_PER_DAY // 60:02d}:{minute % 60:02d}"


RULE: FlexRule = FlexRule(SPEC, add, check)
