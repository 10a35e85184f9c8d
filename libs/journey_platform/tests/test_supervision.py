"""The supervisor: a failing background task is logged, counted, restarted with back-off; repeated failure makes
it down (readiness fails) until a restart runs stably again. Also the consumer's poison parsing and lag gauge."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping

import pytest

from journey_platform.messaging.envelope import MalformedEvent, parse_event
from journey_platform.observability.metrics import ServiceMetrics, refresh
from journey_platform.supervision import Supervisor
from journey_platform.testing.waiting import eventually


def fast_supervisor(metrics: ServiceMetrics | None = None, stable_after: float = 0.05) -> Supervisor:
    return Supervisor(metrics, failure_threshold=3, initial_backoff=0.001, max_backoff=0.01, stable_after=stable_after)


def restarts(metrics: ServiceMetrics, task: str) -> float:
    value = metrics.registry.get_sample_value("opvangketen_task_restarts_total", {"task": task})
    return value or 0.0


def up(metrics: ServiceMetrics, task: str) -> float | None:
    return metrics.registry.get_sample_value("opvangketen_background_task_up", {"task": task})


async def stop(supervisor: Supervisor, *tasks: asyncio.Task[None]) -> None:
    supervisor.stopping()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def test_a_task_that_raises_is_logged_with_its_cause_counted_and_restarted(caplog: pytest.LogCaptureFixture) -> None:
    metrics = ServiceMetrics()
    supervisor = fast_supervisor(metrics, stable_after=60)
    runs = 0
    running = asyncio.Event()

    async def consumer() -> None:
        nonlocal runs
        runs += 1
        if runs <= 2:
            raise OverflowError("date value out of range")
        running.set()
        await asyncio.Event().wait()  # runs until cancelled

    caplog.set_level(logging.WARNING, "journey_platform.supervision")
    task = supervisor.supervise("consumer-reporting", consumer)
    await asyncio.wait_for(running.wait(), 30)
    assert runs == 3  # two failures, two restarts, the third run holds
    assert restarts(metrics, "consumer-reporting") == 2
    assert up(metrics, "consumer-reporting") == 1
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failures) == 2
    assert failures[0].exc_info is not None and isinstance(failures[0].exc_info[1], OverflowError)  # with its cause
    assert supervisor.healthy()  # two in a row is below the threshold of three
    await stop(supervisor, task)
    assert up(metrics, "consumer-reporting") == 0


async def test_repeated_failure_makes_the_task_down_until_a_restart_runs_stably() -> None:
    metrics = ServiceMetrics()
    supervisor = fast_supervisor(metrics)
    broken = True
    runs = 0

    async def relay() -> None:
        nonlocal runs
        runs += 1
        if broken:
            raise ConnectionError("database away")
        await asyncio.Event().wait()

    task = supervisor.supervise("outbox-relay", relay)
    assert await eventually(lambda: _async(supervisor.down() == ["outbox-relay"]))
    assert not supervisor.healthy()
    assert restarts(metrics, "outbox-relay") >= 3
    broken = False  # the cause is fixed: the next restart runs, and after `stable_after` the task counts as up
    assert await eventually(lambda: _async(supervisor.healthy()))
    assert supervisor.states["outbox-relay"].streak == 0
    assert up(metrics, "outbox-relay") == 1
    await stop(supervisor, task)


async def test_an_unexpected_return_is_a_failure_but_a_oneshot_or_a_requested_stop_is_not() -> None:
    metrics = ServiceMetrics()
    supervisor = fast_supervisor(metrics, stable_after=60)
    returns = 0

    async def watcher() -> None:
        nonlocal returns
        returns += 1  # returns at once, although it should run until the service stops

    async def create_topics() -> None:
        return None

    watcher_task = supervisor.supervise("stay-watcher", watcher)
    topics_task = supervisor.supervise("ensure-topics", create_topics, oneshot=True)
    await topics_task
    assert supervisor.states["ensure-topics"].finished
    assert restarts(metrics, "ensure-topics") == 0
    assert await eventually(lambda: _async(supervisor.down() == ["stay-watcher"]))
    await stop(supervisor, watcher_task)
    counted = restarts(metrics, "stay-watcher")
    assert counted >= 3
    assert supervisor.down() == []  # stopped by the service: finished, not down


async def test_a_cancelled_error_nobody_asked_for_is_a_failure_and_restarted() -> None:
    metrics = ServiceMetrics()
    supervisor = fast_supervisor(metrics, stable_after=60)
    runs = 0
    running = asyncio.Event()

    async def consumer() -> None:
        nonlocal runs
        runs += 1
        if runs == 1:
            raise asyncio.CancelledError  # as aiokafka can after a long broker outage, without anyone cancelling
        running.set()
        await asyncio.Event().wait()

    task = supervisor.supervise("consumer-notifications", consumer)
    await asyncio.wait_for(running.wait(), 30)
    assert restarts(metrics, "consumer-notifications") == 1
    assert not supervisor.states["consumer-notifications"].dead
    await stop(supervisor, task)


async def test_a_task_cancelled_behind_the_services_back_is_down() -> None:
    supervisor = fast_supervisor()

    async def dispatcher() -> None:
        await asyncio.Event().wait()

    task = supervisor.supervise("webhook-dispatcher", dispatcher)
    await eventually(lambda: _async(supervisor.states["webhook-dispatcher"].running))
    task.cancel()  # not by stop_container: nothing will restart it
    await asyncio.gather(task, return_exceptions=True)
    assert supervisor.down() == ["webhook-dispatcher"]


async def test_a_task_that_stops_when_asked_is_not_restarted() -> None:
    metrics = ServiceMetrics()
    supervisor = fast_supervisor(metrics)
    asked = asyncio.Event()

    async def consumer() -> None:
        await asyncio.wait_for(asked.wait(), 30)

    task = supervisor.supervise("consumer-housing", consumer)
    await eventually(lambda: _async(up(metrics, "consumer-housing") == 1))
    supervisor.stopping()
    asked.set()
    await asyncio.wait_for(task, 30)
    assert restarts(metrics, "consumer-housing") == 0
    assert supervisor.states["consumer-housing"].finished


def test_back_off_doubles_up_to_its_ceiling_with_jitter() -> None:
    supervisor = Supervisor(initial_backoff=0.5, max_backoff=30)
    # streak 1: 0.5 s; 2: 1 s; 3: 2 s; 8: 0.5 * 2**7 = 64 s, capped at 30 s; each within ±20 %.
    for streak, base in [(1, 0.5), (2, 1.0), (3, 2.0), (8, 30.0)]:
        assert base * 0.8 <= supervisor.backoff(streak) <= base * 1.2


async def test_the_same_name_cannot_be_supervised_twice() -> None:
    async def forever() -> None:
        await asyncio.Event().wait()

    supervisor = fast_supervisor()
    task = supervisor.supervise("matcher", forever)
    with pytest.raises(ValueError):
        supervisor.supervise("matcher", forever)
    await stop(supervisor, task)


async def _async(value: bool) -> bool:
    return value


# The poison kinds of issue 15 that escaped parse_event; each is now a MalformedEvent (dead-lettered at once).
ENVELOPE = {
    "specversion": "1.0",
    "id": "5b0e6c1e-0000-4000-8000-000000000001",
    "source": "urn:nld:oin:00000001003214345000:systeem:intake",
    "type": "nl.opvangketen.intake.melding-geregistreerd.v1",
    "datacontenttype": "application/json",
    "data": {},
}


@pytest.mark.parametrize(
    "raw",
    [
        json.dumps({**ENVELOPE, "time": "0001-01-01T00:00:00+01:00"}).encode(),  # OverflowError: before year 1 in UTC
        b"[" * 100_000 + b"]" * 100_000,  # RecursionError
        b"\xff\xfe not utf-8",
        b"not json",
        b"",
        None,
    ],
    ids=["time-before-year-1", "nested-100000", "invalid-utf8", "not-json", "empty", "tombstone"],
)
def test_every_poison_is_a_malformed_event(raw: bytes | None) -> None:
    with pytest.raises(MalformedEvent):
        parse_event(raw)


class Lagging:
    def __init__(self, name: str, lag: Mapping[tuple[str, int], int] | None) -> None:
        self.name = name
        self.value = lag

    async def lag(self) -> Mapping[tuple[str, int], int]:
        if self.value is None:
            raise RuntimeError("reconnecting")
        return self.value


def lag_sample(metrics: ServiceMetrics, partition: int) -> float | None:
    labels = {"consumer": "reporting", "topic": "opvangketen.intake", "partition": str(partition)}
    return metrics.registry.get_sample_value("opvangketen_consumer_lag", labels)


async def test_the_lag_gauge_keeps_its_value_while_a_consumer_cannot_tell_and_drops_partitions_it_gave_up() -> None:
    metrics = ServiceMetrics()
    consumer = Lagging("reporting", {("opvangketen.intake", 0): 7, ("opvangketen.intake", 1): 3})
    await refresh(metrics, None, None, [consumer])  # type: ignore[arg-type]  # no database: the outbox gauges are skipped
    assert lag_sample(metrics, 0) == 7
    consumer.value = None  # the consumer died or reconnects: the alert must still see its lag
    await refresh(metrics, None, None, [consumer])  # type: ignore[arg-type]  # as above
    assert lag_sample(metrics, 0) == 7
    consumer.value = {("opvangketen.intake", 1): 5}  # partition 0 moved to another pod on a rebalance
    await refresh(metrics, None, None, [consumer])  # type: ignore[arg-type]  # as above
    assert lag_sample(metrics, 0) is None
    assert lag_sample(metrics, 1) == 5
