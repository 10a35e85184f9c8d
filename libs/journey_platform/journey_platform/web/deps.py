"""Typed FastAPI dependencies every service uses."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator

from journey_platform.messaging.uow import UnitOfWork
from journey_platform.reference import ReferenceData


async def get_uow(request: Request) -> AsyncIterator[UnitOfWork]:
    async with request.app.state.container.uow() as uow:
        yield uow


def get_context(request: Request) -> Any:
    """The service's handler context (reference data, keys, clock…), built in its bootstrap.
    Each service types it: `ContextDep = Annotated[IntakeContext, Depends(get_context)]`."""
    return request.app.state.container.extras["context"]


def get_reference(request: Request) -> ReferenceData:
    return request.app.state.container.reference  # type: ignore[no-any-return]  # Starlette's app.state is untyped


UowDep = Annotated[UnitOfWork, Depends(get_uow)]
ReferenceDep = Annotated[ReferenceData, Depends(get_reference)]
PageDep = Annotated[int, Query(ge=1, le=10_000, description="Page number, from 1.")]
SizeDep = Annotated[int, Query(ge=1, le=500, alias="paginaGrootte", description="Items per page.")]
GemeenteFilter = Annotated[str | None, Query(pattern=r"^GM\d{4}$", description="CBS municipality code.")]


_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")


def _not_a_number(value: Any) -> Any:
    """Pydantic reads a number as seconds since 1970 (`?peildatum=0` → 1970-01-01); the documents promise ISO 8601."""
    if isinstance(value, int | float) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
        raise ValueError("must be an ISO 8601 date or date-time, not a number")
    return value


# For query parameters: `Annotated[IsoDate | None, Query(...)]`.
IsoDate = Annotated[date, BeforeValidator(_not_a_number)]
IsoDateTime = Annotated[datetime, BeforeValidator(_not_a_number)]
