"""Facilities: registration and capacity. Capacity changes are events, and new room goes to the waiting list."""

from __future__ import annotations

import uuid

from journey_platform.contracts import placement as ev
from journey_platform.errors import InvalidInput
from journey_platform.principal import Principal
from placement.adapters.orm import Voorziening
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain.states import VoorzieningStatus
from placement.service_layer import commands as c
from placement.service_layer import policy
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import facility, facility_view
from placement.service_layer.views import VoorzieningView
from placement.service_layer.waitlist_offers import offer_free_places


async def registreer_voorziening(
    cmd: c.RegistreerVoorziening, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> VoorzieningView:
    if not ctx.reference.is_known_municipality(cmd.gemeente):
        raise InvalidInput.field("gemeente", "not a municipality of a region served here", "unknown-municipality")
    policy.ensure_governs(who, ctx.reference, cmd.gemeente)
    place = add_facility(uow, ctx, uuid.uuid4(), cmd)
    await uow.session.flush()
    await offer_free_places(uow, ctx, place)
    await uow.commit()
    return await facility_view(uow, place)


def add_facility(uow: SqlUnitOfWork, ctx: PlacementContext, facility_id: uuid.UUID, cmd: c.RegistreerVoorziening) -> Voorziening:
    """A new open facility and its announcement (also how the reference facilities are loaded)."""
    now = ctx.clock()
    place = Voorziening(
        id=facility_id,
        naam=cmd.naam,
        type=cmd.type.value,
        zorgaanbieder=cmd.zorgaanbieder,
        gemeente=cmd.gemeente,
        regio=ctx.reference.region_of(cmd.gemeente),
        capaciteit_plaatsen=cmd.capaciteit_plaatsen,
        eenpersoonskamers=cmd.eenpersoonskamers,
        veilig_voor=[g.value for g in cmd.veilig_voor],
        huisdieren_toegestaan=cmd.huisdieren_toegestaan,
        rolstoeltoegankelijk=cmd.rolstoeltoegankelijk,
        status=VoorzieningStatus.open,
        geregistreerd_op=now,
        gewijzigd_op=now,
    )
    uow.session.add(place)
    uow.publish(
        ev.VoorzieningGeregistreerd(
            voorziening_id=place.id,
            type=cmd.type,
            zorgaanbieder=place.zorgaanbieder,
            gemeente=place.gemeente,
            regio=place.regio,
            capaciteit_plaatsen=place.capaciteit_plaatsen,
            eenpersoonskamers=place.eenpersoonskamers,
            veilig_voor=list(cmd.veilig_voor),
            huisdieren_toegestaan=place.huisdieren_toegestaan,
            rolstoeltoegankelijk=place.rolstoeltoegankelijk,
        )
    )
    return place


async def wijzig_capaciteit(
    voorziening_id: uuid.UUID, cmd: c.WijzigCapaciteit, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> VoorzieningView:
    place = await facility(uow, voorziening_id, lock=True)
    policy.ensure_runs_or_governs(who, ctx.reference, place)
    await set_capacity(uow, ctx, place, cmd.capaciteit_plaatsen, cmd.eenpersoonskamers, cmd.reden_code)
    await offer_free_places(uow, ctx, place)
    await uow.commit()
    return await facility_view(uow, place)


async def set_capacity(
    uow: SqlUnitOfWork, ctx: PlacementContext, place: Voorziening, places: int, rooms: int, reason: str | None
) -> None:
    """Fewer places than clients staying is allowed (nobody is put out); no one new comes in until there is room.
    Capacity 0 closes the facility."""
    now = ctx.clock()
    place.capaciteit_plaatsen, place.eenpersoonskamers, place.gewijzigd_op = places, rooms, now
    place.status = VoorzieningStatus.gesloten if places == 0 else VoorzieningStatus.open
    uow.publish(
        ev.CapaciteitGewijzigd(
            voorziening_id=place.id, capaciteit_plaatsen=places, eenpersoonskamers=rooms, gewijzigd_op=now, reden_code=reason
        )
    )


async def get_voorziening(voorziening_id: uuid.UUID, uow: SqlUnitOfWork) -> VoorzieningView:
    """Facilities carry no client data: every organisation may see them (a local team looks for a free place)."""
    return await facility_view(uow, await facility(uow, voorziening_id))
