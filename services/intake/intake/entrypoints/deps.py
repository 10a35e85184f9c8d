"""Typed dependencies of intake's routes (the shared ones come from journey_platform.web.deps)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from intake.service_layer.handlers import IntakeContext
from journey_platform.web.deps import GemeenteFilter, PageDep, SizeDep, UowDep, get_context

__all__ = ["ContextDep", "GemeenteFilter", "PageDep", "SizeDep", "UowDep"]


ContextDep = Annotated[IntakeContext, Depends(get_context)]
MeldingId = Annotated[uuid.UUID, Path(alias="meldingId")]
BeschikkingId = Annotated[uuid.UUID, Path(alias="beschikkingId")]
VerwijzingId = Annotated[uuid.UUID, Path(alias="verwijzingId")]
TrajectId = Annotated[uuid.UUID, Path(alias="trajectId")]
PersoonId = Annotated[uuid.UUID, Path(alias="persoonId")]
