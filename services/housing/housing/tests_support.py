"""Helpers the tests of housing (and the end-to-end suite) use: deliver an event to housing's own consumer
handlers in a real unit of work, and look inside the outbox."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from housing.adapters.orm import messaging
from housing.service_layer.candidates import handlers
from journey_platform.contracts.base import EventContract
from journey_platform.contracts.placement import UitstroomgereedVerklaard
from journey_platform.messaging.envelope import new_event

PLACEMENT_SOURCE = "urn:nld:oin:00000001003214345000:systeem:placement"


def ready_to_leave(**overrides: Any) -> UitstroomgereedVerklaard:
    fields: dict[str, Any] = {
        "traject_id": uuid.uuid4(), "client_id": uuid.uuid4(), "verklaard_op": datetime.now(UTC),
        "gemeente_van_herkomst": "GM0160", "verantwoordelijke_gemeente": "GM0193", "regio": "ijssel-vecht",
        "huishouden_grootte": 1, "gemeente_voorkeuren": ["GM0160"], "max_huur": 750.0,
    }
    return UitstroomgereedVerklaard(**{**fields, **overrides})


async def deliver(service: Any, contract: EventContract, source: str = PLACEMENT_SOURCE) -> None:
    """What the consumer does with one record, minus Kafka: the handler's effects, committed."""
    event = new_event(contract, source)
    handler = handlers(service.container.extras["context"])[event.type]
    async with service.container.uow() as uow:
        await handler(event, uow)  # type: ignore[misc]
        await uow.commit()


async def outbox_events(service: Any) -> list[dict[str, Any]]:
    async with service.container.engine.connect() as conn:
        rows = (await conn.execute(select(messaging.outbox.c.payload).order_by(messaging.outbox.c.seq))).scalars().all()
    return [json.loads(r) for r in rows]


async def event_types(service: Any) -> list[str]:
    return [e["type"].split(".")[-2] for e in await outbox_events(service)]
