"""Who may see and do what in placement. Applied to single reads and to every list query.

A local team sees the clients its municipality is responsible for (woonplaatsbeginsel: the municipality
that pays and takes the client back) and those whose journey it reported first (the one journey rule of
journey_platform.journeys, as intake and reporting apply it), not everyone who happens to stay in a shelter on its
soil. A central access point acts for its region: clients whose responsible municipality or first report lies in
the region, and clients staying in a facility in the region (an out-of-region short stay). A provider sees only the
clients placed with it (an active stay in one of its facilities), and all stays in its own facilities.
Refusals follow the same rule (a provider also sees the ones it recorded); the central waiting list is seen by
the central access point of its region and by the local team of each client on it, not by providers.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, Uuid, false, literal, or_, select

from journey_platform.errors import Forbidden
from journey_platform.principal import OrgType, Principal
from journey_platform.reference import ReferenceData
from placement.adapters.orm import Ondersteuningsplan, Traject, Verblijf, Voorziening, WachtlijstAanmelding, Weigering
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain.states import VerblijfStatus

ACTIVE = VerblijfStatus.actief


def region_municipalities(reference: ReferenceData, region: str | None) -> list[str]:
    found = reference.region(region) if region else None
    return [m.code for m in found.municipalities] if found else []


def journey_filter(who: Principal, reference: ReferenceData, traject_id: ColumnElement[uuid.UUID]) -> ColumnElement[bool]:
    """Whether the caller may see the journey in `traject_id` (a column, or a literal for a single read)."""
    if who.is_local_team:  # the journey rule of journey_platform.journeys: first report's or responsible municipality
        own = or_(Traject.verantwoordelijke_gemeente == who.org_id, Traject.gemeente_melding == who.org_id)
        return traject_id.in_(select(Traject.id).where(own))
    if who.is_central_access:
        codes = region_municipalities(reference, who.region)
        responsible = select(Traject.id).where(
            or_(Traject.verantwoordelijke_gemeente.in_(codes), Traject.gemeente_melding.in_(codes))
        )
        staying = select(Verblijf.traject_id).where(Verblijf.gemeente.in_(codes), Verblijf.status == ACTIVE)
        return or_(traject_id.in_(responsible), traject_id.in_(staying))
    if who.org_type is OrgType.zorgaanbieder:
        return traject_id.in_(select(Verblijf.traject_id).where(Verblijf.zorgaanbieder == who.org_id, Verblijf.status == ACTIVE))
    return false()


def stay_filter(who: Principal, reference: ReferenceData) -> ColumnElement[bool]:
    if who.org_type is OrgType.zorgaanbieder:
        return Verblijf.zorgaanbieder == who.org_id
    return journey_filter(who, reference, Verblijf.traject_id)  # type: ignore[arg-type]  # SQLAlchemy types a mapped column as InstrumentedAttribute


def refusal_filter(who: Principal, reference: ReferenceData) -> ColumnElement[bool]:
    """Refusals: those in the central access point's region, those of a local team's clients (not every refusal
    in a shelter on its soil), those a provider recorded."""
    if who.is_central_access:
        return Weigering.regio == who.region
    if who.org_type is OrgType.zorgaanbieder:
        return Weigering.geweigerd_door == who.org_id
    return journey_filter(who, reference, Weigering.traject_id)  # type: ignore[arg-type]  # SQLAlchemy types a mapped column as InstrumentedAttribute


def waitlist_filter(who: Principal) -> ColumnElement[bool]:
    if who.is_central_access:
        return WachtlijstAanmelding.regio == who.region
    if who.is_local_team:
        return WachtlijstAanmelding.gemeente == who.org_id
    return false()  # providers see clients once placed with them, not the list


async def may_see_journey(uow: SqlUnitOfWork, who: Principal, reference: ReferenceData, traject_id: uuid.UUID) -> bool:
    found = await uow.session.scalar(select(literal(True)).where(journey_filter(who, reference, literal(traject_id, Uuid))))
    return bool(found)


async def ensure_may_see_journey(uow: SqlUnitOfWork, who: Principal, reference: ReferenceData, traject_id: uuid.UUID) -> None:
    if not await may_see_journey(uow, who, reference, traject_id):
        raise Forbidden("this client is not a client of your organisation")


async def ensure_may_see_stay(uow: SqlUnitOfWork, who: Principal, reference: ReferenceData, stay: Verblijf) -> None:
    if who.org_type is OrgType.zorgaanbieder and stay.zorgaanbieder == who.org_id:
        return
    await ensure_may_see_journey(uow, who, reference, stay.traject_id)


def governs(who: Principal, reference: ReferenceData, municipality: str) -> bool:
    """The central access point of the region the municipality belongs to."""
    return who.is_central_access and reference.region_of(municipality) == who.region


def ensure_governs(who: Principal, reference: ReferenceData, municipality: str) -> None:
    if not governs(who, reference, municipality):
        raise Forbidden("only the central access point of this region may do this")


def runs_or_governs(who: Principal, reference: ReferenceData, facility: Voorziening) -> bool:
    """The provider that runs the facility, or the central access point of its region."""
    runs = who.org_type is OrgType.zorgaanbieder and who.org_id == facility.zorgaanbieder
    return runs or governs(who, reference, facility.gemeente)


def ensure_runs_or_governs(who: Principal, reference: ReferenceData, facility: Voorziening) -> None:
    if not runs_or_governs(who, reference, facility):
        raise Forbidden("only the facility's provider or the central access point of its region may do this")


async def ensure_guides_or_governs_client(
    uow: SqlUnitOfWork, who: Principal, reference: ReferenceData, traject_id: uuid.UUID
) -> None:
    """The central access point acting for the client, or the provider the client is placed with."""
    if who.org_type not in (OrgType.centrale_toegang, OrgType.zorgaanbieder):
        raise Forbidden("only the central access point or the client's provider may do this")
    await ensure_may_see_journey(uow, who, reference, traject_id)


def guides(who: Principal, plan: Ondersteuningsplan) -> bool:
    """The provider named in the support plan: it reads the plan and writes new versions of it."""
    return who.org_type is OrgType.zorgaanbieder and who.org_id == plan.zorgaanbieder


def ensure_central_access(who: Principal) -> None:
    who.require(OrgType.centrale_toegang)
