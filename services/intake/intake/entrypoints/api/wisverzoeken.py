"""Lawful erasure requests (AVG art. 17): the central access point erases a person's data in every service."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Response

from intake.entrypoints.deps import ContextDep, UowDep
from intake.service_layer import commands as c
from intake.service_layer import erasure
from intake.service_layer.views import WissingView
from journey_platform.auth import PrincipalDep

router = APIRouter(tags=["wisverzoeken"])

WisverzoekId = Annotated[uuid.UUID, Path(alias="wisverzoekId")]


@router.post(
    "/wisverzoeken",
    status_code=201,
    response_model=WissingView,
    operation_id="dienWisverzoekIn",
    summary="Erase a person's personal data in every service (central access point of the person's region only)",
    description="Destroys the person's data key, blanks their free text and tells the other services. "
    "201 when erased now; 200 with the earlier record when the person had been erased already.",
    responses={200: {"description": "The person had been erased before; the earlier record", "model": WissingView}},
)
async def dien_wisverzoek_in(
    body: c.DienWisverzoekIn, response: Response, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> WissingView:
    view, erased_now = await erasure.dien_wisverzoek_in(body, uow, who, ctx.reference, ctx.clock())
    if not erased_now:
        response.status_code = 200
    return view


@router.get(
    "/wisverzoeken/{wisverzoekId}",
    response_model=WissingView,
    operation_id="haalWisverzoekOp",
    summary="The record of one erasure: when, on what ground, by whom",
)
async def haal_wisverzoek_op(wisverzoek_id: WisverzoekId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> WissingView:
    return await erasure.get_wisverzoek(wisverzoek_id, uow, who, ctx.reference)
