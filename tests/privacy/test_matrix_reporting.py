"""Reporting's authorisation matrix (tests/privacy/matrix.py, REPORTING): every operation as every kind of organisation.

Reporting learns of journeys from the other services' events: the world projects them and runs the notifications
handler on them, as reporting's two consumer groups do (reporting.tests_support). Subscriptions call back a real
receiving HTTP server; the event stream is read over real HTTP.
To add an operation: a row in matrix.REPORTING and a `Call` in CALLS below.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from journey_platform.testing.plugin import RunningService
from reporting.service_layer.projector import project_event
from reporting.subscriptions.adapters.orm import Aflevering
from reporting.subscriptions.domain.delivery import Status
from reporting.subscriptions.service_layer.fanout import notifier
from reporting.subscriptions.testing import Receiver, serving
from reporting.tests_support import Client, facility

from .harness import Call, Request, World, fixed, run_matrix
from .matrix import PRINCIPALS

# The stream's backlog has been read when nothing came for this long (the first line may take longer on a busy machine).
FIRST_LINE_SECONDS, STREAM_IDLE_SECONDS = 3.0, 1.0


@pytest.fixture
async def reporting(start_service: Any) -> RunningService:
    service: RunningService = await start_service("reporting", stream_poll_interval_seconds=0.05)
    return service


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with Receiver().running() as running:
        yield running


def subscription(receiver: Receiver) -> dict[str, Any]:
    return {"callbackUrl": receiver.url, "auth": receiver.expected_auth, "kanalen": ["meldingen", "opvang"]}


async def subscribe(service: RunningService, auth: Any, receiver: Receiver, who: str) -> str:
    response = await service.client.post("/v1/abonnementen", json=subscription(receiver), headers=auth(*PRINCIPALS[who]))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def world(service: RunningService, auth: Any, receiver: Receiver) -> World:
    w = World()
    w.ids["service"], w.ids["auth"], w.ids["receiver"] = service, auth, receiver
    w.add("S", await subscribe(service, auth, receiver, "gm-own"), "S")
    w.add("T", await subscribe(service, auth, receiver, "ct-other"), "T")
    a, b = Client("GM0193", herkomst="GM0193"), Client("GM0150", herkomst="GM0150")
    w.add("A", a.traject_id, "A")
    w.add("B", b.traject_id, "B")
    w.add("clientA", a.client_id)
    shelter, ribw = uuid.uuid4(), uuid.uuid4()
    day = date(2026, 10, 1)
    events = [
        facility(gemeente="GM0193", facility_id=shelter),
        facility(gemeente="GM0150", provider="ribw", facility_id=ribw),
        a.melding(day),
        a.opname(day, shelter, provider="leger-des-heils"),
        b.melding(day),
        b.opname(day, ribw, provider="ribw"),
    ]
    notify = notifier(service.container.reference)
    for event in events:
        async with service.container.uow() as uow:
            await project_event(event, uow)
            await uow.commit()
        async with service.container.uow() as uow:
            await notify(event, uow)
            await uow.commit()
    w.add("F", await park_a_delivery(service, w["S"]), "F")
    return w


async def park_a_delivery(service: RunningService, abonnement_id: str, aflevering_id: str | None = None) -> str:
    """One of the subscription's deliveries (the first, or `aflevering_id`) in the dead-letter list, as after the last
    retry failed. Only once the running dispatcher is done with it (delivered, or still parked): parking one it is
    still sending would be undone when the dispatcher records the outcome."""
    done = (Status.delivered, Status.failed)
    query = select(Aflevering.id).where(Aflevering.abonnement_id == uuid.UUID(abonnement_id), Aflevering.status.in_(done))
    if aflevering_id is not None:
        query = query.where(Aflevering.id == uuid.UUID(aflevering_id))
    for _ in range(200):
        async with service.container.uow() as uow:
            first = await uow.session.scalar(query.order_by(Aflevering.volgnummer).limit(1))
            if first is not None:
                await uow.session.execute(update(Aflevering).where(Aflevering.id == first).values(status=Status.failed))
                await uow.commit()
                return str(first)
        await asyncio.sleep(0.05)
    raise AssertionError(f"the dispatcher delivered nothing of subscription {abonnement_id} within 10 s")


async def new_subscription(w: World, principal: str) -> Request:
    return Request("/abonnementen", json=subscription(w["receiver"]))


async def fresh_subscription(w: World, principal: str) -> Request:
    return Request(f"/abonnementen/{await subscribe(w['service'], w['auth'], w['receiver'], 'gm-own')}")


async def parked_delivery(w: World, principal: str) -> Request:
    await park_a_delivery(w["service"], w["S"], w["F"])
    return Request(f"/abonnementen/{w['S']}/mislukte-afleveringen/{w['F']}/herbezorging")


async def read_stream(
    client: httpx.AsyncClient, headers: dict[str, str], request: Request, w: World
) -> tuple[int, frozenset[str] | None]:
    """The stream from its start (Last-Event-ID 0) until it idles: which journeys' events the caller got."""
    seen: set[str] = set()
    async with (
        httpx.AsyncClient(base_url=w["stream_base"], timeout=30) as http,
        http.stream("GET", f"/v1{request.path}", headers={**headers, "Last-Event-ID": "0"}) as response,
    ):
        if response.status_code != 200:
            return response.status_code, None
        lines = response.aiter_lines()
        wait = FIRST_LINE_SECONDS
        while True:
            try:
                line = await asyncio.wait_for(anext(lines), wait)
            except TimeoutError:
                break
            wait = STREAM_IDLE_SECONDS
            if line.startswith("data:"):
                traject = json.loads(line.removeprefix("data:"))["data"]["trajectId"]
                seen.add(w.labels.get(traject, f"?{traject}"))
    return 200, frozenset(seen)


CALLS: dict[str, Call] = {
    "zoekRegios": Call("GET", fixed("/regios")),
    "zoekIndicatoren": Call("GET", fixed("/indicatoren")),
    "haalIndicatorOp": Call("GET", fixed("/indicatoren/bw-clienten")),
    "exporteerIndicator": Call("GET", fixed("/indicatoren/bw-clienten/export")),
    "zoekTrajecten": Call("GET", fixed("/trajecten"), label="id"),
    "haalTrajectOp": Call("GET", fixed("/trajecten/{A}")),
    "registreerAbonnement": Call("POST", new_subscription),
    "zoekAbonnementen": Call("GET", fixed("/abonnementen"), label="id"),
    "haalAbonnementOp": Call("GET", fixed("/abonnementen/{S}")),
    "beeindigAbonnement": Call("DELETE", fresh_subscription),
    "zoekMislukteAfleveringen": Call("GET", fixed("/abonnementen/{S}/mislukte-afleveringen"), label="id"),
    "herbezorgAflevering": Call("POST", parked_delivery),
    "volgGebeurtenissen": Call("GET", fixed("/gebeurtenissen/stream"), fetch=read_stream),
    "raadpleegVerwerkingen": Call("GET", fixed("/verwerkingen?betrokkene={clientA}")),
    "nodigUitVoorErvaringsvragenlijst": Call(
        "POST", fixed("/trajecten/{A}/ervaringsuitnodigingen", json={"moment": "tijdens-opvang"})
    ),
    "zoekErvaringen": Call("GET", fixed("/ervaringen")),
}


async def test_each_organisation_gets_exactly_what_the_matrix_says(
    reporting: RunningService, auth: Any, receiver: Receiver
) -> None:
    w = await world(reporting, auth, receiver)
    async with serving(reporting.app) as base:
        w.ids["stream_base"] = base
        await run_matrix("reporting", reporting.client, auth, w, CALLS)
