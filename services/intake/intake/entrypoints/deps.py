"""Typed dependencies of intake's routes (the shared ones come from journey_platform.web.deps)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from intake.adapters.unit_of_work import SqlUnitOfWork
from intake.service_layer.context import IntakeContext
from journey_platform.web.deps import GemeenteFilter, PageDep, SizeDep, get_context, get_uow

__all__ = ["ContextDep", "GemeenteFilter", "PageDep", "SizeDep", "UowDep"]


ContextDep = Annotated[IntakeContext, Depends(get_context)]
UowDep = Annotated[SqlUnitOfWork, Depends(get_uow)]  # bootstrap makes every unit of work intake's
MeldingId = Annotated[uuid.UUID, Path(alias="meldingId")]
BeschikkingId = Annotated[uuid.UUID, Path(alias="beschikkingId")]
VerwijzingId = Annotated[uuid.UUID, Path(alias="verwijzingId")]
TrajectId = Annotated[uuid.UUID, Path(alias="trajectId")]
PersoonId = Annotated[uuid.UUID, Path(alias="persoonId")]
