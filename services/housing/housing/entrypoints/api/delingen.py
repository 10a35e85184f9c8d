"""The sharing register: which organisation received a client's data, when, and on which basis."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from housing.entrypoints.deps import ContextDep, PageDep, SizeDep, UowDep
from housing.service_layer import sharing
from journey_platform.auth import PrincipalDep
from journey_platform.privacy.sharing_register import DelingView

router = APIRouter()


@router.get(
    "/delingen",
    response_model=list[DelingView],
    tags=["delingen"],
    operation_id="zoekDelingen",
    summary="Sharings of one client's data with suppliers, each with its basis (the client's coordinator)",
)
async def zoek_delingen(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    client_id: Annotated[uuid.UUID, Query(alias="clientId")],
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[DelingView]:
    return await sharing.list_delingen(uow, who, ctx, client_id=client_id, page=pagina, size=pagina_grootte)
