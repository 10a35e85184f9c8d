from __future__ import annotations

from fastapi import APIRouter

from journey_platform.reference import Region
from journey_platform.web.deps import ReferenceDep

router = APIRouter(tags=["referentiegegevens"])


@router.get("/regios", response_model=list[Region], operation_id="zoekRegios", summary="Regions and their municipalities")
async def zoek_regios(reference: ReferenceDep) -> list[Region]:
    return list(reference.regions)
