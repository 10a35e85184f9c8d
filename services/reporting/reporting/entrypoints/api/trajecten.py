from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query

from journey_platform.auth import PrincipalDep
from journey_platform.web.deps import GemeenteFilter, IsoDateTime, PageDep, ReferenceDep, SizeDep, UowDep
from reporting.domain.journey import Fase
from reporting.service_layer import queries
from reporting.service_layer.views import TrajectView

router = APIRouter(tags=["trajecten"])
TrajectId = Annotated[uuid.UUID, Path(alias="trajectId")]


@router.get(
    "/trajecten/{trajectId}",
    response_model=TrajectView,
    operation_id="haalTrajectOp",
    summary="One client journey: its phase and its timeline across all services",
)
async def haal_traject_op(traject_id: TrajectId, who: PrincipalDep, uow: UowDep, reference: ReferenceDep) -> TrajectView:
    return await queries.get_traject(traject_id, uow, who, reference)


@router.get(
    "/trajecten",
    response_model=list[TrajectView],
    operation_id="zoekTrajecten",
    summary="Journeys you may see, by municipality, phase and time in phase",
)
async def zoek_trajecten(
    who: PrincipalDep,
    uow: UowDep,
    reference: ReferenceDep,
    gemeente: GemeenteFilter = None,
    fase: Annotated[Fase | None, Query()] = None,
    in_fase_sinds_voor: Annotated[
        IsoDateTime | None, Query(alias="inFaseSindsVoor", description="Only journeys in their phase since before this moment.")
    ] = None,
    minimaal_dagen_in_fase: Annotated[
        int | None,
        Query(alias="minimaalDagenInFase", ge=0, le=100_000, description="Only journeys at least this many days in their phase."),
    ] = None,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[TrajectView]:
    return await queries.list_trajecten(
        uow,
        who,
        reference,
        gemeente=gemeente,
        fase=fase.value if fase else None,
        in_fase_sinds_voor=in_fase_sinds_voor,
        minimaal_dagen_in_fase=minimaal_dagen_in_fase,
        page=pagina,
        size=pagina_grootte,
    )
