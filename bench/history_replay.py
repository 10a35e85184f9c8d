"""Replay alone at one size: `bench/history_scale.py`'s generated history in a scratch database, then
reporting/replay.py over it, and as the baseline in the same run the database alone: the rows the replay wrote,
put back by COPY with nothing else to do (reporting/testing/history_store.write, indexes and keys in place).

    .venv/bin/python bench/history_replay.py --events 1000000

Issue 18's target is 1M events in 60 s on 2 cores. Before the bulk replay (an ORM flush per event, the projector's
path): 613 events/s at 1M (27 minutes), 173–646 events/s at 100k. See docs/operations.md for the figures since.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

import history_scale as scale
from sqlalchemy import Table, select, text

from journey_platform.db import make_engine
from reporting.adapters.orm import TijdlijnItem, Traject, TrajectAttributie, TrajectZorgaanbieder
from reporting.testing.history_store import write

DATABASE = "opvangketen_bench_history_replay"  # its own, so it can run beside bench/history_scale.py
READ_MODELS: list[Table] = [m.__table__ for m in (Traject, TijdlijnItem, TrajectZorgaanbieder, TrajectAttributie)]  # type: ignore[misc]  # mapped classes' tables


async def copy_alone(url: str) -> tuple[int, float]:
    """The read models' rows read back, then the seconds their COPY takes into the emptied tables."""
    engine = make_engine(url)
    async with engine.begin() as conn:
        rows: dict[Table, list[dict[str, Any]]] = {
            t: [dict(r._mapping) for r in await conn.execute(select(t))] for t in READ_MODELS
        }
        await conn.execute(text(f"TRUNCATE {', '.join(t.name for t in READ_MODELS)}"))
        started = time.perf_counter()
        for table in READ_MODELS:
            await write(conn, table, rows[table])
        seconds = time.perf_counter() - started
    await engine.dispose()
    return sum(map(len, rows.values())), seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    url = f"postgresql+asyncpg://{scale.PG_USER}@{scale.PG_HOST}:{scale.PG_PORT}/{DATABASE}"
    asyncio.run(scale.admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'))
    asyncio.run(scale.admin(f'CREATE DATABASE "{DATABASE}"'))
    try:
        scale.upgrade_head(scale.ROOT / "services" / "reporting", url)
        stored, seconds = asyncio.run(scale.load(url, args.events))
        print(f"{stored:,} events generated and stored in {seconds:.0f} s", flush=True)
        started = time.perf_counter()
        speed = asyncio.run(scale.replay_speed(url))
        took = time.perf_counter() - started
        print(f"replay (reporting/replay.py): {speed:,} events/s, {took:.0f} s", flush=True)
        count, alone = asyncio.run(copy_alone(url))
        print(
            f"baseline, the database alone (COPY of the replay's {count:,} rows): {alone:.0f} s, "
            f"{stored / alone:,.0f} events/s; the replay takes {took / alone:.1f}x that",
            flush=True,
        )
    finally:
        asyncio.run(scale.admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
