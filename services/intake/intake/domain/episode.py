"""An episode (traject): one period of homelessness of one person, from the first report to its end.

DOMAIN.md "Episodes and exact definitions"; the seed sentences each rule follows are named in docs/episodes.md.
Pure functions: no framework, no database. Days are Dutch (Europe/Amsterdam).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from intake.domain.rules import NL
from journey_platform.contracts.intake import Afsluitreden as Afsluitreden  # the reasons are the contract's codes

OPEN = "open"
CLOSED = "gesloten"

# Default settings (IntakeSettings.episode_*): a client housed and handed over is followed this many days before the
# episode closes; an episode in which nothing happened for this many days closes as inactive.
DEFAULT_AFTERCARE_DAYS = 0
DEFAULT_INACTIVITY_DAYS = 90


# The reasons are the contract's codes. Reasons a case worker gives by hand (POST /trajecten/{id}/afsluiting); the others follow from what happened.
MANUAL_REASONS = (Afsluitreden.vertrokken_uit_regio, Afsluitreden.overleden)


def dutch_day(moment: datetime) -> date:
    return moment.astimezone(NL).date()


@dataclass(frozen=True)
class EpisodeActivity:
    """What the inactivity rule looks at: the moment of the latest stay, contact or decision, and whether a stay (or a
    place on the central waiting list) is still running."""

    last_activity: datetime
    running: bool


def inactive_since(activity: EpisodeActivity, inactivity_days: int) -> date | None:
    """The Dutch day from which the episode counts as inactive, None while something is running.

    "90 days without a stay, contact or decision": the episode closes on the 90th Dutch calendar day after the day of
    its last activity (activity on 1 March → inactive from 30 May, whatever the hour)."""
    if activity.running:
        return None
    return dutch_day(activity.last_activity) + timedelta(days=inactivity_days)


def is_inactive(activity: EpisodeActivity, inactivity_days: int, now: datetime) -> bool:
    since = inactive_since(activity, inactivity_days)
    return since is not None and dutch_day(now) >= since


def inactivity_closing_moment(activity: EpisodeActivity, inactivity_days: int) -> datetime:
    """The moment an inactive episode ended: the start (00:00 Dutch time) of the day it became inactive."""
    since = inactive_since(activity, inactivity_days)
    assert since is not None
    return datetime.combine(since, datetime.min.time(), tzinfo=NL)


def aftercare_ends(handover_confirmed_at: datetime, aftercare_days: int) -> datetime:
    """The warm handover is confirmed; the episode ends when the aftercare period is over (0 days: at once).
    A period of N days ends at the start of the N-th Dutch day after the day of the confirmation."""
    if aftercare_days <= 0:
        return handover_confirmed_at
    day = dutch_day(handover_confirmed_at) + timedelta(days=aftercare_days)
    return datetime.combine(day, datetime.min.time(), tzinfo=NL)


def days_since_closed(closed_at: datetime, reported_on: date) -> int:
    """A return: Dutch calendar days from the day the previous episode closed to the day of the new report
    (0 when reported the same day, never negative for a backdated report)."""
    return max(0, (reported_on - dutch_day(closed_at)).days)


def ends_with_report_outcome(*, other_open_reports: bool, support_granted: bool, running: bool) -> bool:
    """A report closed without follow-up, or a decision of no support, ends the episode only when nothing else runs in
    it: no other open report, no support granted on another report, no stay or place on the waiting list."""
    return not (other_open_reports or support_granted or running)


def reason_for_report_outcome(report_statuses: list[str], no_support: bool) -> Afsluitreden:
    """Every report closed without follow-up: "zonder-vervolg"; otherwise the decision of no support ended it."""
    if not no_support and report_statuses and all(s == "afgesloten" for s in report_statuses):
        return Afsluitreden.zonder_vervolg
    return Afsluitreden.geen_ondersteuning
