"""Sharing a client's data with a supplier of homes (a housing corporation, or a provider letting homes in its
own name): only on the client's valid consent for that organisation and purpose "huisvesting", checked at the
moment of sharing, and recorded in the sharing register (delingen) in the same transaction.

The coordinator (local team, central access point) acts for the client under the Wmo and needs no consent here.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, or_, select

from housing.adapters.orm import Aanbod, Deling, Kandidaat, ToestemmingDoel, Woning
from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.service_layer import policy
from housing.service_layer.context import HousingContext
from journey_platform import sharing
from journey_platform.errors import Forbidden
from journey_platform.paging import page_of
from journey_platform.principal import Principal
from journey_platform.privacy.sharing_register import DelingView

DOEL = sharing.Doel.huisvesting.value
SUPPLIER_TYPES = {t.value for t in sharing.OntvangerType}


class NoBasis(Forbidden):
    """403: no valid basis for this sharing; `type` names the reason (missing, expired, revoked, not yet)."""

    def __init__(self, reason: sharing.Weigering) -> None:
        super().__init__(reason.explain())
        self.type = f"urn:opvangketen:probleem:{reason.value}"


@dataclass(frozen=True)
class Recipient:
    org_type: str
    org_id: str


def recipient_of_unit(woning: Woning) -> Recipient | None:
    """The organisation that sees offers on this unit: the supplier that registered it itself."""
    if woning.aanbieder_type in SUPPLIER_TYPES and woning.geregistreerd_door == woning.aanbieder:
        return Recipient(woning.aanbieder_type, woning.geregistreerd_door)
    return None


def recipient(who: Principal) -> Recipient | None:
    return Recipient(who.org_type.value, who.org_id) if who.org_type.value in SUPPLIER_TYPES else None


def _as_rule(rows: Iterable[ToestemmingDoel]) -> list[sharing.Consent]:
    grouped: dict[uuid.UUID, list[ToestemmingDoel]] = defaultdict(list)
    for row in rows:
        grouped[row.toestemming_id].append(row)
    return [
        sharing.Consent(
            id=key,
            ontvanger_type=first.ontvanger_type,
            ontvanger_id=first.ontvanger_id,
            doelen=frozenset(r.doel for r in group),
            geldig_van=first.geldig_van,
            geldig_tot=first.geldig_tot,
            ingetrokken_op=first.ingetrokken_op,
        )
        for key, group in grouped.items()
        for first in group[:1]
    ]


async def basis(uow: SqlUnitOfWork, client_id: uuid.UUID, to: Recipient, now: datetime) -> sharing.Consent | sharing.Weigering:
    rows = await uow.session.scalars(select(ToestemmingDoel).where(ToestemmingDoel.client_id == client_id))
    return sharing.basis(_as_rule(rows), to.org_type, to.org_id, DOEL, now)


async def require_basis(uow: SqlUnitOfWork, client_id: uuid.UUID, to: Recipient, now: datetime) -> sharing.Consent:
    found = await basis(uow, client_id, to, now)
    if isinstance(found, sharing.Weigering):
        raise NoBasis(found)
    return found


def consenting_clients(to: Recipient, now: datetime) -> Select[uuid.UUID]:
    """The list-query form of `basis`: clients whose valid consent covers this recipient on this (Dutch) day."""
    today = sharing.day_of(now)
    return select(ToestemmingDoel.client_id).where(
        ToestemmingDoel.ontvanger_type == to.org_type,
        or_(ToestemmingDoel.ontvanger_id.is_(None), ToestemmingDoel.ontvanger_id == to.org_id),
        ToestemmingDoel.doel == DOEL,
        ToestemmingDoel.geldig_van <= today,
        ToestemmingDoel.geldig_tot >= today,
        ToestemmingDoel.ingetrokken_op.is_(None),
    )


def record(
    uow: SqlUnitOfWork,
    kandidaat: Kandidaat,
    to: Recipient,
    gegevens: str,
    gegevens_id: uuid.UUID,
    consent: sharing.Consent,
    now: datetime,
) -> None:
    uow.session.add(
        Deling(
            id=uuid.uuid4(),
            client_id=kandidaat.client_id,
            traject_id=kandidaat.traject_id,
            ontvanger_type=to.org_type,
            ontvanger_id=to.org_id,
            gegevens=gegevens,
            gegevens_id=gegevens_id,
            grondslag=sharing.Grondslag.toestemming.value,
            grondslag_id=consent.id,
            gedeeld_op=now,
        )
    )


async def share(
    uow: SqlUnitOfWork, kandidaat: Kandidaat, to: Recipient, gegevens: str, gegevens_id: uuid.UUID, now: datetime
) -> None:
    """Check the basis now (403 without one) and record the sharing; the caller's transaction commits both."""
    record(uow, kandidaat, to, gegevens, gegevens_id, await require_basis(uow, kandidaat.client_id, to, now), now)


async def list_delingen(
    uow: SqlUnitOfWork, who: Principal, ctx: HousingContext, *, client_id: uuid.UUID, page: int, size: int
) -> list[DelingView]:
    """The register of one client, for the client's coordinator."""
    coordinates = await uow.session.scalar(
        select(Kandidaat.id).where(Kandidaat.client_id == client_id, policy.kandidaat_filter(who, ctx.reference)).limit(1)
    )
    if coordinates is None:
        raise Forbidden("this client is not one of your organisation's clients")
    query = select(Deling).where(Deling.client_id == client_id).order_by(Deling.gedeeld_op.desc(), Deling.id)
    return [DelingView.model_validate(d) for d in await page_of(uow.session, query, page, size)]


async def share_listed(uow: SqlUnitOfWork, offers: list[Aanbod], to: Recipient, now: datetime) -> list[Aanbod]:
    """Record each listed offer as shared, with the consent it rests on; an offer without one is left out."""
    kandidaten = {
        k.id: k for k in await uow.session.scalars(select(Kandidaat).where(Kandidaat.id.in_({a.kandidaat_id for a in offers})))
    }
    rows: dict[uuid.UUID, list[ToestemmingDoel]] = defaultdict(list)
    clients = {k.client_id for k in kandidaten.values()}
    for row in await uow.session.scalars(select(ToestemmingDoel).where(ToestemmingDoel.client_id.in_(clients))):
        rows[row.client_id].append(row)
    shared = []
    for aanbod in offers:
        kandidaat = kandidaten[aanbod.kandidaat_id]
        found = sharing.basis(_as_rule(rows[kandidaat.client_id]), to.org_type, to.org_id, DOEL, now)
        if isinstance(found, sharing.Consent):
            record(uow, kandidaat, to, "aanbod", aanbod.id, found, now)
            shared.append(aanbod)
    return shared
