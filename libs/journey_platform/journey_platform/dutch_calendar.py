"""One calendar for every service: Dutch days (Europe/Amsterdam) and calendar months.

The regions count days, months and years in Dutch time (DOMAIN.md, "Episodes and exact definitions"):
an admission at 00:30 on 1 January in Zwolle is a 2024 admission, although it is 23:30 on 31 December
in UTC. Moments stay UTC-aware datetimes everywhere (API answers, events, tables); only where a moment
becomes a *day* — a date, a month, a year, a threshold of N months — does this module apply.

Two kinds of "months", never mixed:
- a threshold ("within 3 months", "longer than 3 months") is calendar months on Dutch dates:
  ready on 1 January is within 3 months up to and including 1 April, late from 2 April on;
  from 31 January, three months on is 30 April (the last day of a shorter month);
- an average or a duration expressed in months is days ÷ 30.4375 (the mean month of the Gregorian
  calendar, 365.25 / 12), stated as such wherever it is shown.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

NL = ZoneInfo("Europe/Amsterdam")
DAYS_PER_MONTH = 30.4375  # 365.25 / 12: only for averages and durations in months, never for thresholds


def dutch_date(moment: datetime | date) -> date:
    """The Dutch calendar day of a moment (a date is taken as already Dutch)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            raise ValueError("a moment without a time zone has no Dutch date")
        return moment.astimezone(NL).date()
    return moment


def start_of_day(day: date) -> datetime:
    """00:00 Dutch time on that day, as an aware datetime (compares correctly with UTC moments)."""
    return datetime.combine(day, time(0), NL)


def end_of_day(day: date) -> datetime:
    """The first moment after that Dutch day: 00:00 Dutch time on the next day."""
    return start_of_day(day + timedelta(days=1))


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (or earlier); the month's last day where that day does not exist."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def longer_than_months(start: datetime | date, end: datetime | date, months: int) -> bool:
    """Whether `end` lies more than `months` calendar months after `start`, on Dutch dates."""
    return dutch_date(end) > add_months(dutch_date(start), months)


def within_months(start: datetime | date, end: datetime | date, months: int) -> bool:
    """Whether `end` lies at most `months` calendar months after `start`, on Dutch dates (the complement)."""
    return not longer_than_months(start, end, months)


def months_from_days(days: float) -> float:
    """A duration of `days` expressed in months of 30.4375 days (for averages, never for thresholds)."""
    return days / DAYS_PER_MONTH
