"""Dead letters: list what a consumer gave up on, and send it back to the topic it came from.

A redrive re-produces the message unchanged (value, key, original headers) to `dlt-original-topic`;
every group on that topic sees it again, and the inbox makes it a no-op where it was applied.
What was redriven is remembered as the offsets of the group `opvangketen-ops.redrive.<consumer>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.structs import OffsetAndMetadata

from journey_platform.messaging.consumer import dead_letter_topic
from journey_platform.messaging.envelope import MalformedEvent, parse_event
from journey_platform.messaging.kafka import new_reader, partitions_of, read_to_end

REDRIVEN_HEADER = "redriven-from"


def redrive_group(consumer: str) -> str:
    return f"opvangketen-ops.redrive.{consumer}"


@dataclass(frozen=True)
class DeadLetter:
    record: ConsumerRecord

    @property
    def headers(self) -> dict[str, str]:
        return {k: v.decode(errors="replace") for k, v in self.record.headers or () if v is not None}

    def original_headers(self) -> list[tuple[str, bytes]]:
        return [(k, v) for k, v in self.record.headers or () if not k.startswith("dlt-") and k != REDRIVEN_HEADER]

    def describe(self, redriven: bool) -> dict[str, Any]:
        h = self.headers
        event_type: str | None
        event_id: str | None
        try:
            event = parse_event(self.record.value)
            event_type, event_id = event.type, str(event.id)
        except MalformedEvent:
            event_type = event_id = None
        return {
            "partition": self.record.partition,
            "offset": self.record.offset,
            "redriven": redriven,
            "originalTopic": h.get("dlt-original-topic"),
            "originalPartition": h.get("dlt-original-partition"),
            "originalOffset": h.get("dlt-original-offset"),
            "attempts": h.get("dlt-attempts"),
            "error": h.get("dlt-error"),
            "eventType": event_type,
            "eventId": event_id,
        }


async def _redriven_up_to(consumer: AIOKafkaConsumer, tps: list[TopicPartition]) -> dict[TopicPartition, int]:
    done = {}
    for tp in tps:
        offset = await consumer.committed(tp)
        if offset is not None:
            done[tp] = offset
    return done


async def list_dead_letters(bootstrap_servers: str, consumer_name: str, **security: Any) -> list[dict[str, Any]]:
    topic = dead_letter_topic(consumer_name)
    consumer = new_reader(bootstrap_servers, redrive_group(consumer_name), **security)
    await consumer.start()
    try:
        letters = [DeadLetter(r) for r in await read_to_end(consumer, topic, None)]
        done = await _redriven_up_to(consumer, list(consumer.assignment()))
    finally:
        await consumer.stop()
    return [
        letter.describe(redriven=letter.record.offset < done.get(TopicPartition(topic, letter.record.partition), 0))
        for letter in letters
    ]


async def redrive(bootstrap_servers: str, consumer_name: str, **security: Any) -> list[dict[str, Any]]:
    """Re-produce every dead letter not yet redriven; remember how far we got only after the broker acked."""
    topic = dead_letter_topic(consumer_name)
    consumer = new_reader(bootstrap_servers, redrive_group(consumer_name), **security)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all", client_id="opvangketen-ops", **security)
    await consumer.start()
    await producer.start()
    try:
        partitions = await partitions_of(consumer, topic)
        letters = [DeadLetter(r) for r in await read_to_end(consumer, topic, await _redriven_up_to(consumer, partitions))]
        sent = []
        for letter in letters:
            original = letter.headers.get("dlt-original-topic")
            if not original:
                continue
            headers = [
                *letter.original_headers(),
                (REDRIVEN_HEADER, f"{topic}@{letter.record.partition}:{letter.record.offset}".encode()),
            ]
            await producer.send_and_wait(original, value=letter.record.value, key=letter.record.key, headers=headers)
            await consumer.commit(
                {TopicPartition(topic, letter.record.partition): OffsetAndMetadata(letter.record.offset + 1, "")}
            )
            sent.append(letter.describe(redriven=True))
    finally:
        await producer.stop()
        await consumer.stop()
    return sent
