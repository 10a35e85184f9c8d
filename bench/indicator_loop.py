"""How long the event loop stalls while reporting computes its indicators, the fold on the loop (as before) side
by side with the fold in a worker thread (reporting's `Computation`), in the same process and run.

    .venv/bin/python bench/indicator_loop.py [--events 10000,100000] [--database-url postgresql+asyncpg://...]

For each size it stores a synthetic Midden-IJssel history in reporting's event store (bulk inserts), then asks
for every indicator's headline for one municipality both ways while a probe coroutine wakes every 10 ms; it prints
the request time and the probe's longest gap (what a health probe or a Kafka heartbeat would wait). Writes
bench/results/indicator_loop.json. Uses a temporary SQLite database unless a URL is given (a database of its own: the event store is emptied).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert

from journey_platform.db import make_engine, make_sessionmaker, utcnow
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.migrations import upgrade_head
from journey_platform.reference import load_reference_data
from reporting.adapters.orm import Gebeurtenis, messaging
from reporting.domain.indicators.targets import load_doelen
from reporting.service_layer import indicators
from reporting.service_layer.scope import Scope, resolve_window
from reporting.tests_support import synthetic_events

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "urn:nld:oin:00000001003214345000:systeem:reporting"
EVENTS_PER_CLIENT = 6.5  # synthetic_events: report, screening, decision, then a stay to a home or a BW placement


async def store_history(url: str, events: int) -> int:
    engine = make_engine(url)
    history = synthetic_events(max(1, int(events / EVENTS_PER_CLIENT)), seed=42)
    async with engine.begin() as conn:
        await conn.execute(delete(Gebeurtenis))
        now = utcnow()
        rows = [
            {
                "event_id": e.id,
                "event_type": e.type,
                "bron": e.source,
                "traject_id": e.data.get("trajectId"),
                "tijdstip": e.time,
                "volgnummer": e.journey_sequence,
                "ontvangen_op": now,
                "data": e.data,
            }
            for e in history
        ]
        for start in range(0, len(rows), 5000):
            await conn.execute(insert(Gebeurtenis), rows[start : start + 5000])
    await engine.dispose()
    return len(history)


async def longest_stall(work: Callable[[], Awaitable[Any]]) -> tuple[float, float]:
    """(seconds the work took, the longest gap between two wake-ups of a 10 ms probe meanwhile)."""
    gaps: list[float] = []
    done = asyncio.Event()

    async def probe() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last - 0.01)
            last = now

    watcher = asyncio.create_task(probe())
    started = time.perf_counter()
    await work()
    took = time.perf_counter() - started
    done.set()
    await watcher
    return took, max(gaps, default=0.0)


async def measure(url: str) -> dict[str, Any]:
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    reference = load_reference_data(None)
    doelen = load_doelen(None)
    region = reference.region("midden-ijssel")
    assert region is not None
    scope = Scope("midden-ijssel", "GM0150", ("GM0150",), tuple(m.code for m in region.municipalities))
    window = resolve_window(scope, indicators.today(), date(2024, 12, 31), None, None)
    computation = indicators.Computation()

    async def on_the_loop() -> None:  # the baseline, as before: fetch, decode and fold on the event loop
        async with UnitOfWork(sessionmaker, messaging, SOURCE) as uow:
            rows = (await uow.session.execute(indicators.history_query())).all()
            indicators.overview(indicators.history_of(rows), doelen, scope, window)

    async def in_a_thread() -> None:  # as reporting does now: fetch on the loop, decode and fold in the worker thread
        async with UnitOfWork(sessionmaker, messaging, SOURCE) as uow:
            history = await indicators.load_history(uow, computation)
            await computation.run(indicators.overview, history, doelen, scope, window)

    before = await longest_stall(on_the_loop)
    after = await longest_stall(in_a_thread)
    await engine.dispose()
    return {
        "on_the_loop": {"request_ms": round(before[0] * 1000), "longest_loop_stall_ms": round(before[1] * 1000)},
        "worker_thread": {"request_ms": round(after[0] * 1000), "longest_loop_stall_ms": round(after[1] * 1000)},
    }


async def run(url: str, sizes: list[int]) -> dict[str, Any]:
    levels = []
    for size in sizes:
        stored = await store_history(url, size)
        figures = await measure(url)
        levels.append({"events": stored, **figures})
        before, after = figures["on_the_loop"], figures["worker_thread"]
        print(
            f"{stored:>9,} events  indicators for one municipality: on the loop {before['request_ms']:>7,} ms "
            f"(loop stalled up to {before['longest_loop_stall_ms']:,} ms) | in a worker thread {after['request_ms']:>7,} ms "
            f"(loop stalled up to {after['longest_loop_stall_ms']:,} ms)"
        )
    return {"levels": levels, "database": url.split(":")[0]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", default="10000,100000")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.events.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{tmp}/reporting-bench.db"
        upgrade_head(ROOT / "services" / "reporting", url)
        result = asyncio.run(run(url, sizes))
    git = shutil.which("git")
    if git:
        result["commit"] = subprocess.run(
            [git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()
    out = ROOT / "bench" / "results" / "indicator_loop.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
