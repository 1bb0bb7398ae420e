"""An impossible panel explained: the counts made before solving, and the conflicts the solver
proves, each naming its Teams, Officers and Proposals rows; best effort breaks the fewest."""

from __future__ import annotations

from app import posting
from constraints.posting.diagnosis import check_posting_capacity, explain_posting
from inputs.posting import ProposalRow
from solver.posting.diagnose import diagnose_posting
from solver.solve import Status
from tests.posting.builders import PARAMS, make_posting, officer, only, team


def test_more_of_a_rank_than_the_maxima_allow() -> None:
    """Three sergeants, two teams that may hold one each."""
    data = make_posting(
        [officer(f"S{i}", "R1", rank="PS") for i in (1, 2, 3)],
        teams=[team("R1", row=2, maxima={"PS": 1}), team("R2", row=3, maxima={"PS": 1})],
        rules=only("establishment_max"),
    )
    (reason,) = check_posting_capacity(data)
    (finding,) = reason.findings
    assert finding.text == (
        "the borough has 3 PS, but the max_PS of the teams they may go to add up to 2"
    )
    assert finding.rows == (("Teams", 2), ("Teams", 3))


def test_officers_who_must_stay_over_a_maximum() -> None:
    """R1 may hold one PC; two cannot move and the panel approved a third to join."""
    data = make_posting(
        [
            officer("A", "R1", available=False),
            officer("B", "R1", available=False),
            officer("C", "R2"),
        ],
        teams=[team("R1", row=2, maxima={"PC": 1}), team("R2", row=3)],
        rules=only("establishment_max"),
        proposals=[
            ProposalRow(row=2, officer_id="C", from_team="R2", to_team="R1", decision="approve")
        ],
    )
    (reason,) = check_posting_capacity(data)
    assert reason.findings[0].text == (
        "R1 (Teams row 2) may hold at most 1 PC (max_PC), but 3 officers of that rank must be "
        "on it: 2 not available for posting, 1 approved to join it"
    )
    assert reason.rows() == (("Teams", 2), ("Proposals", 2))


def test_a_probationer_parted_from_the_tutor_is_a_proven_conflict() -> None:
    """The panel approved P's move to R2 (Proposals row 2); the tutor T (Officers row 3)
    cannot move and R2 has no other tutor."""
    data = make_posting(
        [
            officer("P", "R1", years=1, tutor_id="T", row=2),
            officer("T", "R1", skills=frozenset({"tutor"}), available=False, row=3),
            officer("Q", "R2", row=4),
        ],
        rules=only("tutor_together"),
        proposals=[
            ProposalRow(row=2, officer_id="P", from_team="R1", to_team="R2", decision="approve")
        ],
    )
    assert check_posting_capacity(data) == []
    diagnosis = diagnose_posting(data, PARAMS)
    assert diagnosis.status == Status.INFEASIBLE
    (reason,) = explain_posting(data, diagnosis)
    assert reason.rules == ("tutor_together",)
    assert {("Officers", 2), ("Officers", 3)} <= set(reason.rows())


def test_best_effort_breaks_a_maximum_as_little_as_it_can() -> None:
    """R1 may hold one PC; two cannot move: one PC over, however the panel deals."""
    data = make_posting(
        [officer("A", "R1", available=False), officer("B", "R1", available=False)],
        teams=[team("R1", row=2, maxima={"PC": 1}), team("R2", row=3)],
        rules=only("establishment_max"),
    )
    assert posting.run(data, PARAMS).infeasible
    run = posting.run(data, PARAMS, best_effort=True)
    assert run.relaxed == ("establishment_max",)
    assert run.report is not None and run.report.breaches == 1
