"""The outbox relay: publishes committed outbox rows to Kafka, in order, at least once.

After any failure it starts a fresh producer and makes sure its topics exist before publishing
again: a producer that outlived a broker restart can hold stale metadata (seen with the local
in-memory broker, which loses its topics when it restarts), and a topic created by accident on
first produce would get the broker's default partition count.

Published rows are kept for a retention window, and the relay heals a broker that lost events it had
acknowledged: messaging/relay_healing.py.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.structs import RecordMetadata
from opentelemetry.trace import Span, Status, StatusCode
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine
from tenacity import RetryCallState

from journey_platform.db import utcnow
from journey_platform.idle import IdleBackoff, wait_for
from journey_platform.messaging.kafka import start_with_backoff
from journey_platform.messaging.relay_healing import BrokerHealing, BrokerLostData, BrokerProbe
from journey_platform.messaging.tables import MessagingTables
from journey_platform.observability.metrics import ServiceMetrics
from journey_platform.observability.tracing import producer_span
from journey_platform.retry import Stopped, Streak, backoff, failure

log = logging.getLogger(__name__)

__all__ = ["BrokerLostData", "BrokerProbe", "EnsureTopics", "OutboxRelay", "ProducerFactory"]

# Only one relay of a service publishes at a time, so that one client's events keep their order.
_RELAY_LOCK_KEY = 0x6F7574626F78
# While idle, how often to delete a batch of rows older than the retention window.
_PRUNE_EVERY_SECONDS = 60.0

ProducerFactory = Callable[[], AIOKafkaProducer]
EnsureTopics = Callable[[list[str]], Awaitable[None]]


class OutboxRelay(BrokerHealing):
    def __init__(
        self,
        engine: AsyncEngine,
        tables: MessagingTables,
        producer_factory: ProducerFactory,
        ensure_topics: EnsureTopics,
        *,
        batch_size: int = 200,
        poll_interval: float = 0.05,
        idle_max: float | None = None,
        max_backoff: float = 10.0,
        metrics: ServiceMetrics | None = None,
        probe_factory: Callable[[], BrokerProbe] | None = None,
        retention: timedelta = timedelta(days=7),
        broker_check_seconds: float = 2.0,
        prune_batch_size: int = 500,
    ) -> None:
        self.metrics = metrics or ServiceMetrics()
        self._engine = engine
        self._outbox = tables.outbox
        self._producer_factory = producer_factory
        self._ensure_topics = ensure_topics
        self._probe_factory = probe_factory
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._max_backoff = max_backoff
        self._retention = retention
        self._check_every = broker_check_seconds
        self._prune_batch = prune_batch_size
        self._wakeup = asyncio.Event()
        self._idle = IdleBackoff(poll_interval, idle_max, self._wakeup)
        self._stop = asyncio.Event()
        self._ensured: set[str] = set()
        # What the broker acknowledged, kept across reconnections (that is when a loss shows):
        # per partition, the first offset of our last send to it and the highest offset ever acknowledged.
        self._acked: dict[TopicPartition, tuple[int, int]] = {}
        self._published_topics: set[str] = set()
        self._topics_loaded = False
        self._cluster_id: str | None = None
        self._regressed: BrokerLostData | None = None
        self.connected = False
        self.published = 0
        self.republished = 0  # rows put back after a broker data loss
        self.losses_detected = 0

    def notify(self) -> None:
        """Called after a commit that wrote outbox rows, so they go out without waiting for a poll."""
        self._wakeup.set()

    def stop(self) -> None:
        self._stop.set()
        self._wakeup.set()

    async def run(self) -> None:
        """Sessions (a fresh producer, the broker check, publishing) until stopped. After a failed session the next
        one starts after 0.2 s, 0.4 s, ... at most `max_backoff` (a commit's `notify()` ends the wait early); the count
        starts over when the failed session had published something (it worked for a while)."""
        streak = Streak(0.2, self._max_backoff)

        def waiting(state: RetryCallState) -> None:
            log.warning("outbox relay: publishing failed (%s); retrying in %.1fs", failure(state), state.upcoming_sleep)

        retrying = backoff(retry_on=Exception, wait=streak, before_sleep=waiting, sleep=self._sleep)
        try:
            await retrying(self._session, streak)
        except Stopped:
            return

    async def _session(self, streak: Streak) -> None:
        """One producer's life; returns when stopped, raises what ended it otherwise."""
        if self._stop.is_set():
            raise Stopped
        producer = self._producer_factory()
        if not await start_with_backoff(producer, self._stop, "outbox relay"):
            return
        probe = self._probe_factory() if self._probe_factory else None
        self.connected = True
        self._ensured = set()
        published_before = self.published
        try:
            if probe is not None:
                await probe.start()
            await self._publish_until_failure(producer, probe)
        except Exception as exc:  # the broker or the database is away: a fresh start after a pause
            if self.published > published_before:
                streak.restart()  # this session worked for a while: a new failure starts the back-off afresh
            self.metrics.outbox_publish_failures.inc()
            await self._record_failure(exc)
            raise
        finally:
            self.connected = False
            if probe is not None:
                await probe.close()
            await producer.stop()

    async def _publish_until_failure(self, producer: AIOKafkaProducer, probe: BrokerProbe | None) -> None:
        await self.heal_if_broker_lost_data(producer, probe)  # before anything goes out on this connection
        last_check = last_prune = time.monotonic()
        self._idle.worked()
        while not self._stop.is_set():
            if time.monotonic() - last_check > self._check_every:  # idle or busy: a busy relay checks too
                await self.heal_if_broker_lost_data(producer, probe)
                last_check = time.monotonic()
            published = await self.publish_batch(producer)
            if self._regressed is not None:
                lost, self._regressed = self._regressed, None
                await self.republish_window(lost)
                continue
            if published >= self._batch_size:
                self._idle.worked()
                continue
            now = time.monotonic()
            if published == 0 and now - last_prune > _PRUNE_EVERY_SECONDS and await self.prune() < self._prune_batch:
                last_prune = now  # otherwise the next batch of old rows goes on the next idle round
            if published:
                self._idle.worked()
                continue  # less than a batch: look again at once, as before
            # Idle: look again after the poll interval, doubling up to idle_max, but in time for the next broker check;
            # a commit in this process (notify) wakes it at once (journey_platform/idle.py).
            await self._idle.wait(limit=self._check_every - (time.monotonic() - last_check))

    async def _sleep(self, seconds: float) -> None:
        await wait_for(self._wakeup, seconds)

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
                        self._outbox.c.event_type,
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
            spans: list[Span] = []
            pending = []
            for row in rows:
                span, headers = producer_span(row.topic, row.event_type, row.headers)
                spans.append(span)
                pending.append(
                    await producer.send(
                        row.topic,
                        value=row.payload.encode(),
                        key=row.message_key.encode(),
                        headers=[(k, v.encode()) for k, v in headers.items()],
                    )
                )
            try:
                acked: list[RecordMetadata] = list(await asyncio.gather(*pending))
            except Exception as exc:
                for span in spans:
                    span.record_exception(exc)
                    span.set_status(Status(StatusCode.ERROR))
                raise
            finally:
                for span in spans:
                    span.end()
            await conn.execute(
                update(self._outbox).where(self._outbox.c.seq.in_([row.seq for row in rows])).values(published_at=utcnow())
            )
        self._remember_acks(acked)
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
