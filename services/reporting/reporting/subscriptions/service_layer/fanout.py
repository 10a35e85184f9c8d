"""Each journey event becomes one public event and one delivery per subscription that wants it.

Runs as the handler of the "notifications" consumer group: the consumer commits the unit of work
with its inbox row, so the public event, the outbox row for the public topic and the deliveries are
written together, once. `notifier` applies one event; `fanout_batch.batch_notifier` a run of a batch's
events with the same rules (the parts below), one statement per table.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from journey_platform.contracts.base import JourneyEvent
from journey_platform.contracts.public import PUBLIC_CONTRACTS, PublicJourneyEvent
from journey_platform.contracts.versions import newest_contract
from journey_platform.db import utcnow
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import OrgType, Principal
from journey_platform.reference import ReferenceData
from reporting.adapters.orm import Traject
from reporting.domain.journey import event_name, producer_of
from reporting.subscriptions.adapters.orm import Abonnement, Aflevering, PubliekeGebeurtenis
from reporting.subscriptions.domain.channels import Kanaal, channel_of
from reporting.subscriptions.domain.delivery import Filter, Residence, Status

# A prevention case opens a journey naming the resident's municipality `gemeente`; in other events
# `gemeente` is where a facility or a home is, which says nothing about whose resident the client is.
_OPENED_WITH_GEMEENTE = {"preventiezaak-geopend"}
_SEQUENCE_LOCK_KEY = 0x7075626C6963  # "public"


class JourneyNotYetKnown(Exception):
    """No municipality in the event and none known yet: retried by the consumer until the projection caught up."""


class ProjectedJourney(Protocol):
    """What the fan-out reads of the projected journey (a Traject, or a row of its columns)."""

    @property
    def client_id(self) -> uuid.UUID: ...
    @property
    def gemeente_melding(self) -> str | None: ...
    @property
    def verantwoordelijke_gemeente(self) -> str | None: ...


def owner(abonnement: Abonnement) -> Principal:
    return Principal(
        subject=abonnement.org_id, org_type=OrgType(abonnement.org_type), org_id=abonnement.org_id, region=abonnement.regio
    )


def subscriber_filter(abonnement: Abonnement) -> Filter:
    return Filter(frozenset(abonnement.kanalen), abonnement.gemeente, frozenset(abonnement.event_types))


def followed_channel(event: CloudEvent) -> Kanaal | None:
    """The event's channel, or None for an event the fan-out skips (not a journey event, or no channel)."""
    contract = newest_contract(event.type)  # an older version counts as its newest
    if contract is None or not issubclass(contract, JourneyEvent):
        return None
    return channel_of(event_name(event.type))


async def latest_public_data(session: AsyncSession, journeys: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """Per journey, the data of its latest public event: this consumer group's own memory of whose resident the client
    is, in the order of the client's events (one SELECT for any number of journeys)."""
    public = PubliekeGebeurtenis
    latest = select(func.max(public.volgnummer)).where(public.traject_id.in_(journeys)).group_by(public.traject_id)
    found = await session.execute(
        select(public.traject_id, public.cloudevent).where(public.volgnummer.in_(latest.scalar_subquery()))
    )
    return {traject_id: (cloudevent or {}).get("data", {}) for traject_id, cloudevent in found}


async def projected(session: AsyncSession, journeys: list[uuid.UUID]) -> dict[uuid.UUID, ProjectedJourney]:
    """The projected journeys (another consumer group's, which may not have caught up), in one SELECT."""
    columns = (Traject.client_id, Traject.gemeente_melding, Traject.verantwoordelijke_gemeente)
    return {row.id: row for row in await session.execute(select(Traject.id, *columns).where(Traject.id.in_(journeys)))}


def residence_from(event: CloudEvent, known: Mapping[str, Any], traject: ProjectedJourney | None) -> Residence:
    """Whose resident: from the event itself where it says; else from the journey's previous public event (`known`,
    its data); else from the projected journey."""
    data = event.data
    opened_with = data.get("gemeente") if event_name(event.type) in _OPENED_WITH_GEMEENTE else None
    return Residence(
        reported=data.get("gemeenteMelding")
        or opened_with
        or known.get("gemeenteMelding")
        or (traject.gemeente_melding if traject else None),
        responsible=data.get("verantwoordelijkeGemeente")
        or data.get("naarGemeente")
        or opened_with
        or known.get("verantwoordelijkeGemeente")
        or (traject.verantwoordelijke_gemeente if traject else None),
    )


async def number_in_commit_order(uow: UnitOfWork) -> None:
    """The stream resumes after a sequence number, so no row may commit after a higher-numbered one:
    with more than one replica, their notification transactions take turns (PostgreSQL lock until commit)."""
    if uow.session.get_bind().dialect.name == "postgresql":
        await uow.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SEQUENCE_LOCK_KEY})


def public_event(event: CloudEvent, kanaal: Kanaal, residence: Residence, traject: ProjectedJourney | None) -> PublicJourneyEvent:
    """The minimised copy, with the journey's client id as reporting knows it: after an erasure a fresh one,
    never the erased id."""
    if not residence.municipalities:
        raise JourneyNotYetKnown(f"no municipality known yet for journey {event.subject}")
    return PUBLIC_CONTRACTS[producer_of(event.type)](
        traject_id=event.data["trajectId"],
        client_id=str(traject.client_id) if traject is not None else str(event.data["clientId"]),
        gebeurtenis=event.type,
        kanaal=kanaal.value,
        tijdstip=event.time,
        verantwoordelijke_gemeente=residence.responsible,
        gemeente_melding=residence.reported,
    )


def public_row(event: CloudEvent, public: PublicJourneyEvent, published: CloudEvent, residence: Residence) -> dict[str, Any]:
    """The stream's row of a public event (its volgnummer given by the database)."""
    return {
        "event_id": published.id,
        "bron_event_id": event.id,
        "traject_id": public.traject_id,
        "event_naam": event_name(event.type),
        "kanaal": public.kanaal,
        "sleutel": public.partition_key(),
        "gemeenten": sorted(residence.municipalities),
        "tijdstip": event.time,
        "cloudevent": published.model_dump(mode="json", exclude_none=True),
    }


@dataclass(frozen=True)
class Subscriber:
    """A subscription with what it asked for and whose journeys its owner may see, worked out once."""

    id: uuid.UUID
    filter: Filter
    owner: Principal

    def wants(self, row: Mapping[str, Any], reference: ReferenceData) -> bool:
        """Whether it asked for this public event and its owner may see whom it is about."""
        municipalities = set(row["gemeenten"])
        if not self.filter.wants(row["kanaal"], row["event_naam"], municipalities):
            return False
        return self.owner.may_see_municipalities(municipalities, reference)


async def subscribers(session: AsyncSession) -> list[Subscriber]:
    found = await session.scalars(select(Abonnement).order_by(Abonnement.aangemaakt_op, Abonnement.id))
    return [Subscriber(a.id, subscriber_filter(a), owner(a)) for a in found]


def delivery(subscriber: Subscriber, sleutel: str, now: datetime) -> dict[str, Any]:
    """A waiting delivery (its volgnummer is the public event's, added once that is numbered)."""
    return {
        "id": uuid.uuid4(),
        "abonnement_id": subscriber.id,
        "sleutel": sleutel,
        "status": Status.waiting,
        "pogingen": 0,
        "volgende_poging_op": now,
        "laatste_fout": None,
        "aangemaakt_op": now,
        "bijgewerkt_op": now,
    }


def notifier(reference: ReferenceData) -> Any:
    """The consumer handler, bound to the reference data (regions) the visibility rule needs."""

    async def on_journey_event(event: CloudEvent, uow: UnitOfWork) -> None:
        kanaal = followed_channel(event)
        if kanaal is None:
            return
        journey = uuid.UUID(str(event.data["trajectId"]))
        traject = (await projected(uow.session, [journey])).get(journey)
        residence = residence_from(event, (await latest_public_data(uow.session, [journey])).get(journey, {}), traject)
        public = public_event(event, kanaal, residence, traject)
        await number_in_commit_order(uow)
        published = uow.publish(public)
        values = public_row(event, public, published, residence)
        row = PubliekeGebeurtenis(**values)
        uow.session.add(row)
        await uow.session.flush()  # numbers the row
        now = utcnow()
        for subscriber in await subscribers(uow.session):
            if subscriber.wants(values, reference):
                uow.session.add(Aflevering(**delivery(subscriber, row.sleutel, now), volgnummer=row.volgnummer))

    return on_journey_event
