"""Whose resident an event is about, what a subscriber asked for, and when a failed delivery is tried again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Filter:
    """A subscription's choice: channels, and optionally one municipality and some event names."""

    kanalen: frozenset[str]
    gemeente: str | None = None
    event_types: frozenset[str] = frozenset()

    def wants(self, kanaal: str, event_name: str, municipalities: set[str]) -> bool:
        if kanaal not in self.kanalen:
            return False
        if self.gemeente is not None and self.gemeente not in municipalities:
            return False
        return not self.event_types or event_name in self.event_types


@dataclass(frozen=True)
class Residence:
    """Whose resident the client is: the municipality of report and the responsible one."""

    reported: str | None
    responsible: str | None

    @property
    def municipalities(self) -> set[str]:
        return {m for m in (self.reported, self.responsible) if m}


@dataclass(frozen=True)
class RetrySchedule:
    """Waits after the 1st, 2nd, … failed attempt; after the last one the delivery is parked."""

    waits: Sequence[float]

    def next_attempt(self, failed_attempts: int, now: datetime) -> datetime | None:
        """When to try again after `failed_attempts` failures, or None: give up (dead-letter)."""
        if failed_attempts > len(self.waits):
            return None
        return now + timedelta(seconds=self.waits[failed_attempts - 1])


# About a day: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h (≈ 23.7 h in all).
DEFAULT_RETRY_WAITS: tuple[float, ...] = (5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800)


class Status:
    waiting = "wachtend"
    delivered = "afgeleverd"
    failed = "mislukt"  # parked in the dead-letter list until redelivered
