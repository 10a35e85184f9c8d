"""Where an indicator request is answered: in a worker process of its own (the default), or in a worker thread.

Folding a region's history is pure Python for seconds at national scale. In a thread of the serving process it
shares one interpreter lock with the event loop, so the loop (health probes, the Kafka consumers' heartbeats,
every other request) stalls whenever the fold holds the lock or the garbage collector walks its millions of
objects, and the process keeps the fold's peak memory. In a worker process the serving process only awaits a
small answer: the worker reads the scope's facts from the database itself (read_models.load_scoped_history),
folds them and sends back the views. One worker, one question at a time: a second fold at the same time would not
finish sooner on two cores, and would double the peak memory.

The worker is started (spawned, not forked: the serving process has threads) at the first question. If it dies
(killed, out of memory) the pool is replaced and the question asked once more; a database that the worker cannot
reach is 503, as in the serving process. The thread mode is for an in-memory database, which another process
cannot open, and for the tests' in-process apps, where starting a process per app would only cost time.

A worker that still holds much memory after an answer is replaced (`max_resident_mib`) once no question has come
for `IDLE_SECONDS`. Its allocator keeps much of a fold's arenas even after `malloc_trim` (a few live objects pin
each 256 KiB arena): at 1M events up to ~210 MiB of a ~415 MiB peak. The new worker is started at once and waits
at its import size, so at rest the pod holds the serving process and an idle worker, whatever scope was asked
last. Not at once after the answer: questions that come one after another (a dashboard's page, an export) would
each wait for a worker still importing, on the cores the fold needs; within a burst the kept arenas are reused by
the next fold, so they do not add to its peak. Like `max_tasks_per_child`, but on what the worker kept.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from journey_platform.db import make_engine, make_sessionmaker
from journey_platform.errors import Unavailable
from journey_platform.reference import ReferenceData
from reporting.domain.indicators.common import Window
from reporting.domain.indicators.history import History
from reporting.domain.indicators.targets import Doelen
from reporting.service_layer import indicators, read_models
from reporting.service_layer.indicator_views import IndicatorDetailView, IndicatorView
from reporting.service_layer.scope import Scope

log = logging.getLogger(__name__)

Answer = list[IndicatorView] | IndicatorDetailView
MAX_RESIDENT_MIB = 160  # a worker that keeps more after an answer is replaced (the serving process is ~95 MiB)
IDLE_SECONDS = 10.0  # ... once no question has come for this long


@dataclass(frozen=True)
class Question:
    """Every indicator's headline (`code` None), or one indicator's detail, for a scope and window."""

    scope: Scope
    window: Window
    code: str | None = None


def answer(history: History, doelen: Doelen, reference: ReferenceData, question: Question) -> Answer:
    if question.code is None:
        return indicators.overview(history, doelen, question.scope, question.window)
    return indicators.detail(history, doelen, reference, question.code, question.scope, question.window)


async def ask_with(
    session: AsyncSession, computation: indicators.Computation, doelen: Doelen, reference: ReferenceData, question: Question
) -> Answer:
    history = await read_models.load_scoped_history(session, computation, question.scope, question.window.peildatum)
    return await computation.run(answer, history, doelen, reference, question)


class InThread:
    """The scope's facts read by the request's own session; the fold in a worker thread (indicators.Computation)."""

    def __init__(self, doelen: Doelen, reference: ReferenceData) -> None:
        self._doelen, self._reference = doelen, reference
        self._computation = indicators.Computation()

    async def ask(self, session: AsyncSession, question: Question) -> Answer:
        return await ask_with(session, self._computation, self._doelen, self._reference, question)

    async def close(self) -> None:
        return None


class InProcess:
    """The question goes to a worker process that reads and folds by itself (this module's docstring)."""

    def __init__(
        self,
        database_url: str,
        doelen: Doelen,
        reference: ReferenceData,
        max_resident_mib: float | None = MAX_RESIDENT_MIB,
        idle_seconds: float | None = None,
    ) -> None:
        self._args = (database_url, doelen, reference)
        self._max_resident_mib = max_resident_mib  # None: a worker is kept whatever it holds
        self._pool: ProcessPoolExecutor | None = None
        self._one_at_a_time = asyncio.Lock()
        self.peak_mib = 0.0  # the highest peak RSS any of its workers reported (for the benchmark)
        self.kept_mib = 0.0  # the most any worker still held after an answer, before it was replaced (as above)
        self.replaced = 0  # workers replaced for what they kept
        self._idle_seconds = IDLE_SECONDS if idle_seconds is None else idle_seconds
        self._retirement: asyncio.TimerHandle | None = None  # the replacement, when no question comes before it
        self._starting: Future[None] | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker, initargs=self._args
        )

    async def ask(self, session: AsyncSession, question: Question) -> Answer:
        del session  # the worker reads with a session of its own
        async with self._one_at_a_time:
            self._keep()  # a worker waiting to be replaced answers this question first
            for attempt in (1, 2):
                if self._pool is None:
                    self._pool = self._new_pool()
                try:
                    found, usage = await asyncio.get_running_loop().run_in_executor(self._pool, _answer_and_usage, question)
                except BrokenProcessPool:
                    log.warning("the indicator worker died; starting a new one (attempt %d)", attempt)
                    self._pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = None
                    continue
                self._after(usage)
                if isinstance(found, _Outage):
                    raise Unavailable(f"the indicator worker cannot reach the database ({found.reason})")
                return found
        raise Unavailable("the indicator worker died twice on this question; retry later")

    def _after(self, usage: _Usage | None) -> None:
        """A worker that kept more than the bound after its answer is replaced once no question has come for a while."""
        if usage is None or self._pool is None:  # no /proc: nothing is known, the worker is kept
            return
        self.peak_mib = max(self.peak_mib, usage.peak_mib)
        self.kept_mib = max(self.kept_mib, usage.resident_mib)
        if self._max_resident_mib is None or usage.resident_mib <= self._max_resident_mib:
            return
        log.info("the indicator worker kept %.0f MiB after an answer (bound %.0f)", usage.resident_mib, self._max_resident_mib)
        self._retirement = asyncio.get_running_loop().call_later(self._idle_seconds, self._replace)

    def _keep(self) -> None:
        if self._retirement is not None:
            self._retirement.cancel()
            self._retirement = None

    def _replace(self) -> None:
        self._retirement = None
        if self._pool is None or self._one_at_a_time.locked():  # a question is being answered: it decides after
            return
        self._pool.shutdown(wait=False)  # the old worker ends once it reads the pool's stop
        self._pool = self._new_pool()
        self._starting = self._pool.submit(_ready)  # started now, so the next question does not wait for its imports
        self.replaced += 1

    async def settled(self) -> None:
        """Until a replacement that is due has happened and the new worker is started (for the tests and the benchmark)."""
        if self._retirement is not None:  # (a question asked meanwhile would put it off again: not waited for)
            await asyncio.sleep(max(0.0, self._retirement.when() - asyncio.get_running_loop().time()) + 0.01)
        if self._starting is not None:
            await asyncio.wrap_future(self._starting)

    @property
    def worker_pid(self) -> int | None:
        """The worker's process id, once started (for the tests and the benchmark)."""
        processes = getattr(self._pool, "_processes", None) or {}
        return next(iter(processes), None)

    async def close(self) -> None:
        self._keep()
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)


Answers = InThread | InProcess


@dataclass(frozen=True)
class _Outage:
    reason: str


@dataclass(frozen=True)
class _Usage:
    """The worker's resident memory after an answer (its memory released) and its peak so far, in MiB."""

    resident_mib: float
    peak_mib: float


@dataclass
class _Worker:
    loop: asyncio.AbstractEventLoop
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    computation: indicators.Computation
    doelen: Doelen
    reference: ReferenceData


_worker: _Worker | None = None  # one per worker process, set by _start_worker


def _start_worker(database_url: str, doelen: Doelen, reference: ReferenceData) -> None:
    global _worker  # the worker process's own state, made once when the pool starts it
    loop = asyncio.new_event_loop()
    engine = make_engine(database_url)
    _worker = _Worker(loop, engine, make_sessionmaker(engine), indicators.Computation(), doelen, reference)


def _answer_in_worker(question: Question) -> Answer | _Outage:
    worker = _worker
    if worker is None:
        raise RuntimeError("the indicator worker was not started")

    async def ask() -> Answer:
        async with worker.sessionmaker() as session:
            return await ask_with(session, worker.computation, worker.doelen, worker.reference, question)

    try:
        return worker.loop.run_until_complete(ask())
    except (OperationalError, InterfaceError, OSError, TimeoutError) as exc:  # refused, lost, timed out: not a bug
        return _Outage(f"{type(exc).__name__}: {exc}"[:300])
    finally:
        release_memory()


def _answer_and_usage(question: Question) -> tuple[Answer | _Outage, _Usage | None]:
    found = _answer_in_worker(question)
    return found, usage()


def _ready() -> None:
    """Nothing: a new worker's first task, so that the pool starts it (and runs its initializer) right away."""


def usage(status: Path = Path("/proc/self/status")) -> _Usage | None:
    """This process's VmRSS and VmHWM (Linux); None where there is no /proc."""
    try:
        lines = status.read_text().splitlines()
    except OSError:
        return None
    fields = {
        name: int(rest.split()[0]) / 1024
        for name, _, rest in (line.partition(":") for line in lines)
        if name in ("VmRSS", "VmHWM")
    }
    if "VmRSS" not in fields:
        return None
    return _Usage(fields["VmRSS"], fields.get("VmHWM", fields["VmRSS"]))


def release_memory() -> None:
    """Give the memory of the answer's fold back to the system, so the worker waits at about its idle size.

    The fold's objects are freed when the answer is made, but the C allocator keeps the freed pages of its heap for
    the next allocation; glibc's `malloc_trim` returns them (where there is no glibc, nothing is trimmed)."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # int malloc_trim(size_t pad)
    except (OSError, AttributeError):  # no libc to open, or a libc without it (musl, macOS)
        return None
