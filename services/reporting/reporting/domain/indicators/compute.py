"""An indicator for a scope: its headline against the target, per municipality, and per month."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from reporting.domain.indicators.catalogue import Indicator
from reporting.domain.indicators.common import Values, Window, add_months
from reporting.domain.indicators.history import History
from reporting.domain.indicators.targets import Doel

MAX_TREND_MONTHS = 36


@dataclass(frozen=True)
class Uitkomst:
    indicator: Indicator
    waarde: float | int | None
    waarden: Values
    doel: Doel | None

    @property
    def gehaald(self) -> bool | None:
        return self.doel.gehaald(self.waarde) if self.doel else None


def headline(indicator: Indicator, doel: Doel | None) -> str:
    """The value the headline shows: the one the target names (`kengetal` in doelen.yaml), else the indicator's own."""
    return (doel.kengetal if doel and doel.kengetal else None) or indicator.kop


def compute(history: History, indicator: Indicator, window: Window, doel: Doel | None = None, kop: str | None = None) -> Uitkomst:
    values = indicator.bereken(history.as_of(window.peildatum), window)
    return Uitkomst(indicator, values.get(kop or headline(indicator, doel)), values, doel)


def per_gemeente(
    history: History, indicator: Indicator, window: Window, gemeenten: list[str], kop: str | None = None
) -> list[tuple[str, Uitkomst]]:
    return [(g, compute(history, indicator, window.only(g), kop=kop)) for g in gemeenten]


def months_of(window: Window) -> list[tuple[date, date]]:
    """The calendar months the period touches up to the reference date (at most MAX_TREND_MONTHS, the latest)."""
    first = window.van.replace(day=1)
    last = min(window.tot, window.peildatum)
    result = []
    while first <= last:
        end = add_months(first, 1) - timedelta(days=1)
        result.append((max(first, window.van), min(end, last)))
        first = add_months(first, 1)
    return result[-MAX_TREND_MONTHS:]


def per_maand(history: History, indicator: Indicator, window: Window, kop: str | None = None) -> list[tuple[date, Uitkomst]]:
    """Each month's figure: a flow over that month (as known on the reference date), or a stock at its last day."""
    return [
        (
            start,
            compute(
                history,
                indicator,
                replace(window, van=start, tot=end, peildatum=end if indicator.op_peildatum else window.peildatum),
                kop=kop,
            ),
        )
        for start, end in months_of(window)
    ]
