"""Projects every consumed event onto the journey it belongs to (CloudEvents `subject`)."""

from __future__ import annotations

import uuid
from typing import Any

from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject
from reporting.domain.journey import Fase, event_name, next_phase, producer_of
from journey_platform.contracts.base import JourneyEvent, contract_for
from journey_platform.db import utcnow
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork

_MUNICIPALITY_FIELDS = ("gemeenteMelding", "gemeente")
_ACTOR_FIELDS = ("uitgevoerdDoor", "vanOrganisatie", "naarOrganisatie", "woningcorporatie", "zorgaanbieder", "afgegevenDoor")


def _actor(data: dict[str, Any]) -> str | None:
    return next((str(data[f]) for f in _ACTOR_FIELDS if data.get(f)), None)


async def project_event(event: CloudEvent, uow: UnitOfWork) -> None:
    session = uow.session
    data = event.data
    contract = contract_for(event.type)
    about_journey = contract is not None and issubclass(contract, JourneyEvent)
    traject_id = uuid.UUID(event.subject) if about_journey and event.subject else None
    session.add(
        Gebeurtenis(
            event_id=event.id, event_type=event.type, bron=event.source, traject_id=traject_id,
            tijdstip=event.time, ontvangen_op=utcnow(), data=data,
        )
    )
    if traject_id is None:
        return
    traject = await session.get(Traject, traject_id)
    if traject is None:
        traject = Traject(
            id=traject_id, client_id=uuid.UUID(str(data["clientId"])), fase=Fase.gemeld.value, fase_sinds=event.time,
            gemeente_melding=None, verantwoordelijke_gemeente=None, gemeente_van_herkomst=None, regio=None,
            geopend_op=event.time, bijgewerkt_op=event.time,
        )
        session.add(traject)
        await session.flush()  # the timeline row refers to it
    _apply_municipalities(traject, data, event)
    phase = next_phase(Fase(traject.fase), event.type, data)
    if phase is not None and event.time >= traject.fase_sinds and phase.value != traject.fase:
        traject.fase = phase.value
        traject.fase_sinds = event.time
    traject.geopend_op = min(traject.geopend_op, event.time)
    traject.bijgewerkt_op = max(traject.bijgewerkt_op, event.time)
    session.add(
        TijdlijnItem(
            event_id=event.id, traject_id=traject_id, tijdstip=event.time, gebeurtenis=event_name(event.type),
            dienst=producer_of(event.type), actor=_actor(data), fase=(phase or Fase(traject.fase)).value, gegevens=data,
        )
    )


def _apply_municipalities(traject: Traject, data: dict[str, Any], event: CloudEvent) -> None:
    if traject.gemeente_melding is None:
        traject.gemeente_melding = next((str(data[f]) for f in _MUNICIPALITY_FIELDS if data.get(f)), None)
    responsible = data.get("naarGemeente") if event_name(event.type) == "verantwoordelijke-gemeente-gewijzigd" else data.get("verantwoordelijkeGemeente")
    if responsible:
        traject.verantwoordelijke_gemeente = str(responsible)
    elif traject.verantwoordelijke_gemeente is None:
        traject.verantwoordelijke_gemeente = traject.gemeente_melding
    if data.get("gemeenteVanHerkomst") and traject.gemeente_van_herkomst is None:
        traject.gemeente_van_herkomst = str(data["gemeenteVanHerkomst"])
    if data.get("regio"):
        traject.regio = str(data["regio"])
