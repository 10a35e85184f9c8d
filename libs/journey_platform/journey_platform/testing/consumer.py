"""A service's consumer group without Kafka, for tests and benchmarks that hand it batches of records directly
(`EventConsumer.handle_batch`): the records as the fields of a ConsumerRecord it reads, and no dead-letter producer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import SimpleNamespace
from typing import Any

from journey_platform.messaging.consumer import ConsumerConfig, EventConsumer, Handler
from journey_platform.messaging.consumer_base import BatchHandler
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.tables import MessagingTables
from journey_platform.messaging.uow import UnitOfWork

TOPIC = "opvangketen.intake"


def records(events: list[CloudEvent]) -> list[Any]:
    """The events as consecutive records of one partition."""
    return [
        SimpleNamespace(topic=TOPIC, partition=0, offset=i, key=b"k", value=e.to_bytes(), headers=[])
        for i, e in enumerate(events)
    ]


class NoDeadLetters:
    """The dead-letter producer of a run in which nothing may be dead-lettered: starting it fails."""

    async def start(self) -> None:
        raise AssertionError("nothing may be dead-lettered")


def offline_consumer(
    name: str,
    uow: Callable[[], UnitOfWork],
    tables: MessagingTables,
    handlers: Mapping[str, Handler],
    batch_handlers: Mapping[str, BatchHandler] | None = None,
) -> EventConsumer:
    """The consumer group `name` with these handlers, never connected to a broker."""
    return EventConsumer(
        ConsumerConfig(name=name, topics=(TOPIC,), bootstrap_servers="127.0.0.1:1"),
        handlers,
        uow,
        tables,
        NoDeadLetters,  # never started: a dead letter fails the run instead
        batch_handlers=batch_handlers,
    )
