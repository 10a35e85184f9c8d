"""When the care ends, the check-ins end (seed 003 §4.3.1, docs/episodes.md "Check-ins end with the care")."""

from placement.domain.monitoring import ControleStatus, discharge_ends_monitoring, status


def test_only_a_discharge_with_nothing_left_running_ends_the_monitoring() -> None:
    assert discharge_ends_monitoring(discharged=True, stays_still_running=0)
    assert not discharge_ends_monitoring(discharged=True, stays_still_running=1)  # e.g. the stay next to a Bed & Break
    assert not discharge_ends_monitoring(discharged=False, stays_still_running=0)  # a transfer, also to the waiting list


def test_a_check_in_is_planned_done_or_closed() -> None:
    assert status(done=False, closed=False) is ControleStatus.gepland
    assert status(done=True, closed=False) is ControleStatus.uitgevoerd
    assert status(done=False, closed=True) is ControleStatus.vervallen
