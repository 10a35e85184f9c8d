"""Screening, decisions and referrals."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from intake.entrypoints.deps import BeschikkingId, ContextDep, PageDep, SizeDep, UowDep, VerwijzingId
from intake.service_layer import commands as c
from intake.service_layer import decision, referral, screening, worklists
from intake.service_layer.views import BeschikkingView, OnderzoekView, VerwijzingView
from journey_platform.auth import PrincipalDep
from journey_platform.contracts.intake import Besluit, Voorziening
from journey_platform.web.navigation import set_total

router = APIRouter()
OnderzoekId = Annotated[uuid.UUID, Path(alias="onderzoekId")]


@router.post(
    "/onderzoeken",
    status_code=201,
    response_model=OnderzoekView,
    tags=["onderzoeken"],
    operation_id="startOnderzoek",
    summary="Start screening of a report",
)
async def start_onderzoek(body: c.StartOnderzoek, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> OnderzoekView:
    return await screening.start_onderzoek(body, uow, who, ctx)


@router.get(
    "/onderzoeken/{onderzoekId}",
    response_model=OnderzoekView,
    tags=["onderzoeken"],
    operation_id="haalOnderzoekOp",
    summary="Get one screening",
)
async def haal_onderzoek_op(onderzoek_id: OnderzoekId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> OnderzoekView:
    return await worklists.get_onderzoek(onderzoek_id, uow, who, ctx)


@router.post(
    "/beschikkingen",
    status_code=201,
    response_model=BeschikkingView,
    tags=["beschikkingen"],
    operation_id="neemBesluit",
    summary="Decide on a report: MO/BW, local support, or no support",
)
async def neem_besluit(body: c.NeemBesluit, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> BeschikkingView:
    return await decision.neem_besluit(body, uow, who, ctx)


@router.get(
    "/beschikkingen/{beschikkingId}",
    response_model=BeschikkingView,
    tags=["beschikkingen"],
    operation_id="haalBeschikkingOp",
    summary="Get one decision",
)
async def haal_beschikking_op(beschikking_id: BeschikkingId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> BeschikkingView:
    return await decision.get_beschikking(beschikking_id, uow, who, ctx)


@router.post(
    "/verwijzingen",
    status_code=201,
    response_model=VerwijzingView,
    tags=["verwijzingen"],
    operation_id="maakVerwijzing",
    summary="Refer a report between a local team and the central access point",
)
async def maak_verwijzing(body: c.MaakVerwijzing, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> VerwijzingView:
    return await referral.maak_verwijzing(body, uow, who, ctx)


@router.get(
    "/verwijzingen/{verwijzingId}",
    response_model=VerwijzingView,
    tags=["verwijzingen"],
    operation_id="haalVerwijzingOp",
    summary="Get one referral",
)
async def haal_verwijzing_op(verwijzing_id: VerwijzingId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> VerwijzingView:
    return await referral.get_verwijzing(verwijzing_id, uow, who, ctx)


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
    return await referral.beoordeel_verwijzing(verwijzing_id, body, uow, who, ctx)


@router.get(
    "/beschikkingen",
    response_model=list[BeschikkingView],
    tags=["beschikkingen"],
    operation_id="zoekBeschikkingen",
    summary="Decisions on the reports you may see, newest first (X-Total-Count, Link)",
)
async def zoek_beschikkingen(
    response: Response,
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    melding_id: Annotated[uuid.UUID | None, Query(alias="meldingId")] = None,
    traject_id: Annotated[uuid.UUID | None, Query(alias="trajectId")] = None,
    besluit: Annotated[Besluit | None, Query()] = None,
    voorziening: Annotated[Voorziening | None, Query()] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[BeschikkingView]:
    found = await worklists.list_beschikkingen(
        uow,
        who,
        ctx,
        melding_id=melding_id,
        traject_id=traject_id,
        besluit=besluit.value if besluit else None,
        voorziening=voorziening.value if voorziening else None,
        page=pagina,
        size=pagina_grootte,
    )
    set_total(response, found.total)
    return found.items


@router.get(
    "/verwijzingen",
    response_model=list[VerwijzingView],
    tags=["verwijzingen"],
    operation_id="zoekVerwijzingen",
    summary="Referrals sent to (inkomend) or by (uitgaand) your organisation, or those of one report (X-Total-Count, Link)",
)
async def zoek_verwijzingen(
    response: Response,
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    richting: Annotated[
        str | None, Query(pattern=r"^(inkomend|uitgaand)$", description="inkomend: sent to you; uitgaand: sent by you.")
    ] = None,
    status: Annotated[str | None, Query(pattern=r"^(open|geaccepteerd|afgewezen)$")] = None,
    melding_id: Annotated[uuid.UUID | None, Query(alias="meldingId", description="The referrals of this report.")] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[VerwijzingView]:
    found = await worklists.list_verwijzingen(
        uow, who, ctx, richting=richting, status=status, melding_id=melding_id, page=pagina, size=pagina_grootte
    )
    set_total(response, found.total)
    return found.items
