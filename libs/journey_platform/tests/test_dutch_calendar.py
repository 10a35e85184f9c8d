"""The one calendar: Dutch days and calendar-month thresholds (expected values worked out by hand)."""

from datetime import UTC, date, datetime

import pytest

from journey_platform.dutch_calendar import (
    DAYS_PER_MONTH,
    add_months,
    dutch_date,
    end_of_day,
    longer_than_months,
    months_from_days,
    start_of_day,
    within_months,
)


def test_a_moment_just_after_dutch_midnight_on_new_year_is_the_new_year() -> None:
    # 23:30 UTC on 31 December 2023 is 00:30 on 1 January 2024 in Amsterdam (CET, UTC+1).
    assert dutch_date(datetime(2023, 12, 31, 23, 30, tzinfo=UTC)) == date(2024, 1, 1)
    # 22:30 UTC on 30 June is 00:30 on 1 July in summer time (CEST, UTC+2).
    assert dutch_date(datetime(2024, 6, 30, 22, 30, tzinfo=UTC)) == date(2024, 7, 1)
    assert dutch_date(datetime(2024, 6, 30, 21, 59, tzinfo=UTC)) == date(2024, 6, 30)


def test_a_moment_without_a_time_zone_is_refused() -> None:
    with pytest.raises(ValueError):
        dutch_date(datetime(2024, 1, 1, 12, 0))


def test_a_dutch_day_starts_at_dutch_midnight() -> None:
    assert start_of_day(date(2024, 1, 1)) == datetime(2023, 12, 31, 23, 0, tzinfo=UTC)
    assert end_of_day(date(2024, 7, 1)) == datetime(2024, 7, 1, 22, 0, tzinfo=UTC)


def test_calendar_months_keep_the_day_or_take_the_last_day_of_a_shorter_month() -> None:
    assert add_months(date(2024, 1, 1), 3) == date(2024, 4, 1)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2024, 1, 1), -3) == date(2023, 10, 1)


def test_three_months_is_calendar_months_on_dutch_dates() -> None:
    ready = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
    # 1 April is day 91 counted from 1 January (90 days later): still within 3 months.
    assert within_months(ready, datetime(2024, 4, 1, 15, 0, tzinfo=UTC), 3)
    # 2 April (91 days later): longer than 3 months. Reporting and housing agree on this day.
    assert longer_than_months(ready, datetime(2024, 4, 2, 8, 0, tzinfo=UTC), 3)
    # Housed at 00:30 Dutch time on 2 April (22:30 UTC on 1 April): late, by the Dutch date.
    assert longer_than_months(ready, datetime(2024, 4, 1, 22, 30, tzinfo=UTC), 3)


def test_an_average_in_months_is_days_over_30_4375() -> None:
    assert DAYS_PER_MONTH == 365.25 / 12
    assert months_from_days(91.3125) == 3.0
    assert months_from_days(280.0) == pytest.approx(9.199, abs=0.001)
