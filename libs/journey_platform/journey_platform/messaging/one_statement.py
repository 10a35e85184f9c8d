"""A unit of work that only adds rows, written in one statement on PostgreSQL (issue 18): its new ORM objects, the
outbox rows, the counter rows of the journeys it opened, its late-registration rows and its processing-log rows, as
data-modifying CTEs of one INSERT. One round trip instead of one per table, and no ORM flush (the unit of work's
sorting, the per-object bookkeeping). PostgreSQL checks foreign keys at the end of the statement, so the order of the
rows within it does not matter; the statement is atomic like the transaction around it.

What it does not cover (a changed or deleted row, a mapping over more than one table, a relationship that is set, a
database-side default or key) makes `new_rows` answer None, and the unit of work flushes as usual."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, bindparam, inspect
from sqlalchemy.orm import Mapper, Session
from sqlalchemy.sql.dml import Insert

Row = tuple[Table, dict[str, Any]]


def new_rows(session: Session) -> tuple[list[object], list[Row]] | None:
    """The objects added to `session` and a row for each (Python-side column defaults applied to both, as a flush
    would), or None when the session has anything else to flush."""
    if session.deleted or session.dirty:
        return None
    objects: list[object] = []
    rows: list[Row] = []
    for instance in session.new:
        mapper: Mapper[Any] = inspect(instance).mapper
        table = mapper.local_table
        row = _row_of(instance, mapper)
        if row is None:
            return None
        objects.append(instance)
        if not isinstance(table, Table):
            return None  # mapped to a join or a subquery
        rows.append((table, row))
    return objects, rows


def _row_of(instance: object, mapper: Mapper[Any]) -> dict[str, Any] | None:
    if mapper.inherits is not None or len(mapper.tables) != 1 or mapper.version_id_col is not None:
        return None
    values = instance.__dict__
    if any(values.get(rel.key) is not None for rel in mapper.relationships):
        return None  # a related object: the flush cascades it
    row: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if prop.key in values:
            row[column.key] = values[prop.key]
            continue
        default = column.default
        if default is None:
            if column.primary_key:
                return None  # a key the database makes: the flush fetches it
            continue  # NULL, or the column's server default
        if default.is_scalar:
            value = default.arg
        elif default.is_callable:
            value = default.arg(None)  # wrapped by SQLAlchemy to take the execution context
        else:
            return None  # a sequence or SQL expression: evaluated by the database
        setattr(instance, prop.key, value)
        row[column.key] = value
    return row


async def insert_rows(session: Any, rows: Sequence[Row]) -> None:
    """Every row in one INSERT (`session`: an AsyncSession on PostgreSQL)."""
    shape = tuple((table, tuple(row)) for table, row in rows)
    params = {f"r{i}_{column}": value for i, (_, row) in enumerate(rows) for column, value in row.items()}
    with session.no_autoflush:  # the added objects are in the statement: flushed too, they would be inserted twice
        await session.execute(_statement(shape), params)


@functools.lru_cache(maxsize=256)
def _statement(shape: tuple[tuple[Table, tuple[str, ...]], ...]) -> Insert:
    """Built once per shape (tables, columns, number of rows), so SQLAlchemy compiles it once: bound parameters only."""
    inserts = [table.insert().values({c: bindparam(f"r{i}_{c}") for c in columns}) for i, (table, columns) in enumerate(shape)]
    *first, last = inserts
    return last.add_cte(*(insert.cte(f"w{i}") for i, insert in enumerate(first))) if first else last
