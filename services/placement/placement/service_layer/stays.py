"""The life of a stay: it starts only where a place is free, and a place that frees up goes to the waiting list."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import select

from journey_platform.contracts import placement as ev
from journey_platform.errors import Conflict
from placement.adapters.orm import ChecklistPunt, Traject, Trajectcontrole, Verblijf, Voorziening
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain import stays as rules
from placement.domain.facilities import has_room
from placement.domain.states import VerblijfStatus, VoorzieningStatus
from placement.service_layer.check_in_end import close_when_care_ends, lock_journeys
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import ACTIVE, facility, occupancy
from placement.service_layer.waitlist_offers import offer_free_places


class NoRoom(Conflict):
    """The facility is full (or closed): nobody is over-booked."""


@dataclass(frozen=True)
class StayRequest:
    soort: str  # opname | plaatsing
    time_out: bool = False
    running_stay: uuid.UUID | None = None
    from_waiting_list: uuid.UUID | None = None
    transfer_of: uuid.UUID | None = None


async def start_stay(
    uow: SqlUnitOfWork, ctx: PlacementContext, traject: Traject, place: Voorziening, request: StayRequest
) -> Verblijf:
    """`place` must be locked (shared.facility(lock=True)) so the capacity check and the new stay are one step."""
    occupied, reserved = await occupancy(uow, place.id, except_offer=request.from_waiting_list)
    if place.status != VoorzieningStatus.open or not has_room(place.capaciteit_plaatsen, occupied, reserved):
        raise NoRoom(f"no free place in {place.naam}: {occupied} of {place.capaciteit_plaatsen} taken, {reserved} offered")
    now = ctx.clock()
    stay = Verblijf(
        id=uuid.uuid4(),
        traject_id=traject.id,
        client_id=traject.client_id,
        voorziening_id=place.id,
        voorziening_type=place.type,
        zorgaanbieder=place.zorgaanbieder,
        gemeente=place.gemeente,
        soort=request.soort,
        status=ACTIVE,
        opgenomen_op=now,
        bed_en_break=request.time_out,
        lopend_verblijf_id=request.running_stay,
        van_wachtlijst_id=request.from_waiting_list,
        overplaatsing_van=request.transfer_of,
        maximum_signaal=rules.StaySignal.NONE,
        kort_verblijf_buiten_regio=False,
    )
    _apply_term(stay, traject, ctx, now, request)
    uow.session.add(stay)
    await uow.session.flush()
    if stay.maximum_datum is not None:
        for item, due in rules.checklist_due_dates(rules.local_day(now), ctx.rules).items():
            uow.session.add(ChecklistPunt(id=uuid.uuid4(), verblijf_id=stay.id, item=item, uiterlijk_op=due))
    _announce(uow, stay, place, request)
    return stay


def _apply_term(stay: Verblijf, traject: Traject, ctx: PlacementContext, now: datetime, request: StayRequest) -> None:
    regional = ctx.reference.rules(stay_region(ctx, stay.gemeente))
    if request.time_out:
        stay.uiterlijk_tot = rules.time_out_ends(now, ctx.rules)
    elif request.soort == "opname" and short_stay_applies(ctx, traject, stay.gemeente):
        short = regional.short_stay
        assert short is not None  # short_stay_applies checked it
        if traject.kort_verblijf_tot is None:  # the first admission starts the count
            traject.kort_verblijf_tot = rules.short_stay_end(now, short.nights, short.checkout_time)
        stay.kort_verblijf_buiten_regio, stay.uiterlijk_tot = True, traject.kort_verblijf_tot
    elif rules.is_acute_stay(stay.voorziening_type):
        apply_acute_maximum(stay, ctx, regional.acute_stay_max_weeks)


def apply_acute_maximum(stay: Verblijf, ctx: PlacementContext, regional_weeks: int) -> None:
    stay.maximum_datum = rules.acute_stay_maximum(rules.local_day(stay.opgenomen_op), ctx.rules, regional_weeks)
    stay.uiterlijk_tot = datetime.combine(stay.maximum_datum, time(12, 0), tzinfo=rules.NL)


def stay_region(ctx: PlacementContext, municipality: str) -> str | None:
    return ctx.reference.region_of(municipality)


def short_stay_applies(ctx: PlacementContext, traject: Traject, municipality: str) -> bool:
    """Intake granted the client a short stay, nothing lifted it, and the facility's region has the rule."""
    return traject.kort_verblijf and ctx.reference.rules(stay_region(ctx, municipality)).short_stay is not None


def short_stay_over(ctx: PlacementContext, traject: Traject, municipality: str, now: datetime) -> bool:
    """A later admission after the short stay ended is refused (and the refusal recorded)."""
    return short_stay_applies(ctx, traject, municipality) and rules.short_stay_has_ended(traject.kort_verblijf_tot, now)


def _announce(uow: SqlUnitOfWork, stay: Verblijf, place: Voorziening, request: StayRequest) -> None:
    common = dict(
        traject_id=stay.traject_id,
        client_id=stay.client_id,
        voorziening_id=place.id,
        voorziening_type=ev.VoorzieningType(place.type),
        zorgaanbieder=place.zorgaanbieder,
        gemeente=place.gemeente,
        regio=place.regio,
    )
    if request.soort == "opname":
        uow.publish(
            ev.OpnameGeregistreerd(
                **common,
                opname_id=stay.id,
                opgenomen_op=stay.opgenomen_op,
                uiterlijk_tot=stay.uiterlijk_tot,
                kort_verblijf_buiten_regio=stay.kort_verblijf_buiten_regio,
                bed_en_break=stay.bed_en_break,
            )
        )
    else:
        uow.publish(
            ev.PlaatsingGerealiseerd(
                **common,
                plaatsing_id=stay.id,
                geplaatst_op=stay.opgenomen_op,
                van_wachtlijst=request.from_waiting_list is not None,
                overplaatsing_van=request.transfer_of,
            )
        )


async def plan_first_check_in(uow: SqlUnitOfWork, ctx: PlacementContext, traject_id: uuid.UUID, by: str) -> None:
    """Trajectory monitoring starts with the placement, unless a check-in is already planned. Not for imported history:
    its check-ins ran in the source system, and one planned from a historic placement is overdue the moment it is
    imported (the watcher announced 184 of them in the baseline import); central access plans the first check-in of
    a client still placed (POST /v1/trajectcontroles), as docs/import.md says."""
    if uow.imported:
        return
    planned = await uow.session.scalar(
        select(Trajectcontrole.id)
        .where(
            Trajectcontrole.traject_id == traject_id,
            Trajectcontrole.uitgevoerd_op.is_(None),
            Trajectcontrole.vervallen_op.is_(None),  # a check-in closed when an earlier stay ended plans nothing
        )
        .limit(1)
    )
    if planned is None:
        due = ctx.today() + timedelta(days=ctx.rules.check_in_interval_days)
        uow.session.add(Trajectcontrole(id=uuid.uuid4(), traject_id=traject_id, gepland_op=due, aangemaakt_door=by))


@dataclass(frozen=True)
class Ending:
    status: str  # uitgestroomd | overgeplaatst
    bestemming: ev.Bestemming | None = None
    naar_gemeente: str | None = None
    reden: str | None = None
    origin: str | None = None


async def end_stay(uow: SqlUnitOfWork, ctx: PlacementContext, stay: Verblijf, ending: Ending, offer_place: bool = True) -> None:
    """Ends a stay; a discharge is announced; the freed place goes to the next suitable client on the waiting list; a
    discharge that leaves no stay running closes the journey's open check-ins (check_in_end.py)."""
    if stay.status != ACTIVE:
        raise Conflict(f"this stay is already {stay.status}")
    if ending.status == VerblijfStatus.uitgestroomd:
        await lock_journeys(uow, [stay.traject_id])  # before the facility and the list: the lock order of shared.py
    now = ctx.clock()
    stay.status, stay.beeindigd_op, stay.reden_einde = ending.status, now, ending.reden
    if ending.bestemming is not None:
        stay.bestemming, stay.naar_gemeente = ending.bestemming.value, ending.naar_gemeente
        stay.terug_naar_gemeente_van_herkomst = rules.returned_to_origin(ending.origin, ending.naar_gemeente)
        uow.publish(
            ev.Uitgestroomd(
                traject_id=stay.traject_id,
                client_id=stay.client_id,
                verblijf_id=stay.id,
                voorziening_id=stay.voorziening_id,
                voorziening_type=ev.VoorzieningType(stay.voorziening_type),
                uitgestroomd_op=now,
                bestemming=ending.bestemming,
                terug_naar_gemeente_van_herkomst=stay.terug_naar_gemeente_van_herkomst,
                verblijfsduur_dagen=rules.length_of_stay_days(stay.opgenomen_op, now),
                reden_code=ending.reden,
            )
        )
    await uow.session.flush()
    if offer_place:
        await offer_free_places(uow, ctx, await facility(uow, stay.voorziening_id, lock=True))
    await close_when_care_ends(uow, stay, now)
