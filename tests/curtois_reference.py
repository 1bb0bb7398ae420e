"""An independent scorer of Curtois-Qu solutions, written from the format description alone.

It shares no code with the product: it parses the instance text itself and applies
the constraints and objective as `shared/benchmarks/curtois/README.md` states them,
so the tests can hold the product's reader, rules and checkers to the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Solution = dict[tuple[str, int], str]
"""(employee, day) -> shift worked; days off are absent."""


@dataclass
class Instance:
    horizon: int = 0
    length: dict[str, int] = field(default_factory=dict)
    cannot_follow: dict[str, set[str]] = field(default_factory=dict)
    staff: dict[str, dict[str, object]] = field(default_factory=dict)
    days_off: dict[str, set[int]] = field(default_factory=dict)
    on: list[tuple[str, int, str, int]] = field(default_factory=list)
    off: list[tuple[str, int, str, int]] = field(default_factory=list)
    cover: list[tuple[int, str, int, int, int]] = field(default_factory=list)


def parse(path: Path) -> Instance:
    inst, section = Instance(), ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            section = line
            continue
        parts = line.split(",")
        if section == "SECTION_HORIZON":
            inst.horizon = int(parts[0])
        elif section == "SECTION_SHIFTS":
            inst.length[parts[0]] = int(parts[1])
            inst.cannot_follow[parts[0]] = {c for c in parts[2].split("|") if c}
        elif section == "SECTION_STAFF":
            limits = {k: int(v) for k, v in (p.split("=") for p in parts[1].split("|"))}
            inst.staff[parts[0]] = {
                "max_shifts": limits,
                "max_min": int(parts[2]),
                "min_min": int(parts[3]),
                "max_run": int(parts[4]),
                "min_run": int(parts[5]),
                "min_off": int(parts[6]),
                "max_weekends": int(parts[7]),
            }
        elif section == "SECTION_DAYS_OFF":
            inst.days_off[parts[0]] = {int(d) for d in parts[1:] if d.strip()}
        elif section == "SECTION_SHIFT_ON_REQUESTS":
            inst.on.append((parts[0], int(parts[1]), parts[2], int(parts[3])))
        elif section == "SECTION_SHIFT_OFF_REQUESTS":
            inst.off.append((parts[0], int(parts[1]), parts[2], int(parts[3])))
        elif section == "SECTION_COVER":
            inst.cover.append((int(parts[0]), parts[1], *map(int, parts[2:5])))
    return inst


def objective(inst: Instance, sol: Solution) -> int:
    total = sum(w for e, d, s, w in inst.on if sol.get((e, d)) != s)
    total += sum(w for e, d, s, w in inst.off if sol.get((e, d)) == s)
    for d, s, need, under, over in inst.cover:
        x = sum(1 for e in inst.staff if sol.get((e, d)) == s)
        total += under * max(0, need - x) + over * max(0, x - need)
    return total


def hard_violations(inst: Instance, sol: Solution) -> list[str]:
    """Each broken hard constraint, in words (empty: the solution is feasible)."""
    found = []
    for e, c in inst.staff.items():
        days = [sol.get((e, d)) for d in range(inst.horizon)]
        for d in range(inst.horizon - 1):
            if days[d] and days[d + 1] in inst.cannot_follow[days[d]]:
                found.append(f"{e} {days[d]} then {days[d + 1]} on day {d + 1}")
        for s, most in c["max_shifts"].items():  # type: ignore[attr-defined]
            if days.count(s) > most:
                found.append(f"{e} works {s} {days.count(s)} times")
        minutes = sum(inst.length[s] for s in days if s)
        if not c["min_min"] <= minutes <= c["max_min"]:  # type: ignore[operator]
            found.append(f"{e} works {minutes} minutes")
        for first, last, working in _runs(days):
            inner = first > 0 and last < inst.horizon - 1
            if working and last - first + 1 > c["max_run"]:  # type: ignore[operator]
                found.append(f"{e} works {last - first + 1} days from day {first}")
            if working and inner and last - first + 1 < c["min_run"]:  # type: ignore[operator]
                found.append(f"{e} works only {last - first + 1} days from day {first}")
            if not working and inner and last - first + 1 < c["min_off"]:  # type: ignore[operator]
                found.append(f"{e} rests only {last - first + 1} days from day {first}")
        weekends = sum(1 for w in range(inst.horizon // 7) if days[7 * w + 5] or days[7 * w + 6])
        if weekends > c["max_weekends"]:  # type: ignore[operator]
            found.append(f"{e} works {weekends} weekends")
        for d in inst.days_off.get(e, ()):
            if days[d]:
                found.append(f"{e} works day off {d}")
    return found


def _runs(days: list[str | None]) -> list[tuple[int, int, bool]]:
    runs: list[tuple[int, int, bool]] = []
    for d, s in enumerate(days):
        working = s is not None
        if runs and runs[-1][2] == working:
            runs[-1] = (runs[-1][0], d, working)
        else:
            runs.append((d, d, working))
    return runs
