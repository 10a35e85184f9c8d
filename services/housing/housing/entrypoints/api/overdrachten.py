"""The warm handover (warme overdracht) to the local team of the municipality where the home is."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query

from housing.entrypoints.deps import ContextDep, OverdrachtId, PageDep, SizeDep, UowDep
from housing.service_layer import commands as c
from housing.service_layer import handover
from housing.service_layer.views import OverdrachtView
from journey_platform.auth import PrincipalDep

router = APIRouter()


@router.get(
    "/overdrachten",
    response_model=list[OverdrachtView],
    tags=["overdrachten"],
    operation_id="zoekOverdrachten",
    summary="Warm handovers to your local team (or of your clients)",
)
async def zoek_overdrachten(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    status: Annotated[str | None, Query(pattern=r"^(gestart|bevestigd)$")] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[OverdrachtView]:
    return await handover.list_overdrachten(uow, who, ctx, status=status, page=pagina, size=pagina_grootte)


@router.get(
    "/overdrachten/{overdrachtId}",
    response_model=OverdrachtView,
    tags=["overdrachten"],
    operation_id="haalOverdrachtOp",
    summary="One warm handover: what must be arranged",
)
async def haal_overdracht_op(overdracht_id: OverdrachtId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> OverdrachtView:
    return await handover.get_overdracht(overdracht_id, uow, who, ctx)


@router.post(
    "/overdrachten/{overdrachtId}/bevestiging",
    response_model=OverdrachtView,
    tags=["overdrachten"],
    operation_id="bevestigOverdracht",
    summary="The receiving local team acknowledges the handover",
)
async def bevestig_overdracht(
    overdracht_id: OverdrachtId,
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    body: Annotated[c.BevestigOverdracht | None, Body()] = None,
) -> OverdrachtView:
    return await handover.bevestig_overdracht(overdracht_id, body or c.BevestigOverdracht(), uow, who, ctx)
