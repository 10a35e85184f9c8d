"""A real database per service for the test session: PostgreSQL when reachable (always in CI), else SQLite."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import asyncpg
from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import create_async_engine

from journey_platform.migrations import upgrade_head

PG_HOST = os.environ.get("TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("TEST_PG_USER", "postgres")
PG_ADMIN_DB = os.environ.get("TEST_PG_DATABASE", "test")


async def _pg_reachable() -> bool:
    try:
        conn = await asyncio.wait_for(asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_ADMIN_DB), timeout=3)
    except Exception:
        return False
    await conn.close()
    return True


def postgres_available() -> bool:
    return asyncio.run(_pg_reachable())


async def _recreate(name: str) -> None:
    conn = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_ADMIN_DB)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def create_service_database(service: str, service_dir: Path, tmp_dir: Path, use_postgres: bool) -> str:
    """A fresh database for one service, migrated with `alembic upgrade head`; returns its URL."""
    if use_postgres:
        name = f"opvangketen_test_{service}_{os.getpid()}"
        asyncio.run(_recreate(name))
        url = f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    else:
        url = f"sqlite+aiosqlite:///{tmp_dir / f'{service}.db'}"
    upgrade_head(service_dir, url)
    return url


def drop_service_database(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    name = url.rsplit("/", 1)[1]

    async def drop() -> None:
        conn = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_ADMIN_DB)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    asyncio.run(drop())


async def truncate_all(url: str, metadata: MetaData) -> None:
    """Empty every table of a service between tests (the schema stays)."""
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            tables = [t.name for t in metadata.sorted_tables]
            if conn.dialect.name == "postgresql":
                quoted = ", ".join(f'"{t}"' for t in tables)
                await conn.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
            else:
                for table in reversed(metadata.sorted_tables):
                    await conn.execute(table.delete())
    finally:
        await engine.dispose()
