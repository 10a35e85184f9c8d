"""Keeps every consumed event (the history) and projects it onto the journey it belongs to (CloudEvents `subject`).

In-order events are applied one by one; an event older than what the journey has already seen is
late, and the journey is folded again from its history so its phase and municipalities come out as
if the event had arrived on time (the same fold the replay does).

The history keeps each event as it was received, in the schema version it was written in; it is always
read as the newest version of its contract (journey_platform.contracts.versions), here and in the replay.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from journey_platform.contracts import versions
from journey_platform.contracts.base import JourneyEvent
from journey_platform.db import utcnow
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject, TrajectZorgaanbieder
from reporting.domain.indicators.attribution import moment
from reporting.domain.indicators.history import Fact
from reporting.domain.journey import Fase, event_name, producer_of
from reporting.domain.journey_state import STATE_FIELDS, JourneyState, Step, apply_event
from reporting.domain.journey_state import timeline_values as phase_and_actor
from reporting.service_layer.read_models import attribute
from reporting.service_layer.stay_rows import keep_rows
from reporting.service_layer.stored_answers import after_projection

_STATE_FIELDS = STATE_FIELDS


async def project_event(event: CloudEvent, uow: UnitOfWork) -> None:
    """The consumer's handler for every event reporting follows."""
    stored = record(event)
    await _keep_the_journeys_pseudonym(uow.session, stored)
    uow.session.add(stored)
    await attribute(uow.session, stored)
    await project_onto_journey(uow.session, stored)
    await keep_rows(uow.session, [(stored.traject_id, stored.event_type, stored.data)])
    await after_projection(uow.session, [(stored.traject_id, stored.event_type, stored.moment)])


async def _keep_the_journeys_pseudonym(session: AsyncSession, stored: Gebeurtenis) -> None:
    """After an erasure a journey has a fresh client id (service_layer/erasure.py): an event that arrives later
    with the erased id is stored under the journey's, so it neither links back nor counts as another person."""
    client_id = stored.data.get("clientId")
    if stored.traject_id is None or client_id is None:
        return
    with session.no_autoflush:
        traject = await session.get(Traject, stored.traject_id)
    if traject is not None and str(traject.client_id) != client_id:
        stored.data = {**stored.data, "clientId": str(traject.client_id)}


@dataclass(frozen=True)
class HistoryEvent:
    """A stored event read as the newest version of its contract."""

    event_id: uuid.UUID
    traject_id: uuid.UUID | None
    tijdstip: datetime
    volgnummer: int | None
    event_type: str
    data: dict[str, Any]


def as_newest(stored: Gebeurtenis) -> HistoryEvent:
    event_type, data = versions.upcast(stored.event_type, stored.data)
    return HistoryEvent(stored.event_id, stored.traject_id, stored.tijdstip, stored.volgnummer, event_type, data)


def record(event: CloudEvent) -> Gebeurtenis:
    """The event as reporting keeps it: as received, whatever its version. A payload that breaks its contract
    (read as the newest version), or of a version this code cannot read, raises, so the consumer retries and then
    dead-letters it, rather than keeping a fact the indicators cannot read."""
    return Gebeurtenis(**recorded(event))


def recorded(event: CloudEvent) -> dict[str, Any]:
    """The columns of `record(event)`'s row (the batch projection writes them without an ORM object)."""
    read = versions.read(event.type, event.data)
    about_journey = read is not None and issubclass(read[0], JourneyEvent)
    traject_id = uuid.UUID(event.subject) if about_journey and event.subject else None
    return {
        "event_id": event.id,
        "event_type": event.type,
        "bron": event.source,
        "traject_id": traject_id,
        "tijdstip": event.time,
        "volgnummer": event.journey_sequence,
        "registratie": "import" if event.imported else "laat" if event.late_registered else None,
        "ontvangen_op": utcnow(),
        "data": event.data,
        "moment": moment(event.type, event.data, event.time),
    }


async def project_onto_journey(session: AsyncSession, stored: Gebeurtenis) -> None:
    if stored.traject_id is None:
        return
    event = as_newest(stored)
    with session.no_autoflush:  # pending rows of earlier events need no flush to look a journey up
        traject = await session.get(Traject, event.traject_id)
    if traject is None:
        traject = Traject(
            id=event.traject_id,
            client_id=uuid.UUID(str(event.data["clientId"])),
            fase=Fase.gemeld.value,
            fase_sinds=event.tijdstip,
            geopend_op=event.tijdstip,
            bijgewerkt_op=event.tijdstip,
        )
        session.add(traject)
        await session.flush()  # the timeline row refers to it; without a relationship the flush order is not implied
        late, fresh = False, True
    else:
        late, fresh = event.tijdstip <= traject.bijgewerkt_op, False
    state = JourneyState() if late or fresh else _state_of(traject)
    step = apply_event(state, event.tijdstip, event.event_type, event.data, _moment(event))
    session.add(_timeline_item(event, step, state, stored.registratie))
    await _remember_provider(session, event)
    if late:
        await refold(session, traject)
    else:
        _save_state(traject, state)


async def refold(session: AsyncSession, traject: Traject) -> None:
    """Fold the journey again from its stored history, in journey order, rewriting each timeline row's phase and actor."""
    await session.flush()
    history = await session.scalars(
        select(Gebeurtenis).where(Gebeurtenis.traject_id == traject.id).order_by(*Gebeurtenis.in_journey_order())
    )
    items = {i.event_id: i for i in await session.scalars(select(TijdlijnItem).where(TijdlijnItem.traject_id == traject.id))}
    state, steps = refolded(map(as_newest, history))
    for event_id, (fase, actor_type, actor) in steps.items():
        item = items.get(event_id)
        if item is not None:
            item.fase, item.actor_type, item.actor = fase, actor_type, actor
    _save_state(traject, state)


def refolded(history: Iterable[HistoryEvent]) -> tuple[JourneyState, dict[uuid.UUID, tuple[str, str, str | None]]]:
    """The journey's state folded from its history (given in journey order), and per event the phase, actor type
    and actor of its timeline row."""
    state = JourneyState()
    steps = {}
    for event in history:
        step = apply_event(state, event.tijdstip, event.event_type, event.data, _moment(event))
        steps[event.event_id] = phase_and_actor(step, state)
    return state, steps


def _moment(event: HistoryEvent) -> datetime:
    """When the fact happened as its payload says (as the indicators count it); the event's time otherwise."""
    return Fact.of(event.event_type, event.tijdstip, event.traject_id, event.data).moment


def _timeline_item(event: HistoryEvent, step: Step, state: JourneyState, registratie: str | None) -> TijdlijnItem:
    return TijdlijnItem(**timeline_values(event, step, state, registratie))


def timeline_values(event: HistoryEvent, step: Step, state: JourneyState, registratie: str | None) -> dict[str, Any]:
    """The timeline row of an event, as the per-event and the batch projection (batch_projection.py) write it."""
    fase, actor_type, actor = phase_and_actor(step, state)
    return {
        "registratie": registratie,
        "event_id": event.event_id,
        "traject_id": event.traject_id,
        "tijdstip": event.tijdstip,
        "volgnummer": event.volgnummer,
        "gebeurtenis": event_name(event.event_type),
        "dienst": producer_of(event.event_type),
        "actor_type": actor_type,
        "actor": actor,
        "fase": fase,
        "gegevens": event.data,
    }


async def _remember_provider(session: AsyncSession, event: HistoryEvent) -> None:
    provider = event.data.get("zorgaanbieder")
    if not provider:
        return
    key = (event.traject_id, str(provider))
    known: set[tuple[object, str]] = session.info.setdefault("known_providers", set())
    if key in known:
        return
    with session.no_autoflush:
        if await session.get(TrajectZorgaanbieder, key) is None:
            session.add(TrajectZorgaanbieder(traject_id=event.traject_id, zorgaanbieder=str(provider)))
    known.add(key)


def _state_of(traject: Traject | Any) -> JourneyState:
    """From the journey's row: a Traject, or the batch projection's plain copy of its columns."""
    state = JourneyState(**{f: getattr(traject, f) for f in _STATE_FIELDS})
    state.fase = Fase(traject.fase)
    return state


def _save_state(traject: Traject | Any, state: JourneyState) -> None:
    for f in _STATE_FIELDS:
        value = getattr(state, f)
        if value is not None:
            setattr(traject, f, value.value if isinstance(value, Fase) else value)
