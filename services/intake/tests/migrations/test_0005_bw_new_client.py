"""Migration 0005_rules on SQLite and PostgreSQL: a report with a BW or beschut wonen decision (of any outcome) was an
application for it; other reports stay without one; decisions keep their new-client result with no ground."""

import asyncio
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.ext.asyncio import create_async_engine

from journey_platform.db import UTCDateTime
from journey_platform.migrations import alembic_config
from journey_platform.testing.databases import PG_HOST, PG_PORT, PG_USER, _recreate, drop_service_database, postgres_available

SERVICE_DIR = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)
PERSON, JOURNEY, BW_REFUSED, MO_GRANTED, UNDECIDED = (uuid.uuid4() for _ in range(5))


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}"
        return
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("CI must test the migration on PostgreSQL")
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = f"opvangketen_test_migration_intake_rules_{os.getpid()}"
    asyncio.run(_recreate(name))
    pg = f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    yield pg
    drop_service_database(pg)


def run(url: str, statements: list[Any], fetch: Any = None) -> Any:
    async def go() -> Any:
        engine = create_async_engine(url)
        try:
            async with engine.begin() as conn:
                for statement in statements:
                    await conn.execute(statement)
                return (await conn.execute(fetch)).all() if fetch is not None else None
        finally:
            await engine.dispose()

    return asyncio.run(go())


def _typed(name: str) -> Any:
    if name == "id" or name.endswith("_id"):
        return sa.column(name, sa.Uuid())
    if name.endswith("_op"):
        return sa.column(name, UTCDateTime(timezone=True))
    if name == "aandachtspunten":
        return sa.column(name, sa.JSON())
    return sa.column(name)


def table(name: str, *columns: str) -> Any:
    return sa.table(name, *(_typed(c) for c in columns))


def report(melding_id: uuid.UUID) -> dict[str, Any]:
    return {
        "id": melding_id, "traject_id": JOURNEY, "persoon_id": PERSON, "melder_type": "politie", "melder_organisatie": "x",
        "situatie": "dakloos", "route": "onbekend", "gemeente_melding": "GM0193", "verantwoordelijke_gemeente": "GM0193",
        "huishouden_grootte": 1, "aantal_kinderen": 0, "aandachtspunten": [], "meld_datum": date(2026, 1, 5),
        "gemeld_op": NOW, "beslistermijn": date(2026, 3, 2), "status": "besloten", "herhaalmelding": False,
        "termijnsignaal": "geen",
    }  # fmt: skip


def decision(melding_id: uuid.UUID, besluit: str, voorziening: str) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(), "melding_id": melding_id, "traject_id": JOURNEY, "persoon_id": PERSON, "besluit": besluit,
        "voorziening": voorziening, "besluit_datum": date(2026, 2, 1), "binnen_termijn": True, "nieuwe_client": True,
        "urgent": False, "overgang_jeugdzorg": False, "afgegeven_door": "CT-IJSSEL-VECHT", "afgegeven_op": NOW,
    }  # fmt: skip


def legacy_rows() -> list[Any]:
    meldingen = table("meldingen", *report(BW_REFUSED))
    beschikkingen = table("beschikkingen", *decision(BW_REFUSED, "x", "y"))
    return [
        sa.insert(table("personen", "id", "aangemaakt_op")).values(id=PERSON, aangemaakt_op=NOW),
        sa.insert(
            table("trajecten", "id", "persoon_id", "status", "gemeente_melding", "verantwoordelijke_gemeente", "geopend_op")
        ).values(
            id=JOURNEY,
            persoon_id=PERSON,
            status="open",
            gemeente_melding="GM0193",
            verantwoordelijke_gemeente="GM0193",
            geopend_op=NOW,
        ),
        sa.insert(meldingen).values([report(m) for m in (BW_REFUSED, MO_GRANTED, UNDECIDED)]),
        sa.insert(beschikkingen).values(
            [decision(BW_REFUSED, "geen-ondersteuning", "beschut-wonen"), decision(MO_GRANTED, "toekenning", "mo")]
        ),
    ]


def test_existing_bw_decisions_become_applications(url: str) -> None:
    config = alembic_config(SERVICE_DIR, url)
    command.upgrade(config, "0004_erasure")
    run(url, legacy_rows())
    command.upgrade(config, "0005_rules")
    columns: tuple[Any, ...] = (sa.column("id", sa.Uuid()), sa.column("aangevraagde_voorziening"))
    rows = run(url, [], sa.select(*columns).select_from(sa.table("meldingen")))
    found = {uuid.UUID(str(row[0])): row[1] for row in rows}
    assert found == {BW_REFUSED: "beschut-wonen", MO_GRANTED: None, UNDECIDED: None}
    grounds = run(
        url, [], sa.select(sa.column("nieuwe_client"), sa.column("nieuwe_client_grond")).select_from(sa.table("beschikkingen"))
    )
    assert sorted((bool(n), g) for n, g in grounds) == [(True, None), (True, None)]
    command.downgrade(config, "0004_erasure")
