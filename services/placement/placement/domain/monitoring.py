"""Trajectory monitoring (trajectbewaking): periodic check-ins with due dates and outcomes."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum


class Uitkomst(StrEnum):
    volgens_plan = "volgens-plan"
    bijsturing_nodig = "bijsturing-nodig"
    opschalen = "opschalen"
    afschalen = "afschalen"
    uitstroomgereed = "uitstroomgereed"
    niet_bereikt = "niet-bereikt"


# After these outcomes no next check-in is planned by itself: the journey moves on.
FINAL_OUTCOMES = frozenset({Uitkomst.uitstroomgereed})


def is_overdue(planned: date, done: bool, today: date) -> bool:
    return not done and planned < today


def days_overdue(planned: date, today: date) -> int:
    return max(0, (today - planned).days)


def next_check_in(done_on: date, interval_days: int, outcome: Uitkomst) -> date | None:
    if outcome in FINAL_OUTCOMES:
        return None
    return done_on + timedelta(days=interval_days)
