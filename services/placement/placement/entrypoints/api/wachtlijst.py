"""The central waiting list for BW and beschut wonen (run by the central access point of the region)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from journey_platform.auth import PrincipalDep
from journey_platform.web.navigation import set_total
from placement.entrypoints.deps import ContextDep, GemeenteFilter, PageDep, SizeDep, UowDep, WachtlijstAanmeldingId
from placement.service_layer import commands as c
from placement.service_layer import queries, waitlist
from placement.service_layer.views import WachtlijstView

router = APIRouter(tags=["wachtlijst"])


@router.get(
    "/wachtlijst-aanmeldingen",
    response_model=list[WachtlijstView],
    operation_id="zoekWachtlijstAanmeldingen",
    summary="The waiting list in priority order, with each client's position and waiting time",
)
async def zoek_aanmeldingen(
    response: Response,
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    gemeente: GemeenteFilter = None,
    voorziening: Annotated[str | None, Query(pattern=r"^(beschermd-wonen|beschut-wonen|mo)$")] = None,
    alleen_wachtend: Annotated[
        bool, Query(alias="alleenWachtend", description="Only clients still waiting (or with an offer).")
    ] = True,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[WachtlijstView]:
    total: list[int] = []
    entries = await queries.list_wachtlijst(
        uow,
        who,
        ctx,
        voorziening=voorziening,
        gemeente=gemeente,
        alleen_wachtend=alleen_wachtend,
        page=queries.Page(pagina, pagina_grootte),
        total=total,
    )
    set_total(response, total[0])
    return entries


@router.get(
    "/wachtlijst-aanmeldingen/{wachtlijstAanmeldingId}",
    response_model=WachtlijstView,
    operation_id="haalWachtlijstAanmeldingOp",
    summary="One client's place on the waiting list",
)
async def haal_aanmelding_op(entry_id: WachtlijstAanmeldingId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> WachtlijstView:
    return await queries.get_wachtlijst(entry_id, uow, who, ctx)


@router.post(
    "/wachtlijst-aanmeldingen/{wachtlijstAanmeldingId}/aanbod-afwijzing",
    response_model=WachtlijstView,
    operation_id="wijsAanbodAf",
    summary="The client declines the offered place and keeps his or her place on the list",
)
async def wijs_aanbod_af(entry_id: WachtlijstAanmeldingId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> WachtlijstView:
    entry = await waitlist.wijs_aanbod_af(entry_id, uow, who, ctx)
    return await queries.wachtlijst_view(uow, ctx, entry)


@router.post(
    "/wachtlijst-aanmeldingen/{wachtlijstAanmeldingId}/afmelding",
    response_model=WachtlijstView,
    operation_id="meldAfVanWachtlijst",
    summary="Take a client off the waiting list (withdrawn, moved away), with a reason",
)
async def meld_af(
    entry_id: WachtlijstAanmeldingId, body: c.VerlaatWachtlijst, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> WachtlijstView:
    entry = await waitlist.verlaat(entry_id, body.reden_code, uow, who, ctx)
    return await queries.wachtlijst_view(uow, ctx, entry)
