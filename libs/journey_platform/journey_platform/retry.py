"""Retrying with exponential back-off, on tenacity: the one place the platform's retry loops are built.

`backoff()` returns a configured `tenacity.AsyncRetrying`; call it with the attempt (`await retrying(fn)`).
What every caller gets:

- the delays `first`, 2 × `first`, 4 × `first`, ... at most `cap` (`tenacity.wait_exponential`), or a
  `Streak` when the count must start over after a success inside one retry call (the outbox relay);
- `retry_on`: the exception types (or a predicate) worth another attempt; anything else, `CancelledError`
  and `Stopped` (an attempt may raise it) included, goes straight out;
- a wait that the event `wake` ends early (a stopping service sets it; or the caller's own `sleep`) instead of
  `asyncio.sleep`, and, when `until_stopped` is set once the wait ends, `Stopped` instead of another attempt;
- `before_sleep(retry_state)`: the log line (and anything else) before each wait, with the delay in
  `retry_state.upcoming_sleep` and the failure in `retry_state.outcome`; `after(retry_state)`: after every
  failure that `retry_on` accepts, the last of `attempts` included (a log line naming attempt n of m).

The supervisor (journey_platform/supervision.py) keeps its own restart loop; its docstring says why.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Awaitable, Callable

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, stop_never, wait_exponential
from tenacity.after import after_nothing
from tenacity.wait import wait_base

RetryOn = type[BaseException] | tuple[type[BaseException], ...] | Callable[[BaseException], bool]


class Stopped(Exception):
    """The service is stopping: the wait before the next attempt was ended, and no attempt follows."""


class Streak(wait_base):
    """`wait_exponential(first, cap)` whose count starts over after `restart()`: the failure being handled when
    the wait is computed counts as the first of a new streak (an attempt that worked for a while and then failed)."""

    def __init__(self, first: float, cap: float) -> None:
        self._exponential = wait_exponential(multiplier=first, max=cap)
        self._before = 0  # attempts before the current streak
        self._restart = False

    def restart(self) -> None:
        self._restart = True

    def __call__(self, retry_state: RetryCallState) -> float:
        if self._restart:
            self._restart = False
            self._before = retry_state.attempt_number - 1
        shifted = copy.copy(retry_state)
        shifted.attempt_number = retry_state.attempt_number - self._before
        return self._exponential(shifted)


def failure(retry_state: RetryCallState) -> BaseException | None:
    """The exception of the attempt that just failed (for a `before_sleep` log line)."""
    return retry_state.outcome.exception() if retry_state.outcome is not None else None


def backoff(
    *,
    retry_on: RetryOn,
    first: float | None = None,
    cap: float | None = None,
    wait: wait_base | None = None,
    before_sleep: Callable[[RetryCallState], Awaitable[None] | None] | None = None,
    after: Callable[[RetryCallState], Awaitable[None] | None] | None = None,
    wake: asyncio.Event | None = None,
    sleep: Callable[[float], Awaitable[None]] | None = None,
    until_stopped: asyncio.Event | None = None,
    attempts: int | None = None,
) -> AsyncRetrying:
    """A retry policy (see the module docstring). `attempts`: at most that many, then the last exception is raised;
    default: for as long as it takes."""
    if wait is None:
        if first is None or cap is None:
            raise ValueError("give first and cap, or a wait")
        wait = wait_exponential(multiplier=first, max=cap)
    if callable(retry_on) and not isinstance(retry_on, type):
        wanted: Callable[[BaseException], bool] = retry_on
    else:
        types = retry_on

        def wanted(exc: BaseException) -> bool:
            return isinstance(exc, types)

    def worth_retrying(exc: BaseException) -> bool:
        if isinstance(exc, Stopped):
            return False
        return wanted(exc)

    async def wait_then_check(seconds: float) -> None:
        if sleep is not None:
            await sleep(seconds)
        elif wake is not None:
            try:
                await asyncio.wait_for(wake.wait(), timeout=seconds)
            except TimeoutError:
                pass
        else:
            await asyncio.sleep(seconds)
        if until_stopped is not None and until_stopped.is_set():
            raise Stopped

    return AsyncRetrying(
        retry=retry_if_exception(worth_retrying),
        wait=wait,
        stop=stop_after_attempt(attempts) if attempts is not None else stop_never,
        sleep=wait_then_check,
        before_sleep=before_sleep,
        after=after if after is not None else after_nothing,
        reraise=True,
    )
