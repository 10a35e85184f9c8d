"""The outbox relay: publishes committed outbox rows to Kafka, in order, at least once."""

from __future__ import annotations

import asyncio
import logging

from aiokafka import AIOKafkaProducer
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from journey_platform.db import utcnow
from journey_platform.messaging.kafka import start_with_backoff
from journey_platform.messaging.tables import MessagingTables
from journey_platform.observability.metrics import ServiceMetrics

log = logging.getLogger(__name__)

# Only one relay of a service publishes at a time, so that one client's events keep their order.
_RELAY_LOCK_KEY = 0x6F7574626F78


class OutboxRelay:
    def __init__(
        self,
        engine: AsyncEngine,
        tables: MessagingTables,
        producer: AIOKafkaProducer,
        *,
        batch_size: int = 200,
        poll_interval: float = 0.05,
        max_backoff: float = 10.0,
        metrics: ServiceMetrics | None = None,
    ) -> None:
        self.metrics = metrics or ServiceMetrics()
        self._engine = engine
        self._outbox = tables.outbox
        self._producer = producer
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._max_backoff = max_backoff
        self._wakeup = asyncio.Event()
        self._stop = asyncio.Event()
        self.connected = False

    def notify(self) -> None:
        """Called after a commit that wrote outbox rows, so they go out without waiting for a poll."""
        self._wakeup.set()

    def stop(self) -> None:
        self._stop.set()
        self._wakeup.set()

    async def run(self) -> None:
        if not await start_with_backoff(self._producer, self._stop, "outbox relay"):
            return
        self.connected = True
        backoff = self._poll_interval
        try:
            while not self._stop.is_set():
                try:
                    published = await self.publish_batch()
                    backoff = self._poll_interval
                except Exception as exc:  # the broker or the database is away: keep trying
                    log.warning("outbox relay: publish failed (%s); retrying in %.1fs", exc, backoff)
                    self.metrics.outbox_publish_failures.inc()
                    await self._record_failure(exc)
                    await self._sleep(backoff)
                    backoff = min(max(backoff * 2, 0.2), self._max_backoff)
                    continue
                if published < self._batch_size:
                    await self._sleep(self._poll_interval if published == 0 else 0)
        finally:
            await self._producer.stop()

    async def _sleep(self, seconds: float) -> None:
        if seconds <= 0:
            return
        try:
            await asyncio.wait_for(self._wakeup.wait(), timeout=seconds)
        except TimeoutError:
            pass
        self._wakeup.clear()

    async def publish_batch(self) -> int:
        """Publish the oldest unpublished rows; mark them published only after the broker acked."""
        async with self._engine.connect() as conn:
            async with conn.begin():
                if conn.dialect.name == "postgresql":
                    got = await conn.scalar(
                        text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _RELAY_LOCK_KEY}
                    )
                    if not got:
                        return 0
                rows = (
                    await conn.execute(
                        select(
                            self._outbox.c.seq,
                            self._outbox.c.topic,
                            self._outbox.c.message_key,
                            self._outbox.c.payload,
                            self._outbox.c.headers,
                        )
                        .where(self._outbox.c.published_at.is_(None))
                        .order_by(self._outbox.c.seq)
                        .limit(self._batch_size)
                    )
                ).all()
                if not rows:
                    return 0
                pending = [
                    await self._producer.send(
                        row.topic,
                        value=row.payload.encode(),
                        key=row.message_key.encode(),
                        headers=[(k, v.encode()) for k, v in row.headers.items()],
                    )
                    for row in rows
                ]
                await asyncio.gather(*pending)
                await conn.execute(
                    update(self._outbox)
                    .where(self._outbox.c.seq.in_([row.seq for row in rows]))
                    .values(published_at=utcnow())
                )
        for row in rows:
            self.metrics.outbox_published.labels(row.topic).inc()
        return len(rows)

    async def _record_failure(self, exc: Exception) -> None:
        try:
            async with self._engine.begin() as conn:
                await conn.execute(
                    update(self._outbox)
                    .where(self._outbox.c.published_at.is_(None))
                    .values(attempts=self._outbox.c.attempts + 1, last_error=str(exc)[:1000])
                )
        except Exception:  # the database may be the thing that is away
            log.debug("could not record outbox failure", exc_info=True)
