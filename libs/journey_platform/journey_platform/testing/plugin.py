"""Pytest fixtures for every layer above the unit tests. Registered by the root conftest.py.

- `broker` (alias `fresh_broker`): a real Tansu broker on a free port for one test (restartable). When the test
  is done, every message on every topic is read, and the test fails if any carries a BSN, an address, or a
  name, date of birth or free text that the test posted (`posted_personal_data`, filled by `start_service`).
- `databases`: one real, migrated database per service for the session; emptied before each test.
- `issuer` / `auth`: development tokens for any organisation.
- `start_service`: one service's real app with its lifespan (relay and consumers when asked).
"""

from __future__ import annotations

import asyncio
import importlib
import os
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from journey_platform.devbroker import LocalBroker
from journey_platform.devissuer import DevIssuer
from journey_platform.runtime import Container
from journey_platform.testing.databases import (
    create_service_database,
    drop_service_database,
    postgres_available,
    truncate_all,
)
from journey_platform.testing.privacy import PostedPersonalData, scan_broker

SERVICES = ("intake", "placement", "housing", "reporting")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def service_dir(service: str) -> Path:
    package = importlib.import_module(service)
    return Path(package.__file__).resolve().parent.parent  # type: ignore[arg-type]  # a service package always has a __file__


def settings_class(service: str) -> Any:
    module = importlib.import_module(f"{service}.settings")
    return next(v for k, v in vars(module).items() if k.endswith("Settings") and k != "ServiceSettings")


def metadata_of(service: str) -> Any:
    return importlib.import_module(f"{service}.adapters.orm").Base.metadata


@pytest.fixture(scope="session")
def use_postgres() -> bool:
    available = postgres_available()
    if not available and os.environ.get("CI"):
        pytest.fail("CI must run the suite on PostgreSQL, and none is reachable on 127.0.0.1:5432")
    return available


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory, use_postgres: bool) -> Iterator[dict[str, str]]:
    tmp = tmp_path_factory.mktemp("db")
    urls = {s: create_service_database(s, service_dir(s), tmp, use_postgres) for s in SERVICES}
    yield urls
    for url in urls.values():
        drop_service_database(url)


@pytest.fixture
async def clean_databases(databases: dict[str, str]) -> dict[str, str]:
    for service, url in databases.items():
        await truncate_all(url, metadata_of(service))
    return databases


@pytest.fixture(scope="session")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> DevIssuer:
    dev = DevIssuer(tmp_path_factory.mktemp("issuer"))
    dev.write_jwks()
    return dev


@pytest.fixture(scope="session")
def auth(issuer: DevIssuer) -> Callable[..., dict[str, str]]:
    """auth("gemeente", "GM0193") → headers with a bearer token for that organisation."""

    def headers(org_type: str = "centrale-toegang", org_id: str = "CT-IJSSEL-VECHT", **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {issuer.mint(org_type, org_id, **claims)}"}

    return headers


@pytest.fixture
def posted_personal_data() -> PostedPersonalData:
    """What this test posted that must never be on a topic; `start_service` adds every request body's
    personal fields, a test may add more with `.add(...)`."""
    return PostedPersonalData()


@pytest.fixture
def broker(posted_personal_data: PostedPersonalData) -> Iterator[LocalBroker]:
    """A broker of one test's own (it starts in milliseconds): its topics, dead letters and consumer
    groups hold only what that test put there. A broker shared by the session would make every new
    consumer group replay earlier tests' events against databases emptied since."""
    local = LocalBroker(free_port())
    local.start()
    yield local
    try:
        check_broker_for_personal_data(local, posted_personal_data)
    finally:
        local.stop()


def check_broker_for_personal_data(broker: LocalBroker, posted: PostedPersonalData) -> None:
    """Fails the test when any message on any topic of a running broker carries personal data. The `broker`
    fixture calls it at the end of every test; a test with a broker of its own calls it before stopping that."""
    if not broker.running:
        return
    with ThreadPoolExecutor(max_workers=1) as pool:  # an event loop of its own, whether or not the test's runs
        problems = pool.submit(
            lambda: asyncio.run(asyncio.wait_for(scan_broker(broker.bootstrap_servers, posted.values), 120))
        ).result()
    if problems:
        pytest.fail("personal data on the broker (data minimisation):\n" + "\n".join(problems[:20]), pytrace=False)


@pytest.fixture
def fresh_broker(broker: LocalBroker) -> LocalBroker:
    return broker


@dataclass
class RunningService:
    name: str
    app: FastAPI
    client: httpx.AsyncClient

    @property
    def container(self) -> Container:
        return self.app.state.container  # type: ignore[no-any-return]  # Starlette's app.state is untyped


@pytest.fixture
async def start_service(
    clean_databases: dict[str, str], issuer: DevIssuer, posted_personal_data: PostedPersonalData
) -> AsyncIterator[Callable[..., Any]]:
    """`await start_service("intake", broker=broker)` → a running service with an httpx client.

    Without `broker`, relay and consumers stay off (events stay in the outbox, for inspection)."""
    async with AsyncExitStack() as stack:

        async def record_posted(request: httpx.Request) -> None:
            try:
                posted_personal_data.add_body(request.content)
            except httpx.RequestNotRead:
                pass  # a streamed body: the tests post JSON

        async def start(service: str, broker: LocalBroker | None = None, **overrides: Any) -> RunningService:
            module = importlib.import_module(f"{service}.entrypoints.app")
            fields = {
                "database_url": clean_databases[service],
                "auth_jwks_file": issuer.jwks_file,
                "auth_issuer": issuer.issuer,
                "auth_audience": issuer.audience,
                "kafka_bootstrap_servers": broker.bootstrap_servers if broker else "127.0.0.1:1",
                "relay_enabled": broker is not None,
                "consumer_enabled": broker is not None,
                "environment": "test",
                "kafka_topic_partitions": 3,
                **overrides,
            }
            settings = settings_class(service)(**fields)
            app = module.create_app(settings)
            await stack.enter_async_context(LifespanManager(app, startup_timeout=30, shutdown_timeout=30))
            client = await stack.enter_async_context(
                httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app), base_url=f"http://{service}", event_hooks={"request": [record_posted]}
                )
            )
            return RunningService(service, app, client)

        yield start
