"""The retry helper on tenacity (journey_platform/retry.py): delays, restarts of the count, stopping, cancellation."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from tenacity import RetryCallState

from journey_platform.retry import Stopped, Streak, backoff


class Flaky:
    def __init__(self, failures: int, exc: BaseException | None = None) -> None:
        self.failures = failures
        self.calls = 0
        self.exc = exc or OSError("away")

    async def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.exc
        return "ok"


def recorder(slept: list[float]) -> Callable[[float], Awaitable[None]]:
    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    return sleep


async def test_exponential_delays_up_to_the_cap() -> None:
    slept: list[float] = []
    logged: list[float] = []

    def log(state: RetryCallState) -> None:
        logged.append(state.upcoming_sleep)

    retrying = backoff(retry_on=OSError, first=0.2, cap=1.0, sleep=recorder(slept), before_sleep=log)
    assert await retrying(Flaky(5)) == "ok"
    assert slept == pytest.approx([0.2, 0.4, 0.8, 1.0, 1.0])
    assert logged == slept


async def test_other_exceptions_and_cancellation_go_straight_out() -> None:
    slept: list[float] = []
    flaky = Flaky(3, ValueError("bug"))
    with pytest.raises(ValueError):
        await backoff(retry_on=OSError, first=0.1, cap=1.0, sleep=recorder(slept))(flaky)
    cancelled = Flaky(3, asyncio.CancelledError())
    with pytest.raises(asyncio.CancelledError):
        await backoff(retry_on=Exception, first=0.1, cap=1.0, sleep=recorder(slept))(cancelled)
    assert flaky.calls == 1 and cancelled.calls == 1 and slept == []


async def test_attempts_then_the_last_exception() -> None:
    flaky = Flaky(10)
    slept: list[float] = []
    with pytest.raises(OSError):
        await backoff(retry_on=OSError, first=0.1, cap=10.0, sleep=recorder(slept), attempts=3)(flaky)
    assert flaky.calls == 3 and slept == pytest.approx([0.1, 0.2])


async def test_a_stop_ends_the_wait_and_no_attempt_follows() -> None:
    stop = asyncio.Event()
    flaky = Flaky(10)

    async def stop_soon() -> None:
        await asyncio.sleep(0)
        stop.set()

    stopper = asyncio.create_task(stop_soon())
    with pytest.raises(Stopped):
        await backoff(retry_on=OSError, first=60.0, cap=60.0, wake=stop, until_stopped=stop)(flaky)
    await stopper
    assert flaky.calls == 1


async def test_a_streak_starts_over_after_restart() -> None:
    streak = Streak(0.2, 10.0)
    slept: list[float] = []
    calls = 0

    async def session() -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            streak.restart()  # this one worked for a while before it failed
        if calls < 5:
            raise OSError("away")

    await backoff(retry_on=OSError, wait=streak, sleep=recorder(slept))(session)
    assert slept == pytest.approx([0.2, 0.4, 0.2, 0.4])
