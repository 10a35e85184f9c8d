"""Reporting's two consumer groups through the consumer's record handling, without Kafka (issue 18 item 3): events/s
for one transaction per event (the consumer's per-record path), for the consumer's batches with the per-event handler
(as before batch handlers), and for the same batches with the batch handler, side by side in one run, on PostgreSQL:

- the live projection ("reporting": `project_event` / `project_batch`), each way into the emptied database;
- the notifications fan-out ("notifications": `notifier` / `batch_notifier`), each way onto the projection the
  last projection way left, with five subscriptions of different filters (subscriptions/testing.py), the fan-out's
  tables emptied in between.

    .venv/bin/python bench/projection_batch.py [--events 3000] [--batch-sizes 100,500] [--part projection|fanout]

Besides events/s it prints this process's CPU per event (the consumer's Python side; PostgreSQL's is not in it), a
figure less at the mercy of other load on the machine than the wall clock. Without --database-url it makes (and drops)
a scratch database `benchproj` on 127.0.0.1. The history is the seeded generator's (reporting/testing/
history_generator.py), in the order it was recorded. Writes bench/results/projection_batch.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import subprocess
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import text

from journey_platform.db import make_engine, make_sessionmaker
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.migrations import upgrade_head
from journey_platform.reference import load_reference_data
from journey_platform.runtime import Subscription
from journey_platform.testing.consumer import offline_consumer, records
from journey_platform.testing.databases import truncate_all
from reporting.adapters.orm import Base, messaging
from reporting.bootstrap import subscription
from reporting.subscriptions.bootstrap import notifications
from reporting.subscriptions.testing import sample_subscriptions
from reporting.testing.history_generator import generate

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "urn:nld:oin:00000001003214345000:systeem:reporting"
SCRATCH = "benchproj"
FANOUT_TABLES = ("afleveringen", "publieke_gebeurtenissen", "outbox", messaging.inbox.name)
Way = tuple[str, int, bool]  # (label, batch size, with the batch handler)


async def through_consumer(
    url: str, events: list[CloudEvent], size: int, sub: Subscription, batched: bool, emptied: Callable[[], Awaitable[None]]
) -> tuple[float, float]:
    """Seconds (wall, and this process's CPU) for consumer group `sub` to apply `events` in batches of `size` (1: the
    consumer's per-record path), after `emptied`."""
    await emptied()
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    consumer = offline_consumer(
        sub.name,
        lambda: UnitOfWork(sessionmaker, messaging, SOURCE),
        messaging,
        sub.handlers,
        sub.batch_handlers if batched else None,
    )
    pending = records(events)
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(pending), size):
        await consumer.handle_batch(pending[start : start + size])
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    await engine.dispose()
    expected = sum(e.type in sub.handlers for e in events)
    if consumer.processed != expected:
        raise RuntimeError(f"{sub.name}: applied {consumer.processed} of {expected} events")
    return seconds, cpu


async def admin(statement: str) -> None:
    conn = await asyncpg.connect(host="127.0.0.1", port=5432, user="postgres", database="test")
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def ways_of(sizes: list[int], only: str | None) -> list[Way]:
    ways = [("one transaction per event (per-record path)", 1, False)]
    for size in sizes:
        ways += [(f"batches of {size}, per-event handler", size, False), (f"batches of {size}, batch handler", size, True)]
    if only is not None:  # one way alone (e.g. under py-spy)
        ways = [w for w in ways if w[1] > 1 and w[2] == (only == "batch-handler")] if only != "per-event" else ways[:1]
    return ways


async def measured(
    url: str, events: list[CloudEvent], ways: list[Way], sub: Subscription, emptied: Callable[[], Awaitable[None]]
) -> list[dict[str, Any]]:
    found = []
    for label, size, batched in ways:
        seconds, cpu = await through_consumer(url, events, size, sub, batched, emptied)
        rate, cpu_ms = len(events) / seconds, cpu * 1000 / len(events)
        found.append(
            {
                "way": label,
                "batch": size,
                "batch_handler": batched,
                "seconds": round(seconds, 2),
                "events_per_s": round(rate),
                "cpu_ms_per_event": round(cpu_ms, 3),
            }
        )
        print(
            f"  {label:<46} {len(events):>7,} events in {seconds:7.2f} s = {rate:7,.0f} events/s"
            f"  (this process's CPU {cpu_ms:.2f} ms/event)",
            flush=True,
        )
    return found


async def run(url: str, events: list[CloudEvent], ways: list[Way], parts: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    reference = load_reference_data()

    async def empty_all() -> None:
        await truncate_all(url, Base.metadata)

    async def empty_fanout() -> None:  # the projection and the subscriptions stay
        engine = make_engine(url)
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {', '.join(FANOUT_TABLES)} RESTART IDENTITY"))
        await engine.dispose()

    print("reporting's live projection (consumer group reporting)", flush=True)
    if "projection" in parts:
        found["projection"] = await measured(url, events, ways, subscription(), empty_all)
    else:  # the fan-out reads the projected journeys
        await measured(url, events, [("(only to project the journeys)", 500, True)], subscription(), empty_all)
    if "fanout" in parts:
        engine = make_engine(url)
        async with make_sessionmaker(engine)() as session:
            session.add_all(sample_subscriptions(reference))
            await session.commit()
            fanned = (await session.execute(text("SELECT count(*) FROM abonnementen"))).scalar_one()
        await engine.dispose()
        print(f"the notifications fan-out to {fanned} subscriptions (consumer group notifications)", flush=True)
        found["fanout"] = await measured(url, events, ways, notifications(reference), empty_fanout)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--batch-sizes", default="100,500")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--part", choices=["projection", "fanout"], help="one consumer group alone")
    parser.add_argument("--only", choices=["per-event", "per-event-handler", "batch-handler"], help="one way alone")
    args = parser.parse_args()
    ways = ways_of([int(s) for s in args.batch_sizes.split(",")], args.only)
    parts = [args.part] if args.part else ["projection", "fanout"]
    url = args.database_url or f"postgresql+asyncpg://postgres@127.0.0.1:5432/{SCRATCH}"
    if args.database_url is None:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))
        asyncio.run(admin(f'CREATE DATABASE "{SCRATCH}"'))
    try:
        upgrade_head(ROOT / "services" / "reporting", url)
        events = generate(args.events, seed=42)
        print(f"{len(events):,} generated events, PostgreSQL, no Kafka", flush=True)
        found = asyncio.run(run(url, events, ways, parts))
    finally:
        if args.database_url is None:
            asyncio.run(admin(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))
    git = shutil.which("git")
    commit = subprocess.run([git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout if git else ""
    result = {
        "events": len(events),
        "ways": found.get("projection", []),
        "fanout_ways": found.get("fanout", []),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}",
        "commit": commit.strip(),
    }
    out = ROOT / "bench" / "results" / "projection_batch.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
