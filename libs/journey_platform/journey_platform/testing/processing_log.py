"""Test helpers for the processing log: its rows, a subject's pseudonym, and a log that cannot be written."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import select, text

from journey_platform.privacy.pseudonyms import pseudonym
from journey_platform.privacy.tables import TABLE_NAME

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = {"traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01"}


def subject_of(service: Any, client_id: str) -> str:
    return pseudonym(service.container.settings.processing_log_key, client_id)


async def log_rows(service: Any, **where: Any) -> list[dict[str, Any]]:
    table = service.container.processing_log.table
    query = select(table).where(*(table.c[k] == v for k, v in where.items())).order_by(table.c.tijdstip)
    async with service.container.engine.connect() as conn:
        return [dict(r) for r in (await conn.execute(query)).mappings().all()]


@asynccontextmanager
async def unwritable_log(service: Any) -> AsyncIterator[None]:
    """The log table renamed away in the test's own database (no mock): every log write fails."""
    async with service.container.engine.begin() as conn:
        await conn.execute(text(f"ALTER TABLE {TABLE_NAME} RENAME TO {TABLE_NAME}_weg"))
    try:
        yield
    finally:
        async with service.container.engine.begin() as conn:
            await conn.execute(text(f"ALTER TABLE {TABLE_NAME}_weg RENAME TO {TABLE_NAME}"))
