"""The outbox relay: publishes committed outbox rows to Kafka, in order, at least once.

After any failure it starts a fresh producer and makes sure its topics exist before publishing
again: a producer that outlived a broker restart can hold stale metadata (seen with the local
in-memory broker, which loses its topics when it restarts), and a topic created by accident on
first produce would get the broker's default partition count.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

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
# While idle, how often to check that the broker still knows our topics.
_TOPIC_CHECK_SECONDS = 2.0

ProducerFactory = Callable[[], AIOKafkaProducer]
EnsureTopics = Callable[[list[str]], Awaitable[None]]


class BrokerLostTopics(Exception):
    """The broker no longer knows a topic we published to: it restarted without its data."""


class OutboxRelay:
    def __init__(
        self,
        engine: AsyncEngine,
        tables: MessagingTables,
        producer_factory: ProducerFactory,
        ensure_topics: EnsureTopics,
        *,
        batch_size: int = 200,
        poll_interval: float = 0.05,
        max_backoff: float = 10.0,
        metrics: ServiceMetrics | None = None,
    ) -> None:
        self.metrics = metrics or ServiceMetrics()
        self._engine = engine
        self._outbox = tables.outbox
        self._producer_factory = producer_factory
        self._ensure_topics = ensure_topics
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._max_backoff = max_backoff
        self._wakeup = asyncio.Event()
        self._stop = asyncio.Event()
        self._ensured: set[str] = set()
        self.connected = False
        self.published = 0

    def notify(self) -> None:
        """Called after a commit that wrote outbox rows, so they go out without waiting for a poll."""
        self._wakeup.set()

    def stop(self) -> None:
        self._stop.set()
        self._wakeup.set()

    async def run(self) -> None:
        backoff = 0.2
        while not self._stop.is_set():
            producer = self._producer_factory()
            if not await start_with_backoff(producer, self._stop, "outbox relay"):
                return
            self.connected = True
            self._ensured = set()
            try:
                await self._publish_until_failure(producer)
                return
            except Exception as exc:  # the broker or the database is away: a fresh start after a pause
                log.warning("outbox relay: publishing failed (%s); retrying in %.1fs", exc, backoff)
                self.metrics.outbox_publish_failures.inc()
                await self._record_failure(exc)
                await self._sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)
            finally:
                self.connected = False
                await producer.stop()

    async def _publish_until_failure(self, producer: AIOKafkaProducer) -> None:
        last_check = time.monotonic()
        while not self._stop.is_set():
            published = await self.publish_batch(producer)
            if published >= self._batch_size:
                continue
            if published == 0 and time.monotonic() - last_check > _TOPIC_CHECK_SECONDS:
                await self._check_topics(producer)
                last_check = time.monotonic()
            await self._sleep(self._poll_interval if published == 0 else 0)

    async def _check_topics(self, producer: AIOKafkaProducer) -> None:
        if not self._ensured:
            return
        cluster = await producer.client.fetch_all_metadata()
        missing = self._ensured - set(cluster.topics())
        if missing:
            raise BrokerLostTopics(", ".join(sorted(missing)))

    async def _sleep(self, seconds: float) -> None:
        if seconds <= 0:
            return
        try:
            await asyncio.wait_for(self._wakeup.wait(), timeout=seconds)
        except TimeoutError:
            pass
        self._wakeup.clear()

    async def publish_batch(self, producer: AIOKafkaProducer) -> int:
        """Publish the oldest unpublished rows; mark them published only after the broker acked."""
        async with self._engine.connect() as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                got = await conn.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _RELAY_LOCK_KEY})
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
            topics = {row.topic for row in rows} - self._ensured
            if topics:
                await self._ensure_topics(sorted(topics))
                self._ensured |= topics
            pending = [
                await producer.send(
                    row.topic,
                    value=row.payload.encode(),
                    key=row.message_key.encode(),
                    headers=[(k, v.encode()) for k, v in row.headers.items()],
                )
                for row in rows
            ]
            await asyncio.gather(*pending)
            await conn.execute(
                update(self._outbox).where(self._outbox.c.seq.in_([row.seq for row in rows])).values(published_at=utcnow())
            )
        self.published += len(rows)
        for row in rows:
            self.metrics.outbox_published.labels(row.topic).inc()
        return len(rows)

    async def _record_failure(self, exc: Exception) -> None:
        try:
            async with self._engine.begin() as conn:
                oldest = await conn.scalar(
                    select(self._outbox.c.seq).where(self._outbox.c.published_at.is_(None)).order_by(self._outbox.c.seq).limit(1)
                )
                if oldest is not None:
                    await conn.execute(
                        update(self._outbox)
                        .where(self._outbox.c.seq == oldest)
                        .values(attempts=self._outbox.c.attempts + 1, last_error=str(exc)[:1000])
                    )
        except Exception:  # the database may be the thing that is away
            log.debug("could not record outbox failure", exc_info=True)
