"""CPU time of processes from /proc (Linux), for the benchmarks in bench/: a service's process, and the PostgreSQL
backends that serve one database."""

from __future__ import annotations

import os
from pathlib import Path

import asyncpg

_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far (its own threads; not its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime (fields 14 and 15 of proc(5))


def total_cpu_seconds(pids: list[int]) -> float:
    """The sum over the processes that still exist."""
    total = 0.0
    for pid in pids:
        try:
            total += cpu_seconds(pid)
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
    return total


class CpuMeter:
    """CPU used by a changing set of processes over a window: a process that appears during it (a new pooled
    connection's backend) counts from zero; one that ends during it is lost (its time is gone with it)."""

    def __init__(self) -> None:
        self._before: dict[int, float] = {}

    def start(self, pids: list[int]) -> None:
        self._before = {pid: total_cpu_seconds([pid]) for pid in pids}

    def used(self, pids: list[int]) -> float:
        """CPU seconds since start() of the processes `pids` (those alive now) and of those seen at start()."""
        return sum(total_cpu_seconds([pid]) - self._before.get(pid, 0.0) for pid in set(pids) | set(self._before))


async def postgres_backends(url: str) -> list[int]:
    """The pids of the PostgreSQL backends connected to the database of `url` (a local server), except our own."""
    dsn = url.replace("postgresql+asyncpg://", "postgresql://")
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
    finally:
        await conn.close()
    return [int(row["pid"]) for row in rows]  # total_cpu_seconds skips those it cannot see (a server elsewhere)
