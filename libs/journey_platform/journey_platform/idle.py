"""The waits of a poller that backs off while idle: the outbox relay and reporting's webhook dispatcher.

After work the next look comes after `poll_interval`; every look that finds nothing doubles the wait up to
`idle_max` (no tight polling with no traffic); `notify()` (a commit in this process that made work) ends a wait at
once and starts again from `poll_interval`. With `idle_max` at or below `poll_interval` it polls at a fixed rate.
"""

from __future__ import annotations

import asyncio


class IdleBackoff:
    def __init__(self, poll_interval: float, idle_max: float | None = None, wakeup: asyncio.Event | None = None) -> None:
        """`wakeup`: an event the owner also sets for other reasons (e.g. to stop), cleared after every wait."""
        self.poll_interval = poll_interval
        self.idle_max = max(idle_max if idle_max is not None else poll_interval, poll_interval)
        self.delay = poll_interval
        self.wakeup = wakeup or asyncio.Event()

    def notify(self) -> None:
        self.wakeup.set()

    def worked(self) -> None:
        """The last look found work: the next wait is the poll interval again."""
        self.delay = self.poll_interval

    async def wait(self, limit: float | None = None) -> bool:
        """Wait the current delay (at most `limit`, e.g. until a retry falls due) or until notified; whether notified.
        Not notified: the next delay doubles (up to idle_max); notified: it starts again from the poll interval."""
        seconds = self.delay if limit is None else min(self.delay, max(limit, 0.0))
        woken = await wait_for(self.wakeup, seconds)
        if woken:
            self.delay = self.poll_interval
        else:
            self.delay = min(self.delay * 2, self.idle_max)
        return woken


async def wait_for(event: asyncio.Event, seconds: float) -> bool:
    """Wait up to `seconds` for `event`, then clear it; whether it was set. No wait (and no clearing) for seconds ≤ 0."""
    if seconds <= 0:
        return False
    try:
        await asyncio.wait_for(event.wait(), timeout=seconds)
    except TimeoutError:
        return False
    finally:
        event.clear()
    return True
