"""Trajectory monitoring (trajectbewaking): check-ins with due dates and outcomes, and the worklist of overdue ones."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from journey_platform.contracts import placement as ev
from journey_platform.errors import Conflict, InvalidInput, NotFound
from journey_platform.principal import Principal
from placement.adapters.orm import Trajectcontrole
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain import monitoring as rules
from placement.domain.states import TrajectStatus
from placement.service_layer import plan_commands as pc
from placement.service_layer import policy
from placement.service_layer.check_in_end import lock_journeys
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import journey
from placement.service_layer.views import TrajectcontroleView


def controle_view(check: Trajectcontrole, ctx: PlacementContext, next_id: uuid.UUID | None = None) -> TrajectcontroleView:
    state = rules.status(check.uitgevoerd_op is not None, check.vervallen_op is not None)
    return TrajectcontroleView(
        id=check.id,
        traject_id=check.traject_id,
        gepland_datum=check.gepland_op,
        uitgevoerd_op=check.uitgevoerd_op,
        uitkomst=check.uitkomst,
        notities=check.notities,
        volgende_id=next_id,
        dagen_achterstallig=rules.days_overdue(check.gepland_op, ctx.today()) if state is rules.ControleStatus.gepland else 0,
        status=state,
        vervallen_op=check.vervallen_op,
        reden_vervallen=check.reden_vervallen,
    )


async def plan_controle(
    cmd: pc.PlanTrajectcontrole, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> TrajectcontroleView:
    policy.ensure_central_access(who)
    traject = await journey(uow, cmd.traject_id)
    await policy.ensure_may_see_journey(uow, who, ctx.reference, traject.id)
    if traject.status == TrajectStatus.gesloten:
        raise Conflict("this episode is closed: a check-in is planned only while it runs")
    if cmd.gepland_datum < ctx.today():
        raise InvalidInput.field("geplandDatum", "lies in the past", "past-date")
    check = Trajectcontrole(id=uuid.uuid4(), traject_id=traject.id, gepland_op=cmd.gepland_datum, aangemaakt_door=who.org_id)
    uow.session.add(check)
    await uow.commit()
    return controle_view(check, ctx)


async def leg_uitkomst_vast(
    controle_id: uuid.UUID, cmd: pc.LegUitkomstVast, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> TrajectcontroleView:
    seen = await uow.session.get(Trajectcontrole, controle_id)
    if seen is None:
        raise NotFound(f"no check-in {controle_id}")
    await lock_journeys(uow, [seen.traject_id])  # before the check-in, as closing does (check_in_end.py)
    check = await uow.session.scalar(
        select(Trajectcontrole)
        .where(Trajectcontrole.id == controle_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert check is not None  # check-ins are never deleted
    await policy.ensure_guides_or_governs_client(uow, who, ctx.reference, check.traject_id)
    if check.uitgevoerd_op is not None:
        raise Conflict("this check-in already has an outcome")
    if check.vervallen_op is not None:
        raise Conflict(f"this check-in was closed ({check.reden_vervallen}): the client's care ended")
    today = ctx.today()
    if cmd.volgende_datum is not None and cmd.volgende_datum <= today:
        raise InvalidInput.field("volgendeDatum", "must lie after today", "past-date")
    traject = await journey(uow, check.traject_id)
    check.uitgevoerd_op, check.uitkomst, check.notities = ctx.clock(), cmd.uitkomst.value, cmd.notities
    uow.publish(
        ev.TrajectcontroleUitgevoerd(
            traject_id=traject.id,
            client_id=traject.client_id,
            controle_id=check.id,
            gepland_op=check.gepland_op,
            uitgevoerd_op=check.uitgevoerd_op,
            uitkomst=check.uitkomst,
            op_tijd=today <= check.gepland_op,
        )
    )
    next_on = cmd.volgende_datum or rules.next_check_in(today, ctx.rules.check_in_interval_days, cmd.uitkomst)
    following = None
    if next_on is not None:
        following = Trajectcontrole(id=uuid.uuid4(), traject_id=traject.id, gepland_op=next_on, aangemaakt_door=who.org_id)
        uow.session.add(following)
    await uow.commit()
    return controle_view(check, ctx, following.id if following else None)
