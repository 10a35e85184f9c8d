"""What every value a client sends must be, whatever the field: one rule for text, dates and moments.

- Text carries no control characters (NUL, the other C0 and C1 codes, DEL) and no lone surrogates: PostgreSQL
  cannot store NUL, and none of them belongs in a name, a note or a code. Tab, line feed and carriage return
  stay allowed (notes have lines). Refused with 400, never stripped: what is stored is what was sent.
- Dates and moments lie in 1900–2100 (`EARLIEST`..`LATEST`): outside it they are typing errors, and at the
  edges of the calendar they overflow (`0001-01-01T00:00:00+01:00` is before year 1 in UTC) or are stored
  by PostgreSQL as ±infinity.
- A query moment may be a date (the start of that Dutch day), a local time without offset (Dutch time) or a
  time with an offset; it is always compared as an aware moment.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

NL = ZoneInfo("Europe/Amsterdam")
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")


def has_control_characters(value: str) -> bool:
    return _CONTROL.search(value) is not None


def refuse_control_characters(value: str) -> str:
    if has_control_characters(value):
        raise ValueError("contains a control character (NUL, C0/C1 or DEL) or a lone surrogate")
    return value


def in_supported_range(value: date) -> date:
    """A date or moment (as written, before any conversion) between 1900-01-01 and 2100-12-31."""
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"must lie between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return value


def check_value(value: Any) -> None:
    """Raise ValueError when `value` (a parsed field value, nested lists and dicts included) breaks a rule above.
    Nested models are checked by their own validators."""
    if isinstance(value, str):
        refuse_control_characters(value)
    elif isinstance(value, date):
        in_supported_range(value)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            check_value(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_value(key)
            check_value(item)


def _not_a_number(value: Any) -> Any:
    """Pydantic reads a number as seconds since 1970 (`?peildatum=0` → 1970-01-01); the documents promise ISO 8601."""
    if isinstance(value, int | float) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
        raise ValueError("must be an ISO 8601 date or date-time, not a number")
    return value


def _as_dutch_moment(value: Any) -> Any:
    """A date alone is the start of that Dutch day; a moment without offset is Dutch time."""
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            return value
    if isinstance(value, date) and not isinstance(value, datetime):
        in_supported_range(value)
        return datetime.combine(value, time(0), tzinfo=NL)
    return value


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=NL) if value.tzinfo is None else value


# For query parameters: `Annotated[IsoDate | None, Query(...)]`.
IsoDate = Annotated[date, BeforeValidator(_not_a_number), AfterValidator(in_supported_range)]
IsoDateTime = Annotated[
    datetime,
    BeforeValidator(_as_dutch_moment),
    BeforeValidator(_not_a_number),
    AfterValidator(in_supported_range),
    AfterValidator(_aware),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}],
            "description": "A moment with offset; a date is the start of that Dutch day (Europe/Amsterdam).",
        }
    ),
]


def not_in_the_future(value: date) -> date:
    """For dates that cannot lie ahead (a date of birth): at most today in Dutch time."""
    if value > datetime.now(NL).date():
        raise ValueError("lies in the future; expected a date from 1900-01-01 up to today")
    return value


# A date of birth: in 1900–2100 (as every date) and not after today.
BirthDate = Annotated[date, AfterValidator(not_in_the_future)]
# Text in query parameters or anywhere outside a Command (a Command checks every field itself).
SafeText = Annotated[str, AfterValidator(refuse_control_characters)]
