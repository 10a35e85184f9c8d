"""The supervisor of a service's background tasks: nothing stops silently.

Every long-running task of a service (each Kafka consumer, the outbox relay, the watchers and timers,
the webhook dispatcher) runs under `Supervisor.supervise`. When the task raises anything but
`CancelledError` (or returns while nobody asked it to stop; or raises `CancelledError` although nobody
cancelled it, as aiokafka can), the supervisor

- logs it with its cause (`log.exception`: the traceback is in the log line),
- counts it in `opvangketen_task_restarts_total{task}`,
- and starts the task again after an exponential back-off with jitter (0.5 s, 1 s, 2 s, ... at most 30 s).

`opvangketen_background_task_up{task}` is 1 while the task runs and 0 while it waits to be restarted (a
one-shot task that completed loses its series). A task that failed `failure_threshold` times in a row (without running `stable_after`
seconds in between) is *down*: `/readyz` fails, naming it, and the alert `BackgroundTaskDown` fires. It
is *up* again once a restart has run `stable_after` seconds without failing.

The back-off is our own small loop rather than tenacity's `AsyncRetrying`: tenacity's attempt counter only
grows within one retry call, whereas here the back-off and the failure streak must start over once a
restarted task has run healthily for a while (a consumer that failed three times last week should be
restarted after 0.5 s today, and must not count as down), and the streak feeds readiness.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from journey_platform.observability.metrics import ServiceMetrics

log = logging.getLogger(__name__)

TaskFactory = Callable[[], Awaitable[None]]


@dataclass
class TaskState:
    name: str
    running: bool = False
    streak: int = 0  # failures in a row, reset after a run of `stable_after` seconds
    restarts: int = 0
    finished: bool = False  # a one-shot task that completed, or the supervisor stopped it
    dead: bool = False  # its supervision itself ended (cancelled from outside, or a BaseException): not restarted
    last_error: str | None = None


class Supervisor:
    def __init__(
        self,
        metrics: ServiceMetrics | None = None,
        *,
        failure_threshold: int = 3,
        initial_backoff: float = 0.5,
        max_backoff: float = 30.0,
        stable_after: float = 60.0,
    ) -> None:
        self.metrics = metrics or ServiceMetrics()
        self.failure_threshold = failure_threshold
        self.initial_backoff = initial_backoff
        self.max_backoff = max_backoff
        self.stable_after = stable_after
        self.states: dict[str, TaskState] = {}
        self._stopping = asyncio.Event()

    def supervise(self, name: str, factory: TaskFactory, *, oneshot: bool = False) -> asyncio.Task[None]:
        """Run `factory()` under supervision, as an asyncio task named `name` (unique per service).

        `oneshot`: the task may finish (e.g. creating topics); a normal return ends its supervision.
        Otherwise a return while the supervisor is not stopping is an unexpected end, restarted like a failure."""
        if name in self.states:
            raise ValueError(f"a task named {name!r} is already supervised")
        state = self.states[name] = TaskState(name)
        self.metrics.task_up.labels(name).set(0)
        self.metrics.task_restarts.labels(name)  # the series exists (at 0) before the first restart
        return asyncio.create_task(self._supervise(state, factory, oneshot), name=name)

    def stopping(self) -> None:
        """The service is shutting down: tasks that now return are finished, not failed, and none is restarted."""
        self._stopping.set()

    def down(self) -> list[str]:
        """Tasks that cannot run: failed `failure_threshold` times in a row, or no longer supervised at all."""
        return sorted(s.name for s in self.states.values() if s.dead or (s.streak >= self.failure_threshold and not s.finished))

    def healthy(self) -> bool:
        return not self.down()

    def backoff(self, streak: int) -> float:
        """Before restart number `streak` of a series: exponential, capped, with ±20% jitter so replicas do not
        hammer a recovering dependency in step."""
        base = min(self.initial_backoff * 2.0 ** max(streak - 1, 0), self.max_backoff)
        return base * random.uniform(0.8, 1.2)

    async def _supervise(self, state: TaskState, factory: TaskFactory, oneshot: bool) -> None:
        gauge = self.metrics.task_up.labels(state.name)
        try:
            while not self._stopping.is_set():
                run = asyncio.create_task(self._run(state.name, factory), name=f"{state.name}-run")
                state.running = True
                gauge.set(1)
                started = time.monotonic()
                stable = asyncio.create_task(self._mark_stable(state, started))
                try:
                    error = await asyncio.shield(run)
                except asyncio.CancelledError:
                    run.cancel()
                    await asyncio.gather(run, return_exceptions=True)
                    raise
                finally:
                    stable.cancel()
                    state.running = False
                    gauge.set(0)
                if time.monotonic() - started >= self.stable_after:
                    state.streak = 0
                if error is None:
                    if oneshot or self._stopping.is_set():
                        state.finished = True
                        if oneshot:  # done, not down: no series that reads 0 for ever (the alert would fire)
                            self.metrics.task_up.remove(state.name)
                        return
                    error = RuntimeError("returned although it should run until the service stops")
                    log.error("background task %s ended unexpectedly; restarting it", state.name)
                state.streak += 1
                state.restarts += 1
                state.last_error = f"{type(error).__name__}: {error}"[:500]
                self.metrics.task_restarts.labels(state.name).inc()
                delay = self.backoff(state.streak)
                log.warning(
                    "background task %s failed %d time(s) in a row%s; restarting in %.1fs",
                    state.name,
                    state.streak,
                    " (it is down: /readyz fails)" if state.streak >= self.failure_threshold else "",
                    delay,
                )
                try:
                    await asyncio.wait_for(self._stopping.wait(), timeout=delay)
                except TimeoutError:
                    pass
        finally:
            state.finished = state.finished or self._stopping.is_set()
            if not state.finished:
                state.dead = True
                log.error("background task %s is no longer supervised (cancelled or interrupted); it does not run", state.name)

    async def _run(self, name: str, factory: TaskFactory) -> BaseException | None:
        """One run of the task; its exception as a value, logged here with the traceback."""
        try:
            await factory()
        except asyncio.CancelledError as exc:
            task = asyncio.current_task()
            if task is None or task.cancelling():
                raise  # we were asked to stop
            # Nobody cancelled this task: a library raised CancelledError on its own (aiokafka can, on stop() and
            # after a long broker outage). Taken as a failure, so the task is restarted rather than gone for good.
            log.exception("background task %s failed: CancelledError raised without a cancellation", name)
            return exc
        except Exception as exc:
            log.exception("background task %s failed: %s", name, exc)
            return exc
        return None

    async def _mark_stable(self, state: TaskState, started: float) -> None:
        await asyncio.sleep(max(self.stable_after - (time.monotonic() - started), 0))
        state.streak = 0
