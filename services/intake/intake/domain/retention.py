"""How long intake keeps a person's data, per kind of record, and when a person's data has expired.

A person's data is erased when none of their records still needs keeping: every journey has ended and
each ended longer ago than the retention period of its kind. The periods and their legal reasons are
in docs/privacy/erasure.md; the numbers are settings (IntakeSettings.retention_*).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class RecordKind(StrEnum):
    gesloten_traject = "gesloten-traject"  # a journey intake closed after a decision
    melding_zonder_vervolg = "melding-zonder-vervolg"  # a journey whose every report was closed without follow-up
    preventiezaak = "preventiezaak"  # a journey that is only an early signal (prevention case)


@dataclass(frozen=True)
class RetentionPeriods:
    closed_journey: timedelta
    report_without_follow_up: timedelta
    prevention_case: timedelta

    def of(self, kind: RecordKind) -> timedelta:
        return {
            RecordKind.gesloten_traject: self.closed_journey,
            RecordKind.melding_zonder_vervolg: self.report_without_follow_up,
            RecordKind.preventiezaak: self.prevention_case,
        }[kind]


@dataclass(frozen=True)
class JourneyRecord:
    """A journey as retention sees it: `kind` None while it is still in use."""

    kind: RecordKind | None
    ended_on: datetime | None


def classify(
    status: str,
    closed_on: datetime | None,
    report_statuses: Iterable[str],
    prevention_cases_opened: Iterable[datetime],
    reason: str | None = None,
) -> JourneyRecord:
    """The retention period starts when the episode closes (`closed_on`); its closing reason says which period."""
    reports = list(report_statuses)
    opened = list(prevention_cases_opened)
    if not reports and opened:  # only an early signal, whether or not its episode closed (e.g. inactive)
        return JourneyRecord(RecordKind.preventiezaak, max(opened))
    if status == "gesloten" and closed_on is not None:
        if reason is not None:
            without_follow_up = reason == "zonder-vervolg"
        else:
            without_follow_up = bool(reports) and all(s == "afgesloten" for s in reports)
        return JourneyRecord(RecordKind.melding_zonder_vervolg if without_follow_up else RecordKind.gesloten_traject, closed_on)
    return JourneyRecord(None, None)


def expiry(record: JourneyRecord, periods: RetentionPeriods) -> datetime | None:
    if record.kind is None or record.ended_on is None:
        return None
    return record.ended_on + periods.of(record.kind)


def expired(records: Iterable[JourneyRecord], periods: RetentionPeriods, now: datetime) -> RecordKind | None:
    """The kind that kept the data longest, when every record has expired; None while any must be kept."""
    latest: tuple[datetime, RecordKind] | None = None
    count = 0
    for record in records:
        count += 1
        until = expiry(record, periods)
        if until is None or until > now:
            return None
        assert record.kind is not None
        if latest is None or until > latest[0]:
            latest = (until, record.kind)
    return latest[1] if count and latest else None
