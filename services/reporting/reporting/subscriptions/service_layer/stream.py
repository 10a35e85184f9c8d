"""The live stream: public events after a sequence number, as the caller may see and asked for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from journey_platform.principal import Principal
from journey_platform.reference import ReferenceData
from reporting.subscriptions.adapters.orm import PubliekeGebeurtenis
from reporting.subscriptions.domain.delivery import Filter


@dataclass(frozen=True)
class StreamItem:
    volgnummer: int
    cloudevent: dict[str, Any]


async def latest_sequence(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.max(PubliekeGebeurtenis.volgnummer))) or 0)


async def events_after(
    sessionmaker: async_sessionmaker[AsyncSession],
    after: int,
    who: Principal,
    reference: ReferenceData,
    wanted: Filter,
    limit: int = 200,
) -> tuple[int, list[StreamItem]]:
    """The new cursor (the last sequence number read, seen or not) and the events for this caller."""
    query = select(PubliekeGebeurtenis).where(PubliekeGebeurtenis.volgnummer > after)
    async with sessionmaker() as session:
        rows = list(await session.scalars(query.order_by(PubliekeGebeurtenis.volgnummer).limit(limit)))
    cursor = rows[-1].volgnummer if rows else after
    visible = [
        StreamItem(r.volgnummer, r.cloudevent)
        for r in rows
        if wanted.wants(r.kanaal, r.event_naam, set(r.gemeenten)) and who.may_see_municipalities(set(r.gemeenten), reference)
    ]
    return cursor, visible
