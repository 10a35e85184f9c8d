"""Read side of intake: lists and worklists, always filtered by what the caller may see."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from intake.adapters.orm import Melding, Persoon, Preventiezaak, Traject, messaging
from intake.domain import rules
from intake.service_layer import policy
from intake.service_layer.context import IntakeContext
from intake.service_layer.handlers import OPEN_STATES, melding_view
from intake.service_layer.identity import surviving
from intake.service_layer.persons import person_view
from intake.service_layer.views import (
    LateRegistratieView,
    MeldingView,
    PersoonView,
    PreventiezaakView,
    TermijnView,
    TrajectView,
)
from journey_platform.errors import NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.paging import page_of
from journey_platform.principal import Principal


async def list_meldingen(
    uow: UnitOfWork,
    who: Principal,
    ctx: IntakeContext,
    *,
    gemeente: str | None,
    status: str | None,
    traject_id: uuid.UUID | None,
    page: int,
    size: int,
) -> list[MeldingView]:
    query = select(Melding).where(policy.melding_filter(who, ctx.reference))
    if gemeente:
        query = query.where((Melding.gemeente_melding == gemeente) | (Melding.verantwoordelijke_gemeente == gemeente))
    if status:
        query = query.where(Melding.status == status)
    if traject_id:
        query = query.where(Melding.traject_id == traject_id)
    query = query.order_by(Melding.gemeld_op.desc(), Melding.id)
    keys = ctx.keys(uow)
    return [await melding_view(m, keys) for m in await page_of(uow.session, query, page, size)]


async def beslistermijnen(
    uow: UnitOfWork, who: Principal, ctx: IntakeContext, *, gemeente: str | None, today: date, page: int, size: int
) -> list[TermijnView]:
    """The worklist: open reports, fewest days left first."""
    query = select(Melding).where(policy.melding_filter(who, ctx.reference), Melding.status.in_(OPEN_STATES))
    if gemeente:
        query = query.where(Melding.verantwoordelijke_gemeente == gemeente)
    query = query.order_by(Melding.beslistermijn, Melding.gemeld_op)
    return [
        TermijnView(
            melding_id=m.id,
            traject_id=m.traject_id,
            gemeente_melding=m.gemeente_melding,
            verantwoordelijke_gemeente=m.verantwoordelijke_gemeente,
            meld_datum=m.meld_datum,
            beslistermijn=m.beslistermijn,
            dagen_resterend=rules.days_left(m.beslistermijn, today),
            status=m.status,
        )
        for m in await page_of(uow.session, query, page, size)
    ]


async def list_preventiezaken(
    uow: UnitOfWork, who: Principal, ctx: IntakeContext, *, gemeente: str | None, page: int, size: int
) -> list[PreventiezaakView]:
    query = select(Preventiezaak).where(policy.preventiezaak_filter(who, ctx.reference))
    if gemeente:
        query = query.where(Preventiezaak.gemeente == gemeente)
    query = query.order_by(Preventiezaak.geopend_op.desc())
    keys = ctx.keys(uow)
    return [
        PreventiezaakView.model_validate(z).model_copy(update={"toelichting": await keys.open(z.persoon_id, z.toelichting)})
        for z in await page_of(uow.session, query, page, size)
    ]


async def get_traject(traject_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> TrajectView:
    traject = await uow.session.get(Traject, traject_id)
    if traject is None:
        raise NotFound(f"no journey {traject_id}")
    policy.ensure_may_see_journey(who, traject, ctx.reference)
    return await traject_view(uow, traject)


async def traject_view(uow: UnitOfWork, traject: Traject) -> TrajectView:
    """The journey with its moments registered after the fact (when each happened and when it was recorded)."""
    table = messaging.late_registrations
    assert table is not None  # intake keeps them (adapters/orm.py)
    rows = (
        await uow.session.execute(
            select(table).where(table.c.traject_id == traject.id).order_by(table.c.moment, table.c.vastgelegd_op)
        )
    ).mappings()
    late = [LateRegistratieView.model_validate(dict(row)) for row in rows]
    return TrajectView.model_validate(traject).model_copy(update={"late_registraties": late})


async def get_persoon(persoon_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> PersoonView:
    """Personal data: only for case workers who can see one of the person's reports or journeys."""
    policy.ensure_case_worker(who)
    persoon = await uow.session.get(Persoon, persoon_id)
    if persoon is None:
        raise NotFound(f"no person {persoon_id}")
    now_known_as = (await surviving(uow.session, persoon)).id  # a merged person is seen by who sees whom it became
    trajecten = list(await uow.session.scalars(select(Traject).where(Traject.persoon_id == now_known_as)))
    report = await uow.session.scalar(
        select(Melding.id).where(Melding.persoon_id == now_known_as, policy.melding_filter(who, ctx.reference)).limit(1)
    )
    policy.ensure_may_see_person(who, trajecten, report is not None, ctx.reference)
    return person_view(persoon, ctx.keyring)
