"""The journey as a local team, the central access point or a provider reads it."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from journey_platform.db import utcnow
from journey_platform.errors import NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.paging import page_of
from journey_platform.principal import Principal
from journey_platform.reference import ReferenceData
from reporting.adapters.orm import TijdlijnItem, Traject, TrajectZorgaanbieder
from reporting.domain.indicators.history import moment_of
from reporting.service_layer.policy import ensure_may_see_traject, owner_facts_known, traject_filter
from reporting.service_layer.views import TijdlijnItemView, TrajectView


def _view(traject: Traject, now: datetime) -> TrajectView:
    view = TrajectView.model_validate(traject)
    view.dagen_in_fase = max((now - traject.fase_sinds).days, 0)
    return view


async def get_traject(traject_id: uuid.UUID, uow: UnitOfWork, who: Principal, reference: ReferenceData) -> TrajectView:
    traject = await uow.session.get(Traject, traject_id)
    if traject is None or traject.verantwoordelijke_gemeente is None:  # policy.owner_facts_known
        raise NotFound(f"no journey {traject_id}")
    providers = set(
        await uow.session.scalars(select(TrajectZorgaanbieder.zorgaanbieder).where(TrajectZorgaanbieder.traject_id == traject_id))
    )
    ensure_may_see_traject(who, traject, providers, reference)
    items = await uow.session.scalars(
        select(TijdlijnItem)
        .where(TijdlijnItem.traject_id == traject_id)
        .order_by(TijdlijnItem.tijdstip, func.coalesce(TijdlijnItem.volgnummer, 0), TijdlijnItem.event_id)
    )
    view = _view(traject, utcnow())
    view.zorgaanbieders = sorted(providers)
    view.tijdlijn = timeline(items)
    return view


def timeline(items: Iterable[TijdlijnItem]) -> list[TijdlijnItemView]:
    """Each entry with when it happened and when it was recorded, ordered by when it happened; `items` come in
    recorded order (then the producer's `trajectvolgnummer`), which the stable sort keeps for equal moments."""
    views = [
        TijdlijnItemView(
            event_id=i.event_id,
            moment=moment_of(i.gebeurtenis, i.gegevens, i.tijdstip),
            vastgelegd_op=i.tijdstip,
            tijdstip=i.tijdstip,
            registratie=i.registratie,
            gebeurtenis=i.gebeurtenis,
            dienst=i.dienst,
            actor_type=i.actor_type,
            actor=i.actor,
            fase=i.fase,
            gegevens=i.gegevens,
        )
        for i in items
    ]
    return sorted(views, key=lambda v: v.moment)


async def list_trajecten(
    uow: UnitOfWork,
    who: Principal,
    reference: ReferenceData,
    *,
    gemeente: str | None,
    fase: str | None,
    in_fase_sinds_voor: datetime | None,
    minimaal_dagen_in_fase: int | None,
    page: int,
    size: int,
) -> list[TrajectView]:
    now = utcnow()
    query = select(Traject).where(owner_facts_known(), traject_filter(who, reference))
    if gemeente:
        query = query.where(or_(Traject.gemeente_melding == gemeente, Traject.verantwoordelijke_gemeente == gemeente))
    if fase:
        query = query.where(Traject.fase == fase)
    if in_fase_sinds_voor:
        query = query.where(Traject.fase_sinds < in_fase_sinds_voor)
    if minimaal_dagen_in_fase is not None:
        query = query.where(Traject.fase_sinds <= now - timedelta(days=minimaal_dagen_in_fase))
    query = query.order_by(Traject.bijgewerkt_op.desc(), Traject.id)
    return [_view(t, now) for t in await page_of(uow.session, query, page, size)]
