"""Reporting's replay speed: project a synthetic history live, then rebuild every read model from it.

    .venv/bin/python bench/reporting_replay.py [--clients 1500] [--database-url postgresql+asyncpg://...]

Prints events per second for live projection (one transaction per event, as the consumer does), for
the replay (one transaction) and for the resumable replay (a commit per batch, with its checkpoint). Uses a temporary SQLite database unless a URL is given.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from journey_platform.db import make_engine, make_sessionmaker
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.migrations import upgrade_head
from reporting.adapters.orm import messaging
from reporting.replay import BATCH, replay
from reporting.service_layer.projector import project_event
from reporting.tests_support import synthetic_events

ROOT = Path(__file__).resolve().parent.parent


async def run(url: str, clients: int) -> None:
    events = synthetic_events(clients, seed=42)
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    started = time.perf_counter()
    for event in events:
        async with UnitOfWork(sessionmaker, messaging, "urn:nld:oin:00000001003214345000:systeem:reporting") as uow:
            await project_event(event, uow)
            await uow.commit()
    live = time.perf_counter() - started
    result = await replay(sessionmaker)
    resumable = await replay(sessionmaker, checkpoints=True)
    await engine.dispose()
    print(f"reporting live projection: {len(events)} events in {live:.2f}s = {len(events) / live:.0f} events/s")
    print(
        f"reporting replay: {result.events} events, {result.journeys} journeys in {result.seconds:.2f}s "
        f"= {result.events_per_second:.0f} events/s"
    )
    print(
        f"reporting replay --checkpoints (a commit per batch of {BATCH}): {resumable.events} events in "
        f"{resumable.seconds:.2f}s = {resumable.events_per_second:.0f} events/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=1500)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{tmp}/reporting-bench.db"
        upgrade_head(ROOT / "services" / "reporting", url)
        asyncio.run(run(url, args.clients))


if __name__ == "__main__":
    main()
