"""Housing stock: units registered and withdrawn by their suppliers, one at a time or in bulk."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from housing.entrypoints.deps import ContextDep, GemeenteFilter, PageDep, SizeDep, UowDep, WoningId
from housing.service_layer import commands as c
from housing.service_layer import stock
from housing.service_layer.views import WoningView
from journey_platform.auth import PrincipalDep

router = APIRouter(tags=["woningen"])
WoningStatus = Annotated[str | None, Query(pattern=r"^(beschikbaar|aangeboden|toegewezen|verhuurd|ingetrokken)$")]


@router.post(
    "/woningen",
    status_code=201,
    response_model=WoningView,
    operation_id="registreerWoning",
    summary="Register a housing unit available for outflow",
)
async def registreer_woning(body: c.RegistreerWoning, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> WoningView:
    return await stock.registreer_woning(body, uow, who, ctx)


@router.post(
    "/woningbatches",
    status_code=201,
    response_model=list[WoningView],
    operation_id="registreerWoningen",
    summary="Register many units at once: all or none (every refused field is named)",
)
async def registreer_woningen(body: c.RegistreerWoningen, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> list[WoningView]:
    return await stock.registreer_woningen(body.woningen, uow, who, ctx)


@router.get(
    "/woningen",
    response_model=list[WoningView],
    operation_id="zoekWoningen",
    summary="Units you may see: a supplier its own, a local team or central access those in its area",
)
async def zoek_woningen(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    gemeente: GemeenteFilter = None,
    status: WoningStatus = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[WoningView]:
    return await stock.list_woningen(uow, who, ctx, gemeente=gemeente, status=status, page=pagina, size=pagina_grootte)


@router.get("/woningen/{woningId}", response_model=WoningView, operation_id="haalWoningOp", summary="Get one unit")
async def haal_woning_op(woning_id: WoningId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> WoningView:
    return await stock.get_woning(woning_id, uow, who, ctx)


@router.post(
    "/woningen/{woningId}/intrekking",
    response_model=WoningView,
    operation_id="trekWoningIn",
    summary="Withdraw a unit: open proposals and offers on it lapse",
)
async def trek_woning_in(woning_id: WoningId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> WoningView:
    return (await stock.trek_woningen_in([woning_id], uow, who, ctx))[0]


@router.post(
    "/intrekkingen",
    response_model=list[WoningView],
    operation_id="trekWoningenIn",
    summary="Withdraw many units at once: all or none",
)
async def trek_woningen_in(body: c.TrekWoningenIn, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> list[WoningView]:
    return await stock.trek_woningen_in(body.woning_ids, uow, who, ctx)
