"""The relay's retention window and its healing of a broker that lost events (messaging/relay.py).

Published rows are kept for a retention window (`outbox_retention_days`, default 7 days) and then
pruned, a small batch at a time while idle. Within that window the relay heals a broker that lost
events it had acknowledged (the in-memory broker restarted; with Apache Kafka an unclean leader
election, a restore from backup, a topic deleted and created again). It finds out when

- the broker's cluster id changed;
- a topic it published to is gone;
- a partition's log now ends at or before the first offset the broker acknowledged for our last
  send to it (the log was truncated or created anew; compared with the first rather than the last
  acknowledged offset because the local broker lists the start of its last record batch plus one as
  end), both as the broker lists it and as a fetch from that offset sees it;
- the broker acknowledges a send at an offset at or below one it acknowledged before.

It checks before it publishes anything on a new connection, and every `broker_check_seconds`, idle or
busy. A producer that reconnects by itself to an empty broker (a restart shorter than its request
timeout) can send a batch there before a check sees the loss: the fourth signal catches that batch,
and it is sent again with the window, after the older rows. So events sent around the moment of the
loss may reach consumers before older ones of the same journey (once more, in order, after): the
read models must tolerate that (reporting keeps such a journey hidden until intake's facts arrive). Then it puts every published row of the window back in the queue and publishes them again,
in their original order (by outbox sequence number); the consumers' inboxes, keyed by consumer and
event id, make every event a consumer already applied a no-op. What it acknowledged is kept in
memory; after a restart of the relay only the first two signals (cluster id, missing topics, the
latter from the outbox's own published rows) are seen.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Protocol

from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.errors import KafkaError
from aiokafka.structs import RecordMetadata
from sqlalchemy import Table, delete, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from journey_platform.db import utcnow
from journey_platform.observability.metrics import ServiceMetrics

log = logging.getLogger(__name__)


class BrokerProbe(Protocol):
    """messaging.kafka.BrokerProbe; a protocol so that the relay can be tested without a broker."""

    async def start(self) -> None: ...
    async def close(self) -> None: ...
    async def cluster_id(self) -> str | None: ...
    async def topics(self) -> set[str]: ...
    async def end_offsets(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]: ...
    async def fetched_end(self, tp: TopicPartition, offset: int) -> int | None: ...


class BrokerLostData(Exception):
    """The broker lost events it had acknowledged; `reason` is the metric label."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class BrokerHealing:
    """The retention window, the broker-loss signals and the republishing of the window; mixed into `OutboxRelay`,
    which sets these attributes."""

    metrics: ServiceMetrics
    _engine: AsyncEngine
    _outbox: Table
    _retention: timedelta
    _prune_batch: int
    _ensured: set[str]
    _acked: dict[TopicPartition, tuple[int, int]]
    _published_topics: set[str]
    _topics_loaded: bool
    _cluster_id: str | None
    _regressed: BrokerLostData | None
    republished: int
    losses_detected: int

    async def heal_if_broker_lost_data(self, producer: AIOKafkaProducer, probe: BrokerProbe | None) -> bool:
        if not self._topics_loaded:  # after a restart: the topics our kept rows went to (the database must answer)
            self._published_topics |= await self._topics_in_window()
            self._topics_loaded = True
        try:
            lost = await self.broker_lost_data(producer, probe)
        except (KafkaError, OSError, TimeoutError) as exc:
            # A check that cannot be made does not stop publishing: a send that fails restarts the session (which
            # checks first), and an acknowledgement at a lower offset is seen without asking the broker.
            log.warning("outbox relay: could not check the broker for lost data (%s); publishing on", exc)
            return False
        if lost is None:
            return False
        await self.republish_window(lost)
        return True

    async def broker_lost_data(self, producer: AIOKafkaProducer, probe: BrokerProbe | None) -> BrokerLostData | None:
        """Whether the broker lost events it acknowledged to us (see this module's docstring)."""
        if probe is None:
            topics = set((await producer.client.fetch_all_metadata()).topics())
        else:
            cluster_id = await probe.cluster_id()
            if cluster_id and self._cluster_id and cluster_id != self._cluster_id:
                previous, self._cluster_id = self._cluster_id, cluster_id
                return BrokerLostData("cluster-changed", f"the cluster id changed from {previous} to {cluster_id}")
            self._cluster_id = cluster_id or self._cluster_id
            topics = await probe.topics()
        missing = self._published_topics - topics
        if missing:
            return BrokerLostData("topic-gone", f"topics {', '.join(sorted(missing))} are gone")
        if probe is None or not self._acked:
            return None
        ends = await probe.end_offsets(sorted(self._acked))
        for tp, (first, _) in sorted(self._acked.items()):
            end = ends.get(tp, 0)
            if end <= first:
                fetched = await probe.fetched_end(tp, first)  # what a consumer would see decides
                if fetched is not None and fetched > first:
                    continue
                end = fetched if fetched is not None else end
                return BrokerLostData(
                    "log-truncated", f"{tp.topic}[{tp.partition}] ends at {end}, but the broker acknowledged offset {first}"
                )
        return None

    async def _topics_in_window(self) -> set[str]:
        async with self._engine.connect() as conn:
            rows = await conn.scalars(select(self._outbox.c.topic).where(self._outbox.c.published_at.is_not(None)).distinct())
            return set(rows)

    async def republish_window(self, lost: BrokerLostData) -> int:
        """Put every published row still kept back in the queue: the relay publishes them again, in order."""
        cutoff = utcnow() - self._retention
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(self._outbox)
                .where(self._outbox.c.published_at.is_not(None), self._outbox.c.published_at >= cutoff)
                .values(published_at=None)
            )
        count = int(result.rowcount or 0)
        # From here on the new log is the reference: forget what the lost one acknowledged.
        self._acked.clear()
        self._ensured = set()
        self.losses_detected += 1
        self.republished += count
        self.metrics.broker_data_loss.labels(lost.reason).inc()
        self.metrics.outbox_republished.inc(count)
        log.warning(
            "outbox relay: the broker lost events it had acknowledged (%s); republishing the %d published row(s) "
            "of the last %.4g days, in order",
            lost,
            count,
            self._retention / timedelta(days=1),
        )
        return count

    async def prune(self) -> int:
        """Delete one batch of rows published before the retention window; returns how many."""
        cutoff = utcnow() - self._retention
        oldest = (
            select(self._outbox.c.seq)
            .where(self._outbox.c.published_at.is_not(None), self._outbox.c.published_at < cutoff)
            .order_by(self._outbox.c.seq)
            .limit(self._prune_batch)
        )
        async with self._engine.begin() as conn:
            seqs = list(await conn.scalars(oldest))
            if not seqs:
                return 0
            await conn.execute(delete(self._outbox).where(self._outbox.c.seq.in_(seqs), self._outbox.c.published_at < cutoff))
        self.metrics.outbox_pruned.inc(len(seqs))
        return len(seqs)

    def _remember_acks(self, acked: list[RecordMetadata]) -> None:
        sent: dict[TopicPartition, tuple[int, int]] = {}
        for meta in acked:
            tp = TopicPartition(meta.topic, meta.partition)
            low, high = sent.get(tp, (meta.offset, meta.offset))
            sent[tp] = (min(low, meta.offset), max(high, meta.offset))
        for tp, (low, high) in sent.items():
            self._published_topics.add(tp.topic)
            before = self._acked.get(tp)
            if before is not None and low <= before[1] and self._regressed is None:
                self._regressed = BrokerLostData(
                    "offset-regressed",
                    f"{tp.topic}[{tp.partition}] acknowledged offset {low} after having acknowledged {before[1]}",
                )
            self._acked[tp] = (low, high if before is None else max(high, before[1]))
