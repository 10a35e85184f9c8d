"""Process control when a provider fails (bankruptcy, forced closure): one operation moves every client.

Each client of the failing facilities gets a suitable free place elsewhere in the region, or a place on the
waiting list with urgency; the facilities close (capacity 0); every move is recorded and announced."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from journey_platform.contracts import placement as ev
from journey_platform.errors import Forbidden, InvalidInput, NotFound
from journey_platform.principal import Principal
from placement.adapters.orm import Traject, Uitvaloperatie, UitvalVerhuizing, Verblijf, Voorziening
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain.facilities import free_places, suits, waiting_list_kind
from placement.domain.relocation import Move, plan_moves
from placement.domain.states import VerblijfStatus, VoorzieningStatus
from placement.service_layer import commands as c
from placement.service_layer import policy
from placement.service_layer.context import PlacementContext
from placement.service_layer.facilities import set_capacity
from placement.service_layer.shared import ACTIVE, lock_facilities, needs, occupancy, profile
from placement.service_layer.stays import Ending, StayRequest, end_stay, start_stay
from placement.service_layer.views import UitvaloperatieView, VerhuizingView
from placement.service_layer.waitlist import join


async def meld_aanbiederuitval(
    cmd: c.MeldAanbiederuitval, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> UitvaloperatieView:
    policy.ensure_central_access(who)
    region_ids = list(await uow.session.scalars(select(Voorziening.id).where(Voorziening.regio == who.region)))
    failing_ids = set(
        await uow.session.scalars(
            select(Voorziening.id).where(
                Voorziening.id.in_(region_ids),
                (Voorziening.id == cmd.voorziening_id) | (Voorziening.zorgaanbieder == cmd.zorgaanbieder),
            )
        )
    )
    if not failing_ids:
        field = "voorzieningId" if cmd.voorziening_id else "zorgaanbieder"
        raise InvalidInput.field(field, "no facility of it in your region", "unknown-facility")
    stays = list(
        await uow.session.scalars(  # lock order: stays, then facilities
            select(Verblijf)
            .where(Verblijf.voorziening_id.in_(failing_ids), Verblijf.status == ACTIVE)
            .order_by(Verblijf.opgenomen_op)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    )
    region = list((await lock_facilities(uow, region_ids)).values())
    failing = [f for f in region if f.id in failing_ids]
    chosen = {p.verblijf_id: p.voorziening_id for p in cmd.gekozen_plaatsen}
    unknown = set(chosen) - {s.id for s in stays}
    if unknown:
        raise InvalidInput.field(
            "gekozenPlaatsen", f"not a client of the failing facilities: {sorted(map(str, unknown))}", "unknown-stay"
        )
    now = ctx.clock()
    operation = Uitvaloperatie(
        id=uuid.uuid4(),
        zorgaanbieder=cmd.zorgaanbieder,
        voorziening_id=cmd.voorziening_id,
        reden_code=cmd.reden_code,
        uitgevoerd_door=who.org_id,
        uitgevoerd_op=now,
    )
    uow.session.add(operation)
    for place in failing:
        await set_capacity(uow, ctx, place, 0, 0, cmd.reden_code)
    await uow.session.flush()
    others = [f for f in region if f.id not in failing_ids and f.status == VoorzieningStatus.open]
    if set(chosen.values()) - {f.id for f in others}:
        raise InvalidInput.field(
            "gekozenPlaatsen", "a chosen facility is not an open facility of another provider in your region", "unknown-facility"
        )
    moves = await _plan(uow, stays, others, chosen)
    by_id = {f.id: f for f in region}
    # New places first: a client put on the waiting list may be offered a free place, which must not be one
    # that the plan gave to a client who moves after him or her.
    ordered = sorted(zip(stays, moves, strict=True), key=lambda pair: pair[1].to_waiting_list)
    views = [await _carry_out(uow, ctx, operation, stay, move, by_id) for stay, move in ordered]
    await uow.commit()
    return UitvaloperatieView(
        id=operation.id,
        zorgaanbieder=operation.zorgaanbieder,
        voorziening_id=operation.voorziening_id,
        reden_code=operation.reden_code,
        uitgevoerd_op=now,
        verhuizingen=views,
    )


async def _plan(
    uow: SqlUnitOfWork, stays: list[Verblijf], others: list[Voorziening], chosen: dict[uuid.UUID, uuid.UUID]
) -> list[Move]:
    free = {}
    for place in others:
        occupied, reserved = await occupancy(uow, place.id)
        free[place.id] = free_places(place.capaciteit_plaatsen, occupied, reserved)
    journeys = {s.id: await uow.session.get(Traject, s.traject_id) for s in stays}
    kinds = {s.id: waiting_list_kind(s.voorziening_type) or s.voorziening_type for s in stays}
    places = {p.id: p for p in others}

    def fits(stay_id: uuid.UUID, place_id: uuid.UUID) -> bool:
        place, traject = places.get(place_id), journeys[stay_id]
        same_kind = place is not None and (waiting_list_kind(place.type) or place.type) == kinds[stay_id]
        return same_kind and traject is not None and suits(profile(place), needs(traject))  # type: ignore[arg-type]  # place is not None when same_kind holds

    return plan_moves([s.id for s in stays], [p.id for p in others], free, fits, chosen)


async def _carry_out(
    uow: SqlUnitOfWork,
    ctx: PlacementContext,
    operation: Uitvaloperatie,
    stay: Verblijf,
    move: Move,
    facilities: dict[uuid.UUID, Voorziening],
) -> VerhuizingView:
    traject = await uow.session.get(Traject, stay.traject_id)
    assert traject is not None
    new_stay, entry = None, None
    if move.to_facility is not None:
        request = StayRequest(
            soort="plaatsing", time_out=stay.bed_en_break, running_stay=stay.lopend_verblijf_id, transfer_of=stay.id
        )
        new_stay = await start_stay(uow, ctx, traject, facilities[move.to_facility], request)
    await end_stay(uow, ctx, stay, Ending(status=VerblijfStatus.overgeplaatst, reden=operation.reden_code), offer_place=False)
    if new_stay is None:
        entry = await join(
            uow,
            ctx,
            traject,
            kind=waiting_list_kind(stay.voorziening_type) or "mo",
            besluit_datum=ctx.today(),
            urgent=True,
            youth_care=False,
        )
    record = UitvalVerhuizing(
        id=uuid.uuid4(),
        operatie_id=operation.id,
        traject_id=traject.id,
        van_verblijf_id=stay.id,
        van_voorziening_id=stay.voorziening_id,
        naar_verblijf_id=new_stay.id if new_stay else None,
        naar_voorziening_id=move.to_facility,
        wachtlijst_id=entry.id if entry else None,
    )
    uow.session.add(record)
    uow.publish(
        ev.ClientVerhuisdBijAanbiederuitval(
            traject_id=traject.id,
            client_id=traject.client_id,
            operatie_id=operation.id,
            van_voorziening_id=stay.voorziening_id,
            naar_voorziening_id=move.to_facility,
            naar_wachtlijst=new_stay is None,
            verhuisd_op=ctx.clock(),
        )
    )
    return VerhuizingView(
        verblijf_id=stay.id,
        traject_id=traject.id,
        van_voorziening_id=stay.voorziening_id,
        naar_voorziening_id=move.to_facility,
        naar_verblijf_id=record.naar_verblijf_id,
        naar_wachtlijst=new_stay is None,
        wachtlijst_id=record.wachtlijst_id,
    )


async def get_uitvaloperatie(
    operatie_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> UitvaloperatieView:
    """An operation, for the central access point that carried it out (it names the clients moved)."""
    policy.ensure_central_access(who)
    operation = await uow.session.get(Uitvaloperatie, operatie_id)
    if operation is None:
        raise NotFound(f"no provider-failure operation {operatie_id}")
    if operation.uitgevoerd_door != who.org_id:
        raise Forbidden("this operation was carried out by another central access point")
    moves = await uow.session.scalars(
        select(UitvalVerhuizing).where(UitvalVerhuizing.operatie_id == operatie_id).order_by(UitvalVerhuizing.id)
    )
    return UitvaloperatieView(
        id=operation.id,
        zorgaanbieder=operation.zorgaanbieder,
        voorziening_id=operation.voorziening_id,
        reden_code=operation.reden_code,
        uitgevoerd_op=operation.uitgevoerd_op,
        verhuizingen=[
            VerhuizingView(
                verblijf_id=m.van_verblijf_id,
                traject_id=m.traject_id,
                van_voorziening_id=m.van_voorziening_id,
                naar_voorziening_id=m.naar_voorziening_id,
                naar_verblijf_id=m.naar_verblijf_id,
                naar_wachtlijst=m.wachtlijst_id is not None,
                wachtlijst_id=m.wachtlijst_id,
            )
            for m in moves
        ],
    )
