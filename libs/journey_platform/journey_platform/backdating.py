"""Moments in the past: late registration (docs/late-registration.md).

A command may say when its fact happened (`opgenomenOp`, `meldDatum`, ...): a night-time admission registered the
next morning happened that night. In production such a moment is accepted within a window (the setting
`LATE_REGISTRATION_WINDOW_DAYS`, default 30 days; older history only through the import) and, when it lies more than
a small tolerance (`LATE_REGISTRATION_TOLERANCE_MINUTES`, default 60) in the past, only with a reason
(`redenLateRegistratie`); who recorded it is the caller. A moment in the future is always refused. Outside production
(development, test: `make demo` builds a synthetic year) any past moment is accepted, a reason optional.

A handler calls `moment(...)` (or `day(...)` for a date) with the command's optional field; the answer is the
moment to record, and the events carry it in their `...Op`/`...Datum` fields, which is where reporting reads when a
fact happened, while the CloudEvents `time` says when it was recorded. A late moment is noted in the unit of work
(`UnitOfWork.note_late`): its events carry the extension attribute `laatgeregistreerd` and the service keeps who,
why and both moments in its `late_registrations` table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from pydantic import Field

from journey_platform.dutch_calendar import NL, start_of_day
from journey_platform.errors import InvalidInput
from journey_platform.settings import Environment
from journey_platform.web.commands import Command

if TYPE_CHECKING:
    from journey_platform.auth import Principal


class NotesLate(Protocol):
    """What a recorder needs of a unit of work (the real one, or a test's fake)."""

    def note_late(
        self,
        *,
        veld: str,
        moment: datetime,
        now: datetime,
        door: str,
        subject: str,
        reden: str | None,
        traject_id: UUID | None,
    ) -> None: ...


# A moment given a little ahead of the server's clock is still "now".
CLOCK_SKEW = timedelta(minutes=5)
REASON_FIELD = "redenLateRegistratie"
DESCRIPTION = (
    "When it happened (with timezone); now when omitted. Not in the future; in production at most the late-registration "
    "window (default 30 days) back, and with `redenLateRegistratie` when more than the tolerance (default 60 minutes) "
    "in the past (docs/late-registration.md)."
)
DAY_DESCRIPTION = (
    "The day it happened; today when omitted. Not in the future; in production at most the late-registration window "
    "(default 30 days) back, and with `redenLateRegistratie` when before today (docs/late-registration.md)."
)
REASON_DESCRIPTION = (
    "Why a moment is registered late (who records it is the caller): required in production when a moment lies more "
    "than the tolerance in the past. Kept by the owning service, never on an event; no personal details."
)


class LateRegistration(Command):
    """Base of every command that takes a moment: the reason it is registered late."""

    reden_late_registratie: str | None = Field(None, min_length=3, max_length=500, description=REASON_DESCRIPTION)


@dataclass(frozen=True)
class Recorder:
    """Who registers a command's moment and why it is late: a late moment is noted in the unit of work."""

    uow: NotesLate
    who: Principal
    reason: str | None = None
    traject_id: UUID | None = None  # when omitted, the journey of the unit of work's first journey event

    def note(self, field: str, value: datetime, now: datetime) -> None:
        self.uow.note_late(
            veld=field,
            moment=value,
            now=now,
            door=self.who.org_id,
            subject=self.who.subject,
            reden=self.reason,
            traject_id=self.traject_id,
        )


class _LateSettings(Protocol):
    environment: Environment
    late_registration_window_days: int
    late_registration_tolerance_minutes: int


@dataclass(frozen=True)
class LatePolicy:
    """How far back a command's moment may lie, and from when on it needs a reason."""

    free: bool = True  # outside production: any past moment, reason optional
    window: timedelta = timedelta(days=30)
    tolerance: timedelta = timedelta(minutes=60)

    @classmethod
    def from_settings(cls, settings: _LateSettings) -> LatePolicy:
        return cls(
            free=allowed(settings.environment),
            window=timedelta(days=settings.late_registration_window_days),
            tolerance=timedelta(minutes=settings.late_registration_tolerance_minutes),
        )

    @classmethod
    def production(cls, window_days: int = 30, tolerance_minutes: int = 60) -> LatePolicy:
        return cls(free=False, window=timedelta(days=window_days), tolerance=timedelta(minutes=tolerance_minutes))

    def is_late(self, value: datetime | None, now: datetime) -> bool:
        return value is not None and value < now - self.tolerance

    def is_late_day(self, value: date | None, today: date) -> bool:
        return value is not None and value < today


def allowed(environment: Environment | str) -> bool:
    """Free backdating (any past moment, no reason needed): only outside production."""
    return Environment(environment) is not Environment.production


def moment(
    value: datetime | None,
    field: str,
    *,
    now: datetime,
    policy: LatePolicy,
    recorder: Recorder | None = None,
    not_before: datetime | None = None,
    before_what: str = "the fact it follows",
) -> datetime:
    """`value` when given and acceptable, otherwise `now`; a 400 naming the field when it is not acceptable.
    A late moment is noted with the recorder (who, why) when one is given."""
    reason = recorder.reason if recorder is not None else None
    if value is None:
        return now
    if value.tzinfo is None:
        raise InvalidInput.field(field, "give a timezone", "timezone")
    if value > now + CLOCK_SKEW:
        raise InvalidInput.field(field, "lies in the future", "future")
    if not_before is not None and value < not_before:
        raise InvalidInput.field(field, f"lies before {before_what}", "too-early")
    if not policy.free:
        if value < now - policy.window:
            raise InvalidInput.field(
                field,
                f"lies more than {policy.window.days} days in the past; older history is loaded through the import",
                "beyond-late-registration-window",
            )
        if policy.is_late(value, now) and not (reason and reason.strip()):
            minutes = int(policy.tolerance.total_seconds() // 60)
            raise InvalidInput.field(
                REASON_FIELD, f"required when {field} lies more than {minutes} minutes in the past", "reason-required"
            )
    if recorder is not None and policy.is_late(value, now):
        recorder.note(field, value, now)
    return value


def day(value: date | None, field: str, *, now: datetime, policy: LatePolicy, recorder: Recorder | None = None) -> date:
    """The day-valued twin of `moment`: a date before today (Dutch time) is late; today is the tolerance."""
    today = now.astimezone(NL).date()
    reason = recorder.reason if recorder is not None else None
    if value is None:
        return today
    if value > today:
        raise InvalidInput.field(field, "lies in the future; expected today or earlier", "future-date")
    if not policy.free:
        if value < today - policy.window:
            raise InvalidInput.field(
                field,
                f"lies more than {policy.window.days} days in the past; older history is loaded through the import",
                "beyond-late-registration-window",
            )
        if policy.is_late_day(value, today) and not (reason and reason.strip()):
            raise InvalidInput.field(REASON_FIELD, f"required when {field} lies before today", "reason-required")
    if recorder is not None and policy.is_late_day(value, today):
        recorder.note(field, start_of_day(value), now)
    return value
