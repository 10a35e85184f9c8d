"""Repositories: how housing's journey steps read and lock its rows (cosmicpython's pattern). The protocol is what
the service layer depends on; the SQLAlchemy class implements it; the unit tests use in-memory fakes
(housing/fakes.py)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Protocol

from sqlalchemy import func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from housing.adapters.orm import Aanbod, Kandidaat, Matchingronde, Pool, Voorstel, Woning
from housing.domain.states import AanbodStatus, KandidaatStatus, VoorstelStatus, WoningStatus

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
OPEN_OFFER = (AanbodStatus.gedaan, AanbodStatus.geaccepteerd)
DECLINED = (AanbodStatus.afgewezen, AanbodStatus.verlopen)
Area = tuple[str, str]


class MatchingRepository(Protocol):
    """The pool the matcher works on, and the rounds and proposals it makes."""

    async def pool(self, *, lock: bool = False) -> Pool:
        """The one pool row (made on first use); with `lock`, the lock every change to proposals and offers takes."""
        ...

    async def waiting_candidates(self) -> list[Kandidaat]:
        """Candidates waiting without an offer."""
        ...

    async def available_units(self, horizon: date, today: date) -> list[Woning]:
        """Units available by the horizon and still on offer today, not under offer."""
        ...

    async def declined_pairs(self) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """(candidate, unit) pairs whose offer was declined or expired: never proposed again."""
        ...

    async def placements(self, municipalities: Iterable[str], moved_in_since: datetime) -> dict[Area, int]:
        """Per neighbourhood: homes under an open or accepted offer, or moved into since the moment."""
        ...

    async def open_proposals(self) -> list[Voorstel]: ...

    def add(self, row: Matchingronde | Voorstel) -> None: ...


class SqlMatching:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def pool(self, *, lock: bool = False) -> Pool:
        query = select(Pool).where(Pool.id == 1)
        if lock:
            query = query.with_for_update()
        row = await self.session.scalar(query)
        if row is None:  # first use: services and requests may race to create it
            insert = postgresql.insert if self.session.get_bind().dialect.name == "postgresql" else sqlite.insert
            await self.session.execute(
                insert(Pool).values(id=1, gewijzigd_op=EPOCH, laatste_ronde_op=None).on_conflict_do_nothing()
            )
            row = await self.session.scalar(query)
            assert row is not None
        return row

    async def waiting_candidates(self) -> list[Kandidaat]:
        return list(await self.session.scalars(select(Kandidaat).where(Kandidaat.status == KandidaatStatus.wachtend)))

    async def available_units(self, horizon: date, today: date) -> list[Woning]:
        query = select(Woning).where(
            Woning.status == WoningStatus.beschikbaar,
            Woning.beschikbaar_vanaf <= horizon,
            or_(Woning.beschikbaar_tot.is_(None), Woning.beschikbaar_tot >= today),
        )
        return list(await self.session.scalars(query))

    async def declined_pairs(self) -> list[tuple[uuid.UUID, uuid.UUID]]:
        rows = await self.session.execute(select(Aanbod.kandidaat_id, Aanbod.woning_id).where(Aanbod.status.in_(DECLINED)))
        return [(k, w) for k, w in rows]

    async def placements(self, municipalities: Iterable[str], moved_in_since: datetime) -> dict[Area, int]:
        counted = or_(
            Aanbod.status.in_(OPEN_OFFER), (Aanbod.status == AanbodStatus.verhuisd) & (Aanbod.verhuisd_op >= moved_in_since)
        )
        rows = await self.session.execute(
            select(Woning.gemeente, Woning.wijk, func.count(Aanbod.id))
            .join(Aanbod, Aanbod.woning_id == Woning.id)
            .where(counted, Woning.gemeente.in_(set(municipalities)))
            .group_by(Woning.gemeente, Woning.wijk)
        )
        return {(g, w): n for g, w, n in rows}

    async def open_proposals(self) -> list[Voorstel]:
        return list(await self.session.scalars(select(Voorstel).where(Voorstel.status == VoorstelStatus.voorgesteld)))

    def add(self, row: Matchingronde | Voorstel) -> None:
        self.session.add(row)
