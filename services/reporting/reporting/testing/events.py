"""What the builders of synthetic events share (reporting.tests_support): the moment helpers and a client's ids."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from journey_platform.contracts.base import EventContract
from journey_platform.messaging.envelope import CloudEvent, new_event

OIN = "00000001003214345000"


def at(day: date | datetime, hour: int = 12) -> datetime:
    """12:00 UTC on a day; a datetime (e.g. 23:30 UTC on 31 December, already 1 January in Dutch time) as it is."""
    if isinstance(day, datetime):
        return day
    return datetime.combine(day, time(hour), UTC)


def emit(contract: EventContract, moment: datetime, recorded: datetime | None = None) -> CloudEvent:
    return new_event(contract, f"urn:nld:oin:{OIN}:systeem:{type(contract).producer}", time=recorded or moment)


class JourneyIds:
    """The ids a client's event builders put on every event; `reporting.tests_support.Client` holds them."""

    gemeente: str
    herkomst: str | None
    client_id: uuid.UUID
    traject_id: uuid.UUID
    melding_id: uuid.UUID

    def _ids(self) -> dict[str, Any]:
        return {"traject_id": self.traject_id, "client_id": self.client_id}
