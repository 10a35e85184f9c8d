"""Test support: a real HTTP receiver (a subscriber's webhook endpoint) and a server for any ASGI app, and
subscriptions with different filters for the fan-out's tests and benchmark.

Both servers run uvicorn in this event loop on a free 127.0.0.1 port, so tests speak real HTTP to them.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from journey_platform.db import utcnow
from journey_platform.principal import OrgType
from journey_platform.reference import ReferenceData
from journey_platform.testing.plugin import free_port
from reporting.subscriptions.adapters.orm import Abonnement


@asynccontextmanager
async def serving(app: Any) -> AsyncIterator[str]:
    """Serve `app` over HTTP for the duration; yields its base URL. The app's lifespan is not run."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning", timeout_graceful_shutdown=1)
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A subscriber's endpoint: refuses calls without `expected_auth`, fails the next `fail_next` calls
    with 503 (or all while `failing`), records what it accepted."""

    expected_auth: str = "Bearer abonnee-geheim"
    require_auth: bool = True
    fail_next: int = 0
    fail_only_about: str | None = None  # fail_next counts only calls about this journey (CloudEvents subject)
    failing: bool = False
    delay: float = 0.0
    accepted: list[Received] = field(default_factory=list)
    refused: int = 0
    url: str = ""

    async def endpoint(self, request: Request) -> Response:
        body = await request.body()
        if self.require_auth and request.headers.get("authorization") != self.expected_auth:
            return Response(status_code=401)
        if self.delay:
            await asyncio.sleep(self.delay)
        about_it = self.fail_only_about is None or f'"subject":"{self.fail_only_about}"'.encode() in body
        if self.failing or (self.fail_next > 0 and about_it):
            self.fail_next = max(0, self.fail_next - 1)
            self.refused += 1
            return Response(status_code=503)
        self.accepted.append(Received(dict(request.headers), body))
        return Response(status_code=204)

    async def first_event(self) -> Received | None:
        """A probe for `eventually`: the first journey event received, if any."""
        events = self.events()
        return events[0] if events else None

    def events(self, type_prefix: str = "nl.opvangketen.public.") -> list[Received]:
        return [r for r in self.accepted if type_prefix.encode() in r.body]

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Receiver]:
        app = Starlette(routes=[Route("/webhook", self.endpoint, methods=["POST"])])
        async with serving(app) as base:
            self.url = f"{base}/webhook"
            yield self


def sample_subscriptions(reference: ReferenceData) -> list[Abonnement]:
    """Five subscriptions of the first two regions, each asking for something else: a centre's local team every
    channel; a central access point its region's reports and shelter; the same point one municipality's events of
    two kinds; the other region's central access point housing and waiting lists; a local team that may see little."""
    first, second = reference.regions[0], reference.regions[1]

    def subscribed(org_type: OrgType, org_id: str, regio: str | None, kanalen: list[str], **filters: Any) -> Abonnement:
        return Abonnement(
            id=uuid.uuid4(),
            org_type=org_type.value,
            org_id=org_id,
            regio=regio,
            callback_url="https://abonnee.example/webhook",
            auth_versleuteld="(not sealed: never delivered)",
            geheim_versleuteld="(not sealed: never delivered)",
            kanalen=kanalen,
            gemeente=filters.get("gemeente"),
            event_types=filters.get("event_types", []),
            aangemaakt_op=utcnow(),
        )

    every = ["meldingen", "beschikkingen", "opvang", "wachtlijst", "woningen"]
    central = first.central_access.id
    return [
        subscribed(OrgType.gemeente, first.centre, first.code, every),
        subscribed(OrgType.centrale_toegang, central, first.code, ["meldingen", "opvang"]),
        subscribed(
            OrgType.centrale_toegang,
            central,
            first.code,
            every,
            gemeente=first.municipalities[0].code,
            event_types=["melding-geregistreerd", "opname-geregistreerd"],
        ),
        subscribed(OrgType.centrale_toegang, second.central_access.id, second.code, ["woningen", "wachtlijst"]),
        subscribed(OrgType.gemeente, second.municipalities[-1].code, second.code, ["meldingen"]),
    ]
