"""Move-in (verhuizing): the client moved into the offered home, which starts the warm handover."""

from __future__ import annotations

from fastapi import APIRouter

from housing.entrypoints.deps import AanbodId, ContextDep, UowDep
from housing.service_layer import commands as c
from housing.service_layer import move_in
from housing.service_layer.views import OverdrachtView
from journey_platform.auth import PrincipalDep

router = APIRouter()


@router.post(
    "/aanbiedingen/{aanbodId}/verhuizing",
    status_code=201,
    response_model=OverdrachtView,
    tags=["verhuizingen"],
    operation_id="meldVerhuizing",
    summary="The client moved in: starts the warm handover to the local team",
)
async def meld_verhuizing(
    aanbod_id: AanbodId, body: c.MeldVerhuizing, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> OverdrachtView:
    return await move_in.meld_verhuizing(aanbod_id, body, uow, who, ctx)
