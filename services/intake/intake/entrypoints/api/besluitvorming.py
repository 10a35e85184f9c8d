"""Screening, decisions and referrals."""

from __future__ import annotations

from fastapi import APIRouter

from intake.entrypoints.deps import BeschikkingId, ContextDep, UowDep, VerwijzingId
from intake.service_layer import commands as c
from intake.service_layer import handlers
from intake.service_layer.views import BeschikkingView, OnderzoekView, VerwijzingView
from journey_platform.auth import PrincipalDep

router = APIRouter()


@router.post(
    "/onderzoeken",
    status_code=201,
    response_model=OnderzoekView,
    tags=["onderzoeken"],
    operation_id="startOnderzoek",
    summary="Start screening of a report",
)
async def start_onderzoek(body: c.StartOnderzoek, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> OnderzoekView:
    return await handlers.start_onderzoek(body, uow, who, ctx)


@router.post(
    "/beschikkingen",
    status_code=201,
    response_model=BeschikkingView,
    tags=["beschikkingen"],
    operation_id="neemBesluit",
    summary="Decide on a report: MO/BW, local support, or no support",
)
async def neem_besluit(body: c.NeemBesluit, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> BeschikkingView:
    return await handlers.neem_besluit(body, uow, who, ctx)


@router.get(
    "/beschikkingen/{beschikkingId}",
    response_model=BeschikkingView,
    tags=["beschikkingen"],
    operation_id="haalBeschikkingOp",
    summary="Get one decision",
)
async def haal_beschikking_op(beschikking_id: BeschikkingId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> BeschikkingView:
    return await handlers.get_beschikking(beschikking_id, uow, who, ctx)


@router.post(
    "/verwijzingen",
    status_code=201,
    response_model=VerwijzingView,
    tags=["verwijzingen"],
    operation_id="maakVerwijzing",
    summary="Refer a report between a local team and the central access point",
)
async def maak_verwijzing(body: c.MaakVerwijzing, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> VerwijzingView:
    return await handlers.maak_verwijzing(body, uow, who, ctx)


@router.get(
    "/verwijzingen/{verwijzingId}",
    response_model=VerwijzingView,
    tags=["verwijzingen"],
    operation_id="haalVerwijzingOp",
    summary="Get one referral",
)
async def haal_verwijzing_op(verwijzing_id: VerwijzingId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> VerwijzingView:
    return await handlers.get_verwijzing(verwijzing_id, uow, who, ctx)


@router.post(
    "/verwijzingen/{verwijzingId}/beoordeling",
    response_model=VerwijzingView,
    tags=["verwijzingen"],
    operation_id="beoordeelVerwijzing",
    summary="Accept or refuse a referral (receiving organisation only)",
)
async def beoordeel_verwijzing(
    verwijzing_id: VerwijzingId, body: c.BeoordeelVerwijzing, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> VerwijzingView:
    return await handlers.beoordeel_verwijzing(verwijzing_id, body, uow, who, ctx)
