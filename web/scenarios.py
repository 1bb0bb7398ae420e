"""The Rules page: the Rules sheet as a form, and saving it as a new scenario.

Saving writes the scenario's own copy of the workbook with the Rules sheet as typed
(`outputs.rules_scenario`) and reads it back with the roster reader, so a setting the
reader would refuse is refused with the reader's own words (sheet, row, column), and
nothing is kept. The uploaded workbook is never touched.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app import pipeline
from constraints.registry import RULES, catalogue
from inputs.catalogue import RuleSpec
from inputs.errors import InputError, Problem
from outputs.rules_scenario import write_with_rules
from web.store import Scenario, Store
from web.uploads import rule_settings

NAME_LENGTH = 80
FIRST_RULE_ROW = 2


@dataclass
class RuleField:
    """One rule's row of the form: what it is, its default, and what the form holds."""

    spec: RuleSpec
    enabled: bool
    hard: bool
    weight: Any
    value: Any
    problems: list[str] = field(default_factory=list)

    @property
    def default_text(self) -> str:
        default = self.spec.default
        mode = "hard" if default.hard else f"soft x{default.weight}"
        mode = mode if default.enabled else f"off ({mode})"
        return mode if default.value is None else f"{mode}, {default.value:g}"


def form_fields(
    settings: Mapping[str, Mapping[str, Any]],
    typed: Mapping[str, str] | None = None,
    problems: Mapping[str, list[str]] | None = None,
) -> list[RuleField]:
    """The roster's rules (the flex plan's share the sheet but are not shown): the
    scenario's settings, or what was typed when a save was refused."""
    rows = {row["rule"]: row for row in typed_rows(typed, settings)} if typed else {}
    found = []
    for rule in RULES:
        spec, setting = rule.spec, settings[rule.name]
        row = rows.get(rule.name)
        found.append(
            RuleField(
                spec,
                enabled=setting["enabled"] if row is None else row["enabled"] == "yes",
                hard=setting["hard"] if row is None else row["hard"] == "yes",
                weight=setting["weight"] if row is None else row["weight"],
                value=setting["value"] if row is None else row["value"],
                problems=(problems or {}).get(rule.name, []),
            )
        )
    return found


def typed_rows(
    form: Mapping[str, str], settings: Mapping[str, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The Rules sheet's rows as the form has them (numbers where they read as numbers, the
    text as typed otherwise, for the reader to judge); rules not on the form as they were."""
    rows = []
    shown = {rule.name for rule in RULES}
    for name, spec in catalogue().items():
        if name not in shown:
            rows.append(_as_cells(name, settings[name]))
            continue
        enabled = not spec.can_disable or form.get(f"{name}.enabled") == "on"
        hard = not spec.can_soften or form.get(f"{name}.hard", "hard") == "hard"
        value = _typed(form.get(f"{name}.value", "")) if spec.takes_value else None
        rows.append(
            {
                "rule": name,
                "enabled": _yes_no(enabled),
                "hard": _yes_no(hard),
                "weight": _typed(form.get(f"{name}.weight", "")),
                "value": value,
            }
        )
    return rows


@dataclass
class Saved:
    scenario_id: int | None
    problems: list[Problem]
    by_rule: dict[str, list[str]]


def save(
    store: Store, base: Scenario, form: Mapping[str, str], name: str, original: Scenario
) -> Saved:
    """A new scenario from `base` with the form's rules; refused with the reader's problems.
    `original` is the upload's own scenario, which the changes are described against."""
    rows = typed_rows(form, base.rules)
    incoming = store.incoming / f"{secrets.token_hex(16)}.xlsx"
    try:
        write_with_rules(store.scenario_file(base.id), incoming, rows, catalogue())
        try:
            problem = pipeline.load(incoming)
        except InputError as error:
            return Saved(None, error.problems, _by_rule(error.problems, rows))
        rules = rule_settings(problem.rules)
        changes = setting_changes(original.rules, rules)
        scenario_id = store.add_scenario(base.upload_id, clean_name(name), changes, rules)
        os.replace(incoming, store.scenario_file(scenario_id))
        return Saved(scenario_id, [], {})
    finally:
        incoming.unlink(missing_ok=True)


def setting_changes(
    before: Mapping[str, Mapping[str, Any]], after: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """Each rule whose setting differs, in words: 'requests: weight 5 -> 8'."""
    found = []
    for name, now in after.items():
        was = before.get(name)
        if was is None or was == now:
            continue
        parts = []
        if was["enabled"] != now["enabled"]:
            parts.append("switched on" if now["enabled"] else "switched off")
        if was["hard"] != now["hard"]:
            parts.append("made hard" if now["hard"] else "made soft")
        if was["weight"] != now["weight"]:
            parts.append(f"weight {was['weight']} -> {now['weight']}")
        if was["value"] != now["value"]:
            parts.append(f"value {_number(was['value'])} -> {_number(now['value'])}")
        found.append(f"{name}: {', '.join(parts)}")
    return found


def clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", re.sub(r"[\x00-\x1f\x7f]", "", name)).strip()
    return name[:NAME_LENGTH] or "Unnamed scenario"


def _by_rule(problems: list[Problem], rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Each problem of the Rules sheet under the rule its row holds, for the form."""
    found: dict[str, list[str]] = {}
    for problem in problems:
        index = (problem.row or 0) - FIRST_RULE_ROW
        if problem.sheet == "Rules" and 0 <= index < len(rows):
            found.setdefault(rows[index]["rule"], []).append(problem.message)
    return found


def _as_cells(name: str, setting: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "rule": name,
        "enabled": _yes_no(setting["enabled"]),
        "hard": _yes_no(setting["hard"]),
        "weight": setting["weight"],
        "value": setting["value"],
    }


def _typed(text: str) -> Any:
    """A number where the text is one; otherwise the text, for the reader to refuse."""
    text = text.strip()
    if not text:
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _number(value: Any) -> str:
    return "blank" if value is None else f"{value:g}"
