"""Issue 15: no message ends a consumer. Each poison kind the fault trial found (and the plain ones) is produced
straight onto `opvangketen.intake`, on every partition, ahead of a real report; each lands on reporting's
dead-letter topic, the partitions flow on, and reporting shows the real report's journey."""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from journey_platform.messaging.consumer import dead_letter_topic
from journey_platform.messaging.kafka import new_reader, partitions_of
from journey_platform.testing.kafka import read_topic, synthetic_report
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.waiting import eventually

pytestmark = pytest.mark.e2e

TOPIC = "opvangketen.intake"


def envelope(**overrides: Any) -> dict[str, Any]:
    valid = json.loads(synthetic_report().to_bytes())
    return {**valid, "id": str(uuid.uuid4()), **overrides}


POISONS: dict[str, bytes] = {
    # OverflowError in the parser: 01:00 before midnight of year 1 is before year 1 in UTC.
    "time-before-year-1": json.dumps(envelope(time="0001-01-01T00:00:00+01:00")).encode(),
    "nested-100000-deep": b"[" * 100_000 + b"]" * 100_000,  # RecursionError in the parser
    "invalid-utf8": b'{"specversion": "1.0", "id": "\xff\xfe"}',
    "not-json": b"this is not json",
    "unknown-type": json.dumps(envelope(type="nl.opvangketen.intake.bestaat-niet.v1")).encode(),
    "payload-fails-validation": json.dumps(envelope(data={"trajectId": "not a uuid"})).encode(),
}


async def test_every_poison_is_dead_lettered_and_the_real_report_still_arrives(
    broker: Any, start_service: Any, auth: Any
) -> None:
    intake: RunningService = await start_service("intake", broker=broker)
    reporting: RunningService = await start_service("reporting", broker=broker)
    consumer = next(c for c in reporting.container.consumers if c.name == "reporting")

    async def topic_partitions() -> list[Any]:
        reader = new_reader(broker.bootstrap_servers)
        await reader.start()
        try:
            return await partitions_of(reader, TOPIC)
        finally:
            await reader.stop()

    partitions = await eventually(topic_partitions, timeout=30)  # created by the services as they start
    producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for tp in partitions:  # on every partition, so the real report's partition has poison ahead of it
            for kind, value in POISONS.items():
                await producer.send_and_wait(
                    TOPIC, value=value, key=b"poison", partition=tp.partition, headers=[("poison", kind.encode())]
                )
    finally:
        await producer.stop()

    ct = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")
    body = {
        "melderType": "politie",
        "persoon": {"achternaam": "Gif", "geboortedatum": "1980-04-01"},
        "situatie": "dakloos",
        "gemeenteMelding": "GM0150",
        "meldDatum": "2026-03-02",
    }
    melding = (await intake.client.post("/v1/meldingen", json=body, headers=ct)).json()

    async def journey() -> Any:
        response = await reporting.client.get(f"/v1/trajecten/{melding['trajectId']}", headers=ct)
        return response.json() if response.status_code == 200 else None

    found = await eventually(journey, timeout=45)
    assert found["id"] == melding["trajectId"]

    async def dead_letters() -> dict[tuple[str, int], dict[str, bytes]] | None:
        records = await read_topic(broker.bootstrap_servers, dead_letter_topic("reporting"))
        by_poison = {}
        for record in records:
            headers = dict(record.headers)
            if "poison" in headers:
                key = (headers["poison"].decode(), int(headers["dlt-original-partition"]))
                by_poison[key] = {**headers, "value": record.value}
        return by_poison if len(by_poison) == len(POISONS) * len(partitions) else None

    landed = await eventually(dead_letters, timeout=30)
    for (kind, _), letter in landed.items():
        assert letter["value"] == POISONS[kind]  # the original bytes, for a redrive after a fix
        assert letter["dlt-original-topic"] == TOPIC.encode()
        assert letter["dlt-error"]
    errors = {kind: letter["dlt-error"].decode() for (kind, _), letter in landed.items()}
    assert "OverflowError" in errors["time-before-year-1"]
    assert "RecursionError" in errors["nested-100000-deep"]
    assert "unknown event type" in errors["unknown-type"]
    assert "ValidationError" in errors["payload-fails-validation"]

    assert consumer.connected  # never a dead consumer: still running, not restarted by its supervisor
    supervisor = reporting.container.supervisor
    assert supervisor is not None and supervisor.states["consumer-reporting"].restarts == 0
    assert (await reporting.client.get("/readyz")).status_code == 200


def fuzzed(count: int, seed: int = 15) -> list[bytes]:
    """Seeded mutations of a valid report's envelope, and plain noise: whatever each becomes (dead letter, skipped,
    or even a valid event), none may stop the consumer or hold up its partition."""
    rng = random.Random(seed)
    odd_values: list[Any] = [
        None, 0, -1, 2**70, 1e308, True, [], {}, "", "\u0000", "x" * 100_000, {"a": [1, {"b": None}]},
        "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-14:00", "nl.opvangketen.intake.melding-geregistreerd.v99",
    ]  # fmt: skip
    cases: list[bytes] = []
    for _ in range(count):
        valid = envelope()
        kind = rng.randrange(6)
        if kind == 0:
            cases.append(rng.randbytes(rng.randrange(0, 300)))
        elif kind == 1:
            text = json.dumps(valid)
            cases.append(text[: rng.randrange(1, len(text))].encode())
        elif kind == 2:
            del valid[rng.choice(sorted(valid))]
            cases.append(json.dumps(valid).encode())
        elif kind == 3:
            valid[rng.choice(sorted(valid))] = rng.choice(odd_values)
            cases.append(json.dumps(valid).encode())
        elif kind == 4:
            valid["data"][rng.choice(sorted(valid["data"]))] = rng.choice(odd_values)
            cases.append(json.dumps(valid).encode())
        else:
            nested: Any = rng.choice(odd_values)
            for _ in range(rng.randrange(100, 900)):  # deeper than json.dumps can write; 100,000 is a poison above
                nested = [nested]
            valid["data"] = nested
            cases.append(json.dumps(valid).encode())
    return cases


async def test_a_fuzzed_set_never_stops_the_consumer(broker: Any, start_service: Any, auth: Any) -> None:
    intake: RunningService = await start_service("intake", broker=broker)
    reporting: RunningService = await start_service("reporting", broker=broker)

    async def topic_partitions() -> list[Any]:
        reader = new_reader(broker.bootstrap_servers)
        await reader.start()
        try:
            return await partitions_of(reader, TOPIC)
        finally:
            await reader.stop()

    partitions = await eventually(topic_partitions, timeout=30)
    producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap_servers, acks="all", max_request_size=4_000_000)
    await producer.start()
    try:
        for tp in partitions:  # the whole set ahead of the real report on every partition
            for i, value in enumerate(fuzzed(40)):
                await producer.send_and_wait(
                    TOPIC, value=value, key=b"fuzz", partition=tp.partition, headers=[("fuzz", str(i).encode())]
                )
    finally:
        await producer.stop()

    ct = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")
    body = {
        "melderType": "politie",
        "persoon": {"achternaam": "Ruis", "geboortedatum": "1975-09-12"},
        "situatie": "dakloos",
        "gemeenteMelding": "GM0150",
        "meldDatum": "2026-03-02",
    }
    melding = (await intake.client.post("/v1/meldingen", json=body, headers=ct)).json()

    async def journey() -> Any:
        response = await reporting.client.get(f"/v1/trajecten/{melding['trajectId']}", headers=ct)
        return response.json() if response.status_code == 200 else None

    assert (await eventually(journey, timeout=60))["id"] == melding["trajectId"]
    supervisor = reporting.container.supervisor
    assert supervisor is not None and supervisor.states["consumer-reporting"].restarts == 0
    assert (await reporting.client.get("/readyz")).status_code == 200
