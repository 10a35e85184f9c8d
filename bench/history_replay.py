"""Replay alone at one size: `bench/history_scale.py`'s generated history in a scratch database, then
reporting/replay.py over it (the 1M level's replay, measured apart from its indicator runs, which take longer).

    .venv/bin/python bench/history_replay.py --events 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import time

import history_scale as scale

DATABASE = "opvangketen_bench_history_replay"  # its own, so it can run beside bench/history_scale.py


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
        print(f"replay (reporting/replay.py): {speed:,} events/s, {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        asyncio.run(scale.admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
