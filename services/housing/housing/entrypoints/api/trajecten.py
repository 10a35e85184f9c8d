"""The journey as housing knows it from intake's events: responsible municipality and lifecycle."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path

from housing.adapters.orm import Traject
from housing.entrypoints.deps import ContextDep, UowDep
from journey_platform.auth import PrincipalDep
from journey_platform.journeys import JourneyProjectionView, ensure_may_see_journey
from journey_platform.web.problems import NotFound

router = APIRouter()


@router.get(
    "/trajecten/{trajectId}",
    response_model=JourneyProjectionView,
    tags=["trajecten"],
    operation_id="haalTrajectOp",
    summary="A journey as housing follows it from intake: responsible municipality and lifecycle (ids and codes)",
)
async def haal_traject_op(
    traject_id: Annotated[uuid.UUID, Path(alias="trajectId")], who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> JourneyProjectionView:
    traject = await uow.session.get(Traject, traject_id)
    if traject is None:
        raise NotFound(f"no journey {traject_id}")
    ensure_may_see_journey(who, traject.gemeente_melding, traject.verantwoordelijke_gemeente, ctx.reference)
    return JourneyProjectionView.model_validate(traject)
