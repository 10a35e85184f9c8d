"""Helpers the tests of intake (and the end-to-end suite) use to look inside the outbox."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from intake.adapters.orm import messaging
from intake.bootstrap import subscription
from journey_platform.contracts.base import EventContract
from journey_platform.messaging.envelope import new_event

PLACEMENT_SOURCE = "urn:nld:oin:00000001003214345000:systeem:placement"
HOUSING_SOURCE = "urn:nld:oin:00000001003214345000:systeem:housing"


async def outbox_events(service: Any) -> list[dict[str, Any]]:
    async with service.container.engine.connect() as conn:
        rows = (await conn.execute(select(messaging.outbox.c.payload).order_by(messaging.outbox.c.seq))).scalars().all()
    return [json.loads(r) for r in rows]


async def deliver(service: Any, contract: EventContract, source: str = PLACEMENT_SOURCE) -> None:
    """What intake's consumer does with one record of placement or housing, minus Kafka: the handler's effects, committed."""
    event = new_event(contract, source)
    handler = subscription(service.container.settings.episode_settings(), service.container.reference).handlers[event.type]
    async with service.container.uow() as uow:
        await handler(event, uow)
        await uow.commit()
