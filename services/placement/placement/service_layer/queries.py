"""Read side of placement: lists and worklists, always filtered by what the caller may see."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from journey_platform.errors import Forbidden, NotFound
from journey_platform.paging import page_of, tell_total
from journey_platform.principal import Principal
from placement.adapters.orm import Trajectcontrole, Verblijf, Voorziening, WachtlijstAanmelding, Weigering
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain import waiting_list as wl
from placement.service_layer import policy, sharing
from placement.service_layer.context import PlacementContext
from placement.service_layer.monitoring import controle_view
from placement.service_layer.shared import facility_view, stay_view
from placement.service_layer.views import TrajectcontroleView, VerblijfView, VoorzieningView, WachtlijstView, WeigeringView
from placement.service_layer.waiting_reasons import with_reasons
from placement.service_layer.waitlist import OFFERED, WAITING, waited_days
from placement.service_layer.waitlist_offers import candidate


@dataclass(frozen=True)
class Page:
    number: int = 1
    size: int = 100

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


async def list_voorzieningen(
    uow: SqlUnitOfWork, *, gemeente: str | None, type_: str | None, regio: str | None, only_free: bool, page: Page
) -> list[VoorzieningView]:
    query = select(Voorziening)
    if gemeente:
        query = query.where(Voorziening.gemeente == gemeente)
    if type_:
        query = query.where(Voorziening.type == type_)
    if regio:
        query = query.where(Voorziening.regio == regio)
    views = [await facility_view(uow, v) for v in await uow.session.scalars(query.order_by(Voorziening.naam, Voorziening.id))]
    if only_free:
        views = [v for v in views if v.vrij > 0]
    tell_total(len(views))
    return views[page.offset : page.offset + page.size]


async def list_verblijven(
    uow: SqlUnitOfWork,
    who: Principal,
    ctx: PlacementContext,
    *,
    traject_id: uuid.UUID | None,
    voorziening_id: uuid.UUID | None,
    status: str | None,
    page: Page,
) -> list[VerblijfView]:
    query = select(Verblijf).where(policy.stay_filter(who, ctx.reference))
    if traject_id:
        query = query.where(Verblijf.traject_id == traject_id)
    if voorziening_id:
        query = query.where(Verblijf.voorziening_id == voorziening_id)
    if status:
        query = query.where(Verblijf.status == status)
    query = query.order_by(Verblijf.opgenomen_op.desc(), Verblijf.id)
    stays = list(await page_of(uow.session, query, page.number, page.size))
    views = [await stay_view(uow, v) for v in stays]
    await sharing.share_stays(uow, who, stays, ctx.clock())
    return views


async def list_weigeringen(
    uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext, *, gemeente: str | None, page: Page
) -> list[WeigeringView]:
    """Refusals the caller may see (policy.refusal_filter)."""
    query = select(Weigering).where(policy.refusal_filter(who, ctx.reference))
    if gemeente:
        query = query.where(Weigering.gemeente == gemeente)
    query = query.order_by(Weigering.geweigerd_op.desc(), Weigering.id)
    return [WeigeringView.model_validate(w) for w in await page_of(uow.session, query, page.number, page.size)]


async def _positions(uow: SqlUnitOfWork, ctx: PlacementContext, region: str | None, kind: str) -> dict[uuid.UUID, int]:
    """Positions on one regional list (everyone still waiting or holding an offer), in the configured order."""
    same_list = await uow.session.scalars(
        select(WachtlijstAanmelding).where(
            WachtlijstAanmelding.regio == region,
            WachtlijstAanmelding.voorziening == kind,
            WachtlijstAanmelding.status.in_((WAITING, OFFERED)),
        )
    )
    return {e.id: i for i, e in enumerate(wl.ordered(same_list, candidate, ctx.order), start=1)}


async def wachtlijst_view(
    uow: SqlUnitOfWork, ctx: PlacementContext, entry: WachtlijstAanmelding, positions: dict[uuid.UUID, int] | None = None
) -> WachtlijstView:
    if positions is None:
        positions = await _positions(uow, ctx, entry.regio, entry.voorziening)
    return WachtlijstView(
        id=entry.id,
        traject_id=entry.traject_id,
        client_id=entry.client_id,
        beschikking_id=entry.beschikking_id,
        voorziening=entry.voorziening,
        gemeente=entry.gemeente,
        regio=entry.regio,
        besluit_datum=entry.besluit_datum,
        urgent=entry.urgent,
        overgang_jeugdzorg=entry.overgang_jeugdzorg,
        prioriteit=wl.priority_class(entry.urgent, entry.overgang_jeugdzorg, ctx.order),
        positie=positions.get(entry.id),
        status=entry.status,
        aangemeld_op=entry.aangemeld_op,
        wachttijd_dagen=waited_days(entry, ctx.today()),
        aanbod_voorziening_id=entry.aanbod_voorziening_id,
        aanbod_op=entry.aanbod_op,
        verlaten_op=entry.verlaten_op,
        reden_verlaten=entry.reden_verlaten,
    )


async def list_wachtlijst(
    uow: SqlUnitOfWork,
    who: Principal,
    ctx: PlacementContext,
    *,
    voorziening: str | None,
    gemeente: str | None,
    alleen_wachtend: bool,
    page: Page,
    total: list[int] | None = None,
) -> list[WachtlijstView]:
    """The list in priority order (the configured order), each with position and waiting time; `total` receives
    the number of entries on all pages."""
    query = select(WachtlijstAanmelding).where(policy.waitlist_filter(who))
    if voorziening:
        query = query.where(WachtlijstAanmelding.voorziening == voorziening)
    if gemeente:
        query = query.where(WachtlijstAanmelding.gemeente == gemeente)
    if alleen_wachtend:
        query = query.where(WachtlijstAanmelding.status.in_((WAITING, OFFERED)))
    everyone = wl.ordered(await uow.session.scalars(query), candidate, ctx.order)
    if total is not None:
        total.append(len(everyone))
    entries = everyone[page.offset : page.offset + page.size]
    positions: dict[uuid.UUID, int] = {}
    for region, kind in {(e.regio, e.voorziening) for e in entries}:
        positions |= await _positions(uow, ctx, region, kind)
    return await with_reasons(uow, ctx, [await wachtlijst_view(uow, ctx, e, positions) for e in entries])


async def get_wachtlijst(entry_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext) -> WachtlijstView:
    entry = await uow.session.get(WachtlijstAanmelding, entry_id)
    if entry is None:
        raise NotFound(f"no waiting-list entry {entry_id}")
    visible = await uow.session.scalar(
        select(WachtlijstAanmelding.id).where(WachtlijstAanmelding.id == entry_id, policy.waitlist_filter(who))
    )
    if visible is None:
        raise Forbidden("this waiting-list entry belongs to another region or municipality")
    return (await with_reasons(uow, ctx, [await wachtlijst_view(uow, ctx, entry)]))[0]


async def list_trajectcontroles(
    uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext, *, traject_id: uuid.UUID | None, achterstallig: bool, page: Page
) -> list[TrajectcontroleView]:
    """With `achterstallig`: the worklist of overdue check-ins, longest overdue first."""
    query = select(Trajectcontrole).where(policy.journey_filter(who, ctx.reference, Trajectcontrole.traject_id))  # type: ignore[arg-type]  # SQLAlchemy types a mapped column as InstrumentedAttribute
    if traject_id:
        query = query.where(Trajectcontrole.traject_id == traject_id)
    if achterstallig:
        query = query.where(
            Trajectcontrole.uitgevoerd_op.is_(None),
            Trajectcontrole.vervallen_op.is_(None),
            Trajectcontrole.gepland_op < ctx.today(),
        )
    query = query.order_by(Trajectcontrole.gepland_op, Trajectcontrole.id)
    return [controle_view(c, ctx) for c in await page_of(uow.session, query, page.number, page.size)]
