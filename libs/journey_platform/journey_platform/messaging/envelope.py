"""CloudEvents 1.0 envelope, NL GOV profile, structured JSON mode on Kafka."""

from __future__ import annotations

import builtins
import json
import re
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from journey_platform.contracts.base import EventContract

CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8"
# CloudEvents extension attribute (lowercase alphanumeric, as CloudEvents 1.0 requires; an Integer): the
# producer's number of this event within its journey, 1, 2, 3, ... in the order the producer committed them.
JOURNEY_SEQUENCE = "trajectvolgnummer"
# CloudEvents extension attributes (Boolean), present only when true: the fact was registered late (its moment lies
# more than the tolerance before the event's `time`), or loaded by the history import (docs/late-registration.md,
# docs/import.md). Consumers treat such events exactly like live ones; the payload's moments say when it happened.
LATE_REGISTERED = "laatgeregistreerd"
IMPORTED = "geimporteerd"
# CloudEvents extension attribute (String) on the events of an imported row: the row's source key
# `<bron>/<regelsoort>/<bronId>` (docs/import.md), so another service's import can name the journey of an imported
# report by the source's own id. A source system's record id, never a name or BSN.
IMPORT_SOURCE = "importbron"
_URN_SOURCE = re.compile(r"^urn:nld:oin:\d{20}:systeem:[a-z0-9-]+$")
_REVERSE_DNS_TYPE = re.compile(r"^[a-z0-9]+(\.[a-z0-9-]+)+\.v\d+$")
_C = TypeVar("_C", bound=EventContract)


class MalformedEvent(Exception):
    """The bytes on the topic are not a CloudEvent we can read; retrying will not help."""


class CloudEvent(BaseModel):
    model_config = ConfigDict(frozen=True, extra="allow")

    specversion: Literal["1.0"] = "1.0"
    id: UUID = Field(default_factory=uuid4)
    source: str
    type: str
    time: datetime
    subject: str | None = None
    datacontenttype: Literal["application/json"] = "application/json"
    data: dict[str, Any]

    @field_validator("source")
    @classmethod
    def _urn_source(cls, value: str) -> str:
        if not _URN_SOURCE.match(value):
            raise ValueError("source must be urn:nld:oin:<OIN>:systeem:<service>")
        return value

    @field_validator("type")
    @classmethod
    def _reverse_dns(cls, value: str) -> str:
        if not _REVERSE_DNS_TYPE.match(value):
            raise ValueError("type must be reverse-DNS, kebab-case, ending in .v<N>")
        return value

    @field_validator("time")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("time must carry a timezone")
        return value.astimezone(UTC)

    @property
    def journey_sequence(self) -> int | None:
        """The producer's number of this event within its journey (`trajectvolgnummer`); None on events without one."""
        value = (self.model_extra or {}).get(JOURNEY_SEQUENCE)
        return int(value) if value is not None else None

    def with_journey_sequence(self, number: int) -> CloudEvent:
        return CloudEvent.model_validate({**self.model_dump(), JOURNEY_SEQUENCE: number})

    def with_extensions(self, extensions: dict[str, Any]) -> CloudEvent:
        return CloudEvent.model_validate({**self.model_dump(), **extensions}) if extensions else self

    @property
    def late_registered(self) -> bool:
        return bool((self.model_extra or {}).get(LATE_REGISTERED, False))

    @property
    def imported(self) -> bool:
        return bool((self.model_extra or {}).get(IMPORTED, False))

    @property
    def import_source(self) -> str | None:
        value = (self.model_extra or {}).get(IMPORT_SOURCE)
        return str(value) if value is not None else None

    def to_bytes(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode()

    def payload(self, contract: builtins.type[_C]) -> _C:
        # `builtins.type`: inside this class `type` is the CloudEvents attribute.
        return contract.model_validate(self.data)


def new_event(contract: EventContract, source: str, time: datetime | None = None) -> CloudEvent:
    return CloudEvent(
        source=source,
        type=contract.event_type(),
        time=time or datetime.now(UTC),
        subject=contract.subject(),
        data=contract.to_data(),
    )


def parse_event(raw: bytes | None) -> CloudEvent:
    if raw is None:
        raise MalformedEvent("empty message")
    try:
        return CloudEvent.model_validate(json.loads(raw))
    except (ValueError, ValidationError, UnicodeDecodeError) as exc:
        raise MalformedEvent(str(exc)[:500]) from exc
    except Exception as exc:  # whatever else bytes can make the parser raise: RecursionError for JSON nested
        # 100,000 deep, OverflowError for a `time` of 0001-01-01T00:00:00+01:00 (before year 1 in UTC), ...
        raise MalformedEvent(f"{type(exc).__name__}: {exc}"[:500]) from exc
