"""Putting messages on the real broker in end-to-end tests, as a producing service would."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime

from aiokafka import AIOKafkaProducer, ConsumerRecord

from journey_platform.contracts.intake import MeldingGeregistreerd, Route, Situatie
from journey_platform.messaging.envelope import CONTENT_TYPE, CloudEvent, new_event
from journey_platform.messaging.kafka import new_reader, read_to_end

INTAKE_SOURCE = "urn:nld:oin:00000001003214345000:systeem:intake"


def synthetic_report(gemeente: str = "GM0193", traject_id: uuid.UUID | None = None) -> CloudEvent:
    """A `melding-geregistreerd` for a new, made-up journey (ids only: there is no personal data in events)."""
    return new_event(
        MeldingGeregistreerd(
            traject_id=traject_id or uuid.uuid4(),
            client_id=uuid.uuid4(),
            melding_id=uuid.uuid4(),
            meld_datum=date(2026, 10, 1),
            gemeld_op=datetime(2026, 10, 1, 9, tzinfo=UTC),
            beslistermijn=date(2026, 11, 26),
            melder_type="politie",
            situatie=Situatie.dakloos,
            route=Route.onbekend,
            gemeente_melding=gemeente,
            gemeente_van_herkomst=None,
            verantwoordelijke_gemeente=gemeente,
            regio=None,
            huishouden_grootte=1,
            aantal_kinderen=0,
            aandachtspunten=[],
            herhaalmelding=False,
            nieuw_traject=True,
        ),
        INTAKE_SOURCE,
    )


async def produce(bootstrap_servers: str, topic: str, messages: Iterable[CloudEvent | bytes]) -> None:
    """Send each message (a CloudEvent, or raw bytes to test unreadable input) and wait for the acks."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    try:
        pending = []
        for message in messages:
            if isinstance(message, CloudEvent):
                value, key = message.to_bytes(), str(message.data.get("clientId", message.id)).encode()
            else:
                value, key = message, b"raw"
            pending.append(await producer.send(topic, value=value, key=key, headers=[("content-type", CONTENT_TYPE.encode())]))
        for ack in pending:
            await ack
    finally:
        await producer.stop()


async def read_topic(bootstrap_servers: str, topic: str) -> list[ConsumerRecord]:
    """Everything on a topic now."""
    consumer = new_reader(bootstrap_servers)
    await consumer.start()
    try:
        return await read_to_end(consumer, topic)
    finally:
        await consumer.stop()
