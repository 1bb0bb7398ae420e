"""sn_offset_starts: each SN ward team works one start variant a week, offset across a cluster.

The Deployment Protocol asks boroughs to offset SN shift start times across the
ward teams of a cluster, so the cluster is covered from early morning to late
evening. A start variant is one of the shifts SN teams work (e.g. 07:00, 10:00
or 15:00 starts); each ward team works one variant each Mon-Sun week, chosen by
the solver (so that, with sn_cluster_cover, the wards of a cluster are offset)
or pinned by the Teams sheet's start_variant. An SN tour on another variant
than the ward's of that week costs the weight. The chosen variants are written
to the WardVariants sheet; a roster without one is judged against each ward's
best variant of the week.
"""

from __future__ import annotations

from collections import Counter

from constraints.base import Rule, Violation
from inputs.catalogue import RuleSpec
from inputs.problem import ProblemData, RuleSetting, Team, TeamKind
from inputs.roster import Roster
from solver.model import RosterModel
from solver.variables import team_group

SPEC = RuleSpec(
    name="sn_offset_starts",
    summary="Each SN ward team works one start variant a week (solver's choice, or pinned by "
    "Teams.start_variant); each SN tour off it is penalised.",
    default=RuleSetting(hard=False, weight=20),
    unit="SN tour off the ward's start variant of the week",
)


def add(model: RosterModel, setting: RuleSetting) -> None:
    problem, cp = model.problem, model.cp
    for team in problem.teams_of_kind(TeamKind.SN):
        members = problem.team_members(team.team_id)
        group = team_group(SPEC.name, team)
        for week, days in enumerate(problem.weeks):
            variants = model.vars.ward_variants(team.team_id, week)
            if team.start_variant in variants:
                pinned = cp.add(variants[team.start_variant] == 1)
                if setting.hard:
                    model.require(pinned, group)
            for officer in members:
                for day in days:
                    if problem.absence_on(officer.officer_id, day) is not None:
                        continue
                    tours = model.vars.tours(officer.officer_id, day)
                    if setting.hard:
                        for code, var in tours:
                            model.require(cp.add(var <= variants[code]), group)
                        continue
                    label = f"{officer.officer_id} {day}"
                    off = model.vars.new_penalty(SPEC.name, 1, setting.weight, label)
                    for code, var in tours:
                        cp.add(off >= var - variants[code])
                        cp.add(off <= 2 - var - variants[code])
                    cp.add(off <= model.vars.works[officer.officer_id, day])


def check(problem: ProblemData, roster: Roster, setting: RuleSetting) -> list[Violation]:
    violations = []
    for team in problem.teams_of_kind(TeamKind.SN):
        stated = roster.ward_variants.get(team.team_id)
        for week, days in enumerate(problem.weeks):
            variant = team.start_variant or (
                stated[week] if stated else _best_variant(problem, roster, team, days)
            )
            for officer in problem.team_members(team.team_id):
                for day in days:
                    if problem.absence_on(officer.officer_id, day) is not None:
                        continue
                    for code in roster.on(officer.officer_id, day):
                        if code != variant:
                            violations.append(
                                Violation(
                                    SPEC.name,
                                    1,
                                    f"{code} on {problem.day_text(day)} while ward {team.ward} "
                                    f"works {variant} that week",
                                    officer.officer_id,
                                    problem.days[day],
                                )
                            )
    return violations


def _best_variant(problem: ProblemData, roster: Roster, team: Team, days: tuple[int, ...]) -> str:
    """The variant most of the ward's tours that week were on (the fewest deviations)."""
    codes = [s.code for s in problem.sn_shifts()]
    worked = Counter(
        code
        for officer in problem.team_members(team.team_id)
        for day in days
        if problem.absence_on(officer.officer_id, day) is None
        for code in roster.on(officer.officer_id, day)
    )
    return max(codes, key=lambda code: (worked[code], -codes.index(code)))


RULE = Rule(SPEC, add, check)
