"""The watcher's round: acute stays nearing or passing their maximum, short stays that end, overdue check-ins."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from journey_platform.contracts import placement as ev
from placement.adapters.orm import Traject, Trajectcontrole, Verblijf
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain import stays as rules
from placement.domain.states import VerblijfStatus
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import ACTIVE
from placement.service_layer.stays import Ending, end_stay


async def bewaak(uow: SqlUnitOfWork, ctx: PlacementContext, now: datetime) -> int:
    """One round; `now` is injected so tests choose the day. Returns how many signals or endings it made."""
    today = rules.local_day(now)
    done = await _signal_stay_maximum(uow, ctx, today)
    done += await _end_short_stays(uow, ctx, now)
    done += await _signal_overdue_check_ins(uow, today)
    await uow.commit()
    return done


async def _signal_stay_maximum(uow: SqlUnitOfWork, ctx: PlacementContext, today: date) -> int:
    horizon = today + timedelta(days=ctx.rules.warning_days)
    due = await uow.session.scalars(
        select(Verblijf)
        .where(
            Verblijf.status == ACTIVE,
            Verblijf.maximum_datum.is_not(None),
            Verblijf.maximum_datum <= horizon,
            Verblijf.maximum_signaal != rules.StaySignal.PASSED,
        )
        .with_for_update()
    )
    emitted = 0
    for stay in due:
        assert stay.maximum_datum is not None
        signal = rules.stay_signal(stay.maximum_datum, today, ctx.rules.warning_days)
        if signal == stay.maximum_signaal:
            continue
        stay.maximum_signaal = signal
        common = dict(traject_id=stay.traject_id, client_id=stay.client_id, opname_id=stay.id, maximum_op=stay.maximum_datum)
        if signal == rules.StaySignal.PASSED:
            uow.publish(ev.VerblijfMaximumOverschreden(**common))
        else:
            uow.publish(ev.VerblijfNadertMaximum(**common, dagen_resterend=(stay.maximum_datum - today).days))
        emitted += 1
    return emitted


async def _end_short_stays(uow: SqlUnitOfWork, ctx: PlacementContext, now: datetime) -> int:
    """2 nights / 3 days, unless extended: the stay ends, with a warm transfer to the region of origin."""
    ended = list(
        await uow.session.scalars(
            select(Verblijf)
            .where(Verblijf.status == ACTIVE, Verblijf.kort_verblijf_buiten_regio.is_(True), Verblijf.uiterlijk_tot <= now)
            .order_by(Verblijf.voorziening_id)
            .with_for_update()
        )
    )
    for stay in ended:
        traject = await uow.session.get(Traject, stay.traject_id)
        ending = Ending(
            status=VerblijfStatus.uitgestroomd,
            bestemming=ev.Bestemming.andere_regio,
            reden="kort-verblijf-verlopen",
            origin=traject.gemeente_van_herkomst if traject else None,
        )
        await end_stay(uow, ctx, stay, ending)
    return len(ended)


async def _signal_overdue_check_ins(uow: SqlUnitOfWork, today: date) -> int:
    overdue = list(
        await uow.session.scalars(
            select(Trajectcontrole)
            .where(
                Trajectcontrole.uitgevoerd_op.is_(None),
                Trajectcontrole.vervallen_op.is_(None),  # closed when the care ended: nobody left to ask
                Trajectcontrole.gepland_op < today,
                Trajectcontrole.achterstallig_gemeld.is_(False),
            )
            .with_for_update()
        )
    )
    for check in overdue:
        traject = await uow.session.get(Traject, check.traject_id)
        if traject is None:
            continue
        check.achterstallig_gemeld = True
        uow.publish(
            ev.TrajectcontroleAchterstallig(
                traject_id=traject.id, client_id=traject.client_id, controle_id=check.id, gepland_op=check.gepland_op
            )
        )
    return len(overdue)
