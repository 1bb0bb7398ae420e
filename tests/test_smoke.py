from tests.solving import solve_and_check


def test_small_borough_solves_and_rechecks(small_borough):
    checked = solve_and_check(small_borough)
    assert checked.result.status.has_roster
