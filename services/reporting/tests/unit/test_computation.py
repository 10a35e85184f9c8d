"""Indicators are folded in a worker thread, one at a time, so the event loop keeps answering meanwhile."""

import asyncio
import threading

from reporting.service_layer.indicators import Computation


async def test_the_fold_runs_off_the_event_loop_while_the_loop_keeps_its_turn() -> None:
    release = threading.Event()
    ticks = 0

    def fold() -> int:
        release.wait(timeout=10)  # a long fold: it holds until the loop has done other work
        return threading.get_ident()

    async def other_work() -> None:
        nonlocal ticks
        for _ in range(3):
            ticks += 1
            await asyncio.sleep(0)
        release.set()

    worker, _ = await asyncio.gather(Computation().run(fold), other_work())
    assert worker != threading.get_ident()
    assert ticks == 3  # the loop ran other work while the fold was under way


async def test_folds_run_one_at_a_time() -> None:
    computation = Computation()
    first_started, first_release = threading.Event(), threading.Event()
    order: list[str] = []

    def first() -> None:
        first_started.set()
        first_release.wait(timeout=10)
        order.append("first done")

    def second() -> None:
        order.append("second started")

    running_first = asyncio.ensure_future(computation.run(first))
    await asyncio.to_thread(first_started.wait, 10)
    running_second = asyncio.ensure_future(computation.run(second))
    await asyncio.sleep(0.05)  # give the second a chance to start, which it must not take
    assert order == []
    first_release.set()
    await asyncio.gather(running_first, running_second)
    assert order == ["first done", "second started"]
