"""Admissions and refusals, placements, stays: short stay, checklist, transfer, ready to leave, discharge."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query

from journey_platform.auth import PrincipalDep
from journey_platform.contracts.placement import ChecklistItem
from placement.entrypoints.deps import ContextDep, GemeenteFilter, PageDep, SizeDep, UowDep, VerblijfId
from placement.service_layer import admissions, placements, queries, ready_to_leave, single_reads
from placement.service_layer import commands as c
from placement.service_layer.views import UitstroomgereedView, VerblijfView, WeigeringView

router = APIRouter()


@router.post(
    "/opnames",
    status_code=201,
    response_model=VerblijfView,
    tags=["verblijven"],
    operation_id="neemOp",
    summary="Admit a client to a shelter or Bed & Break; when full, a refusal is recorded and 409 names it",
)
async def neem_op(body: c.NeemOp, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> VerblijfView:
    return await admissions.neem_op(body, uow, who, ctx)


@router.post(
    "/weigeringen",
    status_code=201,
    response_model=WeigeringView,
    tags=["weigeringen"],
    operation_id="registreerWeigering",
    summary="Record a refusal with its reason, the alternative offered and where the person went",
)
async def registreer_weigering(body: c.RegistreerWeigering, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> WeigeringView:
    return await admissions.registreer_weigering(body, uow, who, ctx)


@router.get(
    "/weigeringen",
    response_model=list[WeigeringView],
    tags=["weigeringen"],
    operation_id="zoekWeigeringen",
    summary="Refusals you may see (region, municipality, or your own)",
)
async def zoek_weigeringen(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    gemeente: GemeenteFilter = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[WeigeringView]:
    return await queries.list_weigeringen(uow, who, ctx, gemeente=gemeente, page=queries.Page(pagina, pagina_grootte))


@router.get(
    "/weigeringen/{weigeringId}",
    response_model=WeigeringView,
    tags=["weigeringen"],
    operation_id="haalWeigeringOp",
    summary="Get one refusal",
)
async def haal_weigering_op(
    weigering_id: Annotated[uuid.UUID, Path(alias="weigeringId")], who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> WeigeringView:
    return await single_reads.get_weigering(weigering_id, uow, who, ctx)


@router.post(
    "/plaatsingen",
    status_code=201,
    response_model=VerblijfView,
    tags=["verblijven"],
    operation_id="plaats",
    summary="Place a client: in the place offered from the waiting list, or directly (a current stay becomes a transfer)",
)
async def plaats(body: c.Plaats, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> VerblijfView:
    return await placements.plaats(body, uow, who, ctx)


@router.get(
    "/verblijven",
    response_model=list[VerblijfView],
    tags=["verblijven"],
    operation_id="zoekVerblijven",
    summary="Stays you may see",
)
async def zoek_verblijven(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    traject_id: Annotated[uuid.UUID | None, Query(alias="trajectId")] = None,
    voorziening_id: Annotated[uuid.UUID | None, Query(alias="voorzieningId")] = None,
    status: Annotated[str | None, Query(pattern=r"^(actief|uitgestroomd|overgeplaatst)$")] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[VerblijfView]:
    return await queries.list_verblijven(
        uow,
        who,
        ctx,
        traject_id=traject_id,
        voorziening_id=voorziening_id,
        status=status,
        page=queries.Page(pagina, pagina_grootte),
    )


@router.get(
    "/verblijven/{verblijfId}",
    response_model=VerblijfView,
    tags=["verblijven"],
    operation_id="haalVerblijfOp",
    summary="Get one stay with its checklist",
)
async def haal_verblijf_op(verblijf_id: VerblijfId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> VerblijfView:
    return await placements.get_verblijf(verblijf_id, uow, who, ctx)


@router.post(
    "/verblijven/{verblijfId}/verlenging",
    response_model=VerblijfView,
    tags=["verblijven"],
    operation_id="verlengKortVerblijf",
    summary="Extend an out-of-region short stay, with a reason",
)
async def verleng(
    verblijf_id: VerblijfId, body: c.VerlengKortVerblijf, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> VerblijfView:
    return await admissions.verleng_kort_verblijf(verblijf_id, body, uow, who, ctx)


@router.post(
    "/verblijven/{verblijfId}/checklist-items/{item}/afronding",
    response_model=VerblijfView,
    tags=["verblijven"],
    operation_id="rondChecklistItemAf",
    summary="Mark an item of the acute stay's checklist (ID, income, insurance) done",
)
async def rond_af(
    verblijf_id: VerblijfId,
    item: Annotated[ChecklistItem, Path()],
    body: c.RondChecklistItemAf,
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
) -> VerblijfView:
    return await admissions.rond_checklist_item_af(verblijf_id, item, body, uow, who, ctx)


@router.post(
    "/verblijven/{verblijfId}/overplaatsing",
    status_code=201,
    response_model=VerblijfView,
    tags=["verblijven"],
    operation_id="plaatsOver",
    summary="Transfer a client to another facility; answers the new stay",
)
async def plaats_over(
    verblijf_id: VerblijfId, body: c.PlaatsOver, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> VerblijfView:
    return await placements.plaats_over(verblijf_id, body, uow, who, ctx)


@router.post(
    "/verblijven/{verblijfId}/uitstroomgereed-verklaring",
    status_code=201,
    response_model=UitstroomgereedView,
    tags=["verblijven"],
    operation_id="verklaarUitstroomgereed",
    summary="Declare the client ready to leave, with the housing needs housing matches on",
)
async def verklaar_uitstroomgereed(
    verblijf_id: VerblijfId, body: c.VerklaarUitstroomgereed, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> UitstroomgereedView:
    return await ready_to_leave.verklaar_uitstroomgereed(verblijf_id, body, uow, who, ctx)


@router.get(
    "/verblijven/{verblijfId}/uitstroomgereed-verklaring",
    response_model=UitstroomgereedView,
    tags=["verblijven"],
    operation_id="haalUitstroomgereedVerklaringOp",
    summary="The stay's latest ready-to-leave declaration, with the housing needs it states",
)
async def haal_uitstroomgereed_verklaring_op(
    verblijf_id: VerblijfId, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> UitstroomgereedView:
    return await ready_to_leave.get_uitstroomgereed(verblijf_id, uow, who, ctx)


@router.post(
    "/verblijven/{verblijfId}/uitstroom",
    response_model=VerblijfView,
    tags=["verblijven"],
    operation_id="stroomUit",
    summary="Discharge: the client leaves, with destination and whether he or she returned to the municipality of origin",
)
async def stroom_uit(verblijf_id: VerblijfId, body: c.StroomUit, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> VerblijfView:
    return await placements.stroom_uit(verblijf_id, body, uow, who, ctx)
