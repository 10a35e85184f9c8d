"""Facilities, their capacity, and process control when a provider fails."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from journey_platform.auth import PrincipalDep
from journey_platform.contracts.placement import VoorzieningType
from placement.entrypoints.deps import ContextDep, GemeenteFilter, PageDep, SizeDep, UitvaloperatieId, UowDep, VoorzieningId
from placement.service_layer import commands as c
from placement.service_layer import facilities, failure, queries
from placement.service_layer.views import UitvaloperatieView, VoorzieningView

router = APIRouter()


@router.post(
    "/voorzieningen",
    status_code=201,
    response_model=VoorzieningView,
    tags=["voorzieningen"],
    operation_id="registreerVoorziening",
    summary="Register a facility (central access point of its region)",
)
async def registreer_voorziening(
    body: c.RegistreerVoorziening, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> VoorzieningView:
    return await facilities.registreer_voorziening(body, uow, who, ctx)


@router.get(
    "/voorzieningen",
    response_model=list[VoorzieningView],
    tags=["voorzieningen"],
    operation_id="zoekVoorzieningen",
    summary="Facilities with their occupancy and free places",
)
async def zoek_voorzieningen(
    who: PrincipalDep,
    uow: UowDep,
    gemeente: GemeenteFilter = None,
    type: Annotated[VoorzieningType | None, Query()] = None,
    regio: Annotated[str | None, Query(pattern=r"^[a-z0-9-]{2,50}$")] = None,
    alleen_vrij: Annotated[bool, Query(alias="alleenVrij", description="Only facilities with a free place.")] = False,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[VoorzieningView]:
    return await queries.list_voorzieningen(
        uow,
        gemeente=gemeente,
        type_=type.value if type else None,
        regio=regio,
        only_free=alleen_vrij,
        page=queries.Page(pagina, pagina_grootte),
    )


@router.get(
    "/voorzieningen/{voorzieningId}",
    response_model=VoorzieningView,
    tags=["voorzieningen"],
    operation_id="haalVoorzieningOp",
    summary="Get one facility",
)
async def haal_voorziening_op(voorziening_id: VoorzieningId, who: PrincipalDep, uow: UowDep) -> VoorzieningView:
    return await facilities.get_voorziening(voorziening_id, uow)


@router.put(
    "/voorzieningen/{voorzieningId}/capaciteit",
    response_model=VoorzieningView,
    tags=["voorzieningen"],
    operation_id="wijzigCapaciteit",
    summary="Change a facility's capacity (0 closes it)",
)
async def wijzig_capaciteit(
    voorziening_id: VoorzieningId, body: c.WijzigCapaciteit, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> VoorzieningView:
    return await facilities.wijzig_capaciteit(voorziening_id, body, uow, who, ctx)


@router.post(
    "/uitvaloperaties",
    status_code=201,
    response_model=UitvaloperatieView,
    tags=["uitvaloperaties"],
    operation_id="meldAanbiederuitval",
    summary="A provider or facility failed: relocate every client to a new place or onto the waiting list",
)
async def meld_aanbiederuitval(
    body: c.MeldAanbiederuitval, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> UitvaloperatieView:
    return await failure.meld_aanbiederuitval(body, uow, who, ctx)


@router.get(
    "/uitvaloperaties/{uitvaloperatieId}",
    response_model=UitvaloperatieView,
    tags=["uitvaloperaties"],
    operation_id="haalUitvaloperatieOp",
    summary="One provider-failure operation with every client's move (for the central access point that ran it)",
)
async def haal_uitvaloperatie_op(
    operatie_id: UitvaloperatieId, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> UitvaloperatieView:
    return await failure.get_uitvaloperatie(operatie_id, uow, who, ctx)
