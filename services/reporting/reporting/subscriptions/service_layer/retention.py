"""How long delivered deliveries and public events are kept: the stream can be resumed, and a delivery
inspected, within that time. Waiting and parked deliveries, and the events they refer to, stay."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from reporting.subscriptions.adapters.orm import Aflevering, PubliekeGebeurtenis
from reporting.subscriptions.domain.delivery import Status


async def prune(sessionmaker: async_sessionmaker[AsyncSession], now: datetime, keep: timedelta) -> None:
    cutoff = now - keep
    async with sessionmaker() as session, session.begin():
        await session.execute(delete(Aflevering).where(Aflevering.status == Status.delivered, Aflevering.bijgewerkt_op < cutoff))
        referenced = exists(select(Aflevering.id).where(Aflevering.volgnummer == PubliekeGebeurtenis.volgnummer))
        await session.execute(delete(PubliekeGebeurtenis).where(PubliekeGebeurtenis.tijdstip < cutoff, ~referenced))
