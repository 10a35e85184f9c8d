"""Reporting's live projection through the consumer's record handling, without Kafka (issue 18 item 3): events/s for
one transaction per event (the consumer's per-record path), for the consumer's batches with the per-event handler
(as before batch handlers), and for the same batches with reporting's batch handler (`project_batch`), side by side
in one run, each into the same emptied PostgreSQL database.

    .venv/bin/python bench/projection_batch.py [--events 3000] [--batch-sizes 100,500] [--database-url URL]

Besides events/s it prints this process's CPU per event (the consumer's Python side; PostgreSQL's is not in it), a
figure less at the mercy of other load on the machine than the wall clock. Without a URL it makes (and drops) a scratch database `benchproj` on 127.0.0.1. The history is the seeded generator's
(reporting/testing/history_generator.py), in the order it was recorded. Writes bench/results/projection_batch.json.
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
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import asyncpg

from journey_platform.db import make_engine, make_sessionmaker
from journey_platform.messaging.consumer import ConsumerConfig, EventConsumer
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.migrations import upgrade_head
from journey_platform.testing.databases import truncate_all
from reporting.adapters.orm import Base, messaging
from reporting.bootstrap import subscription
from reporting.testing.history_generator import generate

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "urn:nld:oin:00000001003214345000:systeem:reporting"
SCRATCH = "benchproj"


class NoDeadLetters:
    async def start(self) -> None:
        raise RuntimeError("the benchmark's history should apply without dead letters")


async def through_consumer(url: str, events: list[CloudEvent], size: int, batched: bool) -> tuple[float, float]:
    """Seconds (wall, and this process's CPU) to apply `events` in batches of `size` (1: the consumer's per-record path), after emptying the tables."""
    await truncate_all(url, Base.metadata)
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    sub = subscription()
    consumer = EventConsumer(
        ConsumerConfig(name="reporting", topics=("opvangketen.intake",), bootstrap_servers="127.0.0.1:1"),
        sub.handlers,
        lambda: UnitOfWork(sessionmaker, messaging, SOURCE),
        messaging,
        NoDeadLetters,  # never started
        batch_handlers=sub.batch_handlers if batched else None,
    )
    records = [
        SimpleNamespace(topic="opvangketen.intake", partition=0, offset=i, key=b"k", value=e.to_bytes(), headers=[])
        for i, e in enumerate(events)
    ]
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(records), size):
        await consumer.handle_batch(records[start : start + size])  # the fields of a ConsumerRecord it reads
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    await engine.dispose()
    if consumer.processed != len(events):
        raise RuntimeError(f"applied {consumer.processed} of {len(events)} events")
    return seconds, cpu


async def admin(statement: str) -> None:
    conn = await asyncpg.connect(host="127.0.0.1", port=5432, user="postgres", database="test")
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def run(url: str, events: list[CloudEvent], sizes: list[int], only: str | None) -> list[dict[str, Any]]:
    ways = [("one transaction per event (per-record path)", 1, False)]
    for size in sizes:
        ways += [(f"batches of {size}, per-event handler", size, False), (f"batches of {size}, batch handler", size, True)]
    if only is not None:  # one way alone (e.g. under py-spy)
        ways = [w for w in ways if w[1] > 1 and w[2] == (only == "batch-handler")] if only != "per-event" else ways[:1]
    found = []
    for label, size, batched in ways:
        seconds, cpu = await through_consumer(url, events, size, batched)
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
            f"{label:<46} {len(events):>7,} events in {seconds:7.2f} s = {rate:7,.0f} events/s"
            f"  (this process's CPU {cpu_ms:.2f} ms/event)",
            flush=True,
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--batch-sizes", default="100,500")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--only", choices=["per-event", "per-event-handler", "batch-handler"], help="one way alone")
    args = parser.parse_args()
    sizes = [int(s) for s in args.batch_sizes.split(",")]
    url = args.database_url or f"postgresql+asyncpg://postgres@127.0.0.1:5432/{SCRATCH}"
    if args.database_url is None:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))
        asyncio.run(admin(f'CREATE DATABASE "{SCRATCH}"'))
    try:
        upgrade_head(ROOT / "services" / "reporting", url)
        events = generate(args.events, seed=42)
        print(f"reporting's live projection, {len(events):,} generated events, PostgreSQL, no Kafka", flush=True)
        found = asyncio.run(run(url, events, sizes, args.only))
    finally:
        if args.database_url is None:
            asyncio.run(admin(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))
    git = shutil.which("git")
    commit = subprocess.run([git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout if git else ""
    result = {
        "events": len(events),
        "ways": found,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}",
        "commit": commit.strip(),
    }
    out = ROOT / "bench" / "results" / "projection_batch.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
