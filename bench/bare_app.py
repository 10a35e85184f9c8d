"""The floor for intake's request path (bench/intake_throughput.py): a bare FastAPI app that takes the same report
and does one INSERT into PostgreSQL, through the same stack (uvicorn, pydantic, SQLAlchemy on asyncpg), and nothing
else: no token, no rate limit, no processing log, no outbox, no tracing.

    BARE_DATABASE_URL=postgresql+asyncpg://... .venv/bin/uvicorn bare_app:create_app --factory --app-dir bench
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime

from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import Column, Date, DateTime, MetaData, String, Table, Uuid, func, insert
from sqlalchemy.ext.asyncio import create_async_engine

metadata = MetaData()
reports = Table(
    "meldingen",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("traject_id", Uuid, nullable=False),
    Column("melder_type", String(40), nullable=False),
    Column("situatie", String(40), nullable=False),
    Column("gemeente_melding", String(6), nullable=False),
    Column("achternaam", String(200), nullable=False),
    Column("geboortedatum", Date, nullable=False),
    Column("ontvangen_op", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


class Persoon(BaseModel):
    achternaam: str
    geboortedatum: date


class Melding(BaseModel):
    melderType: str
    situatie: str
    gemeenteMelding: str
    persoon: Persoon


class Created(BaseModel):
    id: uuid.UUID
    trajectId: uuid.UUID
    ontvangenOp: datetime | None = None


def create_app() -> FastAPI:
    engine = create_async_engine(os.environ["BARE_DATABASE_URL"], pool_size=20)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with engine.begin() as conn:
            await conn.run_sync(metadata.create_all)
        yield
        await engine.dispose()

    app = FastAPI(lifespan=lifespan)

    @app.get("/readyz")
    async def ready() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/meldingen", status_code=201)
    async def report(melding: Melding) -> Created:
        created = Created(id=uuid.uuid4(), trajectId=uuid.uuid4())
        async with engine.begin() as conn:
            await conn.execute(
                insert(reports).values(
                    id=created.id,
                    traject_id=created.trajectId,
                    melder_type=melding.melderType,
                    situatie=melding.situatie,
                    gemeente_melding=melding.gemeenteMelding,
                    achternaam=melding.persoon.achternaam,
                    geboortedatum=melding.persoon.geboortedatum,
                )
            )
        return created

    return app
