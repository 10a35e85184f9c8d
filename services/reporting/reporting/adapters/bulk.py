"""Bulk writes for the replay (reporting/replay.py): the folded rows by COPY or multi-row INSERT.

On PostgreSQL rows go in by COPY (asyncpg's `copy_records_to_table` on the session's own connection, so inside its
transaction), and changed rows are COPYed into a temporary table and applied with one `UPDATE ... FROM`. Elsewhere
(SQLite, the embedded default) by multi-row INSERTs and executemany UPDATEs through SQLAlchemy Core. A replay in
one transaction on PostgreSQL also loads the tables without their secondary indexes and foreign keys and puts them
back at the end (`without_secondary`), as PostgreSQL's manual advises for populating a database.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Table, bindparam, delete, insert, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject, TrajectAttributie, TrajectZorgaanbieder
from reporting.service_layer.bulk_fold import (
    ATTRIBUTION_COLUMNS,
    JOURNEY_COLUMNS,
    PROVIDER_COLUMNS,
    TIMELINE_COLUMNS,
    Fold,
    Payload,
    Rows,
)

_ROWS_PER_INSERT = 5000


def table_of(model: Any) -> Table:
    table: Table = model.__table__
    return table


JOURNEYS, TIMELINE, PROVIDERS, ATTRIBUTIONS, HISTORY = map(
    table_of, (Traject, TijdlijnItem, TrajectZorgaanbieder, TrajectAttributie, Gebeurtenis)
)


async def driver_of(session: AsyncSession) -> Any:
    """The asyncpg connection under the session's, inside the session's transaction (a COPY outside it would commit
    on its own): SQLAlchemy's asyncpg adapter begins its transaction with the first statement it runs."""
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None
    if not driver.is_in_transaction():
        await connection.exec_driver_sql("SELECT 1")
    return driver


async def empty(session: AsyncSession, tables: Sequence[Table]) -> None:
    """Every row out of the tables. On PostgreSQL by TRUNCATE: a DELETE leaves the rows to the vacuum, in the tables
    and their indexes, and the inserts after it took twice as long (measured on a replay of 100k events); the price
    is that the tables are locked until the transaction ends (readers wait instead of reading the old rows)."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text(f"TRUNCATE {', '.join(t.name for t in tables)}"))
        return
    for table in tables:
        await session.execute(delete(table))


async def without_secondary(session: AsyncSession, tables: Sequence[Table]) -> list[str]:
    """On PostgreSQL, drop the tables' foreign keys and the indexes that back no constraint, in the session's
    transaction; returns the statements that create them again, as they were (from the catalogue). Loading 100k
    timeline rows took 2.3 s with them and 0.8 s without, the two indexes built after it included."""
    if session.get_bind().dialect.name != "postgresql":
        return []
    driver = await driver_of(session)
    names = [t.name for t in tables]
    keys = await driver.fetch(
        "SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def"
        " FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) ORDER BY 1, 2",
        names,
    )
    indexes = await driver.fetch(
        "SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index"
        " WHERE indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = indexrelid)"
        " ORDER BY 1",
        names,
    )
    for key in keys:
        await driver.execute(f"ALTER TABLE {key['tbl']} DROP CONSTRAINT {key['name']}")
    for index in indexes:
        await driver.execute(f"DROP INDEX {index['name']}")
    return [i["def"] for i in indexes] + [f"ALTER TABLE {k['tbl']} ADD CONSTRAINT {k['name']} {k['def']}" for k in keys]


async def restore(session: AsyncSession, statements: Sequence[str], tables: Sequence[Table]) -> None:
    """`without_secondary`'s statements, then fresh statistics for the planner (the tables were emptied)."""
    if not statements:
        return
    driver = await driver_of(session)
    for statement in statements:
        await driver.execute(statement)
    await driver.execute(f"ANALYZE {', '.join(t.name for t in tables)}")


class Writer:
    """Rows into a table, in the session's transaction: COPY on PostgreSQL, multi-row INSERT elsewhere."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.postgres = session.get_bind().dialect.name == "postgresql"

    async def insert(self, table: Table, columns: Sequence[str], records: Sequence[tuple[Any, ...]]) -> None:
        if not records:
            return
        if self.postgres:
            driver = await driver_of(self.session)
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
            driver = await driver_of(self.session)
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


async def copy_dicts(session: AsyncSession, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Rows given as dicts (every row with the same columns) into a table on PostgreSQL by COPY, in the session's
    transaction: one statement text whatever the number of rows, where a multi-row INSERT is a new statement for
    PostgreSQL to parse and plan with every other row count (the live projection's batches, batch_projection.py).
    JSON columns go as their JSON text, as SQLAlchemy would serialise them (asyncpg's codec for jsonb takes text)."""
    if not rows:
        return
    columns = list(rows[0])
    pick = itemgetter(*columns)  # the values by name (in C), whatever order a row's keys were set in
    json_at = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, JSON)]
    records: list[Sequence[Any]] = []
    for row in rows:
        values = pick(row) if len(columns) > 1 else (row[columns[0]],)
        if json_at:
            values = list(values)
            for i in json_at:
                values[i] = json.dumps(values[i])  # None too, as SQLAlchemy's JSON type does (JSON null, none_as_null off)
        records.append(values)
    driver = await driver_of(session)
    await driver.copy_records_to_table(table.name, records=records, columns=columns)


def _as_copied(record: tuple[Any, ...]) -> tuple[Any, ...]:
    """A payload as its JSON text (asyncpg's codec for jsonb takes text): the stored text where it is unchanged."""
    last = record[-1]
    if isinstance(last, Payload):
        return (*record[:-1], last.text if last.text is not None else json.dumps(last.data))
    return record


def _as_inserted(record: tuple[Any, ...]) -> tuple[Any, ...]:
    last = record[-1]
    return (*record[:-1], last.data) if isinstance(last, Payload) else record


async def write_rows(writer: Writer, rows: Rows) -> None:
    """A batch's rows: the journeys it opened (as they stand; the timeline refers to them), their timeline rows,
    providers and attributions, the moments that differ and the timeline rows a refold rewrote."""
    await writer.insert(JOURNEYS, JOURNEY_COLUMNS, rows.journeys)
    await writer.insert(TIMELINE, TIMELINE_COLUMNS, rows.timeline)
    await writer.insert(PROVIDERS, PROVIDER_COLUMNS, rows.providers)
    await writer.insert(ATTRIBUTIONS, ATTRIBUTION_COLUMNS, rows.attributions)
    await writer.update(HISTORY, ("event_id", "moment"), rows.moments)
    await writer.update(TIMELINE, ("event_id", "fase", "actor_type", "actor"), rows.rewrites)


async def write_journeys(writer: Writer, fold: Fold, ids: Iterable[uuid.UUID]) -> None:
    """The journeys' rows as they stand now (rows written before and changed since)."""
    await writer.update(JOURNEYS, JOURNEY_COLUMNS, list(fold.journey_rows(ids)))
