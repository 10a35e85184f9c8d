"""Kafka clients with the settings every service uses."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError
from aiokafka.helpers import create_ssl_context
from tenacity import RetryCallState

from journey_platform.retry import Stopped, backoff, failure
from journey_platform.settings import ServiceSettings

log = logging.getLogger(__name__)


def security_options(settings: ServiceSettings) -> dict[str, Any]:
    """aiokafka keyword arguments for authenticating to the cluster; none for a local PLAINTEXT broker."""
    if settings.kafka_security_protocol == "PLAINTEXT":
        return {}
    options: dict[str, Any] = {
        "security_protocol": settings.kafka_security_protocol,
        "sasl_mechanism": settings.kafka_sasl_mechanism,
        "sasl_plain_username": settings.kafka_username,
        "sasl_plain_password": settings.kafka_password,
    }
    if settings.kafka_security_protocol == "SASL_SSL":
        options["ssl_context"] = create_ssl_context(cafile=str(settings.kafka_ca_file) if settings.kafka_ca_file else None)
    return options


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
        **security_options(settings),
    )


async def start_with_backoff(client: AIOKafkaProducer, stop: asyncio.Event, what: str) -> bool:
    """Start a Kafka client, waiting for the broker for as long as it takes (or until stopped): 0.2 s, 0.4 s, ...
    at most 10 s between attempts."""
    if stop.is_set():
        return False

    def waiting(state: RetryCallState) -> None:
        log.warning("%s cannot reach Kafka yet (%s); retrying in %.1fs", what, failure(state), state.upcoming_sleep)

    # A failure while stopping is still logged and waited for (the wait ends at once); then Stopped, no new attempt.
    retrying = backoff(retry_on=(KafkaError, OSError), first=0.2, cap=10.0, before_sleep=waiting, wake=stop, until_stopped=stop)
    try:
        await retrying(client.start)
    except Stopped:
        return False
    return True


async def ensure_topics(settings: ServiceSettings, topics: list[str]) -> None:
    """Create topics with the configured partition count; existing ones are left alone."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers, **security_options(settings))
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


class BrokerProbe:
    """What the outbox relay asks the broker to find out whether it lost data: its cluster id, its topics and
    the log end offsets of partitions (messaging/relay.py)."""

    def __init__(self, bootstrap_servers: str, **security: Any) -> None:
        self._admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=10_000, **security)
        # Group-less: it only lists offsets, it never joins a group or fetches.
        self._reader = AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers,
            group_id=None,
            enable_auto_commit=False,
            request_timeout_ms=10_000,
            client_id="opvangketen-relay-probe",
            **security,
        )
        self._started = False

    async def start(self) -> None:
        await self._admin.start()
        await self._reader.start()
        self._started = True

    async def close(self) -> None:
        for close in (self._admin.close, self._reader.stop):
            try:
                await close()
            except Exception:  # a broker that went away while we closed
                log.debug("broker probe: close failed", exc_info=True)

    async def cluster_id(self) -> str | None:
        described = await self._admin.describe_cluster()
        value = described.get("cluster_id")
        return str(value) if value else None

    async def topics(self) -> set[str]:
        return set(await self._admin.list_topics())

    async def end_offsets(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        """Per partition, the log end offset the broker lists; 0 for a partition that no longer exists (its topic
        was created again with fewer partitions), which would otherwise make the request wait for it."""
        if not partitions:
            return {}
        await self._reader.topics()  # fresh metadata: the topics may have been created again since the last call
        existing = [tp for tp in partitions if tp.partition in (self._reader.partitions_for_topic(tp.topic) or set())]
        ends = dict(await self._reader.end_offsets(existing)) if existing else {}
        return {tp: ends.get(tp, 0) for tp in partitions}

    async def fetched_end(self, tp: TopicPartition, offset: int) -> int | None:
        """The high watermark a fetch of `tp` from `offset` reports: the end of the log as consumers see it, where
        the listed end may lag (the local broker's does). None when no fetch answered."""
        self._reader.assign([tp])  # a fresh assignment: no high watermark from an earlier fetch
        self._reader.seek(tp, offset)
        for _ in range(3):  # beyond the end: the first fetch resets the position, the next one answers
            await self._reader.getmany(tp, timeout_ms=500, max_records=1)
            highwater = self._reader.highwater(tp)
            if highwater is not None:
                return int(highwater)
        return None


def make_broker_probe(settings: ServiceSettings) -> BrokerProbe:
    return BrokerProbe(settings.kafka_bootstrap_servers, **security_options(settings))


def new_reader(bootstrap_servers: str, group: str | None = None, **security: Any) -> AIOKafkaConsumer:
    """A consumer for tools that assign partitions themselves and commit only when they mean to.

    Without a group, a throwaway one: aiokafka's group-less mode can raise CancelledError on stop()."""
    return AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        group_id=group or f"opvangketen-reader-{uuid.uuid4()}",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        client_id="opvangketen-ops",
        **security,
    )


async def partitions_of(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    await consumer.topics()  # refreshes the metadata, so a topic created since start is known
    return [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]


async def read_to_end(
    consumer: AIOKafkaConsumer, topic: str, start: dict[TopicPartition, int] | None = None
) -> list[ConsumerRecord]:
    """Every record of a topic from `start` (default: the beginning) up to its end as it is now."""
    partitions = await partitions_of(consumer, topic)
    if not partitions:
        return []
    consumer.assign(partitions)
    ends = await consumer.end_offsets(partitions)
    begins = await consumer.beginning_offsets(partitions)
    records: list[ConsumerRecord] = []
    for tp in partitions:
        position = max((start or {}).get(tp, begins[tp]), begins[tp])
        if position >= ends[tp]:
            continue
        consumer.seek(tp, position)
        while position < ends[tp]:
            batch = await consumer.getmany(tp, timeout_ms=1000)
            for record in batch.get(tp, []):
                if record.offset < ends[tp]:
                    records.append(record)
                position = record.offset + 1
    return records
