"""The JWKS cache: fetched asynchronously, cached, refetched once on an unknown key id (rate-limited), the known
keys kept through an outage of the identity provider. An in-process HTTP transport plays the provider."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from journey_platform.jwks import JwksCache
from journey_platform.web.problems import Unauthorized, Unavailable


def jwk(kid: str) -> dict[str, Any]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**public, "kid": kid, "use": "sig", "alg": "RS256"}


class Provider:
    """The identity provider's JWKS endpoint: serves `keys`, counts fetches, can be down."""

    def __init__(self, *kids: str) -> None:
        self.keys = [jwk(kid) for kid in kids]
        self.fetches = 0
        self.down = False

    def rotate_to(self, *kids: str) -> None:
        self.keys = [jwk(kid) for kid in kids]

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.fetches += 1
        if self.down:
            return httpx.Response(503)
        return httpx.Response(200, json={"keys": self.keys})

    def cache(self, **options: Any) -> JwksCache:
        return JwksCache("https://idp.example/jwks", transport=httpx.MockTransport(self.handle), **options)


async def test_the_keys_are_fetched_once_and_cached() -> None:
    provider = Provider("k1")
    cache = provider.cache()
    for _ in range(20):
        assert await cache.key("k1") is not None
    assert provider.fetches == 1


async def test_an_unknown_kid_refetches_once_per_cool_down() -> None:
    provider = Provider("k1")
    cache = provider.cache(min_refetch_seconds=0.2)
    await cache.key("k1")
    for _ in range(10):
        with pytest.raises(Unauthorized):
            await cache.key("made-up")
    assert provider.fetches == 2  # the first fetch and one refetch: made-up key ids cannot flood the provider
    await asyncio.sleep(0.25)
    with pytest.raises(Unauthorized):
        await cache.key("made-up")
    assert provider.fetches == 3


async def test_a_rotated_key_is_picked_up_by_the_first_token_that_uses_it() -> None:
    provider = Provider("k1")
    cache = provider.cache(min_refetch_seconds=0)
    await cache.key("k1")
    provider.rotate_to("k1", "k2")
    assert await cache.key("k2") is not None
    assert provider.fetches == 2


async def test_concurrent_requests_with_a_new_kid_share_one_fetch() -> None:
    provider = Provider("k1")
    cache = provider.cache(min_refetch_seconds=0)
    await cache.key("k1")
    provider.rotate_to("k2")
    keys = await asyncio.gather(*(cache.key("k2") for _ in range(10)))
    assert all(k is not None for k in keys)
    assert provider.fetches == 2


async def test_the_cache_expires_and_is_refreshed() -> None:
    provider = Provider("k1")
    cache = provider.cache(cache_seconds=0.1, min_refetch_seconds=0)
    await cache.key("k1")
    await asyncio.sleep(0.15)
    await cache.key("k1")
    assert provider.fetches == 2


async def test_known_keys_stay_in_use_while_the_provider_is_down() -> None:
    provider = Provider("k1")
    cache = provider.cache(cache_seconds=0.05, min_refetch_seconds=0)
    await cache.key("k1")
    provider.down = True
    await asyncio.sleep(0.1)
    assert await cache.key("k1") is not None  # refresh failed, the known key still verifies
    with pytest.raises(Unauthorized):
        await cache.key("k9")


async def test_a_provider_never_reached_is_503_not_401() -> None:
    provider = Provider("k1")
    provider.down = True
    cache = provider.cache()
    with pytest.raises(Unavailable):
        await cache.key("k1")
    with pytest.raises(Unavailable):  # within the cool-down: no new fetch, still 503
        await cache.key("k1")
    assert provider.fetches == 1
