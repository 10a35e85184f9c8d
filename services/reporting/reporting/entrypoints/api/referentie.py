from __future__ import annotations

from fastapi import APIRouter

from journey_platform.auth import PrincipalDep
from journey_platform.reference import Region
from journey_platform.web.deps import ReferenceDep

router = APIRouter(tags=["referentiegegevens"])


@router.get("/regios", response_model=list[Region], operation_id="zoekRegios", summary="Regions and their municipalities")
async def zoek_regios(reference: ReferenceDep, who: PrincipalDep) -> list[Region]:
    """Like every operation, for callers with a token (as intake's /regios)."""
    return list(reference.regions)
