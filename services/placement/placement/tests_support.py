"""Helpers placement's tests (and the end-to-end suite) use: the outbox, and intake's events delivered
to placement's own consumer handlers without a broker."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from journey_platform.contracts import intake as iv
from journey_platform.contracts.base import EventContract
from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.messaging.envelope import new_event
from placement.domain.stays import local_day
from placement.service_layer.erasure import on_persoon_gewist
from placement.service_layer.move_in import handlers as move_in_handlers
from placement.service_layer.projection import handlers

INTAKE_SOURCE = "urn:nld:oin:00000001003214345000:systeem:intake"


async def outbox_events(service: Any, kind: str | None = None) -> list[dict[str, Any]]:
    """The events placement recorded, oldest first; `kind` filters on the name (e.g. "opname-geregistreerd")."""
    outbox = service.container.tables.outbox
    async with service.container.engine.connect() as conn:
        rows = (await conn.execute(select(outbox.c.payload).order_by(outbox.c.seq))).scalars().all()
    events = [json.loads(r) for r in rows]
    return [e for e in events if kind is None or e["type"].split(".")[-2] == kind]


async def deliver(service: Any, contract: EventContract) -> None:
    """Run placement's consumer handler for one of intake's (or housing's) events, committed like the consumer does."""
    event = new_event(contract, INTAKE_SOURCE.replace(":intake", f":{contract.producer}"))
    context = service.container.extras["context"]
    erasure = {PersoonGewist.event_type(): on_persoon_gewist}
    handler = {**handlers(context), **move_in_handlers(context), **erasure}[event.type]
    async with service.container.uow() as uow:
        await handler(event, uow)
        await uow.commit()


def nl_today() -> date:
    """Today as placement counts days (Dutch time), so tests agree with it around midnight."""
    return local_day(datetime.now(UTC))


def report(
    *,
    gemeente: str = "GM0193",
    herkomst: str | None = "GM0193",
    aandachtspunten: tuple[str, ...] = (),
    regio: str | None = "ijssel-vecht",
) -> iv.MeldingGeregistreerd:
    """A report about a new, synthetic client."""
    now = datetime.now(UTC)
    return iv.MeldingGeregistreerd(
        traject_id=uuid.uuid4(),
        client_id=uuid.uuid4(),
        melding_id=uuid.uuid4(),
        meld_datum=now.date(),
        gemeld_op=now,
        beslistermijn=now.date(),
        melder_type="politie",
        situatie=iv.Situatie.dakloos,
        route=iv.Route.onbekend,
        gemeente_melding=gemeente,
        gemeente_van_herkomst=herkomst,
        verantwoordelijke_gemeente=gemeente,
        regio=regio,
        huishouden_grootte=1,
        aantal_kinderen=0,
        aandachtspunten=[iv.Aandachtspunt(a) for a in aandachtspunten],
        herhaalmelding=False,
        nieuw_traject=True,
    )


def decision(
    melding: iv.MeldingGeregistreerd,
    *,
    voorziening: str = "beschermd-wonen",
    besluit_datum: date | None = None,
    urgent: bool = False,
    jeugd: bool = False,
) -> iv.BeschikkingAfgegeven:
    return iv.BeschikkingAfgegeven(
        traject_id=melding.traject_id,
        client_id=melding.client_id,
        beschikking_id=uuid.uuid4(),
        melding_id=melding.melding_id,
        besluit=iv.Besluit.toekenning,
        voorziening=iv.Voorziening(voorziening),
        soort="nieuw",
        geldig_van=besluit_datum or nl_today(),
        geldig_tot=None,
        besluit_datum=besluit_datum or nl_today(),
        binnen_termijn=True,
        nieuwe_client=True,
        verantwoordelijke_gemeente=melding.verantwoordelijke_gemeente,
        regio=melding.regio,
        reden_code=None,
        urgent=urgent,
        overgang_jeugdzorg=jeugd,
    )
