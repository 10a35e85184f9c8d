"""The stored history as the replay reads it (reporting/replay.py): batches in journey order by keyset, and the
journeys an interrupted replay had written (for --resume).

On PostgreSQL a batch is read with asyncpg itself on the session's connection (the payload as text, decoded once
here): going through SQLAlchemy's result processing took twice as long as the query (100k events: 3.2 s against
1.3 s). Elsewhere by SQLAlchemy Core.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncGenerator, Iterable, Sequence
from contextlib import suppress
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from reporting.adapters.bulk import HISTORY, driver_of
from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject, TrajectAttributie, TrajectZorgaanbieder
from reporting.domain.journey_state import STATE_FIELDS
from reporting.service_layer.bulk_fold import Fold, JourneyFold, Stored, Values

Key = tuple[datetime, int, uuid.UUID]  # an event's place in journey order (Gebeurtenis.in_journey_order)
_IN_CHUNK = 500  # ids per IN list (SQLite's bound-parameter limit)
# _history() and Gebeurtenis.in_journey_order written out for asyncpg (the driver's own placeholders)
_PG_BATCH = (
    "SELECT event_id, traject_id, tijdstip, volgnummer, registratie, event_type, data::text, moment FROM gebeurtenissen"
    " {after} ORDER BY tijdstip, coalesce(volgnummer, 0), event_id LIMIT {limit}"
)
_PG_AFTER = "WHERE (tijdstip, coalesce(volgnummer, 0), event_id) > ($1, $2, $3)"


def key_of(event: Stored) -> Key:
    return event.tijdstip, event.volgnummer or 0, event.event_id


def after(query: Any, last: Key | None) -> Any:
    """The events after `last` in journey order (all of them when None)."""
    return query if last is None else query.where(tuple_(*Gebeurtenis.in_journey_order()) > tuple_(*last))


def _history() -> Any:
    """The stored events' columns the fold reads, the payload as its stored text (decoded here, not per column type)."""
    return select(
        HISTORY.c.event_id,
        HISTORY.c.traject_id,
        HISTORY.c.tijdstip,
        HISTORY.c.volgnummer,
        HISTORY.c.registratie,
        HISTORY.c.event_type,
        cast(HISTORY.c.data, Text),
        HISTORY.c.moment,
    )


def _stored(rows: Iterable[Any]) -> list[Stored]:
    loads = json.loads
    return [Stored(e, t, ts, v, r, et, loads(payload), m, payload) for e, t, ts, v, r, et, payload, m in rows]


async def batches(
    sessionmaker: async_sessionmaker[AsyncSession], session: AsyncSession, last: Key | None, size: int
) -> AsyncGenerator[list[Stored], None]:
    """The events after `last` in batches of `size`. On PostgreSQL read ahead on a connection of their own (the
    next batch comes while this one is folded and written); elsewhere on the session, one batch when asked."""
    if session.get_bind().dialect.name != "postgresql":
        while events := await read_batch(session, last, size):
            yield events
            last = key_of(events[-1])
        return
    async with sessionmaker() as reader:
        reading = asyncio.ensure_future(read_batch(reader, last, size))
        try:
            while events := await reading:
                reading = asyncio.ensure_future(read_batch(reader, key_of(events[-1]), size))
                yield events
        finally:
            reading.cancel()
            with suppress(asyncio.CancelledError):
                await reading


async def read_batch(session: AsyncSession, last: Key | None, limit: int) -> list[Stored]:
    """The next `limit` events after `last`, in journey order."""
    if session.get_bind().dialect.name == "postgresql":
        driver = await driver_of(session)
        query = _PG_BATCH.format(after="" if last is None else _PG_AFTER, limit=int(limit))
        return _stored(await driver.fetch(query, *(last or ())))
    query = after(_history(), last).order_by(*Gebeurtenis.in_journey_order()).limit(limit)
    return _stored(await session.execute(query))


async def resume_journeys(session: AsyncSession, fold: Fold, events: Sequence[Stored], last: Key) -> None:
    """The journeys of the events that an interrupted replay wrote (up to its checkpoint `last`) back into the fold."""
    ids = list({e.traject_id for e in events if e.traject_id is not None} - fold.journeys.keys())
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        found: dict[uuid.UUID, JourneyFold] = {}
        for row in await session.execute(
            select(Traject.id, Traject.client_id, *(getattr(Traject, f) for f in STATE_FIELDS)).where(Traject.id.in_(chunk))
        ):
            found[row[0]] = JourneyFold(row[0], row[1], dict(zip(STATE_FIELDS, row[2:], strict=True)))
        if not found:
            continue
        for traject_id, provider in await session.execute(
            select(TrajectZorgaanbieder.traject_id, TrajectZorgaanbieder.zorgaanbieder).where(
                TrajectZorgaanbieder.traject_id.in_(found)
            )
        ):
            found[traject_id].providers.add(provider)
        for traject_id, kind, value in await session.execute(
            select(TrajectAttributie.traject_id, TrajectAttributie.soort, TrajectAttributie.waarde).where(
                TrajectAttributie.traject_id.in_(found)
            )
        ):
            found[traject_id].attributions.add((kind, value))
        written: dict[uuid.UUID, Values] = {
            event_id: (fase, actor_type, actor)
            for event_id, fase, actor_type, actor in await session.execute(
                select(TijdlijnItem.event_id, TijdlijnItem.fase, TijdlijnItem.actor_type, TijdlijnItem.actor).where(
                    TijdlijnItem.traject_id.in_(found)
                )
            )
        }
        history: dict[uuid.UUID, list[Stored]] = {i: [] for i in found}
        query = _history().where(HISTORY.c.traject_id.in_(found), tuple_(*Gebeurtenis.in_journey_order()) <= tuple_(*last))
        for event in _stored(await session.execute(query.order_by(*Gebeurtenis.in_journey_order()))):
            assert event.traject_id is not None
            history[event.traject_id].append(event)
        for traject_id, journey in found.items():
            fold.resume(journey, history[traject_id], written)
