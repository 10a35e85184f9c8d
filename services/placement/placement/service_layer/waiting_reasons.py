"""The reason each waiting client still waits (domain/waiting_reasons.py), for the waiting-list views."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from placement.adapters.orm import Traject, Voorziening, WachtlijstAanmelding
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain import waiting_list as wl
from placement.domain.facilities import free_places, waiting_list_kind
from placement.domain.states import VoorzieningStatus
from placement.domain.waiting_reasons import Place, why_waiting
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import needs, occupancy, profile
from placement.service_layer.views import WachtlijstView, WachtredenView
from placement.service_layer.waitlist import WAITING
from placement.service_layer.waitlist_offers import candidate


async def with_reasons(uow: SqlUnitOfWork, ctx: PlacementContext, views: list[WachtlijstView]) -> list[WachtlijstView]:
    waiting = [v for v in views if v.status == WAITING]
    lists: dict[tuple[str | None, str], tuple[list[Place], list[uuid.UUID]]] = {}
    for key in {(v.regio, v.voorziening) for v in waiting}:
        lists[key] = (await _places(uow, *key), await _order(uow, ctx, *key))
    trajecten = {
        t.id: t for t in await uow.session.scalars(select(Traject).where(Traject.id.in_([v.traject_id for v in waiting])))
    }
    for view in waiting:
        places, order = lists[(view.regio, view.voorziening)]
        traject = trajecten.get(view.traject_id)
        if traject is None:
            continue
        ahead = order.index(view.id) if view.id in order else 0
        reason = why_waiting(view.voorziening, places, needs(traject), ahead)
        view.wachtreden = WachtredenView(code=reason.code, toelichting=reason.toelichting, regel=reason.regel)
    return views


async def _places(uow: SqlUnitOfWork, region: str | None, kind: str) -> list[Place]:
    found = await uow.session.scalars(
        select(Voorziening).where(Voorziening.regio == region, Voorziening.status == VoorzieningStatus.open)
    )
    places = []
    for facility in found:
        if waiting_list_kind(facility.type) != kind:
            continue
        occupied, reserved = await occupancy(uow, facility.id)
        places.append(Place(facility.naam, profile(facility), free_places(facility.capaciteit_plaatsen, occupied, reserved)))
    return places


async def _order(uow: SqlUnitOfWork, ctx: PlacementContext, region: str | None, kind: str) -> list[uuid.UUID]:
    """Those still waiting on one regional list, in the configured order."""
    same_list = await uow.session.scalars(
        select(WachtlijstAanmelding).where(
            WachtlijstAanmelding.regio == region,
            WachtlijstAanmelding.voorziening == kind,
            WachtlijstAanmelding.status == WAITING,
        )
    )
    return [e.id for e in wl.ordered(same_list, candidate, ctx.order)]
