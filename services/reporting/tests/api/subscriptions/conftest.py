"""Subscriptions' API tests: reporting with a compressed retry schedule, a real receiving HTTP server, and the two
consumer groups' handlers applied directly (no broker: the end-to-end test covers Kafka)."""

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest

from journey_platform.contracts.base import EventContract
from journey_platform.contracts.intake import MeldingGeregistreerd, OnderzoekGestart, Route, Situatie
from journey_platform.messaging.envelope import CloudEvent, new_event
from journey_platform.testing.plugin import RunningService
from reporting.service_layer.projector import project_event
from reporting.subscriptions.service_layer.fanout import notifier
from reporting.subscriptions.testing import Receiver

INTAKE = "urn:nld:oin:00000001003214345000:systeem:intake"
FAST_RETRIES = [0.05, 0.1, 0.2]  # the day-long schedule, compressed


@pytest.fixture
async def reporting(start_service: Any) -> RunningService:
    service: RunningService = await start_service(
        "reporting",
        webhook_retry_waits_seconds=FAST_RETRIES,
        webhook_poll_interval_seconds=0.02,
        stream_poll_interval_seconds=0.02,
    )
    return service


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with Receiver().running() as running:
        yield running


def melding(gemeente: str = "GM0193", traject_id: UUID | None = None, client_id: UUID | None = None) -> MeldingGeregistreerd:
    return MeldingGeregistreerd(
        traject_id=traject_id or uuid4(),
        client_id=client_id or uuid4(),
        melding_id=uuid4(),
        meld_datum=date(2026, 11, 2),
        gemeld_op=datetime(2026, 11, 2, 9, tzinfo=UTC),
        beslistermijn=date(2026, 12, 28),
        melder_type="politie",
        situatie=Situatie.dakloos,
        route=Route.huisuitzetting,
        gemeente_melding=gemeente,
        gemeente_van_herkomst=None,
        verantwoordelijke_gemeente=gemeente,
        regio=None,
        huishouden_grootte=1,
        aantal_kinderen=0,
        aandachtspunten=[],
        herhaalmelding=False,
        nieuw_traject=True,
    )


def onderzoek(of: MeldingGeregistreerd) -> OnderzoekGestart:
    return OnderzoekGestart(
        traject_id=of.traject_id,
        client_id=of.client_id,
        onderzoek_id=uuid4(),
        melding_id=of.melding_id,
        uitgevoerd_door="CT-IJSSEL-VECHT",
        met_psychiater=False,
    )


async def consume(service: RunningService, contract: EventContract, project: bool = True) -> CloudEvent:
    """What reporting's two consumer groups do with an event from Kafka: project it, then notify."""
    event = new_event(contract, INTAKE)
    if project:
        async with service.container.uow() as uow:
            await project_event(event, uow)
            await uow.commit()
    async with service.container.uow() as uow:
        await notifier(service.container.reference)(event, uow)
        await uow.commit()
    return event


async def consume_together(service: RunningService, *contracts: EventContract) -> None:
    """Events the notifications consumer applies in one batch (one transaction), as it does from Kafka."""
    async with service.container.uow() as uow:
        for contract in contracts:
            await notifier(service.container.reference)(new_event(contract, INTAKE), uow)
        await uow.commit()


async def subscribe(service: RunningService, headers: dict[str, str], receiver: Receiver, **body: Any) -> dict[str, Any]:
    payload = {"callbackUrl": receiver.url, "auth": receiver.expected_auth, "kanalen": ["meldingen"], **body}
    response = await service.client.post("/v1/abonnementen", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any
