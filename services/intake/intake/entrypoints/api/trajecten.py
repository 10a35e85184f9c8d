"""Journeys, persons, early signals and prevention cases, reference data."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel

from intake.entrypoints.deps import ContextDep, GemeenteFilter, PageDep, PersoonId, SizeDep, TrajectId, UowDep
from intake.service_layer import commands as c
from intake.service_layer import early_signals, episode_commands, handlers, queries, worklists
from intake.service_layer.views import PersoonView, PreventiezaakView, TrajectView, View
from journey_platform.auth import PrincipalDep
from journey_platform.reference import Region

router = APIRouter()


class GemeenteWijzigingView(View):
    id: uuid.UUID
    traject_id: uuid.UUID
    van_gemeente: str
    naar_gemeente: str
    reden: str
    gewijzigd_door: str
    gewijzigd_op: datetime


class GemeenteView(BaseModel):
    code: str
    naam: str
    regio: str
    centrumgemeente: bool


@router.get(
    "/trajecten/{trajectId}",
    response_model=TrajectView,
    tags=["trajecten"],
    operation_id="haalTrajectOp",
    summary="Get a journey as intake knows it (the full timeline is in reporting)",
)
async def haal_traject_op(traject_id: TrajectId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> TrajectView:
    return await queries.get_traject(traject_id, uow, who, ctx)


@router.put(
    "/trajecten/{trajectId}/verantwoordelijke-gemeente",
    response_model=GemeenteWijzigingView,
    tags=["trajecten"],
    operation_id="wijzigVerantwoordelijkeGemeente",
    summary="Change the responsible municipality (woonplaatsbeginsel), with a reason",
)
async def wijzig_verantwoordelijke_gemeente(
    traject_id: TrajectId, body: c.WijzigVerantwoordelijkeGemeente, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> GemeenteWijzigingView:
    return GemeenteWijzigingView.model_validate(await handlers.wijzig_verantwoordelijke_gemeente(traject_id, body, uow, who, ctx))


@router.post(
    "/trajecten/{trajectId}/afsluiting",
    response_model=TrajectView,
    tags=["trajecten"],
    operation_id="sluitTrajectAf",
    summary="Close a journey (episode) by hand: the client left the region, or died",
)
async def sluit_traject_af(
    traject_id: TrajectId, body: c.SluitTrajectAf, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> TrajectView:
    return await episode_commands.sluit_traject_af(traject_id, body, uow, who, ctx)


@router.get(
    "/personen/{persoonId}",
    response_model=PersoonView,
    tags=["personen"],
    operation_id="haalPersoonOp",
    summary="Personal details of a client (case workers with access only)",
)
async def haal_persoon_op(persoon_id: PersoonId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> PersoonView:
    return await queries.get_persoon(persoon_id, uow, who, ctx)


@router.post(
    "/vroegsignalen",
    status_code=201,
    response_model=PreventiezaakView,
    tags=["preventie"],
    operation_id="meldVroegsignaal",
    summary="An early signal (payment arrears, threatened eviction) from a housing corporation",
)
async def meld_vroegsignaal(body: c.MeldVroegsignaal, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> PreventiezaakView:
    return await early_signals.meld_vroegsignaal(body, uow, who, ctx)


@router.get(
    "/preventiezaken",
    response_model=list[PreventiezaakView],
    tags=["preventie"],
    operation_id="zoekPreventiezaken",
    summary="Prevention cases for the local team",
)
async def zoek_preventiezaken(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    gemeente: GemeenteFilter = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[PreventiezaakView]:
    return await queries.list_preventiezaken(uow, who, ctx, gemeente=gemeente, page=pagina, size=pagina_grootte)


@router.get(
    "/preventiezaken/{preventiezaakId}",
    response_model=PreventiezaakView,
    tags=["preventie"],
    operation_id="haalPreventiezaakOp",
    summary="Get one prevention case",
)
async def haal_preventiezaak_op(
    zaak_id: Annotated[uuid.UUID, Path(alias="preventiezaakId")], who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> PreventiezaakView:
    return await worklists.get_preventiezaak(zaak_id, uow, who, ctx)


@router.get(
    "/gemeenten",
    response_model=list[GemeenteView],
    tags=["referentiegegevens"],
    operation_id="zoekGemeenten",
    summary="The municipalities served, with their region",
)
async def zoek_gemeenten(request: Request, who: PrincipalDep) -> list[GemeenteView]:
    reference = request.app.state.container.reference
    return [
        GemeenteView(code=m.code, naam=m.name, regio=r.code, centrumgemeente=m.code == r.centre)
        for r in reference.regions
        for m in r.municipalities
    ]


@router.get(
    "/regios",
    response_model=list[Region],
    tags=["referentiegegevens"],
    operation_id="zoekRegios",
    summary="The regions, their centre municipality and central access point",
)
async def zoek_regios(request: Request, who: PrincipalDep) -> list[Region]:
    return list(request.app.state.container.reference.regions)
