"""The identity provider's signing keys (JWKS), fetched asynchronously and cached.

- Fetched with httpx on the event loop (never a blocking call on the request path), at most one fetch at a time.
- Cached for `cache_seconds`; after that the next request refreshes it. When a refresh fails the keys already
  known stay in use (logged), so a short outage of the identity provider does not lock everyone out.
- Key rotation: a token whose `kid` is unknown makes one refetch, at most one every `min_refetch_seconds`
  (a flood of tokens with made-up key ids cannot turn into a flood of fetches); still unknown → 401.
- Never fetched and unreachable → 503 (the caller may retry), not 401. A failing provider is asked again at
  most once per `min_refetch_seconds`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import httpx
import jwt

from journey_platform.errors import Unauthorized, Unavailable

log = logging.getLogger(__name__)


class JwksCache:
    def __init__(
        self,
        url: str,
        *,
        cache_seconds: float = 300.0,
        min_refetch_seconds: float = 10.0,
        timeout_seconds: float = 5.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.url = url
        self.cache_seconds = cache_seconds
        self.min_refetch_seconds = min_refetch_seconds
        self.timeout_seconds = timeout_seconds
        self.transport = transport
        self.fetches = 0
        self._keys: dict[str, Any] = {}
        self._fetched_at: float | None = None  # monotonic time of the last successful fetch
        self._attempted_at: float | None = None  # of the last attempt, successful or not
        self._refetched_at: float | None = None  # of the last refetch for an unknown key id
        self._lock = asyncio.Lock()

    async def key(self, kid: str) -> Any:
        now = time.monotonic()
        if self._fetched_at is None or now - self._fetched_at > self.cache_seconds:
            if self._waited(self._attempted_at, now):  # a failing provider is asked no more often than that
                await self._refresh(now)
        elif kid not in self._keys and self._waited(self._refetched_at, now):
            self._refetched_at = now  # key rotation: one refetch, then a cool-down for unknown key ids
            await self._refresh(now)
        if kid not in self._keys:
            if self._fetched_at is None:
                raise Unavailable("the identity provider's keys cannot be fetched; retry later")
            raise Unauthorized("token signed with an unknown key")
        return self._keys[kid]

    def _waited(self, since: float | None, now: float) -> bool:
        return since is None or now - since >= self.min_refetch_seconds

    async def _refresh(self, asked_at: float) -> None:
        async with self._lock:
            if self._attempted_at is not None and self._attempted_at >= asked_at:
                return  # another request fetched while this one waited
            self._attempted_at = time.monotonic()
            try:
                keys = await self._fetch()
            except Exception as exc:  # whatever went wrong, the known keys stay in use
                log.warning(
                    "JWKS fetch from %s failed (%s: %s); %d known keys stay in use",
                    self.url,
                    type(exc).__name__,
                    exc,
                    len(self._keys),
                )
                return
            self._keys = keys
            self._fetched_at = time.monotonic()

    async def _fetch(self) -> dict[str, Any]:
        self.fetches += 1
        async with httpx.AsyncClient(timeout=self.timeout_seconds, transport=self.transport) as client:
            response = await client.get(self.url, headers={"Accept": "application/json"})
            response.raise_for_status()
            keyset = jwt.PyJWKSet.from_dict(response.json())
        return {k.key_id: k.key for k in keyset.keys if k.key_id}
