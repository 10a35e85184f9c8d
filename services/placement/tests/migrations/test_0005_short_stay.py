"""Migration 0005_rules on SQLite and PostgreSQL: a journey with a short stay keeps it (flag set); its end stays where
the client was already admitted on it, and is cleared where nobody was admitted yet (the first admission counts)."""

import asyncio
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
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
ENDS = datetime(2026, 11, 3, 11, tzinfo=UTC)
ADMITTED, WAITING, PLAIN, PLACE = (uuid.uuid4() for _ in range(4))


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'placement.db'}"
        return
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("CI must test the migration on PostgreSQL")
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = f"opvangketen_test_migration_placement_{os.getpid()}"
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
    if name.endswith("_op") or name.endswith("_tot"):
        return sa.column(name, UTCDateTime(timezone=True))
    if name in ("aandachtspunten", "veilig_voor", "woonwensen"):
        return sa.column(name, sa.JSON())
    return sa.column(name)


def table(name: str, *columns: str) -> Any:
    return sa.table(name, *(_typed(c) for c in columns))


TRAJECTEN = table(
    "trajecten", "id", "client_id", "verantwoordelijke_gemeente", "huishouden_grootte", "aandachtspunten",
    "kort_verblijf_tot", "bijgewerkt_op",
)  # fmt: skip


def legacy_rows() -> list[Any]:
    journeys: list[dict[str, Any]] = [
        {"id": j, "client_id": uuid.uuid4(), "verantwoordelijke_gemeente": "GM0193", "huishouden_grootte": 1,
         "aandachtspunten": [], "kort_verblijf_tot": ends, "bijgewerkt_op": NOW}
        for j, ends in ((ADMITTED, ENDS), (WAITING, ENDS), (PLAIN, None))
    ]  # fmt: skip
    place = table(
        "voorzieningen", "id", "naam", "type", "zorgaanbieder", "gemeente", "capaciteit_plaatsen", "eenpersoonskamers",
        "veilig_voor", "huisdieren_toegestaan", "rolstoeltoegankelijk", "status", "geregistreerd_op", "gewijzigd_op",
    )  # fmt: skip
    stay = table(
        "verblijven", "id", "traject_id", "client_id", "voorziening_id", "voorziening_type", "zorgaanbieder", "gemeente",
        "soort", "status", "opgenomen_op", "maximum_signaal", "kort_verblijf_buiten_regio", "bed_en_break",
    )  # fmt: skip
    return [
        sa.insert(TRAJECTEN).values(journeys),
        sa.insert(place).values(
            id=PLACE,
            naam="De Herberg",
            type="acute-opvang",
            zorgaanbieder="leger-des-heils",
            gemeente="GM0193",
            capaciteit_plaatsen=2,
            eenpersoonskamers=1,
            veilig_voor=[],
            huisdieren_toegestaan=False,
            rolstoeltoegankelijk=False,
            status="open",
            geregistreerd_op=NOW,
            gewijzigd_op=NOW,
        ),
        sa.insert(stay).values(
            id=uuid.uuid4(),
            traject_id=ADMITTED,
            client_id=uuid.uuid4(),
            voorziening_id=PLACE,
            voorziening_type="acute-opvang",
            zorgaanbieder="leger-des-heils",
            gemeente="GM0193",
            soort="opname",
            status="actief",
            opgenomen_op=NOW,
            maximum_signaal="geen",
            kort_verblijf_buiten_regio=True,
            bed_en_break=False,
        ),
    ]


def test_existing_short_stays_upgrade(url: str) -> None:
    config = alembic_config(SERVICE_DIR, url)
    command.upgrade(config, "0004_consent")
    run(url, legacy_rows())
    command.upgrade(config, "0005_rules")
    rows = run(
        url,
        [],
        sa.select(sa.column("id"), sa.column("kort_verblijf"), sa.column("kort_verblijf_tot")).select_from(sa.table("trajecten")),
    )
    found = {uuid.UUID(str(row[0])): (bool(row[1]), row[2]) for row in rows}
    assert found[ADMITTED][0] is True and found[ADMITTED][1] is not None  # admitted on it: the end stays
    assert found[WAITING] == (True, None)  # not yet admitted: the first admission starts the count
    assert found[PLAIN] == (False, None)
    command.downgrade(config, "0004_consent")
