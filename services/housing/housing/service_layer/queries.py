"""Read side of housing: candidates, proposals, rounds and offers, always filtered by what the caller may see."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from housing.adapters.orm import Aanbod, Kandidaat, Matchingronde, Voorstel, Woning
from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.domain import rules
from housing.service_layer import policy, sharing
from housing.service_layer.context import HousingContext
from housing.service_layer.offers import aanbod_view, get_or_404
from housing.service_layer.views import AanbodView, KandidaatView, MatchingrondeView, VoorstelView
from journey_platform.errors import Forbidden
from journey_platform.paging import page_of
from journey_platform.principal import OrgType, Principal


def kandidaat_view(k: Kandidaat, ctx: HousingContext) -> KandidaatView:
    view = KandidaatView.model_validate(k)
    end = k.gehuisvest_op or ctx.clock()
    return view.model_copy(
        update={
            "dagen_wachtend": rules.days_waiting(k.uitstroomgereed_op, end),
            "termijn_overschreden": k.termijn_overschreden_op is not None or rules.target_passed(k.uitstroomgereed_op, end),
        }
    )


async def list_kandidaten(
    uow: SqlUnitOfWork,
    who: Principal,
    ctx: HousingContext,
    *,
    gemeente: str | None,
    status: str | None,
    termijn_overschreden: bool | None,
    page: int,
    size: int,
) -> list[KandidaatView]:
    """For the three-month list: `termijn_overschreden=True` gives those waiting longest first."""
    query = select(Kandidaat).where(policy.kandidaat_filter(who, ctx.reference))
    if gemeente:
        query = query.where(Kandidaat.verantwoordelijke_gemeente == gemeente)
    if status:
        query = query.where(Kandidaat.status == status)
    if termijn_overschreden is not None:
        flagged = Kandidaat.termijn_overschreden_op.is_not(None)
        query = query.where(flagged if termijn_overschreden else ~flagged)
    query = query.order_by(Kandidaat.uitstroomgereed_op, Kandidaat.id)
    return [kandidaat_view(k, ctx) for k in await page_of(uow.session, query, page, size)]


async def get_kandidaat(kandidaat_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> KandidaatView:
    kandidaat: Kandidaat = await get_or_404(uow, Kandidaat, kandidaat_id, "candidate")
    policy.ensure_coordinator(who, kandidaat, ctx.reference)
    return kandidaat_view(kandidaat, ctx)


async def list_voorstellen(
    uow: SqlUnitOfWork,
    who: Principal,
    ctx: HousingContext,
    *,
    kandidaat_id: uuid.UUID | None,
    status: str | None,
    page: int,
    size: int,
) -> list[VoorstelView]:
    query = (
        select(Voorstel).join(Kandidaat, Kandidaat.id == Voorstel.kandidaat_id).where(policy.kandidaat_filter(who, ctx.reference))
    )
    if kandidaat_id:
        query = query.where(Voorstel.kandidaat_id == kandidaat_id)
    if status:
        query = query.where(Voorstel.status == status)
    query = query.order_by(Voorstel.voorgesteld_op.desc(), Voorstel.id)
    return [VoorstelView.model_validate(v) for v in await page_of(uow.session, query, page, size)]


async def get_voorstel(voorstel_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> VoorstelView:
    voorstel: Voorstel = await get_or_404(uow, Voorstel, voorstel_id, "proposal")
    kandidaat = await uow.session.get(Kandidaat, voorstel.kandidaat_id)
    assert kandidaat is not None
    policy.ensure_coordinator(who, kandidaat, ctx.reference)
    return VoorstelView.model_validate(voorstel)


async def get_ronde(ronde_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> MatchingrondeView:
    """Aggregate figures only; any case worker may see them."""
    who.require(OrgType.centrale_toegang, OrgType.gemeente)
    return MatchingrondeView.model_validate(await get_or_404(uow, Matchingronde, ronde_id, "matching round"))


async def list_aanbiedingen(
    uow: SqlUnitOfWork,
    who: Principal,
    ctx: HousingContext,
    *,
    status: str | None,
    kandidaat_id: uuid.UUID | None,
    woning_id: uuid.UUID | None,
    page: int,
    size: int,
) -> list[AanbodView]:
    """The coordinator's clients' offers, with explanation; a supplier's offers on its own units, without."""
    now, to = ctx.clock(), sharing.recipient(who)
    clients = select(Kandidaat.id).where(policy.kandidaat_filter(who, ctx.reference))
    query = select(Aanbod).where(policy.aanbod_filter(who, ctx.reference))
    if to is not None:  # as a supplier, it sees only offers to clients whose consent covers it today
        consenting = select(Kandidaat.id).where(Kandidaat.client_id.in_(sharing.consenting_clients(to, now)))
        query = query.where(Aanbod.kandidaat_id.in_(clients) | Aanbod.kandidaat_id.in_(consenting))
    if status:
        query = query.where(Aanbod.status == status)
    if kandidaat_id:
        query = query.where(Aanbod.kandidaat_id == kandidaat_id)
    if woning_id:
        query = query.where(Aanbod.woning_id == woning_id)
    query = query.order_by(Aanbod.gedaan_op.desc(), Aanbod.id)
    offers = list(await page_of(uow.session, query, page, size))
    mine = set(await uow.session.scalars(clients.where(Kandidaat.id.in_({a.kandidaat_id for a in offers}))))
    if to is not None:
        offers = await sharing.share_listed(uow, [a for a in offers if a.kandidaat_id not in mine], to, now)
        await uow.commit()
    return [aanbod_view(a, with_case=a.kandidaat_id in mine) for a in offers]


async def get_aanbod(aanbod_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> AanbodView:
    aanbod: Aanbod = await get_or_404(uow, Aanbod, aanbod_id, "offer")
    kandidaat = await uow.session.get(Kandidaat, aanbod.kandidaat_id)
    woning = await uow.session.get(Woning, aanbod.woning_id)
    assert kandidaat is not None and woning is not None
    role = policy.offer_role(who, kandidaat, woning, ctx.reference)
    if role is None:
        raise Forbidden("this offer concerns neither your clients nor your units")
    if role == "supplier" and (to := sharing.recipient(who)):
        await sharing.share(uow, kandidaat, to, "aanbod", aanbod.id, ctx.clock())
        await uow.commit()
    return aanbod_view(aanbod, with_case=role == "coordinator")
