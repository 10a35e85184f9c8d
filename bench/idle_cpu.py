"""Idle CPU: what a service costs with no traffic at all, with its pollers at a fixed rate (before) and backing off
while idle (after), in the same run.

    .venv/bin/python bench/idle_cpu.py [--service reporting] [--seconds 60] [--settle 10]

Starts a fresh local broker and the service as a real uvicorn process on a fresh PostgreSQL database (127.0.0.1:5432;
SQLite with --sqlite), twice: once with the outbox relay and the webhook dispatcher polling at their fixed interval
(`*_OUTBOX_IDLE_MAX_SECONDS` = the poll interval, `REPORTING_WEBHOOK_IDLE_MAX_SECONDS` = its poll interval: the
behaviour before issue 18), once with the defaults (idle back-off). After `--settle` seconds it samples the CPU
time of the service's process and of the PostgreSQL backends serving its database (/proc/<pid>/stat) over
`--seconds`, and prints cores used. Writes bench/results/idle_cpu.json. Target (issue 18): ≤ 0.02 core.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from journey_platform.devbroker import LocalBroker
from journey_platform.devissuer import DevIssuer
from journey_platform.testing.cpu import cpu_seconds, postgres_backends, total_cpu_seconds
from journey_platform.testing.databases import create_service_database, drop_service_database, postgres_available
from journey_platform.testing.plugin import free_port, service_dir

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "bench"))
from intake_throughput import start_service, wait_ready  # noqa: E402  (a sibling script)

# Fixed-rate polling as before: the idle maximum equal to the poll interval (settings' defaults 0.05 s and 0.1 s).
FIXED_POLLING = {"OUTBOX_IDLE_MAX_SECONDS": "0.05", "WEBHOOK_IDLE_MAX_SECONDS": "0.1"}


async def measure(service: str, env: dict[str, str], url: str, settle: float, seconds: float) -> dict[str, float]:
    port = free_port()
    proc = start_service(service, port, env)
    try:
        await wait_ready(f"http://127.0.0.1:{port}/readyz")
        await asyncio.sleep(settle)  # consumers joined, topics made, first broker checks done
        backends = await postgres_backends(url) if url.startswith("postgresql") else []
        service_before, db_before, started = cpu_seconds(proc.pid), total_cpu_seconds(backends), time.monotonic()
        await asyncio.sleep(seconds)
        elapsed = time.monotonic() - started
        service_cores = (cpu_seconds(proc.pid) - service_before) / elapsed
        db_cores = (total_cpu_seconds(backends) - db_before) / elapsed
        return {"service_cores": service_cores, "postgres_cores": db_cores, "seconds": elapsed}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--service", default="reporting", choices=["intake", "placement", "housing", "reporting"])
    parser.add_argument("--seconds", type=float, default=60.0, help="sampling time per configuration")
    parser.add_argument("--settle", type=float, default=10.0, help="wait this long after /readyz before sampling")
    parser.add_argument("--sqlite", action="store_true", help="use SQLite instead of PostgreSQL")
    args = parser.parse_args()
    prefix = f"{args.service.upper()}_"
    broker = LocalBroker(free_port())
    broker.start()
    results: dict[str, dict[str, float]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            use_pg = not args.sqlite and await asyncio.to_thread(postgres_available)
            url = await asyncio.to_thread(create_service_database, args.service, service_dir(args.service), Path(tmp), use_pg)
            issuer = DevIssuer(Path(tmp) / "issuer")
            issuer.write_jwks()
            env = {
                **os.environ,
                "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
                "AUTH_JWKS_FILE": str(issuer.jwks_file),
                f"{prefix}DATABASE_URL": url,
                "ENVIRONMENT": "test",
            }
            fixed = {**env, **{prefix + name: value for name, value in FIXED_POLLING.items()}}
            try:
                results["fixed_polling"] = await measure(args.service, fixed, url, args.settle, args.seconds)
                results["idle_backoff"] = await measure(args.service, env, url, args.settle, args.seconds)
            finally:
                await asyncio.to_thread(drop_service_database, url)
    finally:
        broker.stop()
    result = {
        "benchmark": "idle_cpu",
        "at": datetime.now(UTC).isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "settings": vars(args),
        **results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "idle_cpu.json").write_text(json.dumps(result, indent=2))
    for name, figures in results.items():
        print(
            f"{args.service} idle, {name.replace('_', ' '):13}: {figures['service_cores']:.4f} core (service process) "
            f"+ {figures['postgres_cores']:.4f} core (PostgreSQL backends) over {figures['seconds']:.0f}s"
        )


if __name__ == "__main__":
    asyncio.run(main())
