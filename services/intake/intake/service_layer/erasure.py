"""Erasing a person: one handler for a lawful erasure request and for the retention job.

Destroys the person's data key (crypto-shredding: their BSN, name, date of birth and the free text of their
records become unreadable, also in backups), blanks the blind indexes and the free text, records the erasure
without personal data and publishes `persoon-gewist` (ids only) for the other services. Erasing twice is a no-op.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update

from intake.adapters.orm import (
    Beschikking,
    GemeenteWijziging,
    Melding,
    Onderzoek,
    Persoon,
    Preventiezaak,
    Traject,
    Verwijzing,
    Wissing,
)
from intake.service_layer.commands import DienWisverzoekIn
from intake.service_layer.identity import forget_identity
from intake.service_layer.views import WissingView
from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.errors import Forbidden, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import OrgType, Principal
from journey_platform.reference import ReferenceData


async def wis_persoon(
    uow: UnitOfWork, persoon_id: uuid.UUID, *, aanleiding: str, grondslag: str, verzocht_door: str, now: datetime
) -> tuple[Wissing, bool]:
    """The erasure record, and whether this call erased (False: it had been erased before)."""
    persoon = await uow.session.scalar(select(Persoon).where(Persoon.id == persoon_id).with_for_update())
    if persoon is None:
        raise NotFound(f"no person {persoon_id}")
    earlier = await uow.session.scalar(select(Wissing).where(Wissing.persoon_id == persoon_id))
    if earlier is not None:
        return earlier, False
    traject_ids = list(
        await uow.session.scalars(select(Traject.id).where(Traject.persoon_id == persoon_id).order_by(Traject.geopend_op))
    )
    _shred(persoon, now)
    await forget_identity(uow.session, persoon_id, now)
    await _blank_free_text(uow, persoon_id, traject_ids)
    wissing = Wissing(
        id=uuid.uuid4(),
        persoon_id=persoon_id,
        aanleiding=aanleiding,
        grondslag=grondslag,
        verzocht_door=verzocht_door,
        trajecten=[str(t) for t in traject_ids],
        gewist_op=now,
    )
    uow.session.add(wissing)
    uow.publish(PersoonGewist(client_id=persoon_id, traject_ids=traject_ids, aanleiding=aanleiding, gewist_op=now))
    await uow.commit()
    return wissing, True


def _shred(persoon: Persoon, now: datetime) -> None:
    persoon.sleutel_versleuteld = None  # the data key: without it nothing sealed for this person can be read
    persoon.bsn_versleuteld = persoon.gegevens_versleuteld = None
    persoon.bsn_index = persoon.naam_index = None  # cannot be found again by BSN or name
    persoon.gewist_op = now


async def _blank_free_text(uow: UnitOfWork, persoon_id: uuid.UUID, traject_ids: list[uuid.UUID]) -> None:
    melding_ids = select(Melding.id).where(Melding.persoon_id == persoon_id).scalar_subquery()
    session = uow.session
    await session.execute(update(Melding).where(Melding.persoon_id == persoon_id).values(toelichting=None))
    await session.execute(update(Onderzoek).where(Onderzoek.melding_id.in_(melding_ids)).values(notities=None))
    await session.execute(update(Verwijzing).where(Verwijzing.melding_id.in_(melding_ids)).values(toelichting=None))
    await session.execute(update(Beschikking).where(Beschikking.persoon_id == persoon_id).values(toelichting=None))
    await session.execute(update(Preventiezaak).where(Preventiezaak.persoon_id == persoon_id).values(toelichting=None))
    if traject_ids:
        await session.execute(update(GemeenteWijziging).where(GemeenteWijziging.traject_id.in_(traject_ids)).values(reden=""))


def wissing_view(wissing: Wissing) -> WissingView:
    return WissingView(
        id=wissing.id,
        persoon_id=wissing.persoon_id,
        aanleiding=wissing.aanleiding,
        grondslag=wissing.grondslag,
        verzocht_door=wissing.verzocht_door,
        traject_ids=[uuid.UUID(t) for t in wissing.trajecten],
        gewist_op=wissing.gewist_op,
    )


async def _ensure_may_erase(uow: UnitOfWork, persoon_id: uuid.UUID, who: Principal, reference: ReferenceData) -> None:
    """Only the central access point of a region where the person has a journey (the region's AVG desk)."""
    who.require(OrgType.centrale_toegang)
    if await uow.session.get(Persoon, persoon_id) is None:
        raise NotFound(f"no person {persoon_id}")
    municipalities: set[str | None] = set()
    for t in await uow.session.scalars(select(Traject).where(Traject.persoon_id == persoon_id)):
        municipalities |= {t.gemeente_melding, t.verantwoordelijke_gemeente}
    if not who.may_see_municipalities(municipalities, reference):
        raise Forbidden("this person is not a client of your organisation")


async def dien_wisverzoek_in(
    cmd: DienWisverzoekIn, uow: UnitOfWork, who: Principal, reference: ReferenceData, now: datetime
) -> tuple[WissingView, bool]:
    await _ensure_may_erase(uow, cmd.persoon_id, who, reference)
    wissing, erased = await wis_persoon(
        uow, cmd.persoon_id, aanleiding="verzoek", grondslag=cmd.grondslag.value, verzocht_door=who.org_id, now=now
    )
    return wissing_view(wissing), erased


async def get_wisverzoek(wisverzoek_id: uuid.UUID, uow: UnitOfWork, who: Principal, reference: ReferenceData) -> WissingView:
    wissing = await uow.session.get(Wissing, wisverzoek_id)
    if wissing is None:
        raise NotFound(f"no erasure {wisverzoek_id}")
    await _ensure_may_erase(uow, wissing.persoon_id, who, reference)
    return wissing_view(wissing)
