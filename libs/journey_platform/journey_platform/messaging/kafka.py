"""Kafka clients with the settings every service uses."""

from __future__ import annotations

import asyncio
import logging

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from journey_platform.settings import ServiceSettings

log = logging.getLogger(__name__)


def make_producer(settings: ServiceSettings) -> AIOKafkaProducer:
    # Correctness comes from the outbox and the inbox, not from the producer: idempotence
    # is an option for real Kafka only (the local broker has no InitProducerId).
    return AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=settings.service_name,
        acks="all",
        enable_idempotence=settings.kafka_enable_idempotence,
        request_timeout_ms=10_000,
        retry_backoff_ms=200,
        linger_ms=2,
    )


async def start_with_backoff(client: AIOKafkaProducer, stop: asyncio.Event, what: str) -> bool:
    """Start a Kafka client, waiting for the broker for as long as it takes (or until stopped)."""
    delay = 0.2
    while not stop.is_set():
        try:
            await client.start()
            return True
        except (KafkaError, OSError) as exc:
            log.warning("%s cannot reach Kafka yet (%s); retrying in %.1fs", what, exc, delay)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except TimeoutError:
                pass
            delay = min(delay * 2, 10.0)
    return False


async def ensure_topics(settings: ServiceSettings, topics: list[str]) -> None:
    """Create topics with the configured partition count; existing ones are left alone."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(name=t, num_partitions=settings.kafka_topic_partitions, replication_factor=1)
            for t in topics
            if t not in existing
        ]
        if missing:
            try:
                await admin.create_topics(missing)
            except TopicAlreadyExistsError:
                pass
    finally:
        await admin.close()
