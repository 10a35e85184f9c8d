"""Intake's rules, straight from DOMAIN.md."""

from datetime import UTC, date, datetime

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


TODAY = date(2026, 6, 1)


def item(
    days_ago: int, region: str = "ijssel-vecht", granted: bool = True, valid_until: date | None = None
) -> rules.BwHistoryItem:
    return rules.BwHistoryItem(
        applied_on=date.fromordinal(TODAY.toordinal() - days_ago), region=region, granted=granted, valid_until=valid_until
    )


def test_new_bw_client_without_history() -> None:
    assert rules.is_new_bw_client([], "ijssel-vecht", TODAY)


def test_not_new_with_an_application_within_365_days() -> None:
    assert not rules.is_new_bw_client([item(364, granted=False)], "ijssel-vecht", TODAY)
    assert not rules.is_new_bw_client([item(200, region="midden-ijssel", granted=False)], "ijssel-vecht", TODAY)


def test_not_new_while_using_bw_in_the_same_region() -> None:
    assert not rules.is_new_bw_client([item(800, valid_until=None)], "ijssel-vecht", TODAY)
    assert not rules.is_new_bw_client([item(800, valid_until=date(2026, 1, 1))], "ijssel-vecht", TODAY)


def test_new_after_old_use_elsewhere_or_long_ago() -> None:
    assert rules.is_new_bw_client([item(800, region="midden-ijssel", valid_until=None)], "ijssel-vecht", TODAY)
    assert rules.is_new_bw_client([item(900, valid_until=date(2025, 1, 1))], "ijssel-vecht", TODAY)
