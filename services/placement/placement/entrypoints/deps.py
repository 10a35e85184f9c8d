"""Typed dependencies of placement's routes (the shared ones come from journey_platform.web.deps)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from journey_platform.web.deps import GemeenteFilter, PageDep, SizeDep, get_context, get_uow
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.service_layer.context import PlacementContext

__all__ = ["ContextDep", "GemeenteFilter", "PageDep", "SizeDep", "UowDep"]


ContextDep = Annotated[PlacementContext, Depends(get_context)]
UowDep = Annotated[SqlUnitOfWork, Depends(get_uow)]  # bootstrap makes every unit of work placement's
VoorzieningId = Annotated[uuid.UUID, Path(alias="voorzieningId")]
VerblijfId = Annotated[uuid.UUID, Path(alias="verblijfId")]
UitvaloperatieId = Annotated[uuid.UUID, Path(alias="uitvaloperatieId")]
WachtlijstAanmeldingId = Annotated[uuid.UUID, Path(alias="wachtlijstAanmeldingId")]
PlanId = Annotated[uuid.UUID, Path(alias="planId")]
ControleId = Annotated[uuid.UUID, Path(alias="controleId")]
