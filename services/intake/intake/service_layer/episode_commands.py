"""A case worker closes an episode by hand: the client left the region, or died. Other closings follow from what
happened in the episode (service_layer/episodes.py)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from intake.adapters.orm import Traject
from intake.domain import episode
from intake.domain.episode import Afsluitreden
from intake.service_layer import commands as c
from intake.service_layer import episodes, policy
from intake.service_layer.context import IntakeContext
from intake.service_layer.queries import traject_view
from intake.service_layer.views import TrajectView
from journey_platform import backdating
from journey_platform.errors import Conflict, InvalidInput, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal


async def sluit_traject_af(
    traject_id: uuid.UUID, cmd: c.SluitTrajectAf, uow: UnitOfWork, who: Principal, ctx: IntakeContext
) -> TrajectView:
    policy.ensure_case_worker(who)
    traject = await uow.session.scalar(select(Traject).where(Traject.id == traject_id).with_for_update())
    if traject is None:
        raise NotFound(f"no journey {traject_id}")
    policy.ensure_may_see_journey(who, traject, ctx.reference)
    now = ctx.clock()
    if cmd.afgesloten_op is not None and cmd.afgesloten_op > now:
        raise InvalidInput.field("afgeslotenOp", "lies in the future", "future-date")
    if cmd.afgesloten_op is not None and cmd.afgesloten_op < traject.geopend_op:
        raise InvalidInput.field("afgeslotenOp", "lies before the journey was opened", "before-opening")
    recorder = backdating.Recorder(uow, who, cmd.reden_late_registratie, traject.id)
    moment = backdating.moment(cmd.afgesloten_op, "afgeslotenOp", now=now, policy=ctx.late, recorder=recorder)
    if traject.status != episode.OPEN:
        raise Conflict(f"the journey is already closed ({traject.afsluitreden})")
    episodes.close(uow, traject, Afsluitreden(cmd.reden_code.value), moment)
    await uow.commit()
    return await traject_view(uow, traject)
