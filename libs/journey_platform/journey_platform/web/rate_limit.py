"""Rate limiting per client with the `limits` library (moving window): 429 problem+json with Retry-After.

The client is the token's organisation and subject when the request carries a valid bearer token, else
the client address (behind a proxy: run uvicorn with --proxy-headers so that is the caller's). Storage is
in memory per process by default (web/moving_window.py); with several replicas point RATE_LIMIT_STORAGE_URL at
Redis (e.g. redis://redis:6379; the async storage needs `coredis`, installed with `limits[async-redis]`) so they
share the count. When the storage cannot be reached the request passes (logged, at most once a minute): the
limit protects the service, an outage of its counter must not take the service down.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Awaitable, Callable

from limits import RateLimitItem, parse_many
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from starlette.types import ASGIApp, Receive, Scope, Send

from journey_platform.web.moving_window import LocalMovingWindow
from journey_platform.web.problems import DomainError, send_problem

log = logging.getLogger(__name__)

# Probes and scraping are not clients: a busy monitor must never make a service look down.
EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def async_storage_url(url: str) -> str:
    return url if url.startswith("async+") else f"async+{url}"


class RateLimitMiddleware:
    def __init__(
        self, app: ASGIApp, *, limit: str, storage_url: str, principal_key: Callable[[Scope, str], Awaitable[str | None]]
    ) -> None:
        self.app = app
        self.items: list[RateLimitItem] = parse_many(limit)
        self.local = LocalMovingWindow() if storage_url.removeprefix("async+") == "memory://" else None
        self.limiter = (
            None if self.local is not None else MovingWindowRateLimiter(storage_from_string(async_storage_url(storage_url)))
        )
        self.principal_key = principal_key
        self._storage_warned_at = -math.inf

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        key = await self.client_key(scope)
        for item in self.items:
            try:
                wait = self.local.hit(item, key) if self.local is not None else await self._shared_hit(item, key)
            except Exception as exc:  # the counter's storage is away: let the request pass
                self._warn_storage(exc)
                break
            if wait is not None:
                retry_after = max(1, math.ceil(wait))
                await send_problem(
                    scope,
                    receive,
                    send,
                    429,
                    "Too many requests",
                    f"more than {item} from this client; retry after {retry_after} s",
                    headers={"Retry-After": str(retry_after)},
                )
                return
        await self.app(scope, receive, send)

    async def _shared_hit(self, item: RateLimitItem, key: str) -> float | None:
        """A hit counted in the shared store: None when allowed, else the seconds until the window admits one."""
        assert self.limiter is not None
        if await self.limiter.hit(item, key):
            return None
        return (await self.limiter.get_window_stats(item, key)).reset_time - time.time()

    def _warn_storage(self, exc: Exception) -> None:
        if time.monotonic() - self._storage_warned_at > 60:
            self._storage_warned_at = time.monotonic()
            log.warning("rate limit storage unavailable, requests pass unlimited: %s: %s", type(exc).__name__, exc)

    async def client_key(self, scope: Scope) -> str:
        token = bearer_token(scope)
        if token:
            try:
                principal = await self.principal_key(scope, token)
            except DomainError:  # an invalid token counts against the address it came from
                principal = None
            if principal:
                return f"principal:{principal}"
        client = scope.get("client")
        return f"address:{client[0] if client else 'unknown'}"


def bearer_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return token.strip() or None if scheme.lower() == "bearer" else None
    return None
