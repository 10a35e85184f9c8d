"""Database plumbing: metadata conventions, portable column types, engine factory."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ColumnElement, DateTime, MetaData, any_, bindparam, event
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


JSONType = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused; use UTC-aware datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def one_of(column: str, states: type[StrEnum]) -> CheckConstraint:
    """A CHECK that `column` holds one of the states (the domain's enum); the naming convention makes its name
    `ck_<table>_<column>_is_a_state`."""
    allowed = ", ".join(f"'{state.value}'" for state in states)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_is_a_state")


def among(column: Any, values: Collection[Any], dialect_name: str) -> ColumnElement[bool]:
    """`column IN values`; on PostgreSQL `column = ANY(<one array parameter>)`: one statement text whatever the number
    of values, where an IN list is a new statement for every length, prepared, parsed and planned again (a
    consumer's batches: the inbox check, the journeys of a batch, issue 18)."""
    if dialect_name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))  # type: ignore[no-any-return]  # SQLAlchemy's operators are untyped
    return column.in_(list(values))  # type: ignore[no-any-return]  # as above


def utcnow() -> datetime:
    return datetime.now(UTC)


def make_engine(
    url: str,
    *,
    statement_timeout_ms: int = 0,
    lock_timeout_ms: int = 0,
    connect_timeout_seconds: float | None = None,
    **kwargs: Any,
) -> AsyncEngine:
    """On PostgreSQL, `statement_timeout_ms` and `lock_timeout_ms` (0: none) hold for every statement on the
    engine's connections; exceeding one raises an OperationalError (QueryCanceledError, LockNotAvailableError)."""
    # Errors must not carry personal data (encrypted or not) into logs or dead-letter headers.
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 10)
    # No pre-ping: it is a round trip on every checkout. A connection that died in the pool (the database restarted,
    # a backend was terminated) fails its first statement as a disconnect, which invalidates it and every connection
    # checked out before it (SQLAlchemy's pool); the request gets 503 with Retry-After (web/problems.py) and the next
    # one a fresh connection (tests/hardening/test_database_outage.py).
    kwargs.setdefault("pool_pre_ping", False)
    if url.startswith("postgresql+asyncpg"):
        connect_args: dict[str, Any] = kwargs.pop("connect_args", {})
        server_settings = connect_args.setdefault("server_settings", {})
        if statement_timeout_ms:
            server_settings["statement_timeout"] = str(statement_timeout_ms)
        if lock_timeout_ms:
            server_settings["lock_timeout"] = str(lock_timeout_ms)
        if connect_timeout_seconds is not None:
            connect_args["timeout"] = connect_timeout_seconds
        kwargs["connect_args"] = connect_args
    return create_async_engine(url, **kwargs)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
