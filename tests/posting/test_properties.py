"""Property tests on random small panels (hypothesis).

1. Any random panel either solves, with zero hard violations by the checkers and the
   solver's objective equal to the recomputed one rule by rule, or is reported
   infeasible; it never crashes.
2. The CP-SAT part and the checker of every posting rule agree on ANY allocation: pin a
   random allocation into the model with every rule soft, and the solver's per-rule
   penalties must equal the checkers'.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from constraints.posting.registry import catalogue
from constraints.posting.report import check_posting
from inputs.posting import Allocation, PostingData, PostingOfficer
from inputs.problem import Rank, RuleSetting
from solver.posting.solve import build_posting_model, solve_model
from solver.solve import Status
from tests.posting.builders import PARAMS, assert_checked, make_posting, months_ago, officer, team

TEAMS = ("R1", "R2", "W1")
SKILLS = ("response_driver", "tutor")


@st.composite
def panels(draw: st.DrawFn, all_soft: bool = False) -> PostingData:
    people: list[PostingOfficer] = []
    for i in range(draw(st.integers(2, 6))):
        rank = draw(st.sampled_from(["PS", "PC", "PC", "PC", "PCSO"]))
        team_id = draw(st.sampled_from(TEAMS if rank != "PCSO" else ("W1",)))
        chosen = draw(st.lists(st.sampled_from(TEAMS), max_size=2, unique=True))
        people.append(
            officer(
                f"P{i}",
                team_id,
                years=draw(st.sampled_from([0.5, 1.5, 3, 6, 12])),
                rank=rank,
                available=draw(st.booleans()),
                skills=frozenset(draw(st.sets(st.sampled_from(SKILLS)))),
                preferences=tuple(t for t in chosen if rank != "PCSO" or t == "W1"),
                team_since=months_ago(draw(st.sampled_from([3, 12, 30]))),
            )
        )
    learners = [o for o in people if o.rank == Rank.PC and o.service_start > months_ago(24)]
    if learners and len(people) > 1 and draw(st.booleans()):
        tutor = next(o for o in people if o is not learners[0])
        people[people.index(learners[0])] = learners[0].model_copy(
            update={"tutor_id": tutor.officer_id}
        )
    teams = [
        team(
            team_id,
            kind,
            ward=team_id if kind == "sn" else None,
            targets=draw(st.dictionaries(st.sampled_from(["PS", "PC"]), st.integers(0, 3))),
            maxima=draw(st.dictionaries(st.sampled_from(["PC", "PCSO"]), st.integers(1, 4))),
            skill_minima=draw(st.dictionaries(st.sampled_from(SKILLS[:1]), st.integers(0, 2))),
            target_strength=draw(st.none() | st.integers(0, 4)),
        )
        for team_id, kind in (("R1", "response"), ("R2", "response"), ("W1", "sn"))
    ]
    rules = {name: _setting(draw, name, all_soft) for name in catalogue()}
    return make_posting(people, teams, rules)


def _setting(draw: st.DrawFn, name: str, all_soft: bool) -> RuleSetting:
    spec = catalogue()[name]
    if not spec.can_soften:
        return spec.default
    hard = False if all_soft else draw(st.booleans())
    weight = draw(st.integers(1, 50))
    return spec.default.model_copy(update={"hard": hard, "weight": weight})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(panels())
def test_any_panel_solves_and_the_checkers_agree_or_it_is_infeasible(data: PostingData) -> None:
    result = solve_model(build_posting_model(data), PARAMS)
    assert result.figures.status in (Status.OPTIMAL, Status.INFEASIBLE), result.figures.status
    if result.figures.status == Status.OPTIMAL:
        assert_checked(data, result)


@st.composite
def pinned_panels(draw: st.DrawFn) -> tuple[PostingData, Allocation]:
    data = draw(panels(all_soft=True))
    teams = {o.officer_id: draw(st.sampled_from(data.candidate_teams(o))) for o in data.officers}
    for proposal in data.approved.values():
        teams[proposal.officer_id] = proposal.to_team
    return data, Allocation(teams)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pinned_panels())
def test_model_and_checkers_agree_on_any_allocation(case: tuple[PostingData, Allocation]) -> None:
    data, after = case
    model = build_posting_model(data)
    for (officer_id, team_id), var in model.vars.assign.items():
        model.cp.add(var == int(after.team_of(officer_id) == team_id))
    result = solve_model(model, PARAMS)
    assert result.figures.status == Status.OPTIMAL, result.figures.status
    report = check_posting(data, after)
    penalties = {o.rule.name: o.penalty for o in report.outcomes if o.penalty}
    assert result.figures.rule_penalties == penalties
