"""What every indicator function shares: the window it looks through, and small statistics."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from reporting.domain.indicators.history import start_of

DAYS_PER_MONTH = 365.25 / 12
Values = dict[str, float | int | None]


@dataclass(frozen=True)
class Window:
    """A period [van, tot] (both days included), a reference date, and the municipalities in scope (None: all)."""

    van: date
    tot: date
    peildatum: date
    gemeenten: frozenset[str] | None = None

    def includes(self, gemeente: str | None) -> bool:
        return self.gemeenten is None or gemeente in self.gemeenten

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


def add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def percentage(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return round(statistics.fmean(items), 1) if items else None


def median(values: Iterable[float]) -> float | None:
    items = list(values)
    return round(statistics.median(items), 1) if items else None


def months(days: float) -> float:
    return days / DAYS_PER_MONTH


def days_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400
