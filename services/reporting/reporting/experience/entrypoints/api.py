"""Inviting a client to the questionnaire, and the aggregated results (the JSON API)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query

from journey_platform.auth import PrincipalDep
from journey_platform.web.commands import Command
from journey_platform.web.deps import GemeenteFilter, UowDep
from reporting.experience.domain.questionnaire import Moment
from reporting.experience.entrypoints.deps import ExperienceDep
from reporting.experience.service_layer import invitations, results
from reporting.experience.service_layer.views import ErvaringenView, UitnodigingView

router = APIRouter(tags=["ervaringen"])

TrajectId = Annotated[uuid.UUID, Path(alias="trajectId", description="The journey whose client is invited.")]
Maand = r"^\d{4}-(0[1-9]|1[0-2])$"


class NodigUit(Command):
    """Which moment of the journey the questionnaire is about."""

    moment: Moment


@router.post(
    "/trajecten/{trajectId}/ervaringsuitnodigingen",
    status_code=201,
    response_model=UitnodigingView,
    operation_id="nodigUitVoorErvaringsvragenlijst",
    summary="Invite the journey's client to the experience questionnaire: a one-time link without login",
)
async def nodig_uit(traject_id: TrajectId, body: NodigUit, who: PrincipalDep, uow: UowDep, ctx: ExperienceDep) -> UitnodigingView:
    return await invitations.nodig_uit(traject_id, body.moment, uow, who, ctx)


@router.get(
    "/ervaringen",
    response_model=ErvaringenView,
    operation_id="zoekErvaringen",
    summary="Clients' experience per theme for a region or municipality: count, mean, share positive; "
    "groups under 5 answers suppressed",
)
async def zoek_ervaringen(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ExperienceDep,
    regio: Annotated[str | None, Query(pattern=r"^[a-z0-9-]{2,60}$", description="Region code.")] = None,
    gemeente: GemeenteFilter = None,
    van: Annotated[str | None, Query(pattern=Maand, description="First month, YYYY-MM (default: 11 months before tot).")] = None,
    tot: Annotated[str | None, Query(pattern=Maand, description="Last month, YYYY-MM, included (default: this month).")] = None,
    moment: Annotated[Moment | None, Query(description="Only answers given at this moment of the journey.")] = None,
) -> ErvaringenView:
    return await results.resultaten(who, uow, ctx, regio, gemeente, van, tot, moment)
