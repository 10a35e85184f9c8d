"""What every indicator function shares: the window it looks through, and small statistics."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from journey_platform.dutch_calendar import DAYS_PER_MONTH, add_months, dutch_date
from reporting.domain.indicators.history import start_of

__all__ = [
    "DAYS_PER_MONTH",
    "Values",
    "Window",
    "add_months",
    "days_between",
    "dutch_date",
    "dutch_days",
    "mean",
    "median",
    "months",
    "percentage",
]

Values = dict[str, float | int | None]


@dataclass(frozen=True)
class Window:
    """A period [van, tot] (both Dutch days included), a reference date, and the municipalities in scope (None: all).

    `regio_gemeenten` are the municipalities of the scope's region (None: no region check): "MO in the
    region" (seed 002 fn 9) is a stay in a facility in one of them."""

    van: date
    tot: date
    peildatum: date
    gemeenten: frozenset[str] | None = None
    regio_gemeenten: frozenset[str] | None = None

    def includes(self, gemeente: str | None) -> bool:
        return self.gemeenten is None or gemeente in self.gemeenten

    def in_region(self, gemeente: str | None) -> bool:
        return self.regio_gemeenten is None or gemeente in self.regio_gemeenten

    @property
    def first(self) -> datetime:
        return start_of(self.van)

    @property
    def last(self) -> datetime:
        """The end of the period, or of the reference date if that comes first: nothing later is known."""
        return start_of(min(self.tot, self.peildatum) + timedelta(days=1))

    def in_period(self, moment: datetime) -> bool:
        return self.first <= moment < self.last

    def only(self, gemeente: str) -> Window:
        return replace(self, gemeenten=frozenset({gemeente}))


def percentage(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return round(statistics.fmean(items), 1) if items else None


def median(values: Iterable[float]) -> float | None:
    items = list(values)
    return round(statistics.median(items), 1) if items else None


def months(days: float) -> float:
    """A duration in months of 30.4375 days (365.25 / 12): for averages only, never for a threshold."""
    return days / DAYS_PER_MONTH


def dutch_days(start: datetime, end: datetime | date) -> int:
    """Whole Dutch calendar days from the day of `start` to the day of `end` (a date is a Dutch day)."""
    return (dutch_date(end) - dutch_date(start)).days


def days_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400
