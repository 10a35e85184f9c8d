"""The journey as a local team, the central access point or a provider reads it."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ColumnElement, false, or_, select

from reporting.adapters.orm import TijdlijnItem, Traject
from reporting.service_layer.views import TijdlijnItemView, TrajectView
from journey_platform.auth import Principal
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.reference import ReferenceData
from journey_platform.web.problems import Forbidden, NotFound


def traject_filter(who: Principal, reference: ReferenceData) -> ColumnElement[bool]:
    if who.is_local_team:
        return or_(Traject.gemeente_melding == who.org_id, Traject.verantwoordelijke_gemeente == who.org_id)
    if who.is_central_access:
        region = reference.region(who.region or "")
        codes = [m.code for m in region.municipalities] if region else []
        return or_(Traject.gemeente_melding.in_(codes), Traject.verantwoordelijke_gemeente.in_(codes))
    return false()


async def get_traject(traject_id: uuid.UUID, uow: UnitOfWork, who: Principal, reference: ReferenceData) -> TrajectView:
    traject = await uow.session.get(Traject, traject_id)
    if traject is None:
        raise NotFound(f"no journey {traject_id}")
    if not who.may_see_municipalities({traject.gemeente_melding, traject.verantwoordelijke_gemeente}, reference):
        raise Forbidden("this journey belongs to a municipality outside your organisation's reach")
    items = await uow.session.scalars(
        select(TijdlijnItem).where(TijdlijnItem.traject_id == traject_id).order_by(TijdlijnItem.tijdstip, TijdlijnItem.event_id)
    )
    view = TrajectView.model_validate(traject)
    view.tijdlijn = [TijdlijnItemView.model_validate(i) for i in items]
    return view


async def list_trajecten(
    uow: UnitOfWork, who: Principal, reference: ReferenceData, *, gemeente: str | None, fase: str | None,
    in_fase_sinds_voor: datetime | None, page: int, size: int,
) -> list[TrajectView]:
    query = select(Traject).where(traject_filter(who, reference))
    if gemeente:
        query = query.where(or_(Traject.gemeente_melding == gemeente, Traject.verantwoordelijke_gemeente == gemeente))
    if fase:
        query = query.where(Traject.fase == fase)
    if in_fase_sinds_voor:
        query = query.where(Traject.fase_sinds < in_fase_sinds_voor)
    query = query.order_by(Traject.bijgewerkt_op.desc(), Traject.id).offset((page - 1) * size).limit(size)
    return [TrajectView.model_validate(t) for t in await uow.session.scalars(query)]
