"""The rules of intake, in the words of DOMAIN.md. Pure functions; no framework, no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from journey_platform.dutch_calendar import NL as NL  # re-exported: the one Dutch calendar

# Wmo 2015: a decision within 8 weeks of the report.
DECISION_TERM = timedelta(weeks=8)
# Warn the team when this many days (or fewer) remain.
DEADLINE_WARNING_DAYS = 7
# IJssel-Vecht practice: someone from outside the region gets 2 nights / 3 days in the acute shelter.
SHORT_STAY_NIGHTS = 2
SHORT_STAY_DAYS = 3
SHORT_STAY_CHECKOUT = time(12, 0)
# BW new client: no application in the last 365 days and no BW use in the region.
NEW_CLIENT_LOOKBACK = timedelta(days=365)


def decision_deadline(report_date: date) -> date:
    return report_date + DECISION_TERM


def days_left(deadline: date, today: date) -> int:
    return (deadline - today).days


class DeadlineSignal:
    NONE = "geen"
    APPROACHING = "nadert"
    PASSED = "verstreken"


def deadline_signal(deadline: date, today: date) -> str:
    left = days_left(deadline, today)
    if left < 0:
        return DeadlineSignal.PASSED
    if left <= DEADLINE_WARNING_DAYS:
        return DeadlineSignal.APPROACHING
    return DeadlineSignal.NONE


def is_out_of_region(reported_region: str | None, origin_municipality: str | None, origin_region: str | None) -> bool:
    """MO is nationally accessible, but someone whose municipality of origin lies outside the region
    where he or she reports gets only a short stay. Without a known origin there is no evidence."""
    if origin_municipality is None:
        return False
    return origin_region is None or origin_region != reported_region


def short_stay_ends(reported_at: datetime) -> datetime:
    """2 nights / 3 days: the stay ends at noon on the third day (Dutch time)."""
    local_day = reported_at.astimezone(NL).date()
    return datetime.combine(local_day + timedelta(days=SHORT_STAY_DAYS - 1), SHORT_STAY_CHECKOUT, tzinfo=NL)


def responsible_municipality(reported: str, origin: str | None, origin_known: bool) -> str:
    """Woonplaatsbeginsel: the municipality of residence (origin) when it is one we serve,
    otherwise the municipality where the report was made."""
    return origin if origin is not None and origin_known else reported


@dataclass(frozen=True)
class BwHistoryItem:
    """A previous BW application of the person (a decision on BW or beschut wonen)."""

    applied_on: date
    region: str | None
    granted: bool
    valid_until: date | None


def is_new_bw_client(history: Iterable[BwHistoryItem], region: str | None, today: date) -> bool:
    """No BW application in the last 365 days and no BW use in this region in that period."""
    since = today - NEW_CLIENT_LOOKBACK
    for item in history:
        if item.applied_on > since:
            return False
        in_use = item.granted and (item.valid_until is None or item.valid_until > since)
        if in_use and item.region == region:
            return False
    return True
