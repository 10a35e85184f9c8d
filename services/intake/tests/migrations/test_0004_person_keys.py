"""Migration 0004_erasure on SQLite and PostgreSQL: existing rows get a data key each and are re-sealed with it,
and a downgrade brings back the key-ring encryption."""

import asyncio
import json
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

from intake.adapters.crypto import KeyRing, is_sealed
from intake.adapters.orm import GemeenteWijziging, Persoon, Preventiezaak
from intake.service_layer.persons import data_key, person_view
from intake.settings import DEV_BSN_KEY, DEV_INDEX_KEY
from journey_platform.migrations import alembic_config
from journey_platform.testing.databases import PG_HOST, PG_PORT, PG_USER, _recreate, drop_service_database, postgres_available

SERVICE_DIR = Path(__file__).resolve().parents[2]
RING = KeyRing(DEV_BSN_KEY, DEV_INDEX_KEY)
NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)
P, T, Z, W = (uuid.uuid4() for _ in range(4))


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("INTAKE_BSN_KEYS", DEV_BSN_KEY)  # the ring the migration re-seals with
    monkeypatch.setenv("INTAKE_BSN_INDEX_KEY", DEV_INDEX_KEY)
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}"
        return
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("CI must test the migration on PostgreSQL")
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = f"opvangketen_test_migration_{os.getpid()}"
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


def legacy_rows() -> list[Any]:
    """As 0001 stored them: BSN and name encrypted with the ring, free text in the clear."""
    personen = sa.table(
        "personen",
        *(sa.column(c) for c in ("id", "bsn_versleuteld", "bsn_index", "gegevens_versleuteld", "naam_index", "aangemaakt_op")),
    )
    trajecten = sa.table(
        "trajecten",
        *(
            sa.column(c)
            for c in ("id", "persoon_id", "status", "gemeente_melding", "verantwoordelijke_gemeente", "regio", "geopend_op")
        ),
    )
    zaken = sa.table(
        "preventiezaken",
        *(
            sa.column(c)
            for c in (
                "id",
                "traject_id",
                "persoon_id",
                "gemeente",
                "woningcorporatie",
                "signaal_type",
                "huishouden_grootte",
                "woning_nodig",
                "toelichting",
                "status",
                "geopend_op",
            )
        ),
    )
    wijzigingen = sa.table(
        "gemeentewijzigingen",
        *(sa.column(c) for c in ("id", "traject_id", "van_gemeente", "naar_gemeente", "reden", "gewijzigd_door", "gewijzigd_op")),
    )
    uid = sa.Uuid()
    return [
        personen.insert().values(
            id=sa.literal(P, uid),
            bsn_versleuteld=RING.encrypt("314159265"),
            bsn_index=RING.blind_index("bsn:314159265"),
            gegevens_versleuteld=RING.encrypt(json.dumps({"achternaam": "Oudeboom", "geboortedatum": "1991-11-30"})),
            naam_index=None,
            aangemaakt_op=NOW,
        ),
        trajecten.insert().values(
            id=sa.literal(T, uid),
            persoon_id=sa.literal(P, uid),
            status="open",
            gemeente_melding="GM0193",
            verantwoordelijke_gemeente="GM0193",
            regio="ijssel-vecht",
            geopend_op=NOW,
        ),
        zaken.insert().values(
            id=sa.literal(Z, uid),
            traject_id=sa.literal(T, uid),
            persoon_id=sa.literal(P, uid),
            gemeente="GM0193",
            woningcorporatie="dewoonplaats",
            signaal_type="betalingsachterstand",
            huishouden_grootte=1,
            woning_nodig=False,
            toelichting="Drie maanden achterstand",
            status="open",
            geopend_op=NOW,
        ),
        wijzigingen.insert().values(
            id=sa.literal(W, uid),
            traject_id=sa.literal(T, uid),
            van_gemeente="GM0193",
            naar_gemeente="GM0166",
            reden="Woonde in Kampen",
            gewijzigd_door="CT-IJSSEL-VECHT",
            gewijzigd_op=NOW,
        ),
    ]


def test_existing_rows_get_a_data_key_and_are_sealed_with_it(url: str) -> None:
    config = alembic_config(SERVICE_DIR, url)
    command.upgrade(config, "0001")
    run(url, legacy_rows())
    command.upgrade(config, "head")

    (persoon,) = run(url, [], sa.select(Persoon))
    (zaak,) = run(url, [], sa.select(Preventiezaak.toelichting))
    (wijziging,) = run(url, [], sa.select(GemeenteWijziging.reden))
    row = Persoon(**persoon._mapping)
    assert row.sleutel_versleuteld and row.bsn_index == RING.blind_index("bsn:314159265")  # still found by BSN
    view = person_view(row, RING)
    assert (view.bsn, view.achternaam, str(view.geboortedatum)) == ("314159265", "Oudeboom", "1991-11-30")
    key = data_key(row, RING)
    assert key is not None and is_sealed(zaak[0]) and is_sealed(wijziging[0])
    assert (key.open(zaak[0]), key.open(wijziging[0])) == ("Drie maanden achterstand", "Woonde in Kampen")

    command.downgrade(config, "0001")
    personen = sa.table("personen", sa.column("bsn_versleuteld"))
    ((bsn,),) = run(url, [], sa.select(personen.c.bsn_versleuteld))
    ((text,),) = run(url, [], sa.select(sa.table("preventiezaken", sa.column("toelichting")).c.toelichting))
    assert RING.decrypt(bsn) == "314159265" and text == "Drie maanden achterstand"
