"""Graceful behaviour: readiness follows the broker, a service waits for a late broker, SIGTERM loses nothing."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaProducer, TopicPartition
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from journey_platform.devbroker import LocalBroker
from journey_platform.devissuer import DevIssuer
from journey_platform.messaging.consumer import ConsumerConfig, EventConsumer
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.kafka import new_reader, partitions_of
from journey_platform.migrations import upgrade_head
from journey_platform.ops.lag import committed_offsets
from journey_platform.testing.databases import PG_ADMIN_DB, PG_HOST, PG_PORT, PG_USER
from journey_platform.testing.kafka import produce, read_topic, synthetic_report
from journey_platform.testing.plugin import check_broker_for_personal_data, free_port, service_dir
from journey_platform.testing.privacy import PostedPersonalData
from journey_platform.testing.waiting import eventually
from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, messaging

pytestmark = pytest.mark.e2e

EVENTS = 2000  # enough that the SIGTERM lands mid-stream with the batch projection (about 1,000 events/s here)
REPORT = {"melderType": "politie", "persoon": {"bsn": "111222333"}, "situatie": "dakloos", "gemeenteMelding": "GM0193"}


@pytest.fixture
def idle_broker(posted_personal_data: PostedPersonalData) -> Iterator[LocalBroker]:
    """A broker that a test starts only when it wants to."""
    broker = LocalBroker(free_port())
    yield broker
    try:
        check_broker_for_personal_data(broker, posted_personal_data)
    finally:
        broker.stop()


async def _ready(service: Any) -> httpx.Response:
    return await service.client.get("/readyz")  # type: ignore[no-any-return]  # the running service's client is untyped


async def _broker_gauge(service: Any, value: str) -> bool:
    return f"opvangketen_broker_reachable {value}" in (await service.client.get("/metrics")).text


async def test_readiness_stays_while_the_broker_is_away_and_its_gauge_says_so(
    fresh_broker: LocalBroker, start_service: Any
) -> None:
    """Issue 12 item 3: readiness is the database only; a broker outage shows in opvangketen_broker_reachable."""
    reporting = await start_service("reporting", broker=fresh_broker)
    assert (await _ready(reporting)).status_code == 200
    assert await _broker_gauge(reporting, "1.0")

    fresh_broker.stop()
    await eventually(lambda: _broker_gauge(reporting, "0.0"))
    still = await _ready(reporting)
    assert still.status_code == 200 and still.json()["checks"] == {"database": True, "backgroundTasks": True}

    fresh_broker.start()
    await eventually(lambda: _broker_gauge(reporting, "1.0"))


@pytest.fixture
async def database_to_take_away(use_postgres: bool) -> AsyncIterator[tuple[str, Callable[[bool], Awaitable[None]]]]:
    """A migrated reporting database of this test's own, and a switch that refuses or allows connections."""
    if not use_postgres:
        pytest.skip("taking a database away needs PostgreSQL")
    name = f"opvangketen_readyz_{os.getpid()}"
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_ADMIN_DB)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    await asyncio.to_thread(upgrade_head, service_dir("reporting"), url)

    async def reachable(allowed: bool) -> None:
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name)

    try:
        yield url, reachable
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_readiness_goes_false_while_the_database_is_away_and_back_when_it_returns(
    fresh_broker: LocalBroker, database_to_take_away: Any, start_service: Any
) -> None:
    url, reachable = database_to_take_away
    reporting = await start_service("reporting", broker=fresh_broker, database_url=url)
    await eventually(lambda: _status_is(reporting, 200))

    await reachable(False)
    away = await eventually(lambda: _status_is(reporting, 503))
    assert "database" in away.json()["detail"] and "broker" not in away.json()["detail"]

    await reachable(True)
    await eventually(lambda: _status_is(reporting, 200))


async def _status_is(service: Any, status: int) -> httpx.Response | None:
    response = await _ready(service)
    return response if response.status_code == status else None


async def test_a_service_started_before_its_broker_waits_and_connects(
    idle_broker: LocalBroker, start_service: Any, auth: Any
) -> None:
    intake = await start_service("intake", broker=idle_broker)
    reporting = await start_service("reporting", broker=idle_broker)
    assert (await _ready(reporting)).status_code == 200  # ready: its database is there; events wait for the broker
    created = await intake.client.post("/v1/meldingen", json=REPORT, headers=auth())
    assert created.status_code == 201  # accepted into the outbox while the broker is still away

    idle_broker.start()

    async def journey_arrived() -> bool:
        path = f"/v1/trajecten/{created.json()['trajectId']}"
        return bool((await reporting.client.get(path, headers=auth())).status_code == 200)

    await eventually(journey_arrived, timeout=60)


class ReportingProcess:
    """Reporting as operators run it: uvicorn in its own process, stopped with SIGTERM."""

    def __init__(self, database_url: str, broker: LocalBroker, issuer: DevIssuer, log: Path) -> None:
        self.port = free_port()
        self.log = log
        self.env = {
            **os.environ,
            "REPORTING_DATABASE_URL": database_url,
            "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
            "AUTH_JWKS_FILE": str(issuer.jwks_file),
            "AUTH_ISSUER": issuer.issuer,
            "AUTH_AUDIENCE": issuer.audience,
            "ENVIRONMENT": "test",
            "KAFKA_TOPIC_PARTITIONS": "3",
            "LOG_FORMAT": "json",
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.stops = 0

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "reporting.entrypoints.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--no-access-log",
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, env=self.env, stdout=log, stderr=log)

    async def ready(self) -> bool:
        try:
            async with httpx.AsyncClient() as client:
                return (await client.get(f"http://127.0.0.1:{self.port}/readyz")).status_code == 200
        except httpx.TransportError:
            return False

    def terminate(self) -> None:
        """SIGTERM, as the kubelet sends it; uvicorn drains, runs the lifespan shutdown, then re-raises the signal."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=60)
        self.process = None
        assert code in (0, -signal.SIGTERM), code
        assert self.log.read_text().count("Application shutdown complete") == self.stops + 1, self.log.read_text()[-3000:]
        self.stops += 1

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()


async def test_sigterm_mid_stream_commits_what_was_applied_and_loses_nothing(
    fresh_broker: LocalBroker, clean_databases: dict[str, str], issuer: DevIssuer, tmp_path: Path
) -> None:
    url, servers = clean_databases["reporting"], fresh_broker.bootstrap_servers
    engine = create_async_engine(url)
    reporting = ReportingProcess(url, fresh_broker, issuer, tmp_path / "reporting.log")

    async def applied() -> int:
        async with engine.connect() as conn:
            return int(
                await conn.scalar(
                    select(func.count()).select_from(messaging.inbox).where(messaging.inbox.c.consumer == "reporting")
                )
                or 0
            )

    async def committed() -> int:
        reader = new_reader(servers)
        await reader.start()
        try:
            partitions = await partitions_of(reader, "opvangketen.intake")
        finally:
            await reader.stop()
        return sum((await committed_offsets(servers, "reporting", partitions)).values())

    try:
        reporting.start()
        await eventually(reporting.ready, timeout=60)
        await produce(servers, "opvangketen.intake", [synthetic_report() for _ in range(EVENTS)])
        await eventually(lambda: _at_least(applied, EVENTS // 10), timeout=60)

        reporting.terminate()  # mid-stream
        done_before_exit = await applied()
        assert await committed() == done_before_exit  # every applied event's offset was committed, no more

        reporting.start()
        await eventually(reporting.ready, timeout=60)  # a SIGTERM before uvicorn's handlers are set is no graceful stop
        await eventually(lambda: _at_least(applied, EVENTS), timeout=120)
        reporting.terminate()
        async with engine.connect() as conn:
            for table in (Gebeurtenis.__table__, TijdlijnItem.__table__):
                assert await conn.scalar(select(func.count()).select_from(table)) == EVENTS  # each exactly once
        assert await applied() == EVENTS
        assert await committed() == EVENTS
        lines = [json.loads(line) for line in reporting.log.read_text().splitlines() if line.strip()]
        assert lines and all(line["service"] == "reporting" for line in lines)
    finally:
        reporting.kill()
        await engine.dispose()


async def _at_least(count: Any, target: int) -> bool:
    return bool(await count() >= target)


async def test_a_consumer_stopped_while_retrying_leaves_the_event_for_later_instead_of_dead_lettering_it(
    fresh_broker: LocalBroker, start_service: Any
) -> None:
    database = (await start_service("reporting")).container  # its database only; this test runs the consumer
    servers = fresh_broker.bootstrap_servers
    attempts: list[str] = []

    async def failing(event: CloudEvent, uow: Any) -> None:
        attempts.append(str(event.id))
        raise RuntimeError("the database is in maintenance")

    event = synthetic_report()
    await produce(servers, "opvangketen.intake", [event])
    consumer = EventConsumer(
        ConsumerConfig(name="stopping", topics=("opvangketen.intake",), bootstrap_servers=servers, retry_backoff=30),
        {event.type: failing},
        database.uow,
        messaging,
        lambda: AIOKafkaProducer(bootstrap_servers=servers),
    )
    running = asyncio.create_task(consumer.run())
    await eventually(lambda: _true(bool(attempts)))
    consumer.stop()  # during the 30 s back-off after the first attempt
    await asyncio.wait_for(running, timeout=20)
    await consumer.close()

    assert attempts == [str(event.id)] and consumer.dead_lettered == 0
    assert await read_topic(servers, "opvangketen.stopping.dlt") == []
    partitions = [TopicPartition("opvangketen.intake", p) for p in range(3)]
    assert await committed_offsets(servers, "stopping", partitions) == {}  # redelivered to the next instance


async def _true(value: bool) -> bool:
    return value
