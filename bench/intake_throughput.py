"""Benchmark: reports per second through intake, and latency from POST to visible in the reporting
journey (p50, p99), next to a raw aiokafka produce→consume loop on the same broker in the same run, and intake's
server CPU per POST next to a bare FastAPI app doing one INSERT into the same PostgreSQL under the same load
(bench/bare_app.py).

    .venv/bin/python bench/intake_throughput.py [--reports 2000] [--concurrency 16] [--rate 50]

Without --rate the clients post as fast as intake answers (throughput; the latency then includes the queue that
builds up before reporting's consumer); with --rate N they post N reports a second (issue 18's latency target is
at 50 reports/s), intake and the bare app alike.

Runs intake and reporting as real uvicorn processes on PostgreSQL (127.0.0.1:5432, or SQLite with
--sqlite) and a fresh Tansu broker. Server CPU is read from /proc/<pid>/stat of the app's process and of the
PostgreSQL backends serving its database, over the POST phase. Writes bench/results/intake_throughput.json and
prints two lines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from journey_platform.devbroker import LocalBroker
from journey_platform.devissuer import DevIssuer
from journey_platform.messaging.consumer import ConsumerConfig
from journey_platform.testing.cpu import CpuMeter, cpu_seconds, postgres_backends
from journey_platform.testing.databases import (
    PG_ADMIN_DB,
    PG_HOST,
    PG_PORT,
    PG_USER,
    create_service_database,
    drop_service_database,
    postgres_available,
)
from journey_platform.testing.plugin import free_port, service_dir
from reporting.adapters.orm import Gebeurtenis

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def start_service(name: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [
        str(ROOT / ".venv/bin/uvicorn"),
        f"{name}.entrypoints.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(command, env=env, cwd=ROOT)


async def wait_ready(url: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(300):
            try:
                if (await client.get(url)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} never became ready")


async def warm_up(ports: dict[str, int], headers: dict[str, str]) -> None:
    """Measure the steady state: wait until reporting's consumer has joined its group and a first
    report went all the way through."""
    body = {
        "melderType": "politie",
        "situatie": "dakloos",
        "gemeenteMelding": "GM0193",
        "persoon": {"achternaam": "Opwarmer", "geboortedatum": "1970-01-01"},
    }
    async with httpx.AsyncClient(timeout=30) as client:
        created = (await client.post(f"http://127.0.0.1:{ports['intake']}/v1/meldingen", json=body, headers=headers)).json()
        for _ in range(600):
            journey = await client.get(
                f"http://127.0.0.1:{ports['reporting']}/v1/trajecten/{created['trajectId']}", headers=headers
            )
            if journey.status_code == 200:
                return
            await asyncio.sleep(0.1)
    raise RuntimeError("the warm-up report never reached the journey")


async def outbox_lags(url: str) -> list[float]:
    """How long each event waited in intake's outbox before the broker acknowledged it."""
    from intake.adapters.orm import messaging

    engine = create_async_engine(url)
    async with engine.connect() as conn:
        rows = (await conn.execute(select(messaging.outbox.c.created_at, messaging.outbox.c.published_at))).all()
    await engine.dispose()
    return [(published - created).total_seconds() * 1000 for created, published in rows if published]


async def platform_run(args: argparse.Namespace, broker: LocalBroker, tmp: Path) -> dict[str, float]:
    use_pg = not args.sqlite and await asyncio.to_thread(postgres_available)
    urls = {s: await asyncio.to_thread(create_service_database, s, service_dir(s), tmp, use_pg) for s in ("intake", "reporting")}
    issuer = DevIssuer(tmp / "issuer")
    issuer.write_jwks()
    env = {
        **os.environ,
        "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
        "AUTH_JWKS_FILE": str(issuer.jwks_file),
        "INTAKE_DATABASE_URL": urls["intake"],
        "REPORTING_DATABASE_URL": urls["reporting"],
        "ENVIRONMENT": "test",
    }
    ports = {"intake": free_port(), "reporting": free_port()}
    procs = [start_service(name, port, env) for name, port in ports.items()]
    try:
        for port in ports.values():
            await wait_ready(f"http://127.0.0.1:{port}/readyz")
        headers = {"Authorization": f"Bearer {issuer.mint('centrale-toegang', 'CT-IJSSEL-VECHT')}"}
        await warm_up(ports, headers)
        database = CpuMeter()
        database.start(await postgres_backends(urls["intake"]) if use_pg else [])
        app_before = cpu_seconds(procs[0].pid)
        post_seconds, posted = await post_reports(
            f"http://127.0.0.1:{ports['intake']}", headers, args.reports, args.concurrency, args.rate
        )
        app_cpu = cpu_seconds(procs[0].pid) - app_before
        db_cpu = database.used(await postgres_backends(urls["intake"]) if use_pg else [])

        engine = create_async_engine(urls["reporting"])
        visible: dict[str, float] = {}
        posted_ids = set(posted)
        deadline = time.monotonic() + 120
        while len(visible) < len(posted) and time.monotonic() < deadline:
            async with engine.connect() as conn:
                rows = (await conn.execute(select(Gebeurtenis.traject_id, Gebeurtenis.ontvangen_op))).all()
            visible = {str(t): at.timestamp() for t, at in rows if str(t) in posted_ids}
            await asyncio.sleep(0.2)
        await engine.dispose()
        relay_lags = await outbox_lags(urls["intake"])
        latencies = [max(0.0, visible[t] - posted[t]) * 1000 for t in posted if t in visible]
        return {
            "database": "postgresql" if use_pg else "sqlite",
            "reports": args.reports,
            "reports_per_second": args.reports / post_seconds,
            "visible": len(latencies),
            "latency_p50_ms": percentile(latencies, 0.50),
            "latency_p99_ms": percentile(latencies, 0.99),
            "latency_mean_ms": statistics.fmean(latencies),
            "outbox_to_broker_p50_ms": percentile(relay_lags, 0.50),
            "outbox_to_broker_p99_ms": percentile(relay_lags, 0.99),
            "app_cpu_ms_per_post": app_cpu * 1000 / args.reports,
            "postgres_cpu_ms_per_post": db_cpu * 1000 / args.reports,
        }
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)
        for url in urls.values():
            await asyncio.to_thread(drop_service_database, url)


async def post_reports(
    base_url: str, headers: dict[str, str], reports: int, concurrency: int, rate: float | None = None
) -> tuple[float, dict[str, float]]:
    """POST `reports` reports from `concurrency` clients (report i not before i/`rate` s, when given); the seconds it
    took and, per journey, when it was posted."""
    posted: dict[str, float] = {}
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(reports):
        queue.put_nowait(i)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            i = queue.get_nowait()
            if rate:
                await asyncio.sleep(max(0.0, started + i / rate - time.perf_counter()))
            body = {
                "melderType": "politie",
                "situatie": "dakloos",
                "gemeenteMelding": "GM0193",
                "persoon": {"achternaam": f"Bench{i}", "geboortedatum": "1980-01-01"},
            }
            response = await client.post("/v1/meldingen", json=body, headers=headers)
            response.raise_for_status()
            posted[response.json()["trajectId"]] = time.time()

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return time.perf_counter() - started, posted


def start_bare_app(port: int, url: str) -> subprocess.Popen[bytes]:
    command = [str(ROOT / ".venv/bin/uvicorn"), "bare_app:create_app", "--factory", "--app-dir", str(ROOT / "bench")]
    command += ["--host", "127.0.0.1", "--port", str(port), "--no-access-log", "--log-level", "warning"]
    return subprocess.Popen(command, env={**os.environ, "BARE_DATABASE_URL": url}, cwd=ROOT)


async def bare_run(args: argparse.Namespace) -> dict[str, float]:
    """The same POSTs against bench/bare_app.py: one INSERT into a fresh database on the same PostgreSQL."""
    name = f"opvangketen_bench_bare_{os.getpid()}"
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_ADMIN_DB)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    port = free_port()
    proc = start_bare_app(port, url)
    try:
        await wait_ready(f"http://127.0.0.1:{port}/readyz")
        await post_reports(f"http://127.0.0.1:{port}", {}, min(args.reports, 200), args.concurrency)  # warm-up
        database = CpuMeter()
        database.start(await postgres_backends(url))
        app_before = cpu_seconds(proc.pid)
        seconds, _ = await post_reports(f"http://127.0.0.1:{port}", {}, args.reports, args.concurrency, args.rate)
        app_cpu = cpu_seconds(proc.pid) - app_before
        db_cpu = database.used(await postgres_backends(url))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    return {
        "reports": args.reports,
        "reports_per_second": args.reports / seconds,
        "app_cpu_ms_per_post": app_cpu * 1000 / args.reports,
        "postgres_cpu_ms_per_post": db_cpu * 1000 / args.reports,
    }


async def bare_run_again_on_failure(args: argparse.Namespace, tries: int = 3) -> dict[str, float]:
    """The bare app's run, started again when its connection broke (on a machine shared with other benches a port from
    `free_port` can be taken before uvicorn binds it), so that the platform's figures of the same run are kept."""
    for attempt in range(1, tries + 1):
        try:
            return await bare_run(args)
        except httpx.HTTPError as exc:
            if attempt == tries:
                raise
            print(f"bare app run {attempt} failed ({type(exc).__name__}); starting it again", file=sys.stderr)
    raise AssertionError("unreachable")


async def raw_kafka_run(args: argparse.Namespace, broker: LocalBroker) -> dict[str, float]:
    """The floor: the same number of ~1 kB messages produced one by one and consumed, nothing else."""
    topic = f"bench-raw-{int(time.time())}"
    payload = b"x" * 1000
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=broker.bootstrap_servers,
        group_id=f"{topic}-g",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        fetch_max_wait_ms=ConsumerConfig.fetch_max_wait_ms,
    )  # same as the platform's consumers
    producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap_servers, acks="all", linger_ms=2)
    await producer.start()
    await producer.send_and_wait(topic, b"warm-up")
    await consumer.start()
    sent: dict[int, float] = {}
    received: dict[int, float] = {}

    async def consume() -> None:
        while len(received) < args.reports:
            for records in (await consumer.getmany(timeout_ms=200)).values():
                for record in records:
                    if record.key is not None:
                        received[int(record.key)] = time.time()
            if received:
                await consumer.commit()

    consuming = asyncio.create_task(consume())
    semaphore = asyncio.Semaphore(args.concurrency)

    async def produce(i: int) -> None:
        async with semaphore:
            await producer.send_and_wait(topic, payload, key=str(i).encode())
            sent[i] = time.time()

    started = time.perf_counter()
    await asyncio.gather(*(produce(i) for i in range(args.reports)))
    produce_seconds = time.perf_counter() - started
    await asyncio.wait_for(consuming, timeout=120)
    await producer.stop()
    await consumer.stop()
    latencies = [max(0.0, received[i] - sent[i]) * 1000 for i in sent]
    return {
        "messages": args.reports,
        "messages_per_second": args.reports / produce_seconds,
        "latency_p50_ms": percentile(latencies, 0.50),
        "latency_p99_ms": percentile(latencies, 0.99),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rate", type=float, default=None, help="reports a second (default: as fast as answered)")
    parser.add_argument("--sqlite", action="store_true", help="use SQLite instead of PostgreSQL")
    args = parser.parse_args()
    broker = LocalBroker(free_port())
    broker.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            platform = await platform_run(args, broker, Path(tmp))
        raw = await raw_kafka_run(args, broker)
        bare = await bare_run_again_on_failure(args) if not args.sqlite and await asyncio.to_thread(postgres_available) else None
    finally:
        broker.stop()
    result = {
        "benchmark": "intake_throughput",
        "at": datetime.now(UTC).isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "settings": vars(args),
        "platform": platform,
        "raw_kafka": raw,
        "ratio_throughput": platform["reports_per_second"] / raw["messages_per_second"],
        "ratio_latency_p50": platform["latency_p50_ms"] / max(raw["latency_p50_ms"], 0.001),
        "bare_fastapi": bare,
    }
    if bare is not None:
        result["ratio_app_cpu_per_post"] = platform["app_cpu_ms_per_post"] / max(bare["app_cpu_ms_per_post"], 0.001)
        result["ratio_server_cpu_per_post"] = (platform["app_cpu_ms_per_post"] + platform["postgres_cpu_ms_per_post"]) / max(
            bare["app_cpu_ms_per_post"] + bare["postgres_cpu_ms_per_post"], 0.001
        )
        result["ratio_posts_per_second"] = platform["reports_per_second"] / bare["reports_per_second"]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "intake_throughput.json").write_text(json.dumps(result, indent=2))
    print(
        f"intake: {platform['reports_per_second']:.0f} reports/s{f' (offered {args.rate:g}/s)' if args.rate else ''}, POST→journey p50 {platform['latency_p50_ms']:.0f} ms "
        f"p99 {platform['latency_p99_ms']:.0f} ms (outbox wait p50 {platform['outbox_to_broker_p50_ms']:.0f} ms; {platform['visible']}/{platform['reports']} visible, {platform['database']}) | "
        f"raw aiokafka: {raw['messages_per_second']:.0f} msg/s, p50 {raw['latency_p50_ms']:.1f} ms p99 {raw['latency_p99_ms']:.1f} ms | "
        f"ratio throughput {result['ratio_throughput']:.3f}, p50 latency x{result['ratio_latency_p50']:.1f}"
    )
    if bare is not None:
        print(
            f"server CPU per POST: intake {platform['app_cpu_ms_per_post']:.2f} ms + PostgreSQL "
            f"{platform['postgres_cpu_ms_per_post']:.2f} ms | bare FastAPI + one INSERT {bare['app_cpu_ms_per_post']:.2f} ms + "
            f"PostgreSQL {bare['postgres_cpu_ms_per_post']:.2f} ms, {bare['reports_per_second']:.0f} POST/s | "
            f"ratio intake/bare: app CPU x{result['ratio_app_cpu_per_post']:.2f}, app+PostgreSQL "
            f"x{result['ratio_server_cpu_per_post']:.2f}, POST/s {result['ratio_posts_per_second']:.2f} "
            f"(beside raw aiokafka: throughput {result['ratio_throughput']:.3f})"
        )


if __name__ == "__main__":
    asyncio.run(main())
