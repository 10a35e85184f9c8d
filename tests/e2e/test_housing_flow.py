"""End to end over the real broker: placement declares a client ready to leave (a real outbox row, relayed by
the real relay) → housing proposes a home by itself → the coordinator offers it, the client accepts, moves in →
the warm handover shows in the reporting journey, and the local team acknowledges it."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select

from housing.tests_support import consent, ready_to_leave
from journey_platform.db import make_engine, make_sessionmaker, new_metadata
from journey_platform.messaging.kafka import ensure_topics, make_producer
from journey_platform.messaging.relay import OutboxRelay
from journey_platform.messaging.tables import MessagingTables
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.settings import ServiceSettings

pytestmark = pytest.mark.e2e
T = TypeVar("T")


async def eventually(probe: Callable[[], Awaitable[T | None]], within: float = 60.0, why: Callable[[], str] = lambda: "") -> T:
    """Poll until `probe` returns something truthy; fail after `within` seconds, saying `why()`."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        found = await probe()
        if found:
            return found
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"the expected effect did not show in time. {why()}")
        await asyncio.sleep(0.2)


class ServiceOutbox:
    """Another service's side of the contract, as it writes it: an outbox row in that service's own database,
    committed by a unit of work and published by journey_platform's relay."""

    def __init__(self, database_url: str, bootstrap_servers: str, service: str = "placement") -> None:
        self.settings = ServiceSettings(service_name=service, kafka_bootstrap_servers=bootstrap_servers, environment="test")
        self.engine = make_engine(database_url)
        self.tables = MessagingTables(new_metadata())
        self.relay = OutboxRelay(
            self.engine, self.tables, lambda: make_producer(self.settings), lambda topics: ensure_topics(self.settings, topics)
        )

    async def __aenter__(self) -> "ServiceOutbox":
        self.task = asyncio.create_task(self.relay.run())
        return self

    async def __aexit__(self, *exc: object) -> None:
        await eventually(self._drained, within=30.0, why=lambda: "the outbox still holds unpublished rows")
        self.relay.stop()
        await self.task
        await self.engine.dispose()

    async def _drained(self) -> bool:
        """Stopping the relay before it sent what was committed would leave the event in the outbox (for its
        next start, as in production); the test needs it on the broker now."""
        outbox = self.tables.outbox
        async with self.engine.connect() as conn:
            waiting = await conn.scalar(select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None)))
        return waiting == 0

    async def publish(self, contract: Any) -> None:
        uow = UnitOfWork(make_sessionmaker(self.engine), self.tables, self.settings.source_urn, on_commit=self.relay.notify)
        async with uow:
            uow.publish(contract)
            await uow.commit()


async def test_ready_to_leave_to_warm_handover_in_the_journey(
    broker: Any, start_service: Any, clean_databases: dict[str, str], auth: Any
) -> None:
    housing = await start_service("housing", broker=broker, matching_interval_seconds=0.2, watch_interval_seconds=3600)
    reporting = await start_service("reporting", broker=broker)
    ct, zwolle, hardenberg, corp = (
        auth(),
        auth("gemeente", "GM0193"),
        auth("gemeente", "GM0160"),
        auth("woningcorporatie", "dewoonplaats"),
    )
    unit = {
        "aanbiederType": "woningcorporatie",
        "type": "housing-first",
        "gemeente": "GM0160",
        "wijk": "centrum",
        "huur": 610.0,
        "kamers": 2,
        "beschikbaarVanaf": "2026-01-01",
        "begeleidingInDeBuurt": True,
    }
    woning = (await housing.client.post("/v1/woningen", json=unit, headers=corp)).json()

    event = ready_to_leave(housing_first=True, begeleidingsintensiteit="hoog")
    async with ServiceOutbox(clean_databases["intake"], broker.bootstrap_servers, "intake") as intake:
        await intake.publish(consent(event))  # the client consented to sharing with the corporation
    async with ServiceOutbox(clean_databases["placement"], broker.bootstrap_servers) as placement:
        await placement.publish(event)

        async def proposal() -> dict[str, Any] | None:
            found = (await housing.client.get("/v1/voorstellen", params={"status": "voorgesteld"}, headers=zwolle)).json()
            return found[0] if found else None

        voorstel = await eventually(proposal)  # the matcher ran by itself when the candidate arrived
    assert voorstel["woningId"] == woning["id"]
    assert voorstel["uitleg"]["scoreOpbouw"]["voorkeur"] == 50.0  # the client asked for the municipality of origin

    last: list[str] = []

    async def offer() -> dict[str, Any] | None:  # once the consent, on intake's topic, has arrived too
        response = await housing.client.post("/v1/aanbiedingen", json={"voorstelId": voorstel["id"]}, headers=zwolle)
        last[:] = [f"{response.status_code} {response.text}"]
        return response.json() if response.status_code == 201 else None

    aanbod = await eventually(offer, why=lambda: f"the last answer to the offer: {last}")
    assert (await housing.client.post(f"/v1/aanbiedingen/{aanbod['id']}/acceptatie", headers=zwolle)).status_code == 200
    moved = await housing.client.post(f"/v1/aanbiedingen/{aanbod['id']}/verhuizing", json={}, headers=zwolle)
    assert moved.status_code == 201, moved.text
    overdracht = moved.json()
    assert overdracht["teRegelen"] == ["inschrijving", "inkomen", "inrichtingskosten"]

    async def timeline_with(name: str) -> list[str] | None:
        response = await reporting.client.get(f"/v1/trajecten/{event.traject_id}", headers=ct)
        if response.status_code != 200:
            return None
        names = [item["gebeurtenis"] for item in response.json()["tijdlijn"]]
        return names if name in names else None

    names = await eventually(lambda: timeline_with("warme-overdracht-gestart"))
    for expected in (
        "uitstroomgereed-verklaard",
        "kandidaat-aangemeld",
        "match-voorgesteld",
        "aanbod-gedaan",
        "aanbod-geaccepteerd",
        "verhuisd",
    ):
        assert expected in names

    confirmed = await housing.client.post(f"/v1/overdrachten/{overdracht['id']}/bevestiging", headers=hardenberg)
    assert confirmed.json()["status"] == "bevestigd"
    await eventually(lambda: timeline_with("warme-overdracht-bevestigd"))
