"""Repositories: how the journey steps read and lock placement's rows (cosmicpython's pattern). Each has a protocol,
which the service layer depends on, and its SQLAlchemy implementation; the unit tests use in-memory fakes of the
protocols (placement/fakes.py)."""

from __future__ import annotations

import uuid
from typing import Protocol

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from placement.adapters.orm import Traject, Uitstroomverklaring, Verblijf, Voorziening, WachtlijstAanmelding
from placement.domain.states import VerblijfStatus, VoorzieningStatus, WachtlijstStatus

ON_THE_LIST = (WachtlijstStatus.wachtend, WachtlijstStatus.aanbod)


class WaitingListRepository(Protocol):
    async def get(self, entry_id: uuid.UUID) -> WachtlijstAanmelding | None: ...

    async def lock(self, entry_id: uuid.UUID) -> WachtlijstAanmelding | None:
        """The entry under a row lock, read afresh."""
        ...

    def add(self, entry: WachtlijstAanmelding) -> None: ...

    async def on_the_list(self, *, melding_id: uuid.UUID | None = None, traject_id: uuid.UUID | None = None) -> list[uuid.UUID]:
        """Ids of the entries of a report or a journey that are waiting or hold an offer."""
        ...

    async def waiting_of_journey(self, traject_id: uuid.UUID) -> list[WachtlijstAanmelding]: ...

    async def holds_right(self, traject_id: uuid.UUID, kind: str, beschikking_id: uuid.UUID) -> bool:
        """An entry for this decision, or one waiting for (or offered) the same kind of place."""
        ...

    async def waiting_for(self, kind: str, region: str | None) -> list[tuple[WachtlijstAanmelding, Traject]]:
        """Who waits for this kind of place in the region, with their journeys, under row locks."""
        ...


class FacilityRepository(Protocol):
    async def get(self, voorziening_id: uuid.UUID, *, lock: bool = False) -> Voorziening | None: ...

    async def open_in_region(self, region: str | None) -> list[uuid.UUID]: ...

    async def occupancy(self, voorziening_id: uuid.UUID) -> tuple[int, int]:
        """(places taken by active stays, places held for open waiting-list offers)."""
        ...


class StayRepository(Protocol):
    async def active_types(self, traject_id: uuid.UUID) -> list[str]:
        """The facility types of the journey's active stays."""
        ...


class JourneyRepository(Protocol):
    async def get(self, traject_id: uuid.UUID) -> Traject | None: ...


class ReadyToLeaveRepository(Protocol):
    async def declared_from(self, verblijf_id: uuid.UUID) -> bool: ...

    async def latest(self, verblijf_id: uuid.UUID) -> Uitstroomverklaring | None: ...

    def add(self, declaration: Uitstroomverklaring) -> None: ...


class SqlWaitingList:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, entry_id: uuid.UUID) -> WachtlijstAanmelding | None:
        return await self.session.get(WachtlijstAanmelding, entry_id)

    async def lock(self, entry_id: uuid.UUID) -> WachtlijstAanmelding | None:
        return await self.session.scalar(
            select(WachtlijstAanmelding)
            .where(WachtlijstAanmelding.id == entry_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )

    def add(self, entry: WachtlijstAanmelding) -> None:
        self.session.add(entry)

    async def on_the_list(self, *, melding_id: uuid.UUID | None = None, traject_id: uuid.UUID | None = None) -> list[uuid.UUID]:
        whose: ColumnElement[bool] = (
            WachtlijstAanmelding.melding_id == melding_id if melding_id else WachtlijstAanmelding.traject_id == traject_id
        )
        query = select(WachtlijstAanmelding.id).where(whose, WachtlijstAanmelding.status.in_(ON_THE_LIST))
        return list(await self.session.scalars(query))

    async def waiting_of_journey(self, traject_id: uuid.UUID) -> list[WachtlijstAanmelding]:
        query = select(WachtlijstAanmelding).where(
            WachtlijstAanmelding.traject_id == traject_id, WachtlijstAanmelding.status == WachtlijstStatus.wachtend
        )
        return list(await self.session.scalars(query))

    async def holds_right(self, traject_id: uuid.UUID, kind: str, beschikking_id: uuid.UUID) -> bool:
        same_right = (WachtlijstAanmelding.beschikking_id == beschikking_id) | (
            (WachtlijstAanmelding.voorziening == kind) & WachtlijstAanmelding.status.in_(ON_THE_LIST)
        )
        query = select(WachtlijstAanmelding.id).where(WachtlijstAanmelding.traject_id == traject_id, same_right).limit(1)
        return await self.session.scalar(query) is not None

    async def waiting_for(self, kind: str, region: str | None) -> list[tuple[WachtlijstAanmelding, Traject]]:
        rows = await self.session.execute(
            select(WachtlijstAanmelding, Traject)
            .join(Traject, Traject.id == WachtlijstAanmelding.traject_id)
            .where(
                WachtlijstAanmelding.status == WachtlijstStatus.wachtend,
                WachtlijstAanmelding.voorziening == kind,
                WachtlijstAanmelding.regio == region,
            )
            .with_for_update(of=WachtlijstAanmelding)
            .execution_options(populate_existing=True)
        )
        return [(entry, traject) for entry, traject in rows.all()]


class SqlFacilities:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, voorziening_id: uuid.UUID, *, lock: bool = False) -> Voorziening | None:
        query = select(Voorziening).where(Voorziening.id == voorziening_id)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        return await self.session.scalar(query)

    async def open_in_region(self, region: str | None) -> list[uuid.UUID]:
        query = select(Voorziening.id).where(Voorziening.regio == region, Voorziening.status == VoorzieningStatus.open)
        return list(await self.session.scalars(query))

    async def occupancy(self, voorziening_id: uuid.UUID, *, except_offer: uuid.UUID | None = None) -> tuple[int, int]:
        occupied = await self.session.scalar(
            select(func.count())
            .select_from(Verblijf)
            .where(Verblijf.voorziening_id == voorziening_id, Verblijf.status == VerblijfStatus.actief)
        )
        offers = (
            select(func.count())
            .select_from(WachtlijstAanmelding)
            .where(
                WachtlijstAanmelding.aanbod_voorziening_id == voorziening_id,
                WachtlijstAanmelding.status == WachtlijstStatus.aanbod,
            )
        )
        if except_offer is not None:
            offers = offers.where(WachtlijstAanmelding.id != except_offer)
        return int(occupied or 0), int(await self.session.scalar(offers) or 0)


class SqlStays:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def active_types(self, traject_id: uuid.UUID) -> list[str]:
        query = select(Verblijf.voorziening_type).where(
            Verblijf.traject_id == traject_id, Verblijf.status == VerblijfStatus.actief
        )
        return list(await self.session.scalars(query))


class SqlJourneys:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, traject_id: uuid.UUID) -> Traject | None:
        return await self.session.get(Traject, traject_id)


class SqlReadyToLeave:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def declared_from(self, verblijf_id: uuid.UUID) -> bool:
        query = select(Uitstroomverklaring.id).where(Uitstroomverklaring.verblijf_id == verblijf_id)
        return await self.session.scalar(query) is not None

    async def latest(self, verblijf_id: uuid.UUID) -> Uitstroomverklaring | None:
        return await self.session.scalar(
            select(Uitstroomverklaring)
            .where(Uitstroomverklaring.verblijf_id == verblijf_id)
            .order_by(Uitstroomverklaring.verklaard_op.desc(), Uitstroomverklaring.id)
            .limit(1)
        )

    def add(self, declaration: Uitstroomverklaring) -> None:
        self.session.add(declaration)
