"""The rate limit's moving window in this process's memory (the default, `memory://`; web/rate_limit.py).

`limits`' async memory storage starts a task after every hit that sorts each key's hits in a worker thread
(`asyncio.to_thread`): a thread hop and a loop wake-up per request, ~10% of a report's CPU in intake (issue 18).
Here each client's hits are a deque of moments, oldest first: a hit drops the ones that left the window and is
counted when fewer than the limit remain. Clients that went quiet are forgotten once per window. A shared store
(Redis) still goes through `limits`, so replicas share one count."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from limits import RateLimitItem


class LocalMovingWindow:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        # Per item and client: the item's window (seconds) and the moments of the client's hits in it, oldest first.
        self._hits: dict[str, tuple[float, deque[float]]] = {}
        self._swept_at = clock()
        self._longest = 0.0  # the longest window seen: how often the quiet clients are forgotten

    def hit(self, item: RateLimitItem, key: str) -> float | None:
        """Counts a hit of `key` against `item`: None when allowed, else the seconds until the oldest hit in the
        window leaves it (a refused hit is not counted, as with `limits`' moving window)."""
        now = self._clock()
        window = float(item.get_expiry())
        if now - self._swept_at > self._longest:
            self._sweep(now)
        self._longest = max(self._longest, window)
        _, hits = self._hits.setdefault(item.key_for(key), (window, deque()))
        while hits and hits[0] <= now - window:
            hits.popleft()
        if len(hits) >= item.amount:
            return hits[0] + window - now
        hits.append(now)
        return None

    def _sweep(self, now: float) -> None:
        """Forget the clients whose last hit left its window (an idle client would otherwise be kept forever)."""
        self._swept_at = now
        for key in [k for k, (window, hits) in self._hits.items() if not hits or hits[-1] <= now - window]:
            del self._hits[key]

    def kept(self) -> int:
        """How many clients (per item) are kept."""
        return len(self._hits)
