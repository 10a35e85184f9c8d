"""Repositories: how intake's journey steps read and lock its rows (cosmicpython's pattern). The protocol is what the
service layer depends on; the SQLAlchemy class implements it; the unit tests use in-memory fakes (intake/fakes.py)."""

from __future__ import annotations

import uuid
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.orm import Melding, Verwijzing


class ReferralRepository(Protocol):
    async def get(self, verwijzing_id: uuid.UUID, *, lock: bool = False) -> Verwijzing | None: ...


class ReportRepository(Protocol):
    async def get(self, melding_id: uuid.UUID) -> Melding | None: ...


class SqlReferrals:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, verwijzing_id: uuid.UUID, *, lock: bool = False) -> Verwijzing | None:
        query = select(Verwijzing).where(Verwijzing.id == verwijzing_id)
        if lock:
            query = query.with_for_update()
        return await self.session.scalar(query)


class SqlReports:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, melding_id: uuid.UUID) -> Melding | None:
        return await self.session.get(Melding, melding_id)
