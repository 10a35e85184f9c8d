"""Issue 15: background tasks run under a supervisor in a running service. A consumer that fails is logged,
counted and restarted and then catches up; a task that keeps failing makes /readyz fail, naming it, until it
runs stably again."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from journey_platform.testing.plugin import RunningService
from journey_platform.testing.waiting import eventually

from .conftest import a_report, journey_of

pytestmark = pytest.mark.e2e


def sample(text: str, name: str, task: str) -> float | None:
    prefix = f'{name}{{task="{task}"}} '
    for line in text.splitlines():
        if line.startswith(prefix):
            return float(line.removeprefix(prefix))
    return None


async def test_a_failing_consumer_is_restarted_and_catches_up(broker: Any, start_service: Any, auth: Any) -> None:
    intake: RunningService = await start_service("intake", broker=broker)
    reporting: RunningService = await start_service("reporting", broker=broker)
    consumer = next(c for c in reporting.container.consumers if c.name == "reporting")
    failures = 0
    commit = consumer.commit_offsets

    async def failing_once(kafka: Any, offsets: dict[Any, int]) -> None:
        nonlocal failures
        if failures < 1:  # e.g. a bug or an unexpected client error after the database commit
            failures += 1
            raise RuntimeError("offset commit blew up")
        await commit(kafka, offsets)

    consumer.commit_offsets = failing_once  # type: ignore[method-assign]  # a fault injected into the running consumer
    headers = auth()
    created = (await intake.client.post("/v1/meldingen", json=a_report("Herstart"), headers=headers)).json()
    assert await eventually(lambda: journey_of(reporting.client, created["trajectId"], headers), timeout=45)

    async def committed_after_restarts() -> bool:
        return failures == 1 and consumer.connected and bool(consumer._committed)

    await eventually(committed_after_restarts, timeout=45)
    supervisor = reporting.container.supervisor
    assert supervisor is not None
    assert supervisor.states["consumer-reporting"].restarts == 1
    assert supervisor.states["consumer-reporting"].last_error == "RuntimeError: offset commit blew up"
    metrics = (await reporting.client.get("/metrics")).text
    assert sample(metrics, "opvangketen_task_restarts_total", "consumer-reporting") == 1
    assert sample(metrics, "opvangketen_background_task_up", "consumer-reporting") == 1
    assert (await reporting.client.get("/readyz")).status_code == 200  # one failure: below the threshold of three


async def test_a_task_that_keeps_failing_makes_readiness_fail_until_it_runs_stably(broker: Any, start_service: Any) -> None:
    reporting: RunningService = await start_service("reporting", broker=broker, task_stable_after_seconds=0.5)
    broken = True

    async def flaky_watcher() -> None:
        if broken:
            raise ConnectionError("the thing it watches is away")
        await asyncio.Event().wait()

    reporting.container.supervise("flaky-watcher", flaky_watcher)

    async def not_ready() -> Any:
        response = await reporting.client.get("/readyz")
        return response if response.status_code == 503 else None

    down = await eventually(not_ready, timeout=30)  # three failures: back-off 0.5 s, 1 s, 2 s (±20 %)
    assert down.headers["content-type"].startswith("application/problem+json")
    assert "background task(s) down: flaky-watcher" in down.json()["detail"]
    assert "unreachable" not in down.json()["detail"]

    broken = False

    async def ready() -> Any:
        response = await reporting.client.get("/readyz")
        return response if response.status_code == 200 else None

    back = await eventually(ready, timeout=60)  # the next restart (back-off at most 30 s) runs 0.5 s without failing
    assert back.json()["checks"]["backgroundTasks"] is True
