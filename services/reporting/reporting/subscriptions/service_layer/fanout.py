"""Each journey event becomes one public event and one delivery per subscription that wants it.

Runs as the handler of the "notifications" consumer group: the consumer commits the unit of work
with its inbox row, so the public event, the outbox row for the public topic and the deliveries are
written together, once.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, text

from journey_platform.auth import OrgType, Principal
from journey_platform.contracts.base import JourneyEvent, contract_for
from journey_platform.contracts.public import PUBLIC_CONTRACTS
from journey_platform.db import utcnow
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.reference import ReferenceData
from reporting.adapters.orm import Traject
from reporting.domain.journey import event_name, producer_of
from reporting.subscriptions.adapters.orm import Abonnement, Aflevering, PubliekeGebeurtenis
from reporting.subscriptions.domain.channels import channel_of
from reporting.subscriptions.domain.delivery import Filter, Status

# The resident's municipalities: where reported and which is responsible. Not `gemeente`, which in most
# events is where a facility or a home is; only a prevention case, which opens a journey, names the
# resident's municipality that way.
_MUNICIPALITY_FIELDS = ("gemeenteMelding", "verantwoordelijkeGemeente", "naarGemeente")
_OPENED_WITH_GEMEENTE = {"preventiezaak-geopend"}
_SEQUENCE_LOCK_KEY = 0x7075626C6963  # "public"


class JourneyNotYetKnown(Exception):
    """No municipality in the event and none projected yet: retried by the consumer until the projection caught up."""


def owner(abonnement: Abonnement) -> Principal:
    return Principal(subject=abonnement.org_id, org_type=OrgType(abonnement.org_type),
                     org_id=abonnement.org_id, region=abonnement.regio)


def subscriber_filter(abonnement: Abonnement) -> Filter:
    return Filter(frozenset(abonnement.kanalen), abonnement.gemeente, frozenset(abonnement.event_types))


async def municipalities_of(event: CloudEvent, uow: UnitOfWork) -> tuple[set[str], Traject | None]:
    """The municipalities an event is about: those it names, and those of its journey as projected."""
    fields = _MUNICIPALITY_FIELDS + (("gemeente",) if event_name(event.type) in _OPENED_WITH_GEMEENTE else ())
    found = {str(event.data[f]) for f in fields if event.data.get(f)}
    traject = await uow.session.get(Traject, uuid.UUID(event.subject)) if event.subject else None
    if traject is not None:
        found |= {m for m in (traject.gemeente_melding, traject.verantwoordelijke_gemeente) if m}
    return found, traject


async def _number_in_commit_order(uow: UnitOfWork) -> None:
    """The stream resumes after a sequence number, so no row may commit after a higher-numbered one:
    with more than one replica, their notification transactions take turns (PostgreSQL lock until commit)."""
    if uow.session.bind.dialect.name == "postgresql":
        await uow.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SEQUENCE_LOCK_KEY})


def notifier(reference: ReferenceData) -> Any:
    """The consumer handler, bound to the reference data (regions) the visibility rule needs."""

    async def on_journey_event(event: CloudEvent, uow: UnitOfWork) -> None:
        contract = contract_for(event.type)
        kanaal = channel_of(event_name(event.type))
        if contract is None or not issubclass(contract, JourneyEvent) or kanaal is None:
            return
        municipalities, traject = await municipalities_of(event, uow)
        if not municipalities:
            raise JourneyNotYetKnown(f"no municipality known yet for journey {event.subject}")
        responsible = event.data.get("verantwoordelijkeGemeente") or event.data.get("naarGemeente") or (
            traject.verantwoordelijke_gemeente if traject else None)
        reported = event.data.get("gemeenteMelding") or (traject.gemeente_melding if traject else None)
        public = PUBLIC_CONTRACTS[producer_of(event.type)](
            traject_id=event.data["trajectId"], client_id=event.data["clientId"], gebeurtenis=event.type,
            kanaal=kanaal.value, tijdstip=event.time, verantwoordelijke_gemeente=responsible, gemeente_melding=reported,
        )
        await _number_in_commit_order(uow)
        published = uow.publish(public)
        row = PubliekeGebeurtenis(
            event_id=published.id, bron_event_id=event.id, event_naam=event_name(event.type), kanaal=kanaal.value,
            sleutel=public.partition_key(), gemeenten=sorted(municipalities), tijdstip=event.time,
            cloudevent=published.model_dump(mode="json", exclude_none=True),
        )
        uow.session.add(row)
        await uow.session.flush()  # numbers the row
        now = utcnow()
        for abonnement in await uow.session.scalars(select(Abonnement)):
            if not subscriber_filter(abonnement).wants(kanaal.value, row.event_naam, municipalities):
                continue
            if not owner(abonnement).may_see_municipalities(set(municipalities), reference):
                continue
            uow.session.add(Aflevering(
                id=uuid.uuid4(), abonnement_id=abonnement.id, volgnummer=row.volgnummer, sleutel=row.sleutel,
                status=Status.waiting, pogingen=0, volgende_poging_op=now, laatste_fout=None,
                aangemaakt_op=now, bijgewerkt_op=now,
            ))

    return on_journey_event
