"""Typed FastAPI dependencies every service uses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from journey_platform.messaging.uow import UnitOfWork
from journey_platform.reference import ReferenceData

# For query parameters: `Annotated[IsoDate | None, Query(...)]` (the rules: journey_platform.web.values).
from journey_platform.web.values import IsoDate as IsoDate
from journey_platform.web.values import IsoDateTime as IsoDateTime
from journey_platform.web.values import SafeText as SafeText


async def get_uow(request: Request) -> AsyncIterator[UnitOfWork]:
    async with request.app.state.container.uow() as uow:
        yield uow


async def get_context(request: Request) -> Any:
    """The service's handler context (reference data, keys, clock…), built in its bootstrap.
    Each service types it: `ContextDep = Annotated[IntakeContext, Depends(get_context)]`.
    Async, like every dependency here: FastAPI runs a plain `def` dependency in its thread pool (a thread hop
    per request, ~9% of intake's CPU per report in the py-spy profile of issue 18)."""
    return request.app.state.container.extras["context"]


async def get_reference(request: Request) -> ReferenceData:
    return request.app.state.container.reference  # type: ignore[no-any-return]  # Starlette's app.state is untyped


UowDep = Annotated[UnitOfWork, Depends(get_uow)]
ReferenceDep = Annotated[ReferenceData, Depends(get_reference)]
PageDep = Annotated[int, Query(ge=1, le=10_000, description="Page number, from 1.")]
SizeDep = Annotated[int, Query(ge=1, le=500, alias="paginaGrootte", description="Items per page.")]
GemeenteFilter = Annotated[str | None, Query(pattern=r"^GM\d{4}$", description="CBS municipality code.")]
