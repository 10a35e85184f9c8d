"""Offers from the central waiting list: when a place frees up, the next suitable client gets it."""

from __future__ import annotations

import uuid

from journey_platform.contracts import placement as ev
from placement.adapters.orm import Voorziening, WachtlijstAanmelding
from placement.domain import waiting_list as wl
from placement.domain.facilities import free_places, suits, waiting_list_kind
from placement.domain.states import VoorzieningStatus, WachtlijstStatus
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import lock_facilities, needs, profile
from placement.service_layer.unit_of_work import PlacementUnitOfWork

WAITING, OFFERED = WachtlijstStatus.wachtend, WachtlijstStatus.aanbod


def candidate(entry: WachtlijstAanmelding) -> wl.Candidate:
    return wl.Candidate(
        id=entry.id,
        decided_on=entry.besluit_datum,
        joined_at=entry.aangemeld_op,
        urgent=entry.urgent,
        youth_care_transition=entry.overgang_jeugdzorg,
    )


async def offer_in_region(uow: PlacementUnitOfWork, ctx: PlacementContext, region: str | None, kind: str) -> None:
    locked = (await lock_facilities(uow, await uow.facilities.open_in_region(region))).values()
    for place in locked:
        if waiting_list_kind(place.type) == kind:
            await offer_free_places(uow, ctx, place)


async def offer_free_places(
    uow: PlacementUnitOfWork, ctx: PlacementContext, facility: Voorziening, skip: frozenset[uuid.UUID] = frozenset()
) -> int:
    """A place came free: the next suitable client on the list gets an offer, as long as places are free.
    The caller holds the facility's row lock."""
    kind = waiting_list_kind(facility.type)
    if kind is None or facility.status != VoorzieningStatus.open or not ctx.offers:
        return 0
    occupied, reserved = await uow.facilities.occupancy(facility.id)
    room = free_places(facility.capaciteit_plaatsen, occupied, reserved)
    if room == 0:
        return 0
    rows = await uow.waiting_list.waiting_for(kind, facility.regio)
    waiting = {entry.id: (entry, traject) for entry, traject in rows if entry.id not in skip}
    made = 0
    while room > 0:
        best = wl.next_suitable(
            waiting.values(), lambda pair: candidate(pair[0]), lambda pair: suits(profile(facility), needs(pair[1])), ctx.order
        )
        if best is None:
            break
        entry, _ = waiting.pop(best[0].id)
        make_offer(uow, ctx, entry, facility)
        room -= 1
        made += 1
    return made


def make_offer(uow: PlacementUnitOfWork, ctx: PlacementContext, entry: WachtlijstAanmelding, facility: Voorziening) -> None:
    now = ctx.clock()
    entry.status, entry.aanbod_voorziening_id, entry.aanbod_op = OFFERED, facility.id, now
    uow.publish(
        ev.WachtlijstAanbodGedaan(
            traject_id=entry.traject_id,
            client_id=entry.client_id,
            wachtlijst_id=entry.id,
            voorziening_id=facility.id,
            aangeboden_op=now,
        )
    )


def withdraw_offer(entry: WachtlijstAanmelding) -> uuid.UUID | None:
    offered = entry.aanbod_voorziening_id
    entry.status, entry.aanbod_voorziening_id, entry.aanbod_op = WAITING, None, None
    return offered
