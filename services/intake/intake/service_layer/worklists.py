"""Worklists added for the first working day: the referral inbox and outbox, and the decisions.

Each is filtered by what the caller may see (policy.py) and counted, so the list answers with its total.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, false, func, select

from intake.adapters.orm import Beschikking, Melding, Onderzoek, Preventiezaak, Verwijzing
from intake.service_layer import policy
from intake.service_layer.context import IntakeContext
from intake.service_layer.handlers import _melding_for
from intake.service_layer.referral import verwijzing_view
from intake.service_layer.views import BeschikkingView, OnderzoekView, PreventiezaakView, VerwijzingView
from journey_platform.errors import Forbidden, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal

T = TypeVar("T")


@dataclass(frozen=True)
class Counted(Generic[T]):
    items: list[T]
    total: int


async def _count(uow: UnitOfWork, query: Select[*tuple[Any, ...]]) -> int:
    return int(await uow.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)


async def list_verwijzingen(
    uow: UnitOfWork,
    who: Principal,
    ctx: IntakeContext,
    *,
    richting: str | None,
    status: str | None,
    melding_id: uuid.UUID | None,
    page: int,
    size: int,
) -> Counted[VerwijzingView]:
    """Without meldingId: the referrals sent to (inkomend) or by (uitgaand) the caller's organisation. With it: the
    referrals of that report, for whoever may see the report."""
    query = select(Verwijzing, Melding.persoon_id).join(Melding, Melding.id == Verwijzing.melding_id)
    if melding_id is not None:
        if await uow.session.get(Melding, melding_id) is None:
            return Counted([], 0)  # a filter on an unknown report matches nothing
        await _melding_for(uow, melding_id, who, ctx)  # 403 when the caller may not see the report
        query = query.where(Verwijzing.melding_id == melding_id)
    elif not (who.is_local_team or who.is_central_access):
        query = query.where(false())  # providers and corporations are sent no referrals
    elif richting == "inkomend":
        query = query.where(Verwijzing.naar_organisatie == who.org_id)
    elif richting == "uitgaand":
        query = query.where(Verwijzing.van_organisatie == who.org_id)
    else:
        query = query.where((Verwijzing.naar_organisatie == who.org_id) | (Verwijzing.van_organisatie == who.org_id))
    if status:
        query = query.where(Verwijzing.status == status)
    total = await _count(uow, query)
    rows = await uow.session.execute(
        query.order_by(Verwijzing.aangemaakt_op.desc(), Verwijzing.id).offset((page - 1) * size).limit(size)
    )
    keys = ctx.keys(uow)
    return Counted([await verwijzing_view(v, persoon_id, keys) for v, persoon_id in rows.all()], total)


async def list_beschikkingen(
    uow: UnitOfWork,
    who: Principal,
    ctx: IntakeContext,
    *,
    melding_id: uuid.UUID | None,
    traject_id: uuid.UUID | None,
    besluit: str | None,
    voorziening: str | None,
    page: int,
    size: int,
) -> Counted[BeschikkingView]:
    """Decisions on the reports the caller may see, newest first."""
    query = (
        select(Beschikking).join(Melding, Melding.id == Beschikking.melding_id).where(policy.melding_filter(who, ctx.reference))
    )
    for column, value in (
        (Beschikking.melding_id, melding_id),
        (Beschikking.traject_id, traject_id),
        (Beschikking.besluit, besluit),
        (Beschikking.voorziening, voorziening),
    ):
        if value is not None:
            query = query.where(column == value)
    total = await _count(uow, query)
    found = await uow.session.scalars(
        query.order_by(Beschikking.besluit_datum.desc(), Beschikking.id).offset((page - 1) * size).limit(size)
    )
    keys = ctx.keys(uow)
    views = [
        BeschikkingView.model_validate(b).model_copy(update={"toelichting": await keys.open(b.persoon_id, b.toelichting)})
        for b in found.all()
    ]
    return Counted(views, total)


async def get_onderzoek(onderzoek_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> OnderzoekView:
    """One screening, for whoever may see its report (so a 201 can say where it is)."""
    onderzoek = await uow.session.get(Onderzoek, onderzoek_id)
    if onderzoek is None:
        raise NotFound(f"no screening {onderzoek_id}")
    melding = await _melding_for(uow, onderzoek.melding_id, who, ctx)
    notities = await ctx.keys(uow).open(melding.persoon_id, onderzoek.notities)
    return OnderzoekView.model_validate(onderzoek).model_copy(update={"notities": notities})


async def get_preventiezaak(zaak_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> PreventiezaakView:
    """One prevention case, for whoever sees it in the list (so a signal's 201 can say where it is)."""
    zaak = await uow.session.get(Preventiezaak, zaak_id)
    if zaak is None:
        raise NotFound(f"no prevention case {zaak_id}")
    visible = await uow.session.scalar(
        select(Preventiezaak.id).where(Preventiezaak.id == zaak_id, policy.preventiezaak_filter(who, ctx.reference))
    )
    if visible is None:
        raise Forbidden("this prevention case belongs to another municipality or corporation")
    toelichting = await ctx.keys(uow).open(zaak.persoon_id, zaak.toelichting)
    return PreventiezaakView.model_validate(zaak).model_copy(update={"toelichting": toelichting})
