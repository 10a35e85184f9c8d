"""Candidates, matching rounds and proposals (with their explanations)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from housing.entrypoints.deps import ContextDep, GemeenteFilter, KandidaatId, PageDep, RondeId, SizeDep, UowDep, VoorstelId
from housing.service_layer import matching_round, queries
from housing.service_layer.views import KandidaatView, MatchingrondeView, VoorstelView
from journey_platform.auth import PrincipalDep

router = APIRouter()


@router.get(
    "/kandidaten",
    response_model=list[KandidaatView],
    tags=["kandidaten"],
    operation_id="zoekKandidaten",
    summary="Your clients waiting for a home; termijnOverschreden=true lists those past the 3-month target",
)
async def zoek_kandidaten(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    gemeente: GemeenteFilter = None,
    status: Annotated[str | None, Query(pattern=r"^(wachtend|aanbod|toegewezen|gehuisvest)$")] = None,
    termijn_overschreden: Annotated[bool | None, Query(alias="termijnOverschreden")] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[KandidaatView]:
    return await queries.list_kandidaten(
        uow,
        who,
        ctx,
        gemeente=gemeente,
        status=status,
        termijn_overschreden=termijn_overschreden,
        page=pagina,
        size=pagina_grootte,
    )


@router.get(
    "/kandidaten/{kandidaatId}",
    response_model=KandidaatView,
    tags=["kandidaten"],
    operation_id="haalKandidaatOp",
    summary="One candidate",
)
async def haal_kandidaat_op(kandidaat_id: KandidaatId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> KandidaatView:
    return await queries.get_kandidaat(kandidaat_id, uow, who, ctx)


@router.post(
    "/matchingrondes",
    status_code=201,
    response_model=MatchingrondeView,
    tags=["matching"],
    operation_id="startMatchingronde",
    summary="Run matching now (central access point)",
)
async def start_matchingronde(who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> MatchingrondeView:
    return await matching_round.start_ronde(uow, who, ctx)


@router.get(
    "/matchingrondes/{matchingrondeId}",
    response_model=MatchingrondeView,
    tags=["matching"],
    operation_id="haalMatchingrondeOp",
    summary="One matching round, with the baseline's figures for comparison",
)
async def haal_matchingronde_op(ronde_id: RondeId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> MatchingrondeView:
    return await queries.get_ronde(ronde_id, uow, who, ctx)


@router.get(
    "/voorstellen",
    response_model=list[VoorstelView],
    tags=["matching"],
    operation_id="zoekVoorstellen",
    summary="Proposals for your clients, each with its explanation",
)
async def zoek_voorstellen(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    kandidaat_id: Annotated[uuid.UUID | None, Query(alias="kandidaatId")] = None,
    status: Annotated[str | None, Query(pattern=r"^(voorgesteld|aanbod|vervallen)$")] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[VoorstelView]:
    return await queries.list_voorstellen(
        uow, who, ctx, kandidaat_id=kandidaat_id, status=status, page=pagina, size=pagina_grootte
    )


@router.get(
    "/voorstellen/{voorstelId}",
    response_model=VoorstelView,
    tags=["matching"],
    operation_id="haalVoorstelOp",
    summary="One proposal with its explanation",
)
async def haal_voorstel_op(voorstel_id: VoorstelId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> VoorstelView:
    return await queries.get_voorstel(voorstel_id, uow, who, ctx)
