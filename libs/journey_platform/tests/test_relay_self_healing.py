"""The relay's retention window and its broker-loss signals (messaging/relay.py), against SQLite and a probe
that answers what a broker would. The whole path over a real broker: tests/e2e/test_broker_data_loss.py."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.errors import KafkaConnectionError
from aiokafka.structs import RecordMetadata
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from journey_platform.db import make_engine, new_metadata, utcnow
from journey_platform.messaging.relay import OutboxRelay
from journey_platform.messaging.tables import MessagingTables

NO_PRODUCER = cast(AIOKafkaProducer, None)  # the probe answers; the producer is not asked
TOPIC = "opvangketen.intake"


class Probe:
    """What the broker says: its cluster id, its topics and its partitions' log end offsets."""

    def __init__(self) -> None:
        self.cluster = "cluster-a"
        self.known = {TOPIC}
        self.ends: dict[TopicPartition, int] = {}
        self.fetched: dict[TopicPartition, int] = {}  # the high watermark a fetch reports, where it differs

    async def start(self) -> None: ...
    async def close(self) -> None: ...

    async def cluster_id(self) -> str | None:
        return self.cluster

    async def topics(self) -> set[str]:
        return set(self.known)

    async def end_offsets(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        return {tp: self.ends.get(tp, 0) for tp in partitions}

    async def fetched_end(self, tp: TopicPartition, offset: int) -> int | None:
        return self.fetched.get(tp, self.ends.get(tp, 0))


@pytest.fixture
async def setup(tmp_path: Path) -> AsyncIterator[tuple[AsyncEngine, MessagingTables]]:
    metadata = new_metadata()
    tables = MessagingTables(metadata)
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'outbox.db'}")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    yield engine, tables
    await engine.dispose()


def relay_of(engine: AsyncEngine, tables: MessagingTables) -> OutboxRelay:
    async def no_topics(topics: list[str]) -> None: ...

    return OutboxRelay(engine, tables, lambda: NO_PRODUCER, no_topics, retention=timedelta(days=7), prune_batch_size=2)


async def add_rows(engine: AsyncEngine, tables: MessagingTables, *published: datetime | None) -> None:
    async with engine.begin() as conn:
        for when in published:
            await conn.execute(
                insert(tables.outbox).values(
                    event_id=uuid.uuid4(),
                    event_type="t",
                    topic=TOPIC,
                    message_key="k",
                    payload="{}",
                    headers={},
                    created_at=when or utcnow(),
                    published_at=when,
                    attempts=0,
                )
            )


async def publication(engine: AsyncEngine, tables: MessagingTables) -> list[datetime | None]:
    async with engine.connect() as conn:
        return list(await conn.scalars(select(tables.outbox.c.published_at).order_by(tables.outbox.c.seq)))


def acks(*offsets: tuple[int, int]) -> list[RecordMetadata]:
    return [RecordMetadata(TOPIC, p, TopicPartition(TOPIC, p), o, -1, -1, -1) for p, o in offsets]


async def test_rows_published_before_the_window_are_pruned_in_batches(setup: Any) -> None:
    engine, tables = setup
    now = utcnow()
    # Three rows published 8, 9 and 10 days ago (outside the 7-day window), one a day ago, one unpublished.
    await add_rows(engine, tables, now - timedelta(days=10), now - timedelta(days=9), now - timedelta(days=8))
    await add_rows(engine, tables, now - timedelta(days=1), None)
    relay = relay_of(engine, tables)
    assert await relay.prune() == 2  # batches of two
    assert await relay.prune() == 1
    assert await relay.prune() == 0
    assert len(await publication(engine, tables)) == 2  # the recent and the unpublished row stay


async def test_a_loss_puts_the_window_back_in_the_queue_in_order(setup: Any) -> None:
    engine, tables = setup
    now = utcnow()
    await add_rows(engine, tables, now - timedelta(days=8), now - timedelta(days=2), now - timedelta(hours=1), None)
    relay = relay_of(engine, tables)
    probe = Probe()
    # A relay that just started knows the topics from its kept rows; nothing is lost while the topic is there.
    assert not await relay.heal_if_broker_lost_data(NO_PRODUCER, probe)
    probe.known = set()  # the broker restarted empty
    assert await relay.heal_if_broker_lost_data(NO_PRODUCER, probe)
    assert relay.republished == 2  # the two rows inside the window; the 8-day-old one is not re-sent
    published = await publication(engine, tables)
    assert published[0] is not None and published[1:] == [None, None, None]
    assert relay.losses_detected == 1


async def test_a_check_the_broker_cannot_answer_does_not_stop_publishing(setup: Any) -> None:
    engine, tables = setup

    class Away(Probe):
        async def topics(self) -> set[str]:
            raise KafkaConnectionError("no broker")

    relay = relay_of(engine, tables)
    assert not await relay.heal_if_broker_lost_data(NO_PRODUCER, Away())
    assert relay.losses_detected == 0


async def test_a_changed_cluster_id_is_a_loss(setup: Any) -> None:
    engine, tables = setup
    relay, probe = relay_of(engine, tables), Probe()
    assert await relay.broker_lost_data(NO_PRODUCER, probe) is None
    probe.cluster = "cluster-b"
    lost = await relay.broker_lost_data(NO_PRODUCER, probe)
    assert lost is not None and lost.reason == "cluster-changed"
    assert await relay.broker_lost_data(NO_PRODUCER, probe) is None  # the new id is the reference from now on


async def test_a_log_that_ends_before_our_last_send_is_a_loss(setup: Any) -> None:
    engine, tables = setup
    relay, probe = relay_of(engine, tables), Probe()
    relay._remember_acks(acks((0, 5), (0, 6), (0, 7), (1, 0)))
    # The local broker lists the first offset of its last record batch plus one as a partition's end: 6 when offsets
    # 5-7 went in one batch. That is no loss; only an end at or before 5, the first offset of our last send, is.
    probe.ends = {TopicPartition(TOPIC, 0): 6, TopicPartition(TOPIC, 1): 1}
    assert await relay.broker_lost_data(NO_PRODUCER, probe) is None
    probe.ends[TopicPartition(TOPIC, 0)] = 5
    probe.fetched[TopicPartition(TOPIC, 0)] = 8  # the listing lags, but a fetch sees the log up to offset 7
    assert await relay.broker_lost_data(NO_PRODUCER, probe) is None
    probe.fetched[TopicPartition(TOPIC, 0)] = 5  # the fetch agrees: lost
    lost = await relay.broker_lost_data(NO_PRODUCER, probe)
    assert lost is not None and lost.reason == "log-truncated"


async def test_an_acknowledged_offset_that_goes_back_is_a_loss(setup: Any) -> None:
    engine, tables = setup
    relay = relay_of(engine, tables)
    relay._remember_acks(acks((0, 10), (0, 11)))
    relay._remember_acks(acks((0, 12)))
    assert relay._regressed is None
    relay._remember_acks(acks((0, 0)))  # a new, empty log took the partition's place
    assert relay._regressed is not None and relay._regressed.reason == "offset-regressed"


class SlowBroker:
    """Acknowledges each send after `delay` seconds, failing the sends it is told to."""

    def __init__(self, failing: set[int], delay: float = 0.05) -> None:
        self.failing, self.delay, self.sent = failing, delay, 0

    async def send(self, topic: str, value: bytes, key: bytes, headers: list[tuple[str, bytes]]) -> asyncio.Future[Any]:
        offset, self.sent = self.sent, self.sent + 1
        loop = asyncio.get_running_loop()
        acked: asyncio.Future[Any] = loop.create_future()
        if offset in self.failing:
            loop.call_later(self.delay, acked.set_exception, KafkaConnectionError("broker went away"))
        else:
            loop.call_later(self.delay, acked.set_result, RecordMetadata(topic, 0, TopicPartition(topic, 0), offset, -1, -1, -1))
        return acked


async def test_a_batch_the_broker_acknowledges_is_marked_published(setup: Any) -> None:
    engine, tables = setup
    await add_rows(engine, tables, None, None, None)
    assert await relay_of(engine, tables).publish_batch(cast(AIOKafkaProducer, SlowBroker(failing=set()))) == 3
    assert all(when is not None for when in await publication(engine, tables))


async def test_a_send_that_fails_leaves_every_row_of_its_batch_unpublished(setup: Any) -> None:
    """At least once: a batch counts as published only with every acknowledgement (the rows go out again)."""
    engine, tables = setup
    await add_rows(engine, tables, None, None, None)
    relay = relay_of(engine, tables)
    with pytest.raises(KafkaConnectionError):
        await relay.publish_batch(cast(AIOKafkaProducer, SlowBroker(failing={2})))
    assert await publication(engine, tables) == [None, None, None]
    assert relay.published == 0
