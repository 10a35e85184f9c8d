"""Single reads of a refusal and a check-in, so the 201 that creates them can say where they are (Location)."""

from __future__ import annotations

import uuid

from sqlalchemy import literal, select

from journey_platform.errors import Forbidden, NotFound
from journey_platform.principal import Principal
from placement.adapters.orm import Trajectcontrole, Weigering
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.service_layer import policy
from placement.service_layer.context import PlacementContext
from placement.service_layer.monitoring import controle_view
from placement.service_layer.views import TrajectcontroleView, WeigeringView


async def get_weigering(weigering_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext) -> WeigeringView:
    weigering = await uow.session.get(Weigering, weigering_id)
    if weigering is None:
        raise NotFound(f"no refusal {weigering_id}")
    visible = await uow.session.scalar(
        select(Weigering.id).where(Weigering.id == weigering_id, policy.refusal_filter(who, ctx.reference))
    )
    if visible is None:
        raise Forbidden("this refusal belongs to another region, municipality or provider")
    return WeigeringView.model_validate(weigering)


async def get_trajectcontrole(
    controle_id: uuid.UUID, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> TrajectcontroleView:
    controle = await uow.session.get(Trajectcontrole, controle_id)
    if controle is None:
        raise NotFound(f"no check-in {controle_id}")
    visible = await uow.session.scalar(select(policy.journey_filter(who, ctx.reference, literal(controle.traject_id))))
    if not visible:
        raise Forbidden("this check-in belongs to a journey outside your organisation's reach")
    return controle_view(controle, ctx)
