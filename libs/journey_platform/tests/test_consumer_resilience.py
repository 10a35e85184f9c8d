"""The consumer's decisions that need no broker: a stuck join is told from an idle member, a payload that breaks
its contract is dead-lettered at once, and a database outage does not use up a message's attempts.
(The same paths over the real broker: tests/e2e/test_poison_messages.py and test_supervision.py.)"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from aiokafka import TopicPartition
from pydantic import BaseModel
from sqlalchemy import MetaData

from journey_platform.messaging.consumer import ConsumerConfig, EventConsumer, StuckJoin
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.tables import MessagingTables
from journey_platform.testing.kafka import synthetic_report

INTAKE = "opvangketen.intake"
P0, P1 = TopicPartition(INTAKE, 0), TopicPartition(INTAKE, 1)


class FakeGroupView:
    """What the consumer reads of its group: its assignment, the partitions' ends and the group's commits."""

    def __init__(self, ends: dict[TopicPartition, int], committed: dict[TopicPartition, int]) -> None:
        self.assigned: set[TopicPartition] = set()
        self.ends = ends
        self.commits = committed

    def assignment(self) -> set[TopicPartition]:
        return self.assigned

    def partitions_for_topic(self, topic: str) -> set[int]:
        return {tp.partition for tp in self.ends if tp.topic == topic}

    async def end_offsets(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        return {tp: self.ends[tp] for tp in partitions}

    async def committed(self, tp: TopicPartition) -> int | None:
        return self.commits.get(tp)


class FakeDatabase:
    def __init__(self, down: bool = False, up_after_probes: int | None = None) -> None:
        self.down = down
        self.up_after_probes = up_after_probes
        self.probes = 0

    def check(self) -> None:
        if self.down:
            raise ConnectionRefusedError("database away")

    def uow(self) -> Any:
        database = self

        class Session:
            async def scalar(self, *_: Any) -> None:
                database.check()

            async def execute(self, statement: Any) -> None:
                if str(statement) == "SELECT 1":
                    database.probes += 1
                    if database.up_after_probes is not None and database.probes >= database.up_after_probes:
                        database.down = False
                database.check()

        class UnitOfWork:
            session = Session()

            async def __aenter__(self) -> Any:
                return self

            async def __aexit__(self, *_: Any) -> None:
                return None

            async def flush(self) -> None:
                database.check()

            async def commit(self) -> None:
                database.check()

        return UnitOfWork()


class FakeProducer:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send_and_wait(self, topic: str, *, value: bytes, key: bytes, headers: list[tuple[str, bytes]]) -> None:
        self.sent.append({"topic": topic, "value": value, **{k: v.decode() for k, v in headers}})


def consumer(database: FakeDatabase, producer: FakeProducer, **config: Any) -> EventConsumer:
    return EventConsumer(
        ConsumerConfig(name="reporting", topics=(INTAKE,), bootstrap_servers="127.0.0.1:1", **config),
        {},
        database.uow,
        MessagingTables(MetaData()),
        lambda: producer,  # the dead-letter producer, recorded
    )


def record(event: CloudEvent) -> Any:
    return SimpleNamespace(topic=INTAKE, partition=0, offset=41, key=b"k", value=event.to_bytes(), headers=[])


async def test_a_member_without_partitions_is_stuck_only_while_the_groups_lag_stands_still() -> None:
    view = FakeGroupView(ends={P0: 10, P1: 4}, committed={P0: 10, P1: 4})
    c = consumer(FakeDatabase(), FakeProducer(), stuck_join_seconds=0)
    await c._check_stuck_join(view)  # the fake answers what the check reads
    await c._check_stuck_join(view)
    # Nothing waits (committed == end everywhere): an idle member, never stuck.
    view.ends[P1] = 9  # five events arrive; another member commits them between two looks: progress
    await c._check_stuck_join(view)  # first look at the lag
    view.commits[P1] = 6
    await c._check_stuck_join(view)  # progress: not stuck
    await c._check_stuck_join(view)  # a new first look
    with pytest.raises(StuckJoin):  # no member commits while lag stands: the group is wedged
        await c._check_stuck_join(view)


async def test_a_member_with_partitions_is_never_stuck() -> None:
    view = FakeGroupView(ends={P0: 10}, committed={P0: 0})
    view.assigned = {P0}
    c = consumer(FakeDatabase(), FakeProducer(), stuck_join_seconds=0)
    for _ in range(3):
        await c._check_stuck_join(view)  # the fake answers what the check reads


class Strict(BaseModel):
    trajectId: int


async def test_a_payload_that_breaks_its_contract_is_dead_lettered_at_the_first_attempt() -> None:
    producer = FakeProducer()
    c = consumer(FakeDatabase(), producer, max_attempts=5, retry_backoff=30)
    calls = 0

    async def handler(event: CloudEvent, uow: Any) -> None:
        nonlocal calls
        calls += 1
        Strict.model_validate({"trajectId": "not a number"})

    event = synthetic_report()
    await c._apply_with_retries(record(event), event, handler)
    assert calls == 1  # no retries (30 s back-off each) for what cannot succeed
    [letter] = producer.sent
    assert letter["topic"] == "opvangketen.reporting.dlt"
    assert letter["dlt-attempts"] == "1" and "ValidationError" in letter["dlt-error"]


async def test_a_database_outage_does_not_use_up_the_attempts() -> None:
    database = FakeDatabase(down=True, up_after_probes=2)  # back after the consumer's second probe
    producer = FakeProducer()
    c = consumer(database, producer, max_attempts=1, retry_backoff=0.001)
    applied = 0

    async def handler(event: CloudEvent, uow: Any) -> None:
        nonlocal applied
        database.check()
        applied += 1

    event = synthetic_report()
    await c._apply_with_retries(record(event), event, handler)
    assert producer.sent == []  # one attempt allowed, yet not dead-lettered: the failure was the database's
    assert applied == 1 and c.processed == 1


async def test_a_member_whose_poll_waits_for_a_rebalance_that_never_ends_is_stuck() -> None:
    view = FakeGroupView(ends={P0: 10}, committed={P0: 3})
    view.assigned = {P0}  # the old assignment, while aiokafka waits for the new one
    c = consumer(FakeDatabase(), FakeProducer(), stuck_join_seconds=0)
    c._joining = True  # the last poll timed out waiting for the rebalance
    await c._check_stuck_join(view)  # the fake answers what the check reads
    with pytest.raises(StuckJoin):
        await c._check_stuck_join(view)
