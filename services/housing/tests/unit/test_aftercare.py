"""The aftercare schedule on Dutch dates (docs/aftercare.md): calendar months after the Dutch date of the move,
the month's last day where that day does not exist, on time up to the grace days after, overdue the day after."""

from datetime import UTC, date, datetime

import pytest

from housing.domain.aftercare import FollowUp, on_time, overdue, relapse_signal, schedule
from journey_platform.contracts.housing import NazorgUitkomst, TerugvalSignaal
from journey_platform.reference import Aftercare, load_reference_data

DEFAULT = Aftercare()


def test_default_is_1_3_6_12_months_with_14_days_grace() -> None:
    assert schedule(datetime(2026, 1, 15, 9, tzinfo=UTC), DEFAULT) == [
        FollowUp(1, 1, date(2026, 2, 15), date(2026, 3, 1)),
        FollowUp(2, 3, date(2026, 4, 15), date(2026, 4, 29)),
        FollowUp(3, 6, date(2026, 7, 15), date(2026, 7, 29)),
        FollowUp(4, 12, date(2027, 1, 15), date(2027, 1, 29)),
    ]


def test_the_move_counts_on_its_dutch_date() -> None:
    # 23:30 UTC on 31 January is 00:30 on 1 February in Amsterdam: due 1 March, not 28 February
    assert schedule(datetime(2026, 1, 31, 23, 30, tzinfo=UTC), DEFAULT)[0].gepland_op == date(2026, 3, 1)
    # 22:30 UTC on 31 March is 00:30 on 1 April (summer time): due 1 May
    assert schedule(datetime(2026, 3, 31, 22, 30, tzinfo=UTC), DEFAULT)[0].gepland_op == date(2026, 5, 1)
    # 21:30 UTC on 31 March is 23:30 on 31 March: one month on is the last day of April
    assert schedule(datetime(2026, 3, 31, 21, 30, tzinfo=UTC), DEFAULT)[0].gepland_op == date(2026, 4, 30)


def test_the_last_day_of_a_shorter_month() -> None:
    moved = datetime(2027, 8, 31, 10, tzinfo=UTC)  # 31 August
    due = [f.gepland_op for f in schedule(moved, DEFAULT)]
    assert due == [date(2027, 9, 30), date(2027, 11, 30), date(2028, 2, 29), date(2028, 8, 31)]  # 2028 is a leap year


def test_a_region_sets_its_own_months_and_grace() -> None:
    rules = Aftercare(followUpMonths=(2, 4), graceDays=0)
    assert schedule(datetime(2026, 5, 10, 10, tzinfo=UTC), rules) == [
        FollowUp(1, 2, date(2026, 7, 10), date(2026, 7, 10)),
        FollowUp(2, 4, date(2026, 9, 10), date(2026, 9, 10)),
    ]
    with pytest.raises(ValueError, match="increasing"):
        Aftercare(followUpMonths=(6, 3))


def test_both_regions_carry_the_seed_default() -> None:
    for region in load_reference_data().regions:
        assert region.rules.aftercare.follow_up_months == (1, 3, 6, 12)
        assert region.rules.aftercare.grace_days == 14


def test_on_time_up_to_the_last_dutch_day_and_overdue_the_day_after() -> None:
    last = date(2026, 3, 1)
    assert on_time(datetime(2026, 3, 1, 22, 59, tzinfo=UTC), last)  # 23:59 Dutch time on the last day
    assert not on_time(datetime(2026, 3, 1, 23, 0, tzinfo=UTC), last)  # 00:00 on 2 March Dutch time
    assert on_time(datetime(2026, 2, 1, 10, tzinfo=UTC), last)  # early counts
    assert not overdue(last, date(2026, 3, 1), recorded=False)
    assert overdue(last, date(2026, 3, 2), recorded=False)
    assert not overdue(last, date(2026, 3, 2), recorded=True)


def test_which_outcomes_signal_a_relapse() -> None:
    assert relapse_signal(NazorgUitkomst.terugvalrisico) is TerugvalSignaal.terugvalrisico
    assert relapse_signal(NazorgUitkomst.contact_verloren) is TerugvalSignaal.contact_verloren
    assert relapse_signal(NazorgUitkomst.zorgen) is None
    assert relapse_signal(NazorgUitkomst.stabiel) is None
