from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request

from intake.entrypoints.deps import ContextDep, GemeenteFilter, MeldingId, PageDep, SizeDep, UowDep
from intake.service_layer import commands as c
from intake.service_layer import handlers, queries
from intake.service_layer.views import MeldingView, TermijnView
from journey_platform.auth import PrincipalDep
from journey_platform.runtime import Container

router = APIRouter(tags=["meldingen"])


@router.post(
    "/meldingen",
    status_code=201,
    response_model=MeldingView,
    operation_id="registreerMelding",
    summary="Register a report about a person who is (threatened with being) roofless or houseless",
)
async def registreer_melding(body: c.RegistreerMelding, who: PrincipalDep, ctx: ContextDep, request: Request) -> MeldingView:
    # The unit of work opened here rather than through UowDep: FastAPI's machinery for a dependency with yield (an
    # exit stack, a shielded exit) cost ~4% of a report's CPU (issue 18); the rollback and close are the same.
    container: Container = request.app.state.container
    async with container.uow() as uow:
        return await handlers.registreer_melding(body, uow, who, ctx)


@router.get("/meldingen", response_model=list[MeldingView], operation_id="zoekMeldingen", summary="List reports you may see")
async def zoek_meldingen(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    gemeente: GemeenteFilter = None,
    status: Annotated[str | None, Query(pattern=r"^(open|in-onderzoek|besloten|afgesloten)$")] = None,
    traject_id: Annotated[uuid.UUID | None, Query(alias="trajectId")] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[MeldingView]:
    return await queries.list_meldingen(
        uow, who, ctx, gemeente=gemeente, status=status, traject_id=traject_id, page=pagina, size=pagina_grootte
    )


@router.get("/meldingen/{meldingId}", response_model=MeldingView, operation_id="haalMeldingOp", summary="Get one report")
async def haal_melding_op(melding_id: MeldingId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> MeldingView:
    return await handlers.get_melding(melding_id, uow, who, ctx)


@router.post(
    "/meldingen/{meldingId}/afsluiting",
    response_model=MeldingView,
    operation_id="sluitMeldingAf",
    summary="Close a report without follow-up (e.g. the person left), with a reason",
)
async def sluit_melding_af(
    melding_id: MeldingId, body: c.SluitMeldingAf, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> MeldingView:
    return await handlers.sluit_melding_af(melding_id, body, uow, who, ctx)


@router.get(
    "/beslistermijnen",
    response_model=list[TermijnView],
    operation_id="werklijstBeslistermijnen",
    summary="Worklist: open reports by days left of the Wmo 8-week decision term",
)
async def beslistermijnen(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    gemeente: GemeenteFilter = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[TermijnView]:
    return await queries.beslistermijnen(uow, who, ctx, gemeente=gemeente, today=ctx.today(), page=pagina, size=pagina_grootte)
