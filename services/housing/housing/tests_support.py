"""Helpers the tests of housing (and the end-to-end suite) use: deliver an event to housing's own consumer
handlers in a real unit of work, and look inside the outbox."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from housing.adapters.orm import messaging
from housing.bootstrap import subscription
from journey_platform.contracts.base import EventContract, JourneyEvent
from journey_platform.contracts.consent import ToestemmingIngetrokken, ToestemmingVerleend
from journey_platform.contracts.intake import MeldingGeregistreerd, Route, Situatie
from journey_platform.contracts.placement import UitstroomgereedVerklaard
from journey_platform.messaging.envelope import new_event
from journey_platform.sharing import Doel, OntvangerType, day_of

PLACEMENT_SOURCE = "urn:nld:oin:00000001003214345000:systeem:placement"
INTAKE_SOURCE = "urn:nld:oin:00000001003214345000:systeem:intake"
CORPORATION = "dewoonplaats"


def ready_to_leave(**overrides: Any) -> UitstroomgereedVerklaard:
    fields: dict[str, Any] = {
        "traject_id": uuid.uuid4(),
        "client_id": uuid.uuid4(),
        "verklaard_op": datetime.now(UTC),
        "gemeente_van_herkomst": "GM0160",
        "verantwoordelijke_gemeente": "GM0193",
        "regio": "ijssel-vecht",
        "huishouden_grootte": 1,
        "gemeente_voorkeuren": ["GM0160"],
        "max_huur": 750.0,
    }
    return UitstroomgereedVerklaard(**{**fields, **overrides})


def journey_report(
    traject_id: Any, client_id: Any, gemeente: str = "GM0193", regio: str = "ijssel-vecht"
) -> MeldingGeregistreerd:
    """Intake's first report of a journey, as housing follows it (responsible municipality = where reported)."""
    now = datetime.now(UTC)
    return MeldingGeregistreerd(
        traject_id=uuid.UUID(str(traject_id)),
        client_id=uuid.UUID(str(client_id)),
        melding_id=uuid.uuid4(),
        meld_datum=now.date(),
        gemeld_op=now,
        beslistermijn=now.date() + timedelta(weeks=8),
        melder_type="politie",
        situatie=Situatie.dakloos,
        route=Route.onbekend,
        gemeente_melding=gemeente,
        gemeente_van_herkomst=None,
        verantwoordelijke_gemeente=gemeente,
        regio=regio,
        huishouden_grootte=1,
        aantal_kinderen=0,
        aandachtspunten=[],
        herhaalmelding=False,
        nieuw_traject=True,
    )


def consent(of: JourneyEvent, ontvanger_id: str | None = CORPORATION, days: int = 180, **overrides: Any) -> ToestemmingVerleend:
    """Intake's event: the client consents to sharing housing data with the corporation, from today for `days` days."""
    today = day_of(datetime.now(UTC))
    fields: dict[str, Any] = {
        "traject_id": of.traject_id,
        "client_id": of.client_id,
        "toestemming_id": uuid.uuid4(),
        "ontvanger_type": OntvangerType.woningcorporatie,
        "ontvanger_id": ontvanger_id,
        "doelen": [Doel.huisvesting],
        "geldig_van": today,
        "geldig_tot": today + timedelta(days=days),
        "vastgelegd_door": "GM0193",
    }
    return ToestemmingVerleend(**{**fields, **overrides})


def revocation(of: ToestemmingVerleend) -> ToestemmingIngetrokken:
    scope = of.model_dump(exclude={"vastgelegd_door"})
    return ToestemmingIngetrokken(**scope, ingetrokken_op=datetime.now(UTC), ingetrokken_door="GM0193")


async def deliver_ready(service: Any, event: UitstroomgereedVerklaard) -> ToestemmingVerleend:
    """A client ready to leave who consented to sharing with the corporation that offers homes in the tests."""
    await deliver(service, event)
    given = consent(event)
    await deliver(service, given, INTAKE_SOURCE)
    return given


async def deliver(service: Any, contract: EventContract, source: str = PLACEMENT_SOURCE) -> None:
    """What the consumer does with one record, minus Kafka: the handler's effects, committed."""
    event = new_event(contract, source)
    handler = subscription(service.container.extras["context"]).handlers[event.type]
    async with service.container.uow() as uow:
        await handler(event, uow)
        await uow.commit()


async def outbox_events(service: Any) -> list[dict[str, Any]]:
    async with service.container.engine.connect() as conn:
        rows = (await conn.execute(select(messaging.outbox.c.payload).order_by(messaging.outbox.c.seq))).scalars().all()
    return [json.loads(r) for r in rows]


async def event_types(service: Any) -> list[str]:
    return [e["type"].split(".")[-2] for e in await outbox_events(service)]
