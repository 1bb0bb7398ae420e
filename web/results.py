"""What the Results page shows of a roster run, computed once by the worker and kept as JSON.

Everything comes from the problem data, the roster and the checkers' report, the same
three things the roster workbook is written from (and with the same helpers), never from
the solver's own claims: the page and the downloaded workbook always agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from constraints import fairness_nights_weekends, response_tours, sn_cluster_cover
from constraints import probationer_share as probationer_rule
from constraints import sn_evening_weekend as visibility
from constraints.cover import rostered, scope_words
from constraints.report import Report
from inputs.problem import ProblemData, Rank
from inputs.roster import Roster
from outputs.clusters_sheet import on_duty
from outputs.roster_workbook import (
    _breaches,
    _cell_code,
    _refused_requests,
    coverage_slots,
    roster_order,
)
from solver.solve import SolveFigures, SolveResult

Summary = dict[str, Any]


def figures(result: SolveFigures, report: Report | None) -> Summary:
    """The run in numbers: the solver's and, when there is a solution, the checkers'."""
    return {
        "status": result.status.value,
        "interrupted": result.interrupted,
        "objective": result.objective,
        "checked_objective": None if report is None else report.objective,
        "hard_violations": None if report is None else report.hard_violations,
        "bound": result.bound,
        "gap": result.gap,
        "first_seconds": result.first_solution_seconds,
        "best_seconds": result.best_solution_seconds,
        "seconds": result.build_seconds + result.solve_seconds,
        "solutions": result.solutions,
        "workers": result.params.workers,
        "seed": result.params.seed,
        "time_limit": result.params.time_limit,
    }


def rule_rows(report: Report, names: Mapping[str, str]) -> list[Summary]:
    """Each rule's outcome and every instance, costliest first (as the Rules sheet lists them);
    `names` maps officer_id to name."""
    total = report.objective
    rows = []
    for outcome in report.outcomes:
        setting = outcome.setting
        cost = None if setting.hard or not setting.enabled else setting.weight
        instances = sorted(
            outcome.violations, key=lambda v: (-v.amount, v.officer_id or "", v.day or "")
        )
        rows.append(
            {
                "rule": outcome.rule.name,
                "summary": outcome.rule.spec.summary,
                "unit": outcome.rule.spec.unit,
                "mode": _mode(setting.enabled, setting.hard, setting.weight),
                "value": setting.value,
                "violations": len(outcome.violations),
                "amount": outcome.amount,
                "penalty": outcome.penalty,
                "share": outcome.penalty / total if total else None,
                "broken": outcome.broken,
                "instances": [
                    {
                        "officer_id": v.officer_id,
                        "name": names.get(v.officer_id or ""),
                        "date": v.day.isoformat() if v.day else None,
                        "amount": v.amount,
                        "cost": None if cost is None else cost * v.amount,
                        "what": v.what,
                    }
                    for v in instances
                ],
            }
        )
    return rows


def _mode(enabled: bool, hard: bool, weight: int) -> str:
    if not enabled:
        return "off"
    return "hard" if hard else f"soft x{weight}"


def roster_summary(problem: ProblemData, result: SolveResult, report: Report) -> Summary:
    """Everything the Results and Compare pages show of a roster that was found."""
    roster = result.roster
    assert roster is not None
    names = {o.officer_id: o.name for o in problem.officers}
    shares = probationer_shares(problem, roster)
    clusters = sn_clusters(problem, roster)
    fairness = fairness_spreads(problem, roster)
    coverage = cover_rows(problem, roster)
    return {
        "figures": figures(result, report),
        "period": {
            "start": problem.days[0].isoformat(),
            "end": problem.days[-1].isoformat(),
            "days": problem.num_days,
            "borough": problem.settings.borough,
        },
        "kpis": kpis(problem, roster, report, shares, clusters, fairness, coverage),
        "rules": rule_rows(report, names),
        "grid": roster_grid(problem, roster, report),
        "coverage": coverage,
        "clusters": clusters,
        "probationer_share": shares,
        "fairness": fairness,
        "diagnosis": [],
    }


# ---- the roster grid ---------------------------------------------------------------------


def roster_grid(problem: ProblemData, roster: Roster, report: Report) -> Summary:
    """Officers (in the Roster sheet's order) by days: each cell's code and its colour class."""
    breaches = _breaches(report)
    days = [
        {"date": d.isoformat(), "weekday": f"{d:%a}", "day": f"{d:%d}", "weekend": d.weekday() >= 5}
        for d in problem.days
    ]
    rows = []
    for officer in roster_order(problem):
        o = officer.officer_id
        cells = []
        for d, day in enumerate(problem.days):
            tours = roster.on(o, d)
            code = _cell_code(problem, o, d, tours)
            if (o, day) in breaches:
                css = "breach"
            elif tours:
                css = problem.shift_by_code[tours[0]].kind.value
            else:
                css = "rest" if problem.absence_on(o, d) is None else "absence"
            cells.append([code, css])
        rows.append(
            {
                "officer_id": o,
                "name": officer.name,
                "rank": officer.rank.value,
                "team": officer.team,
                "ward": officer.ward or "",
                "cells": cells,
            }
        )
    return {
        "days": days,
        "rows": rows,
        "teams": sorted({o.team for o in problem.officers}),
        "wards": sorted({o.ward for o in problem.officers if o.ward}),
        "shifts": [
            {"code": s.code, "kind": s.kind.value, "time": f"{s.start:%H:%M}-{s.end:%H:%M}"}
            for s in problem.shifts
        ],
    }


# ---- cover -------------------------------------------------------------------------------


def cover_rows(problem: ProblemData, roster: Roster) -> list[Summary]:
    """Per Cover row with a minimum or target: per day, who is rostered against them (for
    hour rows, the fewest in any hour of the day)."""
    by_row: dict[int, Summary] = {}
    for slot in coverage_slots(problem):
        row = slot.row
        entry = by_row.setdefault(
            id(row),
            {
                "row": row.row,
                "scope": scope_words(row),
                "filters": row.filter_text(),
                "when": row.shift or f"{row.from_hour:02d}:00-{(row.to_hour or 0) % 24:02d}:00",
                "hourly": row.shift is None,
                "min": row.min,
                "target": row.target,
                "days": {},
            },
        )
        count = rostered(problem, roster, slot)
        label = problem.day_text(slot.day)
        entry["days"][label] = min(count, entry["days"].get(label, count))
    found = []
    for entry in by_row.values():
        counts = entry.pop("days")
        entry["days"] = [{"day": label, "rostered": n} for label, n in counts.items()]
        entry["short_of_min"] = sum(max(0, entry["min"] - n) for n in counts.values())
        target = entry["target"]
        entry["short_of_target"] = (
            0 if target is None else sum(max(0, target - n) for n in counts.values())
        )
        found.append(entry)
    return found


# ---- Safer Neighbourhoods clusters -------------------------------------------------------


def sn_clusters(problem: ProblemData, roster: Roster) -> list[Summary]:
    """Per cluster: SN officers on duty per hour of its window and day against the minimum,
    and the evening and weekend shares of its SN duty hours against their targets."""
    cover = problem.rule(sn_cluster_cover.SPEC.name)
    setting = problem.rule(visibility.SPEC.name)
    found = []
    for window in sn_cluster_cover.windows(problem, cover):
        name = window.cluster or ""
        hours = visibility.achieved(problem, roster, name)
        goal = visibility.targets(problem, name, setting)
        shares = {
            part: {
                "share": hours.part(part) / hours.total if hours.total else 0.0,
                "target": goal[part],
                "hours": round(hours.part(part) / 60, 1),
                "short": visibility.hours_short(hours, part, goal[part]),
            }
            for part in visibility.PARTS
        }
        found.append(
            {
                "cluster": name,
                "window": f"{window.from_hour:02d}:00-{(window.to_hour or 0) % 24:02d}:00",
                "min": window.min,
                "hours": [f"{h % 24:02d}-{(h + 1) % 24:02d}" for h in window.hours],
                "grid": on_duty(problem, roster, window),
                "duty_hours": round(hours.total / 60, 1),
                "shares": shares,
            }
        )
    return found


# ---- probationers on response tours ------------------------------------------------------


def probationer_shares(problem: ProblemData, roster: Roster) -> Summary:
    """Each response tour's probationers among its constables, against the rule's share."""
    setting = problem.rule(probationer_rule.SPEC.name)
    limit = setting.value if setting.value is not None else 0.25
    constables = [o for o in response_tours.officers(problem) if o.rank == Rank.PC]
    counted = []
    for day, code in response_tours.tours(problem):
        on = response_tours.rostered(roster, constables, day, code)
        if on:
            counted.append((day, code, sum(problem.is_probationer(o) for o in on), len(on)))
    tours = [
        {
            "day": problem.day_text(day),
            "shift": code,
            "probationers": learners,
            "constables": constables,
            "share": learners / constables,
        }
        for day, code, learners, constables in counted
    ]
    shares = [learners / constables for _, _, learners, constables in counted]
    return {
        "limit": limit,
        "enabled": setting.enabled,
        "tours": tours,
        "highest": max(shares, default=None),
        "mean": sum(shares) / len(shares) if shares else None,
        "above": sum(1 for s in shares if s > limit + 1e-9),
    }


# ---- fairness ----------------------------------------------------------------------------


def fairness_spreads(problem: ProblemData, roster: Roster) -> Summary:
    """Per team and count (nights, lates, weekend days): the fewest and most among the team's
    comparable officers, as fairness_nights_weekends judges them."""
    setting = problem.rule(fairness_nights_weekends.SPEC.name)
    tolerance = int(setting.value if setting.value is not None else 0)
    teams = []
    for team in problem.teams:
        officers = fairness_nights_weekends.comparable(problem, team.team_id)
        if len(officers) < 2:
            continue
        counts = {}
        for count in fairness_nights_weekends.COUNTS:
            tally = [
                fairness_nights_weekends._tally(problem, roster, o.officer_id, count)
                for o in officers
            ]
            counts[count.name] = {"low": min(tally), "high": max(tally)}
        teams.append({"team": team.team_id, "officers": len(officers), "counts": counts})
    return {
        "tolerance": tolerance,
        "counts": [c.name for c in fairness_nights_weekends.COUNTS],
        "teams": teams,
    }


# ---- KPIs --------------------------------------------------------------------------------


def kpi(
    key: str,
    label: str,
    value: float | None,
    text: str,
    target: str | None = None,
    ok: bool | None = None,
    better: str | None = "lower",
    detail: str | None = None,
) -> Summary:
    """One figure the Results page shows in a card and the Compare page side by side."""
    return {
        "key": key,
        "label": label,
        "value": value,
        "text": text,
        "target": target,
        "ok": ok,
        "better": better,
        "detail": detail,
    }


def kpis(
    problem: ProblemData,
    roster: Roster,
    report: Report,
    shares: Summary,
    clusters: list[Summary],
    fairness: Summary,
    coverage: list[Summary],
) -> list[Summary]:
    short_min = sum(row["short_of_min"] for row in coverage)
    short_target = sum(row["short_of_target"] for row in coverage)
    found = [
        kpi("objective", "Objective (re-checked)", report.objective, f"{report.objective:,}"),
        kpi(
            "hard",
            "Hard rule breaches",
            report.hard_violations,
            str(report.hard_violations),
            "none",
            report.hard_violations == 0,
        ),
        kpi(
            "cover_min",
            "Officers short of cover minima",
            short_min,
            f"{short_min:,}",
            "none",
            short_min == 0,
        ),
        kpi("cover_target", "Officers short of cover targets", short_target, f"{short_target:,}"),
        *_probationer_kpis(shares),
        *_cluster_kpis(clusters),
        *_fairness_kpis(fairness),
        _requests_kpi(problem, report),
    ]
    return found


def _probationer_kpis(shares: Summary) -> list[Summary]:
    limit = shares["limit"]
    highest, mean = shares["highest"], shares["mean"]
    return [
        kpi(
            "probationer_highest",
            "Probationer share, highest response tour",
            highest,
            _percent(highest),
            f"at most {limit:.0%}",
            None if highest is None else highest <= limit + 1e-9,
        ),
        kpi(
            "probationer_mean",
            "Probationer share, mean of response tours",
            mean,
            _percent(mean),
            None,
            None,
        ),
    ]


def _cluster_kpis(clusters: list[Summary]) -> list[Summary]:
    found = []
    for cluster in clusters:
        for part, entry in cluster["shares"].items():
            share, target = entry["share"], entry["target"]
            found.append(
                kpi(
                    f"sn_{part}_{cluster['cluster']}",
                    f"SN {part} share, cluster {cluster['cluster']}",
                    share,
                    _percent(share),
                    f"at least {target:.0%}",
                    share + 1e-9 >= target,
                    "higher",
                )
            )
    return found


def _fairness_kpis(fairness: Summary) -> list[Summary]:
    tolerance = fairness["tolerance"]
    found = []
    for name in fairness["counts"]:
        spreads = [t["counts"][name]["high"] - t["counts"][name]["low"] for t in fairness["teams"]]
        widest = max(spreads, default=0)
        found.append(
            kpi(
                f"fairness_{name}",
                f"Fairness: widest spread of {name} in a team",
                widest,
                str(widest),
                f"at most {tolerance}",
                widest <= tolerance,
            )
        )
    return found


def _requests_kpi(problem: ProblemData, report: Report) -> Summary:
    made = Counter(q.officer_id for q in problem.requests if problem.day_index(q.date) is not None)
    total = sum(made.values())
    refused = sum(_refused_requests(report).values())
    share = (total - refused) / total if total else None
    text = _percent(share) if total else "no requests"
    detail = f"{total - refused} of {total} requests"
    return kpi("requests", "Requests granted", share, text, None, None, "higher", detail)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"
