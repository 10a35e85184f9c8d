"""Backdated moments: a command may say when its fact happened, so a synthetic year (`make demo`) or a test
can build a history. Only outside production: in production a fact happens when it is recorded.

A handler calls `moment(...)` with the command's optional field; the answer is the moment to record, and the
events carry it in their `...Op` fields, which is where reporting reads when a fact happened.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from journey_platform.errors import InvalidInput
from journey_platform.settings import Environment

# A moment given a little ahead of the server's clock is still "now".
CLOCK_SKEW = timedelta(minutes=5)
DESCRIPTION = "When it happened (with timezone); now when omitted. Only outside production (development/test), not in the future."


def allowed(environment: Environment | str) -> bool:
    return Environment(environment) is not Environment.production


def moment(
    value: datetime | None,
    field: str,
    *,
    now: datetime,
    backdating: bool,
    not_before: datetime | None = None,
    before_what: str = "the fact it follows",
) -> datetime:
    """`value` when given and acceptable, otherwise `now`; a 400 naming `field` when it is not acceptable."""
    if value is None:
        return now
    if not backdating:
        raise InvalidInput.field(
            field, "a backdated moment is accepted only outside production; leave it out", "backdating-not-allowed"
        )
    if value.tzinfo is None:
        raise InvalidInput.field(field, "give a timezone", "timezone")
    if value > now + CLOCK_SKEW:
        raise InvalidInput.field(field, "lies in the future", "future")
    if not_before is not None and value < not_before:
        raise InvalidInput.field(field, f"lies before {before_what}", "too-early")
    return value
