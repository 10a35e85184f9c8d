"""Consent (toestemmingen) for sharing a client's data with another organisation, and its revocation."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query

from intake.entrypoints.deps import ContextDep, PageDep, SizeDep, UowDep
from intake.service_layer import consent
from intake.service_layer.consent import ToestemmingView
from journey_platform.auth import PrincipalDep

router = APIRouter(tags=["toestemmingen"])
ToestemmingId = Annotated[uuid.UUID, Path(alias="toestemmingId")]


@router.post(
    "/toestemmingen",
    status_code=201,
    response_model=ToestemmingView,
    operation_id="legToestemmingVast",
    summary="Record a client's consent to share data with an organisation (or type), for purposes, until a day",
)
async def leg_toestemming_vast(
    body: consent.LegToestemmingVast, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> ToestemmingView:
    return await consent.leg_toestemming_vast(body, uow, who, ctx)


@router.get(
    "/toestemmingen",
    response_model=list[ToestemmingView],
    operation_id="zoekToestemmingen",
    summary="Consents of the clients you act for, with their status now",
)
async def zoek_toestemmingen(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    client_id: Annotated[uuid.UUID | None, Query(alias="clientId")] = None,
    traject_id: Annotated[uuid.UUID | None, Query(alias="trajectId")] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[ToestemmingView]:
    return await consent.list_toestemmingen(
        uow, who, ctx, client_id=client_id, traject_id=traject_id, page=pagina, size=pagina_grootte
    )


@router.get(
    "/toestemmingen/{toestemmingId}",
    response_model=ToestemmingView,
    operation_id="haalToestemmingOp",
    summary="One consent, with its status now",
)
async def haal_toestemming_op(toestemming_id: ToestemmingId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> ToestemmingView:
    return await consent.get_toestemming(toestemming_id, uow, who, ctx)


@router.post(
    "/toestemmingen/{toestemmingId}/intrekking",
    response_model=ToestemmingView,
    operation_id="trekToestemmingIn",
    summary="Revoke a consent: sharing on its basis stops",
)
async def trek_toestemming_in(
    toestemming_id: ToestemmingId, body: consent.TrekToestemmingIn, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> ToestemmingView:
    return await consent.trek_toestemming_in(toestemming_id, body, uow, who, ctx)
