"""The rules of a stay, straight from DOMAIN.md."""

from datetime import UTC, date, datetime

import pytest

from placement.domain import stays as rules

RULES = rules.StayRules()


def test_acute_stay_lasts_eight_weeks_unless_configured() -> None:
    assert rules.acute_stay_maximum(date(2026, 1, 5), RULES) == date(2026, 3, 2)
    assert rules.acute_stay_maximum(date(2026, 1, 5), rules.StayRules(acute_max_weeks=6)) == date(2026, 2, 16)


def test_checklist_has_id_income_and_insurance_with_due_dates() -> None:
    due = rules.checklist_due_dates(date(2026, 1, 5), RULES)
    assert due == {"identiteitsbewijs": date(2026, 1, 19), "zorgverzekering": date(2026, 2, 2), "inkomen": date(2026, 2, 16)}
    assert rules.done_on_time(date(2026, 1, 19), date(2026, 1, 19))
    assert not rules.done_on_time(date(2026, 1, 19), date(2026, 1, 20))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 2, 22), rules.StaySignal.NONE),  # 8 days left
        (date(2026, 2, 23), rules.StaySignal.APPROACHING),  # 7 days left
        (date(2026, 3, 2), rules.StaySignal.APPROACHING),  # the last day
        (date(2026, 3, 3), rules.StaySignal.PASSED),
    ],
)
def test_stay_signal_near_and_past_the_maximum(today: date, expected: str) -> None:
    assert rules.stay_signal(date(2026, 3, 2), today, warning_days=7) == expected


def test_short_stay_ends_at_its_moment() -> None:
    ends = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
    assert not rules.short_stay_has_ended(ends, datetime(2026, 11, 24, 10, 59, tzinfo=UTC))
    assert rules.short_stay_has_ended(ends, ends)
    assert not rules.short_stay_has_ended(None, ends)


def test_bed_and_break_is_a_time_out_by_type_or_by_request() -> None:
    assert rules.is_time_out("bed-en-break", requested=False)
    assert rules.is_time_out("acute-opvang", requested=True)
    assert not rules.is_time_out("acute-opvang", requested=False)


def test_length_of_stay_counts_dutch_days() -> None:
    admitted = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # 23 November in Zwolle
    assert rules.length_of_stay_days(admitted, datetime(2026, 11, 24, 8, 0, tzinfo=UTC)) == 1


def test_return_to_origin_only_when_both_are_known() -> None:
    assert rules.returned_to_origin("GM0160", "GM0160") is True
    assert rules.returned_to_origin("GM0160", "GM0193") is False
    assert rules.returned_to_origin(None, "GM0193") is None
    assert rules.returned_to_origin("GM0160", None) is None


def test_housing_preferences_put_the_municipality_of_origin_first() -> None:
    assert rules.housing_preferences("GM0160", ["GM0193", "GM0160"]) == ["GM0160", "GM0193"]
    assert rules.housing_preferences(None, ["GM0193"]) == ["GM0193"]
