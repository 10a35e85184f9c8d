"""Offers: made from a proposal, accepted or declined (the move-in: verhuizingen.py)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Query

from housing.entrypoints.deps import AanbodId, ContextDep, PageDep, SizeDep, UowDep
from housing.service_layer import commands as c
from housing.service_layer import offers, queries
from housing.service_layer.views import AanbodView
from journey_platform.auth import PrincipalDep

router = APIRouter()
AanbodStatus = Annotated[str | None, Query(pattern=r"^(gedaan|geaccepteerd|afgewezen|verlopen|vervallen|verhuisd)$")]


@router.post(
    "/aanbiedingen",
    status_code=201,
    response_model=AanbodView,
    tags=["aanbiedingen"],
    operation_id="doeAanbod",
    summary="The client's coordinator turns a proposal (or a suitable unit) into an offer, with an expiry",
)
async def doe_aanbod(body: c.DoeAanbod, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> AanbodView:
    return await offers.doe_aanbod(body, uow, who, ctx)


@router.get(
    "/aanbiedingen",
    response_model=list[AanbodView],
    tags=["aanbiedingen"],
    operation_id="zoekAanbiedingen",
    summary="Offers to your clients, or (for a supplier) on your units, without the client's details",
)
async def zoek_aanbiedingen(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    status: AanbodStatus = None,
    kandidaat_id: Annotated[uuid.UUID | None, Query(alias="kandidaatId")] = None,
    woning_id: Annotated[uuid.UUID | None, Query(alias="woningId")] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[AanbodView]:
    return await queries.list_aanbiedingen(
        uow, who, ctx, status=status, kandidaat_id=kandidaat_id, woning_id=woning_id, page=pagina, size=pagina_grootte
    )


@router.get(
    "/aanbiedingen/{aanbodId}", response_model=AanbodView, tags=["aanbiedingen"], operation_id="haalAanbodOp", summary="One offer"
)
async def haal_aanbod_op(aanbod_id: AanbodId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> AanbodView:
    return await queries.get_aanbod(aanbod_id, uow, who, ctx)


@router.post(
    "/aanbiedingen/{aanbodId}/acceptatie",
    response_model=AanbodView,
    tags=["aanbiedingen"],
    operation_id="accepteerAanbod",
    summary="The client accepts; competing offers for the client and the unit lapse",
)
async def accepteer_aanbod(
    aanbod_id: AanbodId, who: PrincipalDep, uow: UowDep, ctx: ContextDep, body: Annotated[c.AccepteerAanbod | None, Body()] = None
) -> AanbodView:
    return await offers.accepteer_aanbod(aanbod_id, body or c.AccepteerAanbod(), uow, who, ctx)


@router.post(
    "/aanbiedingen/{aanbodId}/afwijzing",
    response_model=AanbodView,
    tags=["aanbiedingen"],
    operation_id="wijsAanbodAf",
    summary="Decline (client or supplier) with a reason; matching runs again",
)
async def wijs_aanbod_af(
    aanbod_id: AanbodId, body: c.WijsAanbodAf, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> AanbodView:
    return await offers.wijs_aanbod_af(aanbod_id, body, uow, who, ctx)
