"""Every database outage is 503 with Retry-After on every service, never 500; a lock never holds a request
indefinitely (lock and statement timeouts). Real PostgreSQL: skipped without one (CI requires it)."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

from journey_platform.testing.databases import PG_HOST, PG_PORT, PG_USER
from journey_platform.testing.plugin import SERVICES

from .test_crafted_inputs import FACILITY, REPORT, UNIT
from .test_token_refusal import GUARDED

CT = ("centrale-toegang", "CT-IJSSEL-VECHT")
WRITES: dict[str, tuple[str, dict[str, Any], tuple[str, str]]] = {
    "intake": ("/v1/meldingen", REPORT, CT),
    "placement": ("/v1/voorzieningen", FACILITY, CT),
    "housing": ("/v1/woningen", UNIT, ("woningcorporatie", "dewoonplaats")),
}
LISTS = {"intake": "/v1/meldingen", "placement": "/v1/voorzieningen", "housing": "/v1/woningen", "reporting": "/v1/trajecten"}


@pytest.fixture
def postgres(use_postgres: bool) -> None:
    if not use_postgres:
        pytest.skip(f"needs PostgreSQL on {PG_HOST}:{PG_PORT} (CI runs it there)")


@pytest.fixture
async def role_without_connections(postgres: None) -> AsyncIterator[str]:
    """A login role that may open no connection: connecting gives 'too many connections' (SQLSTATE 53300)."""
    name = f"opvangketen_full_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database="postgres")
    try:
        await admin.execute(f'CREATE ROLE "{name}" LOGIN CONNECTION LIMIT 0')
        yield name
    finally:
        await admin.execute(f'DROP ROLE IF EXISTS "{name}"')
        await admin.close()


def outage_urls(role: str) -> dict[str, str]:
    return {
        "connection refused": f"postgresql+asyncpg://{PG_USER}@127.0.0.1:1/opvangketen",
        "database missing": f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/opvangketen_renamed_{uuid.uuid4().hex[:8]}",
        "too many connections": f"postgresql+asyncpg://{role}@{PG_HOST}:{PG_PORT}/postgres",
    }


def assert_unavailable(response: Any, case: str) -> None:
    assert response.status_code == 503, (case, response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/problem+json", case
    assert int(response.headers["retry-after"]) > 0, case


@pytest.mark.parametrize("service", SERVICES)
async def test_every_database_outage_is_503_with_retry_after(
    start_service: Any, auth: Any, role_without_connections: str, service: str
) -> None:
    for case, url in outage_urls(role_without_connections).items():
        running = await start_service(service, database_url=url, database_connect_timeout_seconds=2)
        for path in (GUARDED[service], LISTS[service]):
            response = await running.client.get(path, headers=auth(*CT))
            assert_unavailable(response, f"{case}: GET {path}")
        if service in WRITES:
            path, body, who = WRITES[service]
            assert_unavailable(await running.client.post(path, json=body, headers=auth(*who)), f"{case}: POST {path}")


async def test_a_report_posted_while_the_database_is_away_is_503(start_service: Any, auth: Any, postgres: None) -> None:
    intake = await start_service("intake", database_url=f"postgresql+asyncpg://{PG_USER}@127.0.0.1:1/opvangketen")
    person = {"achternaam": "Groot", "geboortedatum": "1980-01-01"}
    report = {"melderType": "politie", "situatie": "dakloos", "gemeenteMelding": "GM0193", "persoon": person}
    assert_unavailable(await intake.client.post("/v1/meldingen", json=report, headers=auth(*CT)), "POST /v1/meldingen")


@pytest.mark.parametrize(
    "limits", [{"database_lock_timeout_ms": 300}, {"database_lock_timeout_ms": 0, "database_statement_timeout_ms": 500}]
)
async def test_a_locked_table_makes_requests_503_within_the_timeout(
    start_service: Any, auth: Any, clean_databases: dict[str, str], postgres: None, limits: dict[str, int]
) -> None:
    intake = await start_service("intake", **limits)
    url = clean_databases["intake"].replace("postgresql+asyncpg://", "postgresql://")
    locker = await asyncpg.connect(url)
    try:
        async with locker.transaction():
            await locker.execute("LOCK TABLE meldingen IN ACCESS EXCLUSIVE MODE")
            started = time.monotonic()
            response = await asyncio.wait_for(intake.client.get("/v1/meldingen", headers=auth(*CT)), timeout=10)
            waited = time.monotonic() - started
        assert_unavailable(response, "GET /v1/meldingen on a locked table")
        assert waited < 5, waited
    finally:
        await locker.close()
    after = await intake.client.get("/v1/meldingen", headers=auth(*CT))
    assert after.status_code == 200, after.text  # the lock released, the service serves again


async def test_connections_that_died_in_the_pool_are_503_once_then_replaced(
    start_service: Any, auth: Any, clean_databases: dict[str, str], postgres: None
) -> None:
    """Without a pre-ping per checkout: the database drops every connection (a restart, a failover); a request on a
    dead pooled connection is 503 with Retry-After, never 500, and the pool replaces them for the next requests."""
    intake = await start_service("intake")
    person = {"achternaam": "Herstart", "geboortedatum": "1980-01-01"}
    report = {"melderType": "politie", "situatie": "dakloos", "gemeenteMelding": "GM0193", "persoon": person}
    for _ in range(3):  # a few connections in the pool
        assert (await intake.client.post("/v1/meldingen", json=report, headers=auth(*CT))).status_code == 201
    name = clean_databases["intake"].rsplit("/", 1)[1]
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database="postgres")
    try:
        killed = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", name
        )
    finally:
        await admin.close()
    assert killed >= 1
    statuses = []
    for _ in range(3):
        response = await intake.client.post("/v1/meldingen", json=report, headers=auth(*CT))
        if response.status_code != 201:
            assert_unavailable(response, "POST /v1/meldingen on a connection that died in the pool")
        statuses.append(response.status_code)
    assert statuses[-1] == 201, statuses
