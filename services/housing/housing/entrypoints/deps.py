"""Typed dependencies of housing's routes (the shared ones come from journey_platform.web.deps)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.service_layer.context import HousingContext
from journey_platform.web.deps import GemeenteFilter, PageDep, SizeDep, get_context, get_uow

__all__ = ["ContextDep", "GemeenteFilter", "PageDep", "SizeDep", "UowDep"]


ContextDep = Annotated[HousingContext, Depends(get_context)]
UowDep = Annotated[SqlUnitOfWork, Depends(get_uow)]  # bootstrap makes every unit of work housing's
WoningId = Annotated[uuid.UUID, Path(alias="woningId")]
KandidaatId = Annotated[uuid.UUID, Path(alias="kandidaatId")]
VoorstelId = Annotated[uuid.UUID, Path(alias="voorstelId")]
RondeId = Annotated[uuid.UUID, Path(alias="matchingrondeId")]
AanbodId = Annotated[uuid.UUID, Path(alias="aanbodId")]
OverdrachtId = Annotated[uuid.UUID, Path(alias="overdrachtId")]
NazorgplanId = Annotated[uuid.UUID, Path(alias="nazorgplanId")]
NazorgcontactId = Annotated[uuid.UUID, Path(alias="nazorgcontactId")]
TerugvalsignaalId = Annotated[uuid.UUID, Path(alias="terugvalsignaalId")]
