"""The warm handover (warme overdracht) to the local team of the municipality where the home is: started by the
move-in (move_in.py), acknowledged by that team."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from housing.adapters.orm import Aanbod, Kandidaat, Overdracht, Woning
from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.domain import rules
from housing.domain.states import OverdrachtStatus
from housing.service_layer import commands as c
from housing.service_layer import policy, sharing
from housing.service_layer.context import HousingContext
from housing.service_layer.offers import get_or_404
from housing.service_layer.views import OverdrachtView
from journey_platform.backdating import Recorder
from journey_platform.contracts import housing as ev
from journey_platform.errors import Conflict, Forbidden
from journey_platform.paging import page_of
from journey_platform.principal import Principal


async def start_handover(
    uow: SqlUnitOfWork,
    ctx: HousingContext,
    who: Principal,
    moved_in: tuple[Aanbod, Kandidaat, Woning],
    cmd: c.MeldVerhuizing,
    *,
    started: datetime,
    now: datetime,
) -> Overdracht:
    """The client moved in: the local team of the municipality where the home is takes over (what must be arranged
    there again). Shares the case with that team when the supplier reported the move-in. Publishes nothing: the
    move-in's event goes first, then `started_event(...)`."""
    aanbod, kandidaat, woning = moved_in
    overdracht = Overdracht(
        id=uuid.uuid4(),
        aanbod_id=aanbod.id,
        kandidaat_id=kandidaat.id,
        traject_id=kandidaat.traject_id,
        gemeente=woning.gemeente,
        vorige_gemeente=kandidaat.verantwoordelijke_gemeente,
        te_regelen=rules.to_arrange(
            woning.gemeente,
            kandidaat.verantwoordelijke_gemeente,
            debt_counselling=cmd.lopende_schuldhulpverlening,
            furnished=woning.gemeubileerd,
            ran_in=dict(kandidaat.lopend_in or {}),
        ),
        opvang_na_verhuizing=(
            ev.OpvangNaVerhuizing.bw_loopt_door_als_ambulant
            if cmd.bw_loopt_door_als_ambulant
            else ev.OpvangNaVerhuizing.beeindigd
        ).value,
        status=OverdrachtStatus.gestart,
        gestart_op=started,
        bevestigd_op=None,
        bevestigd_door=None,
    )
    uow.session.add(overdracht)
    if not policy.is_coordinator(who, kandidaat, ctx.reference) and (to := sharing.recipient(who)):
        await sharing.share(uow, kandidaat, to, "overdracht", overdracht.id, now)
    return overdracht


def started_event(kandidaat: Kandidaat, overdracht: Overdracht) -> ev.WarmeOverdrachtGestart:
    return ev.WarmeOverdrachtGestart(
        traject_id=kandidaat.traject_id,
        client_id=kandidaat.client_id,
        overdracht_id=overdracht.id,
        gemeente=overdracht.gemeente,
        te_regelen=[ev.TeRegelen(t) for t in overdracht.te_regelen],
        gestart_op=overdracht.gestart_op,
    )


async def bevestig_overdracht(
    overdracht_id: uuid.UUID, cmd: c.BevestigOverdracht, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext
) -> OverdrachtView:
    """The receiving local team acknowledges the handover."""
    overdracht: Overdracht = await get_or_404(uow, Overdracht, overdracht_id, "handover", lock=True)
    if not (who.is_local_team and who.org_id == overdracht.gemeente):
        raise Forbidden("only the local team of the municipality where the home is acknowledges the handover")
    if overdracht.status != OverdrachtStatus.gestart:
        raise Conflict(f"handover is already {overdracht.status}")
    kandidaat = await uow.session.get(Kandidaat, overdracht.kandidaat_id)
    assert kandidaat is not None
    now = ctx.moment(
        cmd.bevestigd_op,
        "bevestigdOp",
        Recorder(uow, who, cmd.reden_late_registratie),
        overdracht.gestart_op,
        "the handover started",
    )
    overdracht.status, overdracht.bevestigd_op, overdracht.bevestigd_door = OverdrachtStatus.bevestigd, now, who.org_id
    uow.publish(
        ev.WarmeOverdrachtBevestigd(
            traject_id=kandidaat.traject_id,
            client_id=kandidaat.client_id,
            overdracht_id=overdracht.id,
            gemeente=overdracht.gemeente,
            bevestigd_op=now,
        )
    )
    await uow.commit()
    return OverdrachtView.model_validate(overdracht)


async def list_overdrachten(
    uow: SqlUnitOfWork, who: Principal, ctx: HousingContext, *, status: str | None, page: int, size: int
) -> list[OverdrachtView]:
    query = select(Overdracht).where(policy.overdracht_filter(who, ctx.reference))
    if status:
        query = query.where(Overdracht.status == status)
    query = query.order_by(Overdracht.gestart_op.desc(), Overdracht.id)
    return [OverdrachtView.model_validate(o) for o in await page_of(uow.session, query, page, size)]


async def get_overdracht(overdracht_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext) -> OverdrachtView:
    overdracht: Overdracht = await get_or_404(uow, Overdracht, overdracht_id, "handover")
    kandidaat = await uow.session.get(Kandidaat, overdracht.kandidaat_id)
    assert kandidaat is not None
    if not policy.may_see_overdracht(who, overdracht, kandidaat, ctx.reference):
        raise Forbidden("this handover is not for your organisation")
    return OverdrachtView.model_validate(overdracht)
