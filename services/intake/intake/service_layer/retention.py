"""The retention job: erases every person whose records have all outlived their retention period."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import or_, select

from intake.adapters.orm import Melding, Persoon, Preventiezaak, Traject
from intake.domain.retention import JourneyRecord, RecordKind, RetentionPeriods, classify, expired
from intake.domain.states import TrajectStatus
from intake.service_layer.erasure import wis_persoon
from journey_platform.messaging.uow import UnitOfWork

RETENTION_ACTOR = "intake-bewaartermijn"


async def _candidates(uow: UnitOfWork, periods: RetentionPeriods, now: datetime, limit: int) -> list[uuid.UUID]:
    """Persons not yet erased with at least one journey or prevention case old enough to have expired."""
    shortest = min(periods.closed_journey, periods.report_without_follow_up)
    closed = select(Traject.persoon_id).where(Traject.status == TrajectStatus.gesloten, Traject.gesloten_op <= now - shortest)
    prevention = select(Preventiezaak.persoon_id).where(Preventiezaak.geopend_op <= now - periods.prevention_case)
    query = (
        select(Persoon.id)
        .where(Persoon.gewist_op.is_(None), or_(Persoon.id.in_(closed), Persoon.id.in_(prevention)))
        .order_by(Persoon.aangemaakt_op)
        .limit(limit)
    )
    return list(await uow.session.scalars(query))


async def _records(uow: UnitOfWork, persoon_id: uuid.UUID) -> list[JourneyRecord]:
    trajecten = list(await uow.session.scalars(select(Traject).where(Traject.persoon_id == persoon_id)))
    statuses: dict[uuid.UUID, list[str]] = defaultdict(list)
    for traject_id, status in await uow.session.execute(
        select(Melding.traject_id, Melding.status).where(Melding.persoon_id == persoon_id)
    ):
        statuses[traject_id].append(status)
    opened: dict[uuid.UUID, list[datetime]] = defaultdict(list)
    for traject_id, geopend_op in await uow.session.execute(
        select(Preventiezaak.traject_id, Preventiezaak.geopend_op).where(Preventiezaak.persoon_id == persoon_id)
    ):
        opened[traject_id].append(geopend_op)
    return [classify(t.status, t.gesloten_op, statuses[t.id], opened[t.id], t.afsluitreden) for t in trajecten]


async def erase_expired(
    new_uow: Callable[[], UnitOfWork], periods: RetentionPeriods, now: datetime, limit: int = 200
) -> list[tuple[uuid.UUID, RecordKind]]:
    """One transaction per person, so one failure does not hold back the rest."""
    async with new_uow() as uow:
        due: list[tuple[uuid.UUID, RecordKind]] = []
        for persoon_id in await _candidates(uow, periods, now, limit):
            kind = expired(await _records(uow, persoon_id), periods, now)
            if kind is not None:
                due.append((persoon_id, kind))
    for persoon_id, kind in due:
        async with new_uow() as uow:
            await wis_persoon(
                uow,
                persoon_id,
                aanleiding="bewaartermijn",
                grondslag=f"bewaartermijn:{kind.value}",
                verzocht_door=RETENTION_ACTOR,
                now=now,
            )
    return due
