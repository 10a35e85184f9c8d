"""Following intake's merges and splits of persons (contracts/identity.py) in a service's own tables.

A merge or a split moves journeys to another client id. Every table of the service that names a client next to a
journey (`client_id` with `traject_id`, or a `trajecten` projection with `id` and `client_id`) gives the moved
journeys' rows the new client id, in the consumer's transaction. Tables that name a client without a journey are
left alone: nothing in them belongs to the journeys that moved.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import MetaData, update
from sqlalchemy.ext.asyncio import AsyncSession

from journey_platform.contracts.identity import PersonenSamengevoegd, PersoonGesplitst
from journey_platform.messaging.envelope import CloudEvent

Handler = Callable[[CloudEvent, Any], Awaitable[None]]


def moved(event: CloudEvent) -> tuple[list[uuid.UUID], uuid.UUID]:
    """The journeys that moved and the client id they belong to now."""
    if event.type == PersonenSamengevoegd.event_type():
        merged = event.payload(PersonenSamengevoegd)
        assert isinstance(merged, PersonenSamengevoegd)
        return list(merged.traject_ids), merged.client_id
    split = event.payload(PersoonGesplitst)
    assert isinstance(split, PersoonGesplitst)
    return list(split.traject_ids), split.client_id


async def follow_person(session: AsyncSession, metadata: MetaData, traject_ids: list[uuid.UUID], client_id: uuid.UUID) -> None:
    if not traject_ids:
        return
    for table in metadata.sorted_tables:
        if "client_id" not in table.c:
            continue
        key = table.c.get("traject_id")
        if key is None and table.name == "trajecten":
            key = table.c.id
        if key is not None:
            await session.execute(update(table).where(key.in_(traject_ids)).values(client_id=client_id))


def identity_handlers(metadata: MetaData) -> dict[str, Handler]:
    """The consumer handlers of a service that keeps client ids only in its own tables (placement, housing)."""

    async def on_identity_changed(event: CloudEvent, uow: Any) -> None:
        traject_ids, client_id = moved(event)
        await follow_person(uow.session, metadata, traject_ids, client_id)

    return {PersonenSamengevoegd.event_type(): on_identity_changed, PersoonGesplitst.event_type(): on_identity_changed}
