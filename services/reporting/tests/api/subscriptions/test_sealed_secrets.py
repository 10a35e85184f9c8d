"""Subscribers' secrets are sealed at rest: the database holds neither the signing secret nor the
Authorization value in plaintext; deliveries still carry both; the key rotates; old rows are sealed on upgrade."""

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
from cryptography.fernet import Fernet
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from standardwebhooks.webhooks import Webhook
from typer.testing import CliRunner

from journey_platform.migrations import alembic_config
from journey_platform.ops.cli import app as ops_app
from journey_platform.testing import databases
from journey_platform.testing.plugin import RunningService, service_dir
from journey_platform.testing.waiting import eventually
from reporting.settings import ReportingSettings
from reporting.subscriptions.adapters.sealing import SecretSeal
from reporting.subscriptions.settings import DEV_SECRET_KEY
from reporting.subscriptions.testing import Receiver

from .conftest import consume, melding, subscribe


async def raw_rows(service: RunningService) -> list[dict[str, Any]]:
    async with service.container.sessionmaker() as session:
        return [dict(r._mapping) for r in await session.execute(text("SELECT * FROM abonnementen"))]


async def test_the_database_holds_no_plaintext_secret_and_deliveries_still_carry_them(
    reporting: RunningService, receiver: Receiver, auth: Any
) -> None:
    created = await subscribe(reporting, auth("gemeente", "GM0193"), receiver)
    [row] = await raw_rows(reporting)
    stored = json.dumps(row, default=str)
    assert created["geheim"] not in stored and receiver.expected_auth not in stored
    assert created["geheim"].removeprefix("whsec_") not in stored
    seal = SecretSeal(DEV_SECRET_KEY)
    assert seal.unseal(row["geheim_versleuteld"]) == created["geheim"]
    assert seal.unseal(row["auth_versleuteld"]) == receiver.expected_auth

    await consume(reporting, melding("GM0193"))
    delivered = await eventually(receiver.first_event)
    assert delivered.headers["authorization"] == receiver.expected_auth
    Webhook(created["geheim"]).verify(delivered.body, delivered.headers)


async def test_rotating_the_key_reseals_every_subscription(reporting: RunningService, receiver: Receiver, auth: Any) -> None:
    created = await subscribe(reporting, auth("gemeente", "GM0193"), receiver)
    new_key = Fernet.generate_key().decode()
    env = {"REPORTING_SUBSCRIPTION_SECRET_KEYS": f"{new_key},{DEV_SECRET_KEY}"}
    url = reporting.container.settings.database_url

    def rotate() -> dict[str, int]:
        result = CliRunner().invoke(ops_app, ["rotate-subscription-secrets", "--database-url", url], env=env)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)  # type: ignore[no-any-return]  # json.loads gives Any

    assert await asyncio.to_thread(rotate) == {"scanned": 1, "resealed": 1}
    [row] = await raw_rows(reporting)
    only_new = SecretSeal(new_key)
    assert only_new.unseal(row["geheim_versleuteld"]) == created["geheim"]
    assert only_new.unseal(row["auth_versleuteld"]) == receiver.expected_auth
    assert await asyncio.to_thread(rotate) == {"scanned": 1, "resealed": 0}


def test_the_development_key_is_refused_in_production() -> None:
    production: dict[str, Any] = {
        "environment": "production",
        "database_url": "postgresql+asyncpg://reporting@db/reporting",
        "auth_jwks_url": "https://login.example.nl/jwks.json",
        "auth_issuer": "https://login.example.nl",
        "processing_log_key": "p" * 43 + "=",
    }
    with pytest.raises(ValidationError, match="REPORTING_SUBSCRIPTION_SECRET_KEYS"):
        ReportingSettings(**production)
    with pytest.raises(ValidationError, match="REPORTING_SUBSCRIPTION_SECRET_KEYS"):
        ReportingSettings(**production, subscription_secret_keys=f"{Fernet.generate_key().decode()},{DEV_SECRET_KEY}")
    assert ReportingSettings(**production, subscription_secret_keys=Fernet.generate_key().decode())
    with pytest.raises(ValidationError):
        ReportingSettings(subscription_secret_keys="geen-sleutel")


@pytest.fixture
def empty_database(tmp_path: Path, use_postgres: bool) -> Iterator[str]:
    """A database of this test's own, not yet migrated (PostgreSQL when reachable, as in CI)."""
    if not use_postgres:
        yield f"sqlite+aiosqlite:///{tmp_path / 'reporting.db'}"
        return
    name = f"opvangketen_test_reporting_upgrade_{os.getpid()}"
    asyncio.run(databases._recreate(name))
    url = f"postgresql+asyncpg://{databases.PG_USER}@{databases.PG_HOST}:{databases.PG_PORT}/{name}"
    yield url
    databases.drop_service_database(url)


def test_upgrading_seals_existing_plaintext_rows_and_downgrading_restores_them(empty_database: str) -> None:
    from alembic import command

    url = empty_database
    config = alembic_config(service_dir("reporting"), url)
    command.upgrade(config, "0003")
    subscription_id: Any = uuid.uuid4() if url.startswith("postgresql") else uuid.uuid4().hex  # SQLite: CHAR(32)
    asyncio.run(
        _execute(
            url,
            "INSERT INTO abonnementen (id, org_type, org_id, callback_url, auth, geheim, kanalen, "
            "event_types, aangemaakt_op) VALUES (:id, 'gemeente', 'GM0193', 'https://x.example/hook', "
            "'Bearer oud-geheim', 'whsec_oud', '[]', '[]', :at)",
            id=subscription_id,
            at=datetime(2026, 11, 1, tzinfo=UTC),
        )
    )
    command.upgrade(config, "head")
    [row] = asyncio.run(_execute(url, "SELECT * FROM abonnementen"))
    assert "oud" not in json.dumps(row, default=str)
    seal = SecretSeal(DEV_SECRET_KEY)
    assert (seal.unseal(row["auth_versleuteld"]), seal.unseal(row["geheim_versleuteld"])) == ("Bearer oud-geheim", "whsec_oud")
    command.downgrade(config, "0003")
    [row] = asyncio.run(_execute(url, "SELECT * FROM abonnementen"))
    assert (row["auth"], row["geheim"]) == ("Bearer oud-geheim", "whsec_oud")


async def _execute(url: str, statement: str, **params: Any) -> list[dict[str, Any]]:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            result = await conn.execute(sa.text(statement), params)
            return [dict(r._mapping) for r in result] if result.returns_rows else []
    finally:
        await engine.dispose()
