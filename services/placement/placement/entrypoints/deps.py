"""Typed dependencies of placement's routes (the shared ones come from journey_platform.web.deps)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path, Request

from journey_platform.web.deps import GemeenteFilter, PageDep, SizeDep, UowDep
from placement.service_layer.context import PlacementContext

__all__ = ["ContextDep", "GemeenteFilter", "PageDep", "SizeDep", "UowDep"]


def get_context(request: Request) -> PlacementContext:
    return request.app.state.container.extras["context"]  # type: ignore[no-any-return]


ContextDep = Annotated[PlacementContext, Depends(get_context)]
VoorzieningId = Annotated[uuid.UUID, Path(alias="voorzieningId")]
VerblijfId = Annotated[uuid.UUID, Path(alias="verblijfId")]
WachtlijstAanmeldingId = Annotated[uuid.UUID, Path(alias="wachtlijstAanmeldingId")]
PlanId = Annotated[uuid.UUID, Path(alias="planId")]
ControleId = Annotated[uuid.UUID, Path(alias="controleId")]
