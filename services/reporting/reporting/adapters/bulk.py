"""Bulk reads and writes for the replay (reporting/replay.py): the history by keyset, rows by COPY or multi-row INSERT.

On PostgreSQL rows go in by COPY (asyncpg's `copy_records_to_table` on the session's own connection, so inside its
transaction), and changed rows are COPYed into a temporary table and applied with one `UPDATE ... FROM`. Elsewhere
(SQLite, the embedded default) by multi-row INSERTs and executemany UPDATEs through SQLAlchemy Core.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, Text, bindparam, cast, insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject, TrajectAttributie, TrajectZorgaanbieder
from reporting.domain.journey_state import STATE_FIELDS
from reporting.service_layer.bulk_fold import (
    ATTRIBUTION_COLUMNS,
    JOURNEY_COLUMNS,
    PROVIDER_COLUMNS,
    TIMELINE_COLUMNS,
    Fold,
    JourneyFold,
    Payload,
    Rows,
    Stored,
    Values,
)

Key = tuple[datetime, int, uuid.UUID]  # an event's place in journey order (Gebeurtenis.in_journey_order)
_IN_CHUNK = 500  # ids per IN list (SQLite's bound-parameter limit)
_ROWS_PER_INSERT = 5000


def table_of(model: Any) -> Table:
    table: Table = model.__table__
    return table


JOURNEYS, TIMELINE, PROVIDERS, ATTRIBUTIONS, HISTORY = map(
    table_of, (Traject, TijdlijnItem, TrajectZorgaanbieder, TrajectAttributie, Gebeurtenis)
)


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
    return [Stored(e, t, ts, v, r, et, loads(text), m, text) for e, t, ts, v, r, et, text, m in rows]


async def read_batch(session: AsyncSession, last: Key | None, limit: int) -> list[Stored]:
    """The next `limit` events after `last`, in journey order."""
    query = after(_history(), last).order_by(*Gebeurtenis.in_journey_order()).limit(limit)
    return _stored(await session.execute(query))


class Writer:
    """Rows into a table, in the session's transaction: COPY on PostgreSQL, multi-row INSERT elsewhere."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.postgres = session.get_bind().dialect.name == "postgresql"

    async def _driver(self) -> Any:
        connection = await self.session.connection()
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
        # a statement of the session's has begun its transaction: COPY outside it would commit on its own
        assert driver is not None and driver.is_in_transaction(), "bulk writes run inside the replay's transaction"
        return driver

    async def insert(self, table: Table, columns: Sequence[str], records: Sequence[tuple[Any, ...]]) -> None:
        if not records:
            return
        if self.postgres:
            driver = await self._driver()
            await driver.copy_records_to_table(table.name, records=[_as_copied(r) for r in records], columns=list(columns))
            return
        for start in range(0, len(records), _ROWS_PER_INSERT):
            chunk = records[start : start + _ROWS_PER_INSERT]
            await self.session.execute(insert(table), [dict(zip(columns, _as_inserted(r), strict=True)) for r in chunk])

    async def update(self, table: Table, columns: Sequence[str], records: Sequence[tuple[Any, ...]]) -> None:
        """Set `columns[1:]` of the rows whose key (the first column) is the record's first value."""
        if not records:
            return
        key, changed = columns[0], columns[1:]
        if self.postgres:
            driver = await self._driver()
            scratch = f"_replay_{table.name}"
            await driver.execute(
                f'CREATE TEMP TABLE IF NOT EXISTS "{scratch}" ON COMMIT DROP AS '
                f'SELECT {", ".join(columns)} FROM "{table.name}" WITH NO DATA'
            )
            await driver.execute(f'TRUNCATE "{scratch}"')
            await driver.copy_records_to_table(scratch, records=list(records), columns=list(columns))
            assignments = ", ".join(f"{c} = s.{c}" for c in changed)
            await driver.execute(f'UPDATE "{table.name}" t SET {assignments} FROM "{scratch}" s WHERE t.{key} = s.{key}')
            return
        statement = update(table).where(table.c[key] == bindparam("_key")).values({c: bindparam(f"_{c}") for c in changed})
        await self.session.execute(statement, [{f"_{c}": v for c, v in zip(["key", *changed], r, strict=True)} for r in records])


def _as_copied(record: tuple[Any, ...]) -> tuple[Any, ...]:
    """A payload as its JSON text (asyncpg's codec for jsonb takes text): the stored text where it is unchanged."""
    last = record[-1]
    if isinstance(last, Payload):
        return (*record[:-1], last.text if last.text is not None else json.dumps(last.data))
    return record


def _as_inserted(record: tuple[Any, ...]) -> tuple[Any, ...]:
    last = record[-1]
    return (*record[:-1], last.data) if isinstance(last, Payload) else record


async def write_rows(writer: Writer, fold: Fold, rows: Rows) -> None:
    """A batch's rows: the journeys it opened (as they stand; the timeline refers to them), their timeline rows,
    providers and attributions, the moments that differ and the timeline rows a refold rewrote."""
    await writer.insert(JOURNEYS, JOURNEY_COLUMNS, list(fold.journey_rows(rows.opened)))
    await writer.insert(TIMELINE, TIMELINE_COLUMNS, rows.timeline)
    await writer.insert(PROVIDERS, PROVIDER_COLUMNS, rows.providers)
    await writer.insert(ATTRIBUTIONS, ATTRIBUTION_COLUMNS, rows.attributions)
    await writer.update(HISTORY, ("event_id", "moment"), rows.moments)
    await writer.update(TIMELINE, ("event_id", "fase", "actor_type", "actor"), rows.rewrites)


async def write_journeys(writer: Writer, fold: Fold, ids: Iterable[uuid.UUID]) -> None:
    """The journeys' rows as they stand now (rows written before and changed since)."""
    await writer.update(JOURNEYS, JOURNEY_COLUMNS, list(fold.journey_rows(ids)))


async def resume_journeys(session: AsyncSession, fold: Fold, ids: Sequence[uuid.UUID], last: Key) -> None:
    """The journeys an interrupted replay wrote (up to its checkpoint `last`) back into the fold."""
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
