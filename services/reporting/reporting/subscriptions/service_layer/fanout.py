"""Each journey event becomes one public event and one delivery per subscription that wants it.

Runs as the handler of the "notifications" consumer group: the consumer commits the unit of work
with its inbox row, so the public event, the outbox row for the public topic and the deliveries are
written together, once.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, text

from journey_platform.contracts.base import JourneyEvent
from journey_platform.contracts.public import PUBLIC_CONTRACTS
from journey_platform.contracts.versions import newest_contract
from journey_platform.db import utcnow
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import OrgType, Principal
from journey_platform.reference import ReferenceData
from reporting.adapters.orm import Traject
from reporting.domain.journey import event_name, producer_of
from reporting.subscriptions.adapters.orm import Abonnement, Aflevering, PubliekeGebeurtenis
from reporting.subscriptions.domain.channels import channel_of
from reporting.subscriptions.domain.delivery import Filter, Residence, Status

# A prevention case opens a journey naming the resident's municipality `gemeente`; in other events
# `gemeente` is where a facility or a home is, which says nothing about whose resident the client is.
_OPENED_WITH_GEMEENTE = {"preventiezaak-geopend"}
_SEQUENCE_LOCK_KEY = 0x7075626C6963  # "public"


class JourneyNotYetKnown(Exception):
    """No municipality in the event and none known yet: retried by the consumer until the projection caught up."""


def owner(abonnement: Abonnement) -> Principal:
    return Principal(
        subject=abonnement.org_id, org_type=OrgType(abonnement.org_type), org_id=abonnement.org_id, region=abonnement.regio
    )


def subscriber_filter(abonnement: Abonnement) -> Filter:
    return Filter(frozenset(abonnement.kanalen), abonnement.gemeente, frozenset(abonnement.event_types))


async def residence_of(event: CloudEvent, uow: UnitOfWork) -> Residence:
    """From the event itself where it says; else from the journey's previous public event (this consumer
    group's own memory, in the order of the client's events); else from the projected journey (another
    consumer group, which may not have caught up)."""
    data = event.data
    traject_id = uuid.UUID(str(data["trajectId"]))
    previous = await uow.session.scalar(
        select(PubliekeGebeurtenis.cloudevent)
        .where(PubliekeGebeurtenis.traject_id == traject_id)
        .order_by(PubliekeGebeurtenis.volgnummer.desc())
        .limit(1)
    )
    known = (previous or {}).get("data", {})
    traject = await uow.session.get(Traject, traject_id)
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


async def _number_in_commit_order(uow: UnitOfWork) -> None:
    """The stream resumes after a sequence number, so no row may commit after a higher-numbered one:
    with more than one replica, their notification transactions take turns (PostgreSQL lock until commit)."""
    if uow.session.get_bind().dialect.name == "postgresql":
        await uow.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SEQUENCE_LOCK_KEY})


async def _pseudonym(event: CloudEvent, uow: UnitOfWork) -> str:
    """The journey's client id as reporting knows it: after an erasure a fresh one, never the erased id."""
    traject = await uow.session.get(Traject, uuid.UUID(str(event.data["trajectId"])))
    return str(traject.client_id) if traject is not None else str(event.data["clientId"])


def notifier(reference: ReferenceData) -> Any:
    """The consumer handler, bound to the reference data (regions) the visibility rule needs."""

    async def on_journey_event(event: CloudEvent, uow: UnitOfWork) -> None:
        contract = newest_contract(event.type)  # an older version counts as its newest
        kanaal = channel_of(event_name(event.type))
        if contract is None or not issubclass(contract, JourneyEvent) or kanaal is None:
            return
        residence = await residence_of(event, uow)
        municipalities = residence.municipalities
        if not municipalities:
            raise JourneyNotYetKnown(f"no municipality known yet for journey {event.subject}")
        public = PUBLIC_CONTRACTS[producer_of(event.type)](
            traject_id=event.data["trajectId"],
            client_id=await _pseudonym(event, uow),
            gebeurtenis=event.type,
            kanaal=kanaal.value,
            tijdstip=event.time,
            verantwoordelijke_gemeente=residence.responsible,
            gemeente_melding=residence.reported,
        )
        await _number_in_commit_order(uow)
        published = uow.publish(public)
        row = PubliekeGebeurtenis(
            event_id=published.id,
            bron_event_id=event.id,
            traject_id=public.traject_id,
            event_naam=event_name(event.type),
            kanaal=kanaal.value,
            sleutel=public.partition_key(),
            gemeenten=sorted(municipalities),
            tijdstip=event.time,
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
            uow.session.add(
                Aflevering(
                    id=uuid.uuid4(),
                    abonnement_id=abonnement.id,
                    volgnummer=row.volgnummer,
                    sleutel=row.sleutel,
                    status=Status.waiting,
                    pogingen=0,
                    volgende_poging_op=now,
                    laatste_fout=None,
                    aangemaakt_op=now,
                    bijgewerkt_op=now,
                )
            )

    return on_journey_event
