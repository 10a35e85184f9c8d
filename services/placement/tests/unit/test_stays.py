"""The rules of a stay, straight from DOMAIN.md."""

from datetime import UTC, date, datetime, time

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


def test_housing_preferences_keep_the_clients_own_order() -> None:
    assert rules.housing_preferences(["GM0193", "GM0160"]) == ["GM0193", "GM0160"]
    assert rules.housing_preferences(["GM0193", "GM0193"]) == ["GM0193"]
    assert rules.housing_preferences([]) == []


NOON = time(12, 0)


@pytest.mark.parametrize(
    ("admitted", "ends"),
    [
        # admitted on day 1 at any hour: out at noon on day 3, Dutch days
        (datetime(2026, 11, 22, 8, 0, tzinfo=UTC), datetime(2026, 11, 24, 12, 0, tzinfo=rules.NL)),
        (datetime(2026, 11, 22, 22, 59, tzinfo=UTC), datetime(2026, 11, 24, 12, 0, tzinfo=rules.NL)),  # 23:59 NL
        (datetime(2026, 11, 22, 23, 0, tzinfo=UTC), datetime(2026, 11, 25, 12, 0, tzinfo=rules.NL)),  # 00:00 NL, day 1 is 23 Nov
        # across the change to winter time (25 October 2026): still noon on day 3, Dutch clock
        (datetime(2026, 10, 24, 21, 0, tzinfo=UTC), datetime(2026, 10, 26, 12, 0, tzinfo=rules.NL)),
    ],
)
def test_short_stay_counts_from_the_admission_to_noon_on_day_three(admitted: datetime, ends: datetime) -> None:
    assert rules.short_stay_end(admitted, nights=2, checkout=NOON) == ends


def test_short_stay_ends_exactly_at_noon_on_day_three() -> None:
    ends = rules.short_stay_end(datetime(2026, 11, 22, 8, 0, tzinfo=UTC), 2, NOON)
    assert not rules.short_stay_has_ended(ends, datetime(2026, 11, 24, 10, 59, 59, tzinfo=UTC))  # 11:59:59 NL
    assert rules.short_stay_has_ended(ends, datetime(2026, 11, 24, 11, 0, tzinfo=UTC))  # 12:00 NL


def test_short_stay_is_lifted_by_a_grant_or_a_responsible_municipality_inside_the_region() -> None:
    assert rules.short_stay_lifted_by("mo", None, "ijssel-vecht") == "toekenning-mo"
    assert rules.short_stay_lifted_by("beschermd-wonen", "midden-ijssel", "ijssel-vecht") == "toekenning-beschermd-wonen"
    assert rules.short_stay_lifted_by(None, "ijssel-vecht", "ijssel-vecht") == rules.LIFTED_BY_RESPONSIBILITY
    assert rules.short_stay_lifted_by(None, "midden-ijssel", "ijssel-vecht") is None
    assert rules.short_stay_lifted_by(None, None, "ijssel-vecht") is None


def test_acute_maximum_is_the_regions_unless_overridden() -> None:
    assert rules.acute_stay_maximum(date(2026, 1, 5), RULES, regional_weeks=6) == date(2026, 2, 16)
    assert rules.acute_stay_maximum(date(2026, 1, 5), RULES) == date(2026, 3, 2)
    override = rules.StayRules(acute_max_weeks=4, acute_max_weeks_override=True)
    assert rules.acute_stay_maximum(date(2026, 1, 5), override, regional_weeks=6) == date(2026, 2, 2)
