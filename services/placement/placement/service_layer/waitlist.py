"""The central waiting list: joining, offers when a place frees up, declining, leaving, being placed."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import select

from journey_platform.contracts import placement as ev
from journey_platform.dutch_calendar import dutch_date
from journey_platform.errors import Conflict, Forbidden, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import OrgType, Principal
from placement.adapters.orm import Traject, Voorziening, WachtlijstAanmelding
from placement.domain import waiting_list as wl
from placement.domain.facilities import free_places, suits, waiting_list_kind
from placement.domain.stays import NL
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import facility, lock_facilities, needs, occupancy, profile

WAITING, OFFERED, PLACED, LEFT = "wachtend", "aanbod", "geplaatst", "verlaten"


def candidate(entry: WachtlijstAanmelding) -> wl.Candidate:
    return wl.Candidate(
        id=entry.id,
        decided_on=entry.besluit_datum,
        joined_at=entry.aangemeld_op,
        urgent=entry.urgent,
        youth_care_transition=entry.overgang_jeugdzorg,
    )


def waited_days(entry: WachtlijstAanmelding, today: date) -> int:
    """Waiting time counts from the decision (the date the right to a place began)."""
    until = dutch_date(entry.verlaten_op) if entry.verlaten_op else today
    return wl.waiting_days(entry.besluit_datum, until)


async def join(
    uow: UnitOfWork,
    ctx: PlacementContext,
    traject: Traject,
    *,
    kind: str,
    besluit_datum: date,
    urgent: bool,
    youth_care: bool,
    beschikking_id: uuid.UUID | None = None,
    melding_id: uuid.UUID | None = None,
) -> WachtlijstAanmelding:
    if besluit_datum < ctx.today():  # a decision recorded later than it was made: the client waits from that day
        ctx = ctx.at(datetime.combine(besluit_datum, time(12, 0), tzinfo=NL))
    now = ctx.clock()
    entry = WachtlijstAanmelding(
        id=uuid.uuid4(),
        traject_id=traject.id,
        client_id=traject.client_id,
        beschikking_id=beschikking_id,
        melding_id=melding_id,
        voorziening=kind,
        gemeente=traject.verantwoordelijke_gemeente,
        regio=traject.regio,
        besluit_datum=besluit_datum,
        urgent=urgent,
        overgang_jeugdzorg=youth_care,
        status=WAITING,
        aangemeld_op=now,
    )
    uow.session.add(entry)
    uow.publish(
        ev.AangemeldOpWachtlijst(
            traject_id=traject.id,
            client_id=traject.client_id,
            wachtlijst_id=entry.id,
            beschikking_id=beschikking_id,
            voorziening=kind,
            gemeente=entry.gemeente,
            regio=entry.regio,
            aangemeld_op=now,
            prioriteit=wl.priority_class(urgent, youth_care, ctx.order),
            urgent=urgent,
            overgang_jeugdzorg=youth_care,
        )
    )
    await uow.session.flush()
    await offer_in_region(uow, ctx, entry.regio, kind)
    return entry


async def offer_in_region(uow: UnitOfWork, ctx: PlacementContext, region: str | None, kind: str) -> None:
    ids = await uow.session.scalars(select(Voorziening.id).where(Voorziening.regio == region, Voorziening.status == "open"))
    for place in (await lock_facilities(uow, ids)).values():
        if waiting_list_kind(place.type) == kind:
            await offer_free_places(uow, ctx, place)


async def offer_free_places(
    uow: UnitOfWork, ctx: PlacementContext, facility: Voorziening, skip: frozenset[uuid.UUID] = frozenset()
) -> int:
    """A place came free: the next suitable client on the list gets an offer, as long as places are free.
    The caller holds the facility's row lock."""
    kind = waiting_list_kind(facility.type)
    if kind is None or facility.status != "open" or not ctx.offers:
        return 0
    occupied, reserved = await occupancy(uow, facility.id)
    room = free_places(facility.capaciteit_plaatsen, occupied, reserved)
    if room == 0:
        return 0
    rows = (
        await uow.session.execute(
            select(WachtlijstAanmelding, Traject)
            .join(Traject, Traject.id == WachtlijstAanmelding.traject_id)
            .where(
                WachtlijstAanmelding.status == WAITING,
                WachtlijstAanmelding.voorziening == kind,
                WachtlijstAanmelding.regio == facility.regio,
            )
            .with_for_update(of=WachtlijstAanmelding)
            .execution_options(populate_existing=True)
        )
    ).all()
    waiting = {entry.id: (entry, traject) for entry, traject in rows if entry.id not in skip}
    made = 0
    while room > 0:
        best = wl.next_suitable(
            waiting.values(), lambda pair: candidate(pair[0]), lambda pair: suits(profile(facility), needs(pair[1])), ctx.order
        )
        if best is None:
            break
        entry, _ = waiting.pop(best[0].id)
        _make_offer(uow, ctx, entry, facility)
        room -= 1
        made += 1
    return made


def _make_offer(uow: UnitOfWork, ctx: PlacementContext, entry: WachtlijstAanmelding, facility: Voorziening) -> None:
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


def leave(uow: UnitOfWork, ctx: PlacementContext, entry: WachtlijstAanmelding, reason: str, now: datetime) -> None:
    entry.status = PLACED if reason == "geplaatst" else LEFT
    entry.verlaten_op, entry.reden_verlaten = now, reason
    uow.publish(
        ev.WachtlijstVerlaten(
            traject_id=entry.traject_id,
            client_id=entry.client_id,
            wachtlijst_id=entry.id,
            reden_code=reason,
            verlaten_op=now,
            wachttijd_dagen=waited_days(entry, ctx.today()),
        )
    )


async def lock_entry(uow: UnitOfWork, entry_id: uuid.UUID) -> WachtlijstAanmelding | None:
    """Locks the facility an entry holds an offer for before the entry itself (offers lock in that order)."""
    entry = await uow.session.get(WachtlijstAanmelding, entry_id)
    if entry is None:
        return None
    if entry.aanbod_voorziening_id is not None:
        await facility(uow, entry.aanbod_voorziening_id, lock=True)
    return await uow.session.scalar(
        select(WachtlijstAanmelding)
        .where(WachtlijstAanmelding.id == entry_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


async def _entry_for_action(uow: UnitOfWork, who: Principal, entry_id: uuid.UUID) -> WachtlijstAanmelding:
    entry = await lock_entry(uow, entry_id)
    if entry is None:
        raise NotFound(f"no waiting-list entry {entry_id}")
    who.require(OrgType.centrale_toegang)
    if entry.regio != who.region:
        raise Forbidden("the central access point of the entry's region runs this waiting list")
    return entry


async def wijs_aanbod_af(entry_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: PlacementContext) -> WachtlijstAanmelding:
    """The client declines: he or she keeps his or her place on the list; the place goes to the next one."""
    entry = await _entry_for_action(uow, who, entry_id)
    if entry.status != OFFERED:
        raise Conflict("this client has no open offer")
    offered = withdraw_offer(entry)
    assert offered is not None
    uow.publish(
        ev.WachtlijstAanbodAfgewezen(
            traject_id=entry.traject_id,
            client_id=entry.client_id,
            wachtlijst_id=entry.id,
            voorziening_id=offered,
            afgewezen_op=ctx.clock(),
        )
    )
    await uow.session.flush()
    await offer_free_places(uow, ctx, await facility(uow, offered, lock=True), skip=frozenset({entry.id}))
    await uow.commit()
    return entry


async def verlaat(
    entry_id: uuid.UUID, reason: str, uow: UnitOfWork, who: Principal, ctx: PlacementContext
) -> WachtlijstAanmelding:
    entry = await _entry_for_action(uow, who, entry_id)
    await leave_with_offer(uow, ctx, entry, reason)
    await uow.commit()
    return entry


async def leave_with_offer(uow: UnitOfWork, ctx: PlacementContext, entry: WachtlijstAanmelding, reason: str) -> None:
    """Leaving the list (withdrawn, moved away, journey closed) releases an offered place to the next client."""
    if entry.status not in (WAITING, OFFERED):
        raise Conflict(f"this client is no longer on the list ({entry.status})")
    offered = withdraw_offer(entry)
    leave(uow, ctx, entry, reason, ctx.clock())
    await uow.session.flush()
    if offered is not None:
        await offer_free_places(uow, ctx, await facility(uow, offered, lock=True))
