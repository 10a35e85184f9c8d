"""Aftercare (nazorg): plans, follow-ups, the overdue worklist and relapse signals (docs/aftercare.md)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from housing.entrypoints.deps import (
    ContextDep,
    NazorgcontactId,
    NazorgplanId,
    PageDep,
    SizeDep,
    TerugvalsignaalId,
    UowDep,
)
from housing.service_layer import aftercare, aftercare_queries
from housing.service_layer import commands as c
from housing.service_layer.views import NazorgcontactView, NazorgplanView, TerugvalsignaalView
from journey_platform.auth import PrincipalDep

router = APIRouter()


@router.get(
    "/nazorgplannen",
    response_model=list[NazorgplanView],
    tags=["nazorg"],
    operation_id="zoekNazorgplannen",
    summary="Aftercare plans of your local team (a central access point: its region's)",
)
async def zoek_nazorgplannen(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    status: Annotated[str | None, Query(pattern=r"^(actief|afgerond|beeindigd)$")] = None,
    traject_id: Annotated[uuid.UUID | None, Query(alias="trajectId")] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[NazorgplanView]:
    return await aftercare_queries.list_plans(
        uow, who, ctx, status=status, traject_id=traject_id, page=pagina, size=pagina_grootte
    )


@router.get(
    "/nazorgplannen/{nazorgplanId}",
    response_model=NazorgplanView,
    tags=["nazorg"],
    operation_id="haalNazorgplanOp",
    summary="One aftercare plan: its follow-ups, contact person, what to watch and its relapse signals",
)
async def haal_nazorgplan_op(nazorgplan_id: NazorgplanId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> NazorgplanView:
    return await aftercare_queries.get_plan(nazorgplan_id, uow, who, ctx)


@router.post(
    "/nazorgplannen/{nazorgplanId}/contacten",
    status_code=201,
    response_model=NazorgcontactView,
    tags=["nazorg"],
    operation_id="legNazorgcontactVast",
    summary="Record a follow-up with its outcome; terugvalrisico or contact-verloren is a relapse signal",
)
async def leg_nazorgcontact_vast(
    nazorgplan_id: NazorgplanId, body: c.LegNazorgcontactVast, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> NazorgcontactView:
    return await aftercare.leg_contact_vast(nazorgplan_id, body, uow, who, ctx)


@router.get(
    "/nazorgcontacten",
    response_model=list[NazorgcontactView],
    tags=["nazorg"],
    operation_id="zoekNazorgcontacten",
    summary="Worklist of follow-ups of your local team (status=achterstallig: overdue), oldest last day first",
)
async def zoek_nazorgcontacten(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    status: Annotated[str | None, Query(pattern=r"^(achterstallig|open|vastgelegd)$")] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[NazorgcontactView]:
    return await aftercare_queries.list_contacts(uow, who, ctx, status=status, page=pagina, size=pagina_grootte)


@router.get(
    "/nazorgcontacten/{nazorgcontactId}",
    response_model=NazorgcontactView,
    tags=["nazorg"],
    operation_id="haalNazorgcontactOp",
    summary="One follow-up of an aftercare plan",
)
async def haal_nazorgcontact_op(
    nazorgcontact_id: NazorgcontactId, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> NazorgcontactView:
    return await aftercare_queries.get_contact(nazorgcontact_id, uow, who, ctx)


@router.get(
    "/terugvalsignalen/{terugvalsignaalId}",
    response_model=TerugvalsignaalView,
    tags=["nazorg"],
    operation_id="haalTerugvalsignaalOp",
    summary="One relapse signal (for the plan's local team, and the organisation that signalled it)",
)
async def haal_terugvalsignaal_op(
    terugvalsignaal_id: TerugvalsignaalId, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> TerugvalsignaalView:
    return await aftercare_queries.get_signal(terugvalsignaal_id, uow, who, ctx)


@router.post(
    "/terugvalsignalen",
    status_code=201,
    response_model=TerugvalsignaalView,
    tags=["nazorg"],
    operation_id="meldTerugvalsignaal",
    summary="An early relapse signal (the landlord names the home, the local team the plan): opens prevention at once",
)
async def meld_terugvalsignaal(
    body: c.MeldTerugvalsignaal, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> TerugvalsignaalView:
    return await aftercare.meld_terugvalsignaal(body, uow, who, ctx)
