"""Intake's rules, straight from DOMAIN.md."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from intake.domain import rules
from intake.domain.bsn import passes_eleven_check


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999990019"])
def test_synthetic_bsns_pass_the_eleven_check(bsn: str) -> None:
    assert passes_eleven_check(bsn)


@pytest.mark.parametrize("bsn", ["111222334", "123456789", "000000000", "12345678", "1234567820", "12345678a"])
def test_eleven_check_refuses_wrong_numbers(bsn: str) -> None:
    assert not passes_eleven_check(bsn)


def test_decision_is_due_eight_weeks_after_the_report() -> None:
    assert rules.decision_deadline(date(2026, 1, 5)) == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 2, 22), rules.DeadlineSignal.NONE),  # 8 days left
        (date(2026, 2, 23), rules.DeadlineSignal.APPROACHING),  # 7 days left
        (date(2026, 3, 2), rules.DeadlineSignal.APPROACHING),  # deadline day
        (date(2026, 3, 3), rules.DeadlineSignal.PASSED),
    ],
)
def test_deadline_signal_seven_days_before_and_after(today: date, expected: str) -> None:
    assert rules.deadline_signal(date(2026, 3, 2), today) == expected


def test_out_of_region_only_with_a_known_origin_elsewhere() -> None:
    assert not rules.is_out_of_region("ijssel-vecht", None, None)
    assert not rules.is_out_of_region("ijssel-vecht", "GM0160", "ijssel-vecht")
    assert rules.is_out_of_region("ijssel-vecht", "GM0150", "midden-ijssel")
    assert rules.is_out_of_region("ijssel-vecht", "GM0363", None)  # Amsterdam: not a region served here


def test_short_stay_is_two_nights_ending_at_noon_on_day_three() -> None:
    reported = datetime(2026, 11, 22, 21, 30, tzinfo=UTC)  # 22:30 in Zwolle
    ends = rules.short_stay_ends(reported)
    assert ends.astimezone(rules.NL).date() == date(2026, 11, 24)
    assert ends.astimezone(rules.NL).hour == 12


def test_short_stay_counts_days_in_dutch_time() -> None:
    reported = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # already 23 November in Zwolle
    assert rules.short_stay_ends(reported).astimezone(rules.NL).date() == date(2026, 11, 25)


def test_responsible_municipality_is_origin_when_served_here() -> None:
    assert rules.responsible_municipality("GM0193", "GM0160", True) == "GM0160"
    assert rules.responsible_municipality("GM0193", "GM0363", False) == "GM0193"
    assert rules.responsible_municipality("GM0193", None, False) == "GM0193"


REPORTED = date(2026, 6, 1)
IV = "ijssel-vecht"


def applied(days_before: int) -> rules.BwApplication:
    return rules.BwApplication(applied_on=REPORTED - timedelta(days=days_before))


def used(start_days_before: int, end_days_before: int | None, region: str = IV) -> rules.BwUse:
    end = None if end_days_before is None else REPORTED - timedelta(days=end_days_before)
    return rules.BwUse(region=region, start=REPORTED - timedelta(days=start_days_before), end=end)


def test_new_bw_client_without_history() -> None:
    assert rules.bw_new_client([], [], IV, REPORTED) == rules.NewClientOutcome(True, rules.NewClientGround.NEW)


def test_a_decided_or_undecided_application_within_365_days_back_from_the_report_decides() -> None:
    # 2026-06-01 minus 365 days is 2025-06-01: an application that day still counts, one on 2025-05-31 does not
    outcome = rules.bw_new_client([applied(365)], [], IV, REPORTED)
    assert outcome == rules.NewClientOutcome(False, rules.NewClientGround.APPLICATION, date(2025, 6, 1))
    assert rules.bw_new_client([applied(366)], [], IV, REPORTED).new
    assert not rules.bw_new_client([applied(0)], [], IV, REPORTED).new  # another application the same day


def test_the_application_lookback_is_counted_from_the_report_not_the_decision() -> None:
    # reported 1 June 2026, decided weeks later: an application of 2 June 2025 is within 365 days of the report
    assert not rules.bw_new_client([rules.BwApplication(date(2025, 6, 2))], [], IV, date(2026, 6, 1)).new
    assert rules.bw_new_client([rules.BwApplication(date(2025, 6, 2))], [], IV, date(2026, 7, 20)).new


def test_an_actual_bw_stay_in_the_region_where_the_client_reports_decides_without_time_bound() -> None:
    outcome = rules.bw_new_client([], [used(3000, 2500)], IV, REPORTED)
    assert outcome == rules.NewClientOutcome(False, rules.NewClientGround.BW_USE, REPORTED - timedelta(days=2500))
    assert not rules.bw_new_client([], [used(30, None)], IV, REPORTED).new  # still running
    assert rules.bw_new_client([], [used(3000, 2500, region="midden-ijssel")], IV, REPORTED).new


def test_bw_use_lookback_is_a_regional_setting() -> None:
    assert rules.bw_new_client([], [used(3000, 731)], IV, REPORTED, use_lookback_days=730).new
    assert not rules.bw_new_client([], [used(3000, 730)], IV, REPORTED, use_lookback_days=730).new


def test_the_application_is_named_before_the_bw_use() -> None:
    outcome = rules.bw_new_client([applied(10)], [used(100, 50)], IV, REPORTED)
    assert outcome.ground == rules.NewClientGround.APPLICATION


def test_the_decision_term_is_the_regions_setting() -> None:
    assert rules.decision_deadline(date(2026, 1, 5), term_weeks=6) == date(2026, 2, 16)


def test_short_stay_nights_and_checkout_are_settings() -> None:
    reported = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # 00:30 on 29 March in Zwolle (summer time starts)
    ends = rules.short_stay_ends(reported, nights=1, checkout=time(10, 0))
    assert ends == datetime(2026, 3, 30, 10, 0, tzinfo=rules.NL)
    assert ends.utcoffset() == timedelta(hours=2)
