"""Outbox status, and publishing (again) from the outbox without waiting for the service's relay."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from journey_platform.messaging.kafka import ensure_topics, make_producer
from journey_platform.messaging.relay import OutboxRelay
from journey_platform.messaging.tables import MessagingTables
from journey_platform.observability.metrics import outbox_state
from journey_platform.settings import ServiceSettings


async def status(engine: AsyncEngine, tables: MessagingTables) -> dict[str, Any]:
    outbox = tables.outbox
    backlog, oldest = await outbox_state(engine, tables)
    async with engine.connect() as conn:
        per_topic = (
            await conn.execute(
                select(outbox.c.topic, func.count(), func.max(outbox.c.attempts))
                .where(outbox.c.published_at.is_(None))
                .group_by(outbox.c.topic)
            )
        ).all()
        published, oldest_kept = (
            await conn.execute(select(func.count(), func.min(outbox.c.published_at)).where(outbox.c.published_at.is_not(None)))
        ).one()
        last_error = await conn.scalar(
            select(outbox.c.last_error)
            .where(outbox.c.published_at.is_(None), outbox.c.last_error.is_not(None))
            .order_by(outbox.c.seq.desc())
            .limit(1)
        )
    return {
        "unpublished": backlog,
        "oldestUnpublishedAt": oldest.isoformat() if oldest else None,
        "published": published,
        # Published rows are kept for outbox_retention_days: the relay republishes them by itself when the broker
        # lost data (docs/operations.md, "Broker data loss"); older ones are pruned.
        "oldestPublishedKeptAt": oldest_kept.isoformat() if oldest_kept else None,
        "unpublishedByTopic": {topic: {"rows": n, "maxAttempts": attempts} for topic, n, attempts in per_topic},
        "lastError": last_error,
    }


async def mark_for_republish(
    engine: AsyncEngine, tables: MessagingTables, event_ids: list[uuid.UUID], from_seq: int | None, *, window: bool = False
) -> int:
    """Published rows chosen by event id, from a sequence number on, or every row still kept (`window`) go out
    again (consumers de-duplicate)."""
    outbox = tables.outbox
    if not event_ids and from_seq is None and not window:
        return 0
    chosen: ColumnElement[bool]
    if window:
        chosen = outbox.c.seq.is_not(None)
    elif event_ids:
        chosen = outbox.c.event_id.in_(event_ids)
    else:
        chosen = outbox.c.seq >= from_seq
    async with engine.begin() as conn:
        result = await conn.execute(
            update(outbox)
            .where(chosen, outbox.c.published_at.is_not(None))
            .values(published_at=None, attempts=0, last_error=None)
        )
    return int(result.rowcount or 0)


async def publish_now(engine: AsyncEngine, tables: MessagingTables, settings: ServiceSettings) -> int:
    """Drain the backlog once, in order, as the relay would (the PostgreSQL lock keeps one relay at a time)."""
    producer = make_producer(settings)
    relay = OutboxRelay(
        engine, tables, lambda: producer, lambda topics: ensure_topics(settings, topics), batch_size=settings.outbox_batch_size
    )
    await producer.start()
    total = 0
    try:
        while published := await relay.publish_batch(producer):
            total += published
    finally:
        await producer.stop()
    return total
