"""What time does: offers expire or stall, candidates pass the three-month target. Run periodically."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from housing.adapters.orm import Aanbod, Kandidaat
from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.domain import rules
from housing.domain.states import AanbodStatus
from housing.service_layer.candidates import OPEN
from housing.service_layer.context import HousingContext
from housing.service_layer.offers import release_offer
from housing.service_layer.pool import lock_pool
from journey_platform.contracts import housing as ev


async def signal_time(uow: SqlUnitOfWork, ctx: HousingContext) -> int:
    """Expire, flag stalls and the three-month target; returns how many events it emitted. Commits."""
    await lock_pool(uow)
    emitted = await _expire_offers(uow, ctx) + await _flag_stalls(uow, ctx) + await _flag_three_months(uow, ctx)
    await uow.commit()
    return emitted


async def _expire_offers(uow: SqlUnitOfWork, ctx: HousingContext) -> int:
    now = ctx.clock()
    due = list(
        await uow.session.scalars(
            select(Aanbod).where(Aanbod.status == AanbodStatus.gedaan, Aanbod.verloopt_op <= now).with_for_update()
        )
    )
    for aanbod in due:
        await release_offer(uow, aanbod, AanbodStatus.verlopen, "verlopen", None, now)
    return len(due)


async def _flag_stalls(uow: SqlUnitOfWork, ctx: HousingContext) -> int:
    now = ctx.clock()
    no_reaction = (Aanbod.status == AanbodStatus.gedaan) & (
        Aanbod.gedaan_op <= now - timedelta(days=ctx.settings.offer_stall_days)
    )
    no_move = (Aanbod.status == AanbodStatus.geaccepteerd) & (
        Aanbod.geaccepteerd_op <= now - timedelta(days=ctx.settings.move_in_stall_days)
    )
    stalled = list(
        await uow.session.scalars(select(Aanbod).where(Aanbod.vastgelopen_op.is_(None), no_reaction | no_move).with_for_update())
    )
    for aanbod in stalled:
        kandidaat = await uow.session.get(Kandidaat, aanbod.kandidaat_id)
        assert kandidaat is not None
        aanbod.vastgelopen_op = now
        uow.publish(
            ev.AanbodVastgelopen(
                traject_id=kandidaat.traject_id,
                client_id=kandidaat.client_id,
                aanbod_id=aanbod.id,
                woning_id=aanbod.woning_id,
                fase=aanbod.status,
                sinds=aanbod.geaccepteerd_op if aanbod.status == AanbodStatus.geaccepteerd else aanbod.gedaan_op,
            )
        )
    return len(stalled)


async def _flag_three_months(uow: SqlUnitOfWork, ctx: HousingContext) -> int:
    now = ctx.clock()
    maybe = await uow.session.scalars(
        select(Kandidaat)
        .where(
            Kandidaat.status.in_(OPEN),
            Kandidaat.termijn_overschreden_op.is_(None),
            Kandidaat.uitstroomgereed_op <= now - timedelta(days=89),
        )
        .with_for_update()
    )
    flagged = [k for k in maybe if rules.target_passed(k.uitstroomgereed_op, now)]
    for k in flagged:
        k.termijn_overschreden_op = now
        uow.publish(
            ev.DrieMaandenTermijnOverschreden(
                traject_id=k.traject_id,
                client_id=k.client_id,
                kandidaat_id=k.id,
                uitstroomgereed_op=k.uitstroomgereed_op,
                gemeente=k.verantwoordelijke_gemeente,
            )
        )
    return len(flagged)
