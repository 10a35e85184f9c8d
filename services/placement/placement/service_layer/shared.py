"""Loading and locking what several handlers need: journeys, facilities, occupancy, stays.

Lock order, everywhere: stays, then the journey (a discharge takes it, as intake's closure and a check-in's outcome
do: check_in_end.py), then facilities (by id), then waiting-list entries, then check-ins. Two operations that need
the same rows then wait for each other instead of deadlocking.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select

from journey_platform.errors import InvalidInput, NotFound
from placement.adapters.orm import ChecklistPunt, Traject, Verblijf, Voorziening
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain.facilities import ClientNeeds, FacilityProfile
from placement.domain.states import VerblijfStatus, WachtlijstStatus
from placement.service_layer.unit_of_work import PlacementUnitOfWork
from placement.service_layer.views import ChecklistPuntView, VerblijfView, VoorzieningView

ACTIVE = VerblijfStatus.actief
OFFERED = WachtlijstStatus.aanbod


async def journey(uow: PlacementUnitOfWork, traject_id: uuid.UUID, field: str = "trajectId") -> Traject:
    """The journey as placement knows it from intake's events; a body reference to an unknown one is bad input."""
    found = await uow.journeys.get(traject_id)
    if found is None:
        raise InvalidInput.field(field, "no journey known to placement (intake has not reported it)", "unknown-journey")
    return found


async def facility(
    uow: PlacementUnitOfWork, voorziening_id: uuid.UUID, *, lock: bool = False, field: str | None = None
) -> Voorziening:
    """With `lock`, SELECT … FOR UPDATE: every change of a facility's occupancy takes this row lock first, so
    two admissions racing for the last place are serialised and the second sees the first."""
    found = await uow.facilities.get(voorziening_id, lock=lock)
    if found is None:
        if field:
            raise InvalidInput.field(field, "no such facility", "unknown-facility")
        raise NotFound(f"no facility {voorziening_id}")
    return found


async def lock_facilities(uow: PlacementUnitOfWork, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Voorziening]:
    """Row locks on several facilities, in id order."""
    return {vid: await facility(uow, vid, lock=True) for vid in sorted(set(ids))}


async def stay(uow: SqlUnitOfWork, verblijf_id: uuid.UUID, *, lock: bool = False) -> Verblijf:
    query = select(Verblijf).where(Verblijf.id == verblijf_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    found = await uow.session.scalar(query)
    if found is None:
        raise NotFound(f"no stay {verblijf_id}")
    return found


async def occupancy(uow: SqlUnitOfWork, voorziening_id: uuid.UUID, *, except_offer: uuid.UUID | None = None) -> tuple[int, int]:
    """(places taken by active stays, places held for open waiting-list offers)."""
    return await uow.facilities.occupancy(voorziening_id, except_offer=except_offer)


async def active_stay_of(
    uow: SqlUnitOfWork, traject_id: uuid.UUID, *, time_out: bool = False, lock: bool = False
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


async def facility_view(uow: SqlUnitOfWork, v: Voorziening) -> VoorzieningView:
    occupied, reserved = await occupancy(uow, v.id)
    view = VoorzieningView.model_validate(v)
    view.bezet, view.gereserveerd = occupied, reserved
    view.vrij = max(0, v.capaciteit_plaatsen - occupied - reserved)
    return view


async def stay_view(uow: SqlUnitOfWork, v: Verblijf) -> VerblijfView:
    view = VerblijfView.model_validate(v)
    items = await uow.session.scalars(
        select(ChecklistPunt).where(ChecklistPunt.verblijf_id == v.id).order_by(ChecklistPunt.uiterlijk_op)
    )
    view.checklist = [
        ChecklistPuntView(item=i.item, uiterlijk_datum=i.uiterlijk_op, afgerond_op=i.afgerond_op, op_tijd=i.op_tijd)
        for i in items
    ]
    return view
