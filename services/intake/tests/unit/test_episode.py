"""The episode's lifecycle rules (domain/episode.py). Expected dates worked out by hand on a calendar, in Dutch time:
CET (UTC+1) in winter, CEST (UTC+2) from 29 March 2026 until 25 October 2026 03:00."""

from datetime import UTC, date, datetime

from intake.domain.episode import (
    Afsluitreden,
    EpisodeActivity,
    aftercare_ends,
    days_since_closed,
    ends_with_report_outcome,
    inactive_since,
    inactivity_closing_moment,
    is_inactive,
    reason_for_report_outcome,
)
from intake.domain.rules import NL

# 1 March 2026, 23:30 in the Netherlands (CET) is 22:30 UTC: still Dutch day 1 March.
LATE_EVENING_1_MARCH = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)


def test_inactive_from_the_ninetieth_dutch_day_after_the_last_activity() -> None:
    quiet = EpisodeActivity(last_activity=LATE_EVENING_1_MARCH, running=False)
    # 1 March + 90 days: March has 31 days → 31 March is +30, 30 April +60, 30 May +90.
    assert inactive_since(quiet, 90) == date(2026, 5, 30)
    # 29 May 23:59 Dutch summer time (CEST) is 21:59 UTC: one minute too early.
    assert not is_inactive(quiet, 90, datetime(2026, 5, 29, 21, 59, tzinfo=UTC))
    # 30 May 00:00 Dutch time is 29 May 22:00 UTC: inactive, though the UTC date is still the 29th.
    assert is_inactive(quiet, 90, datetime(2026, 5, 29, 22, 0, tzinfo=UTC))
    assert inactivity_closing_moment(quiet, 90) == datetime(2026, 5, 30, tzinfo=NL)
    assert inactivity_closing_moment(quiet, 90) == datetime(2026, 5, 29, 22, 0, tzinfo=UTC)


def test_the_dutch_day_of_the_last_activity_counts_not_the_utc_day() -> None:
    # 1 March 23:30 UTC is 2 March 00:30 in the Netherlands: the 90 days count from 2 March → 31 May.
    after_midnight = EpisodeActivity(last_activity=datetime(2026, 3, 1, 23, 30, tzinfo=UTC), running=False)
    assert inactive_since(after_midnight, 90) == date(2026, 5, 31)
    assert not is_inactive(after_midnight, 90, datetime(2026, 5, 30, 12, 0, tzinfo=UTC))


def test_a_running_stay_or_waiting_list_place_keeps_the_episode_alive() -> None:
    staying = EpisodeActivity(last_activity=datetime(2025, 1, 1, tzinfo=UTC), running=True)
    assert inactive_since(staying, 90) is None
    assert not is_inactive(staying, 90, datetime(2026, 12, 1, tzinfo=UTC))


def test_a_configured_inactivity_period() -> None:
    quiet = EpisodeActivity(last_activity=LATE_EVENING_1_MARCH, running=False)
    assert inactive_since(quiet, 30) == date(2026, 3, 31)
    assert inactive_since(quiet, 1) == date(2026, 3, 2)


def test_aftercare_ends_at_the_start_of_the_dutch_day_n_days_after_the_confirmation() -> None:
    # 24 October 2026 23:30 UTC is 25 October 01:30 Dutch summer time (the clocks go back at 03:00 that night).
    confirmed = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert aftercare_ends(confirmed, 0) == confirmed  # the default: the episode closes at the confirmation
    # 25 October + 7 days = 1 November, 00:00 Dutch winter time (CET) = 31 October 23:00 UTC.
    assert aftercare_ends(confirmed, 7) == datetime(2026, 10, 31, 23, 0, tzinfo=UTC)


def test_days_since_the_previous_episode_closed_in_dutch_days() -> None:
    # Closed 31 January 23:30 UTC = 1 February 00:30 Dutch time.
    closed = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
    assert days_since_closed(closed, date(2026, 2, 1)) == 0
    assert days_since_closed(closed, date(2026, 3, 1)) == 28  # February 2026 has 28 days
    assert days_since_closed(closed, date(2027, 2, 1)) == 365
    assert days_since_closed(closed, date(2026, 1, 15)) == 0  # a backdated report never gives a negative number


def test_a_report_outcome_ends_the_episode_only_when_nothing_else_runs() -> None:
    assert ends_with_report_outcome(other_open_reports=False, support_granted=False, running=False)
    assert not ends_with_report_outcome(other_open_reports=True, support_granted=False, running=False)
    assert not ends_with_report_outcome(other_open_reports=False, support_granted=True, running=False)
    assert not ends_with_report_outcome(other_open_reports=False, support_granted=False, running=True)


def test_the_reason_a_report_outcome_gives() -> None:
    assert reason_for_report_outcome(["afgesloten"], no_support=False) is Afsluitreden.zonder_vervolg
    assert reason_for_report_outcome(["afgesloten", "afgesloten"], no_support=False) is Afsluitreden.zonder_vervolg
    assert reason_for_report_outcome(["besloten", "afgesloten"], no_support=False) is Afsluitreden.geen_ondersteuning
    assert reason_for_report_outcome(["besloten"], no_support=True) is Afsluitreden.geen_ondersteuning
