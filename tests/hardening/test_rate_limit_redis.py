"""With RATE_LIMIT_STORAGE_URL pointing at Redis, replicas share one limit (limits[async-redis], coredis).
Uses the Redis on 127.0.0.1:6379 (REDIS_URL overrides); skipped with a message when none is reachable, except in CI."""

from __future__ import annotations

import os
import socket
import uuid
from typing import Any
from urllib.parse import urlparse

import pytest

from .test_token_refusal import GUARDED

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379")


def redis_reachable() -> bool:
    parsed = urlparse(REDIS_URL)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_url() -> str:
    if not redis_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the shared rate limit test, and no Redis is reachable at {REDIS_URL}")
        pytest.skip(f"no Redis reachable at {REDIS_URL}: the shared rate limit is not tested here")
    return REDIS_URL


async def test_two_replicas_share_one_limit_through_redis(start_service: Any, auth: Any, redis_url: str) -> None:
    settings = {"rate_limit": "5/minute", "rate_limit_storage_url": redis_url}
    first = await start_service("intake", **settings)
    second = await start_service("intake", **settings)
    # A subject of its own: the count is this test's alone, whoever else uses the same Redis.
    headers = auth("centrale-toegang", "CT-IJSSEL-VECHT", subject=f"redis-test-{uuid.uuid4().hex}")
    statuses = []
    for running in (first, second, first, second, first):
        statuses.append((await running.client.get(GUARDED["intake"], headers=headers)).status_code)
    assert 429 not in statuses, statuses
    refused = await second.client.get(GUARDED["intake"], headers=headers)
    assert refused.status_code == 429, refused.text  # the sixth request, on the replica that saw only two
    assert int(refused.headers["retry-after"]) > 0
    other = auth("centrale-toegang", "CT-IJSSEL-VECHT", subject=f"redis-test-{uuid.uuid4().hex}")
    assert (await first.client.get(GUARDED["intake"], headers=other)).status_code != 429  # per client, not global


async def test_an_unreachable_limit_store_lets_requests_pass(start_service: Any, auth: Any) -> None:
    intake = await start_service("intake", rate_limit="1/minute", rate_limit_storage_url="redis://127.0.0.1:1")
    for _ in range(3):
        response = await intake.client.get(GUARDED["intake"], headers=auth())
        assert response.status_code == 404, response.text  # not 429, not 500: the counter's outage is no client's fault
