"""From a job's stored summary to what a page draws: filtered grids, charts, comparisons.

Pure functions of the summaries the worker stored (`web.results`, `web.panel`), so the
pages are quick to render however large the borough, and tests can call them directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from web.charts import Chart, Marks, Series, bar_chart
from web.scenarios import setting_changes
from web.store import Job, Scenario

Context = dict[str, Any]


def results(summary: Mapping[str, Any], team: str, ward: str) -> Context:
    """The Results page: the roster grid filtered by team and ward (unknown ones ignored)."""
    grid = summary["grid"]
    team = team if team in grid["teams"] else ""
    ward = ward if ward in grid["wards"] else ""
    rows = [
        row
        for row in grid["rows"]
        if (not team or row["team"] == team) and (not ward or row["ward"] == ward)
    ]
    return {
        "summary": summary,
        "team": team,
        "ward": ward,
        "rows": rows,
        "cards": [k for k in summary["kpis"] if not k["key"].startswith("sn_")],
        "cover_charts": [cover_chart(row) for row in summary["coverage"]],
        "probationer_chart": probationer_chart(summary["probationer_share"]),
    }


def cover_chart(row: Mapping[str, Any]) -> Chart:
    """Officers rostered each day against the row's minimum (and target): red below the
    minimum, amber below the target."""
    days = row["days"]
    counts = [d["rostered"] for d in days]
    target = row["target"]
    classes = [
        "short" if n < row["min"] else "missed" if target is not None and n < target else "ok"
        for n in counts
    ]
    marks = [Marks("minimum", [row["min"]] * len(days), "mark-min")]
    if target is not None:
        marks.append(Marks("target", [target] * len(days), "mark-target"))
    what = "fewest on duty in any hour" if row["hourly"] else "rostered"
    who = "" if row["filters"] == "officers" else f" {row['filters']}"
    need = f"min {row['min']}" + ("" if target is None else f", target {target}")
    title = f"Cover row {row['row']}: {row['scope']}{who}, {row['when']} ({need})"
    chart = bar_chart(
        title,
        [_short_day(d["day"]) for d in days],
        [Series(what, counts, "ok", classes)],
        marks,
    )
    chart.legend[1:1] = [("short", "below the minimum"), ("missed", "below the target")]
    return chart


def probationer_chart(shares: Mapping[str, Any]) -> Chart | None:
    """Each response tour's probationer share, one bar per shift each day, against the
    rule's share."""
    tours = shares["tours"]
    if not tours:
        return None
    days = list(dict.fromkeys(t["day"] for t in tours))
    shifts = list(dict.fromkeys(t["shift"] for t in tours))
    share = {(t["day"], t["shift"]): t["share"] for t in tours}
    series = [
        Series(code, [share.get((day, code)) for day in days], f"series-{i % 4}")
        for i, code in enumerate(shifts)
    ]
    limit = Marks("at most", [shares["limit"]] * len(days), "mark-min")
    return bar_chart(
        "Probationers among the constables on each response tour",
        [_short_day(d) for d in days],
        series,
        [limit],
        shown=lambda v: f"{v:.0%}",
    )


def panel(summary: Mapping[str, Any], saved: Mapping[tuple[str, str, str], str]) -> Context:
    """The Posting panel page: each line's decision (saved on the page, else the run's own)
    and the before/after charts."""
    lines = []
    for line in summary["lines"]:
        move = (line["officer_id"], line["from"], line["to"])
        lines.append({**line, "chosen": saved.get(move, line["decision"] or "")})
    return {
        "summary": summary,
        "lines": lines,
        "decided": len(saved),
        "strength_chart": _before_after(summary, "officers", "Officers per team", None),
        "share_chart": _before_after(
            summary,
            "probationer share",
            "Probationer share of constables per response team",
            "response",
            summary["probationer_limit"],
        ),
    }


def _before_after(
    summary: Mapping[str, Any],
    heading: str,
    title: str,
    kind: str | None,
    limit: float | None = None,
) -> Chart | None:
    teams = summary["teams"]
    at = teams["headings"].index(heading)
    rows = [r for r in teams["rows"] if kind is None or r["kind"] == kind]
    if not rows:
        return None
    before = [r["cells"][at]["before"] for r in rows]
    after = [r["cells"][at]["after"] for r in rows]
    marks = [Marks("at most", [limit] * len(rows), "mark-min")] if limit is not None else []
    percent = teams["formats"][at] == "percent"
    return bar_chart(
        title,
        [r["team"] for r in rows],
        [Series("before", before, "series-before"), Series("after", after, "series-after")],
        marks,
        shown=(lambda v: f"{v:.0%}") if percent else (lambda v: f"{v:g}"),
    )


def comparison(first: Job, second: Job, one: Scenario, two: Scenario) -> Context:
    """Two roster runs side by side: their rule settings, KPIs and rule outcomes."""
    a, b = first.summary or {}, second.summary or {}
    kpis_b = {k["key"]: k for k in b["kpis"]}
    kpis = []
    for k in a["kpis"]:
        other = kpis_b.get(k["key"])
        if other is not None:
            kpis.append({"a": k, "b": other, "verdict": _verdict(k, other)})
    rules_b = {r["rule"]: r for r in b["rules"]}
    rules = [{"a": r, "b": rules_b[r["rule"]]} for r in a["rules"] if r["rule"] in rules_b]
    return {
        "first": first,
        "second": second,
        "one": one,
        "two": two,
        "differences": setting_changes(one.rules, two.rules),
        "kpis": kpis,
        "rules": rules,
    }


def _verdict(a: Mapping[str, Any], b: Mapping[str, Any]) -> str:
    """Whether B is better, worse or the same as A on this figure."""
    if a["value"] is None or b["value"] is None or a["better"] is None:
        return ""
    if abs(a["value"] - b["value"]) < 1e-9:
        return "same"
    lower = b["value"] < a["value"]
    return "better" if lower == (a["better"] == "lower") else "worse"


def _short_day(text: str) -> str:
    """'Tue 6 Jan' -> 'Tu 6': short enough for 28 labels under a chart."""
    weekday, day, *_ = text.split()
    return f"{weekday[:2]} {day}"
