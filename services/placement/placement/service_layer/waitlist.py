"""The central waiting list (wachtlijst BW): joining (a BW or beschut wonen grant joins by itself), declining an offer,
leaving, being placed. Offers when a place frees up: waitlist_offers.py."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from journey_platform.contracts import intake as iv
from journey_platform.contracts import placement as ev
from journey_platform.dutch_calendar import dutch_date
from journey_platform.errors import Conflict, Forbidden, NotFound
from journey_platform.principal import OrgType, Principal
from placement.adapters.orm import Traject, WachtlijstAanmelding
from placement.domain import waiting_list as wl
from placement.domain.facilities import waiting_list_kind
from placement.domain.states import WachtlijstStatus
from placement.domain.stays import NL
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import facility
from placement.service_layer.unit_of_work import PlacementUnitOfWork
from placement.service_layer.waitlist_offers import offer_free_places, offer_in_region, withdraw_offer

WAITING, OFFERED, PLACED, LEFT = (
    WachtlijstStatus.wachtend,
    WachtlijstStatus.aanbod,
    WachtlijstStatus.geplaatst,
    WachtlijstStatus.verlaten,
)
SHELTERED_HOUSING = (iv.Voorziening.beschermd_wonen, iv.Voorziening.beschut_wonen)


def waited_days(entry: WachtlijstAanmelding, today: date) -> int:
    """Waiting time counts from the decision (the date the right to a place began)."""
    until = dutch_date(entry.verlaten_op) if entry.verlaten_op else today
    return wl.waiting_days(entry.besluit_datum, until)


async def join(
    uow: PlacementUnitOfWork,
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
    uow.waiting_list.add(entry)
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
    await uow.flush_changes()
    await offer_in_region(uow, ctx, entry.regio, kind)
    return entry


def leave(uow: PlacementUnitOfWork, ctx: PlacementContext, entry: WachtlijstAanmelding, reason: str, now: datetime) -> None:
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


async def lock_entry(uow: PlacementUnitOfWork, entry_id: uuid.UUID) -> WachtlijstAanmelding | None:
    """Locks the facility an entry holds an offer for before the entry itself (offers lock in that order)."""
    entry = await uow.waiting_list.get(entry_id)
    if entry is None:
        return None
    if entry.aanbod_voorziening_id is not None:
        await facility(uow, entry.aanbod_voorziening_id, lock=True)
    return await uow.waiting_list.lock(entry_id)


async def _entry_for_action(uow: PlacementUnitOfWork, who: Principal, entry_id: uuid.UUID) -> WachtlijstAanmelding:
    entry = await lock_entry(uow, entry_id)
    if entry is None:
        raise NotFound(f"no waiting-list entry {entry_id}")
    who.require(OrgType.centrale_toegang)
    if entry.regio != who.region:
        raise Forbidden("the central access point of the entry's region runs this waiting list")
    return entry


async def wijs_aanbod_af(
    entry_id: uuid.UUID, uow: PlacementUnitOfWork, who: Principal, ctx: PlacementContext
) -> WachtlijstAanmelding:
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
    await uow.flush_changes()
    await offer_free_places(uow, ctx, await facility(uow, offered, lock=True), skip=frozenset({entry.id}))
    await uow.commit()
    return entry


async def verlaat(
    entry_id: uuid.UUID, reason: str, uow: PlacementUnitOfWork, who: Principal, ctx: PlacementContext
) -> WachtlijstAanmelding:
    entry = await _entry_for_action(uow, who, entry_id)
    await leave_with_offer(uow, ctx, entry, reason)
    await uow.commit()
    return entry


async def leave_with_offer(uow: PlacementUnitOfWork, ctx: PlacementContext, entry: WachtlijstAanmelding, reason: str) -> None:
    """Leaving the list (withdrawn, moved away, journey closed) releases an offered place to the next client."""
    if entry.status not in (WAITING, OFFERED):
        raise Conflict(f"this client is no longer on the list ({entry.status})")
    offered = withdraw_offer(entry)
    leave(uow, ctx, entry, reason, ctx.clock())
    await uow.flush_changes()
    if offered is not None:
        await offer_free_places(uow, ctx, await facility(uow, offered, lock=True))


async def join_on_decision(
    uow: PlacementUnitOfWork, ctx: PlacementContext, traject: Traject, data: iv.BeschikkingAfgegeven
) -> None:
    """Intake granted beschermd or beschut wonen: the client joins the region's central waiting list by himself or
    herself, unless already waiting for (or staying in) that kind of place."""
    if data.besluit is not iv.Besluit.toekenning or data.voorziening not in SHELTERED_HOUSING:
        return
    kind = data.voorziening.value
    if await _already_waiting_or_housed(uow, traject.id, kind, data.beschikking_id):
        return  # an extension while placed, or a second decision for the same right
    await join(
        uow,
        ctx,
        traject,
        kind=kind,
        besluit_datum=data.besluit_datum,
        urgent=data.urgent,
        youth_care=data.overgang_jeugdzorg,
        beschikking_id=data.beschikking_id,
        melding_id=data.melding_id,
    )


async def leave_on_report_closed(uow: PlacementUnitOfWork, ctx: PlacementContext, melding_id: uuid.UUID) -> None:
    """Intake closed the report: its waiting or offered entries leave the list."""
    await _leave_on_closure(uow, ctx, await uow.waiting_list.on_the_list(melding_id=melding_id), "melding-afgesloten")


async def leave_on_journey_closed(uow: PlacementUnitOfWork, ctx: PlacementContext, traject_id: uuid.UUID) -> None:
    """Intake closed the episode: the client's waiting or offered entries leave the list."""
    await _leave_on_closure(uow, ctx, await uow.waiting_list.on_the_list(traject_id=traject_id), "traject-afgesloten")


async def _leave_on_closure(uow: PlacementUnitOfWork, ctx: PlacementContext, entry_ids: list[uuid.UUID], reason: str) -> None:
    for entry_id in entry_ids:
        entry = await lock_entry(uow, entry_id)
        if entry is not None and entry.status in (WAITING, OFFERED):
            await leave_with_offer(uow, ctx, entry, reason)


async def follow_responsible_municipality(uow: PlacementUnitOfWork, traject: Traject) -> None:
    """The woonplaatsbeginsel moved the client: his or her place on the list moves along."""
    for entry in await uow.waiting_list.waiting_of_journey(traject.id):
        entry.gemeente, entry.regio = traject.verantwoordelijke_gemeente, traject.regio


async def _already_waiting_or_housed(
    uow: PlacementUnitOfWork, traject_id: uuid.UUID, kind: str, beschikking_id: uuid.UUID
) -> bool:
    if await uow.waiting_list.holds_right(traject_id, kind, beschikking_id):
        return True
    return any(waiting_list_kind(t) == kind for t in await uow.stays.active_types(traject_id))
