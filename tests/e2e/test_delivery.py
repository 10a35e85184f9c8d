"""Nothing lost, nothing applied twice: intake → Kafka (Tansu) → reporting, with real databases.

Each test that breaks the broker gets a broker of its own, so the session broker stays healthy.
"""

import asyncio
import functools
import json
import uuid
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from sqlalchemy import func, select

from journey_platform.devbroker import LocalBroker
from journey_platform.messaging.consumer import ConsumerConfig, EventConsumer, dead_letter_topic
from journey_platform.messaging.kafka import make_producer
from journey_platform.testing.plugin import check_broker_for_personal_data, free_port
from journey_platform.testing.privacy import PostedPersonalData
from journey_platform.testing.waiting import eventually
from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, messaging
from reporting.bootstrap import subscription

from .conftest import a_report, journey_of

pytestmark = pytest.mark.e2e


async def count(service: Any, model: Any, *where: Any) -> int:
    async with service.container.engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(model).where(*where))).scalar_one())


async def test_a_report_shows_in_the_reporting_journey(broker: LocalBroker, start_service: Any, auth: Any) -> None:
    intake = await start_service("intake", broker=broker)
    reporting = await start_service("reporting", broker=broker)
    headers = auth("gemeente", "GM0193")
    created = (await intake.client.post("/v1/meldingen", json=a_report(), headers=headers)).json()
    journey = await eventually(lambda: journey_of(reporting.client, created["trajectId"], headers))
    assert journey["fase"] == "gemeld"
    assert journey["gemeenteMelding"] == "GM0193"
    assert [item["gebeurtenis"] for item in journey["tijdlijn"]] == ["melding-geregistreerd"]
    # The other municipality's team does not see it in reporting either.
    other = await reporting.client.get(f"/v1/trajecten/{created['trajectId']}", headers=auth("gemeente", "GM0150"))
    assert other.status_code == 403


async def test_reports_accepted_while_the_broker_is_down_arrive_exactly_once(
    start_service: Any, auth: Any, posted_personal_data: PostedPersonalData
) -> None:
    own = LocalBroker(free_port())
    own.start()
    try:
        intake = await start_service("intake", broker=own)
        reporting = await start_service("reporting", broker=own)
        headers = auth()
        first = (await intake.client.post("/v1/meldingen", json=a_report("Eerste"), headers=headers)).json()
        await eventually(lambda: journey_of(reporting.client, first["trajectId"], headers))

        own.stop()
        created = []
        for i in range(20):
            response = await intake.client.post("/v1/meldingen", json=a_report(f"Persoon{i}"), headers=headers)
            assert response.status_code == 201
            created.append(response.json())
        await asyncio.sleep(2)  # the relay keeps failing and backing off meanwhile
        own.start()  # an empty broker on the same port: topics and offsets are gone

        for report in created:
            await eventually(functools.partial(journey_of, reporting.client, report["trajectId"], headers), timeout=60)

        # Exactly once: one stored event and one timeline entry per report, even if the relay re-sent.
        async def settled() -> bool:
            return await count(reporting, Gebeurtenis) == 21

        await eventually(settled)
        await asyncio.sleep(1)
        assert await count(reporting, Gebeurtenis) == 21
        assert await count(reporting, TijdlijnItem, TijdlijnItem.gebeurtenis == "melding-geregistreerd") == 21
        check_broker_for_personal_data(own, posted_personal_data)
    finally:
        own.stop()


class CrashAfterDatabaseCommit(Exception):
    """Stands for the process dying between the database commit and the offset commit."""


class CrashingConsumer(EventConsumer):
    """Dies right after the database commit of the record about `target`, before its offset commit."""

    target = ""

    async def handle_batch(self, records: list[Any]) -> None:
        await super().handle_batch(records)
        if any(self.target.encode() in (record.value or b"") for record in records):
            self.crash_now = True

    async def commit_offsets(self, kafka: Any, offsets: dict[Any, int]) -> None:
        if getattr(self, "crash_now", False):
            raise CrashAfterDatabaseCommit
        await super().commit_offsets(kafka, offsets)


async def test_consumer_killed_between_db_commit_and_offset_commit_applies_once(
    broker: LocalBroker, start_service: Any, auth: Any
) -> None:
    intake = await start_service("intake", broker=broker)
    reporting = await start_service("reporting", consumer_enabled=False)
    headers = auth()
    created = (await intake.client.post("/v1/meldingen", json=a_report("Gecrasht"), headers=headers)).json()
    group = f"reporting-crash-{uuid.uuid4().hex[:8]}"

    def consumer(cls: type[EventConsumer]) -> EventConsumer:
        sub = subscription()
        return cls(
            ConsumerConfig(name=group, topics=("opvangketen.intake",), bootstrap_servers=broker.bootstrap_servers),
            sub.handlers,
            reporting.container.uow,
            messaging,
            lambda: make_producer(reporting.container.settings),
        )

    CrashingConsumer.target = created["trajectId"]
    crashing = consumer(CrashingConsumer)
    with pytest.raises(CrashAfterDatabaseCommit):
        await asyncio.wait_for(crashing.run(), timeout=60)
    await crashing.close()
    # Applied and committed to the database; the offset was never committed.
    assert await journey_of(reporting.client, created["trajectId"], headers)
    applied_before = await count(reporting, messaging.inbox)

    survivor = consumer(EventConsumer)
    task = asyncio.create_task(survivor.run())
    try:

        async def redelivered() -> bool:
            return survivor.duplicates >= 1

        await eventually(redelivered, timeout=60)
        await asyncio.sleep(0.5)
    finally:
        survivor.stop()
        await task
        await survivor.close()
    journey = await journey_of(reporting.client, created["trajectId"], headers)
    assert journey is not None
    timeline = journey["tijdlijn"]
    assert [i["gebeurtenis"] for i in timeline] == ["melding-geregistreerd"]  # the redelivery was a no-op
    assert await count(reporting, messaging.inbox) == applied_before


async def test_poison_messages_go_to_the_dead_letter_topic_and_the_partition_flows_on(
    broker: LocalBroker, start_service: Any, auth: Any
) -> None:
    intake = await start_service("intake", broker=broker)
    reporting = await start_service("reporting", broker=broker, consumer_max_attempts=2, consumer_retry_backoff_seconds=0.01)
    headers = auth()
    warm = (await intake.client.post("/v1/meldingen", json=a_report("Warm"), headers=headers)).json()
    await eventually(lambda: journey_of(reporting.client, warm["trajectId"], headers))

    producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap_servers)
    await producer.start()
    marker = uuid.uuid4().hex
    try:
        partitions = sorted(await producer.partitions_for("opvangketen.intake"))
        for partition in partitions:  # unreadable bytes on every partition
            await producer.send_and_wait(
                "opvangketen.intake", b"\x00not a cloudevent", partition=partition, headers=[("marker", marker.encode())]
            )
        # A well-formed event whose payload breaks its contract (no clientId): retrying cannot help, so it is
        # dead-lettered at the first attempt.
        bad = {
            "specversion": "1.0",
            "id": str(uuid.uuid4()),
            "source": "urn:nld:oin:00000001003214345000:systeem:intake",
            "type": "nl.opvangketen.intake.melding-geregistreerd.v1",
            "time": "2026-11-22T10:00:00Z",
            "subject": str(uuid.uuid4()),
            "datacontenttype": "application/json",
            "data": {"meldingId": "x"},
        }
        await producer.send_and_wait(
            "opvangketen.intake", json.dumps(bad).encode(), partition=partitions[0], headers=[("marker", marker.encode())]
        )
    finally:
        await producer.stop()

    later = (await intake.client.post("/v1/meldingen", json=a_report("Later"), headers=headers)).json()
    await eventually(lambda: journey_of(reporting.client, later["trajectId"], headers))

    dlt = AIOKafkaConsumer(
        dead_letter_topic("reporting"),
        bootstrap_servers=broker.bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        group_id=None,
    )
    await dlt.start()
    found: list[dict[str, str]] = []
    try:

        async def collect() -> bool:
            batch = await dlt.getmany(timeout_ms=200)
            for records in batch.values():
                for record in records:
                    hdrs = {k: v.decode() for k, v in record.headers}
                    if hdrs.get("marker") == marker:
                        found.append(hdrs)
            return len(found) >= len(partitions) + 1

        await eventually(collect, timeout=30)
    finally:
        await dlt.stop()
    errors = sorted(h["dlt-error"].split(":")[0] for h in found)
    assert errors.count("malformed event") == len(partitions)
    assert any(
        h["dlt-attempts"] == "1"
        and h["dlt-error"].startswith("ValidationError")
        and h["dlt-original-topic"] == "opvangketen.intake"
        for h in found
    )
    assert all(h["dlt-consumer"] == "reporting" for h in found)
    assert any(c.dead_lettered >= 1 for c in reporting.container.consumers)


async def test_replicas_share_the_group_and_split_the_partitions(broker: LocalBroker, start_service: Any, auth: Any) -> None:
    intake = await start_service("intake", broker=broker)
    first = await start_service("reporting", broker=broker)
    second = await start_service("reporting", broker=broker)
    consumers = [first.container.consumers[0], second.container.consumers[0]]

    async def both_assigned() -> bool:
        return all(c._kafka is not None and c._kafka.assignment() for c in consumers) and (
            sum(len(c._kafka.assignment()) for c in consumers if c._kafka) >= 3
        )

    await eventually(both_assigned, timeout=60)
    before = [c.processed for c in consumers]
    headers = auth()
    created = [
        (await intake.client.post("/v1/meldingen", json=a_report(f"Replica{i}"), headers=headers)).json() for i in range(30)
    ]
    for report in created:
        await eventually(functools.partial(journey_of, first.client, report["trajectId"], headers))
    done = [c.processed - b for c, b in zip(consumers, before, strict=True)]
    assert all(n > 0 for n in done), done
    assert sum(done) == 30
    assignments = [set(c._kafka.assignment()) for c in consumers if c._kafka]
    assert not (assignments[0] & assignments[1])
