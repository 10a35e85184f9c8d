"""Loading and locking what several handlers need: journeys, facilities, occupancy, stays.

Lock order, everywhere: stays, then facilities (by id), then waiting-list entries. Two operations that need
the same rows then wait for each other instead of deadlocking.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import func, select

from journey_platform.errors import InvalidInput, NotFound
from journey_platform.messaging.uow import UnitOfWork
from placement.adapters.orm import ChecklistPunt, Traject, Verblijf, Voorziening, WachtlijstAanmelding
from placement.domain.facilities import ClientNeeds, FacilityProfile
from placement.domain.states import VerblijfStatus, WachtlijstStatus
from placement.service_layer.views import ChecklistPuntView, VerblijfView, VoorzieningView

ACTIVE = VerblijfStatus.actief
OFFERED = WachtlijstStatus.aanbod


async def journey(uow: UnitOfWork, traject_id: uuid.UUID, field: str = "trajectId") -> Traject:
    """The journey as placement knows it from intake's events; a body reference to an unknown one is bad input."""
    found = await uow.session.get(Traject, traject_id)
    if found is None:
        raise InvalidInput.field(field, "no journey known to placement (intake has not reported it)", "unknown-journey")
    return found


async def facility(uow: UnitOfWork, voorziening_id: uuid.UUID, *, lock: bool = False, field: str | None = None) -> Voorziening:
    """With `lock`, SELECT … FOR UPDATE: every change of a facility's occupancy takes this row lock first, so
    two admissions racing for the last place are serialised and the second sees the first."""
    query = select(Voorziening).where(Voorziening.id == voorziening_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    found = await uow.session.scalar(query)
    if found is None:
        if field:
            raise InvalidInput.field(field, "no such facility", "unknown-facility")
        raise NotFound(f"no facility {voorziening_id}")
    return found


async def lock_facilities(uow: UnitOfWork, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Voorziening]:
    """Row locks on several facilities, in id order."""
    return {vid: await facility(uow, vid, lock=True) for vid in sorted(set(ids))}


async def stay(uow: UnitOfWork, verblijf_id: uuid.UUID, *, lock: bool = False) -> Verblijf:
    query = select(Verblijf).where(Verblijf.id == verblijf_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    found = await uow.session.scalar(query)
    if found is None:
        raise NotFound(f"no stay {verblijf_id}")
    return found


async def occupancy(uow: UnitOfWork, voorziening_id: uuid.UUID, *, except_offer: uuid.UUID | None = None) -> tuple[int, int]:
    """(places taken by active stays, places held for open waiting-list offers)."""
    occupied = await uow.session.scalar(
        select(func.count()).select_from(Verblijf).where(Verblijf.voorziening_id == voorziening_id, Verblijf.status == ACTIVE)
    )
    offers = (
        select(func.count())
        .select_from(WachtlijstAanmelding)
        .where(WachtlijstAanmelding.aanbod_voorziening_id == voorziening_id, WachtlijstAanmelding.status == OFFERED)
    )
    if except_offer is not None:
        offers = offers.where(WachtlijstAanmelding.id != except_offer)
    return int(occupied or 0), int(await uow.session.scalar(offers) or 0)


async def active_stay_of(
    uow: UnitOfWork, traject_id: uuid.UUID, *, time_out: bool = False, lock: bool = False
) -> Verblijf | None:
    query = select(Verblijf).where(
        Verblijf.traject_id == traject_id, Verblijf.status == ACTIVE, Verblijf.bed_en_break == time_out
    )
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return await uow.session.scalar(query.limit(1))


def profile(v: Voorziening) -> FacilityProfile:
    return FacilityProfile(
        type=v.type,
        region=v.regio,
        safe_for=frozenset(v.veilig_voor),
        pets_allowed=v.huisdieren_toegestaan,
        wheelchair_accessible=v.rolstoeltoegankelijk,
    )


def needs(t: Traject) -> ClientNeeds:
    return ClientNeeds(attention_points=frozenset(t.aandachtspunten or []))


async def facility_view(uow: UnitOfWork, v: Voorziening) -> VoorzieningView:
    occupied, reserved = await occupancy(uow, v.id)
    view = VoorzieningView.model_validate(v)
    view.bezet, view.gereserveerd = occupied, reserved
    view.vrij = max(0, v.capaciteit_plaatsen - occupied - reserved)
    return view


async def stay_view(uow: UnitOfWork, v: Verblijf) -> VerblijfView:
    view = VerblijfView.model_validate(v)
    items = await uow.session.scalars(
        select(ChecklistPunt).where(ChecklistPunt.verblijf_id == v.id).order_by(ChecklistPunt.uiterlijk_op)
    )
    view.checklist = [
        ChecklistPuntView(item=i.item, uiterlijk_datum=i.uiterlijk_op, afgerond_op=i.afgerond_op, op_tijd=i.op_tijd)
        for i in items
    ]
    return view
