"""Aftercare (nazorg) as the local team and the letting organisation read it: plans, follow-up contacts (the
overdue worklist among them) and relapse signals, each for whoever may follow the plan up (docs/aftercare.md). The
commands and the consumer handlers: aftercare.py."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ColumnElement, false, select

from housing.adapters.orm import Nazorgcontact, Nazorgplan, Terugvalsignaal
from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.domain import aftercare as rules
from housing.domain.states import NazorgplanStatus
from housing.service_layer.context import HousingContext
from housing.service_layer.offers import get_or_404
from housing.service_layer.policy import region_municipalities
from housing.service_layer.views import NazorgcontactView, NazorgplanView, TerugvalsignaalView
from journey_platform.errors import Forbidden
from journey_platform.principal import Principal

ACTIVE = NazorgplanStatus.actief


def may_follow_up(who: Principal, plan: Nazorgplan, ctx: HousingContext) -> bool:
    """The receiving local team, and the central access point of its region."""
    return who.may_see_municipalities({plan.gemeente}, ctx.reference)


def plan_filter(who: Principal, ctx: HousingContext) -> ColumnElement[bool]:
    if who.is_local_team:
        return Nazorgplan.gemeente == who.org_id
    if who.is_central_access:
        return Nazorgplan.gemeente.in_(region_municipalities(ctx.reference, who.region))
    return false()


# --- commands and queries ----------------------------------------------------------------------------------------


async def plan_view(uow: SqlUnitOfWork, plan: Nazorgplan, ctx: HousingContext) -> NazorgplanView:
    today = ctx.today()
    contacts = await uow.session.scalars(
        select(Nazorgcontact).where(Nazorgcontact.nazorgplan_id == plan.id).order_by(Nazorgcontact.volgnummer)
    )
    signals = await uow.session.scalars(
        select(Terugvalsignaal).where(Terugvalsignaal.nazorgplan_id == plan.id).order_by(Terugvalsignaal.gemeld_op)
    )
    return NazorgplanView.of(
        plan,
        [contact_view(x, plan, today) for x in contacts],
        [TerugvalsignaalView.model_validate(s) for s in signals],
    )


def contact_view(x: Nazorgcontact, plan: Nazorgplan, today: date) -> NazorgcontactView:
    return NazorgcontactView(
        id=x.id,
        nazorgplan_id=plan.id,
        traject_id=plan.traject_id,
        client_id=plan.client_id,
        gemeente=plan.gemeente,
        volgnummer=x.volgnummer,
        maanden=x.maanden,
        gepland_op=x.gepland_op,
        uiterlijk_op=x.uiterlijk_op,
        contact_op=x.contact_op,
        uitkomst=x.uitkomst,
        op_tijd=None if x.contact_op is None else rules.on_time(x.contact_op, x.uiterlijk_op),
        achterstallig=plan.status == ACTIVE and rules.overdue(x.uiterlijk_op, today, x.contact_op is not None),
    )


async def get_plan(plan_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> NazorgplanView:
    plan: Nazorgplan = await get_or_404(uow, Nazorgplan, plan_id, "aftercare plan")
    if not may_follow_up(who, plan, ctx):
        raise Forbidden("this aftercare plan is for another local team")
    return await plan_view(uow, plan, ctx)


async def get_contact(contact_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> NazorgcontactView:
    contact: Nazorgcontact = await get_or_404(uow, Nazorgcontact, contact_id, "follow-up")
    plan = await uow.session.get(Nazorgplan, contact.nazorgplan_id)
    assert plan is not None
    if not may_follow_up(who, plan, ctx):
        raise Forbidden("this follow-up is for another local team")
    return contact_view(contact, plan, ctx.today())


async def get_signal(signal_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> TerugvalsignaalView:
    """The plan's local team and its central access point; the organisation that signalled it, its own signal."""
    signal: Terugvalsignaal = await get_or_404(uow, Terugvalsignaal, signal_id, "relapse signal")
    plan = await uow.session.get(Nazorgplan, signal.nazorgplan_id)
    assert plan is not None
    if not (may_follow_up(who, plan, ctx) or who.org_id == signal.gemeld_door):
        raise Forbidden("this relapse signal is for another local team")
    return TerugvalsignaalView.model_validate(signal)


async def list_plans(
    uow: SqlUnitOfWork,
    who: Principal,
    ctx: HousingContext,
    *,
    status: str | None,
    traject_id: uuid.UUID | None = None,
    page: int,
    size: int,
) -> list[NazorgplanView]:
    query = select(Nazorgplan).where(plan_filter(who, ctx))
    if status:
        query = query.where(Nazorgplan.status == status)
    if traject_id is not None:
        query = query.where(Nazorgplan.traject_id == traject_id)
    query = query.order_by(Nazorgplan.gestart_op.desc(), Nazorgplan.id).offset((page - 1) * size).limit(size)
    return [await plan_view(uow, p, ctx) for p in list(await uow.session.scalars(query))]


async def list_contacts(
    uow: SqlUnitOfWork, who: Principal, ctx: HousingContext, *, status: str | None, page: int, size: int
) -> list[NazorgcontactView]:
    """The local team's worklist: follow-ups of its plans; `achterstallig` the overdue ones (last day passed, not
    recorded, plan active), oldest first."""
    today = ctx.today()
    query = select(Nazorgcontact, Nazorgplan).join(Nazorgplan, Nazorgplan.id == Nazorgcontact.nazorgplan_id)
    query = query.where(plan_filter(who, ctx))
    if status == "achterstallig":
        query = query.where(Nazorgcontact.contact_op.is_(None), Nazorgcontact.uiterlijk_op < today, Nazorgplan.status == ACTIVE)
    elif status == "open":
        query = query.where(Nazorgcontact.contact_op.is_(None), Nazorgplan.status == ACTIVE)
    elif status == "vastgelegd":
        query = query.where(Nazorgcontact.contact_op.is_not(None))
    query = query.order_by(Nazorgcontact.uiterlijk_op, Nazorgcontact.id).offset((page - 1) * size).limit(size)
    return [contact_view(x, p, today) for x, p in (await uow.session.execute(query)).all()]
