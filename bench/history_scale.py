"""Reporting at the scale of long, multi-region histories (issue 18 item 4): the full fold (baseline) beside the
indicator read models (reporting/service_layer/read_models.py), in the same run.

    .venv/bin/python bench/history_scale.py --events 10000,100000,1000000 [--database-url postgresql+asyncpg://...]

For each size it creates a scratch PostgreSQL database (dropped at the end), loads a generated history
(reporting/testing/history_generator.py: both regions of the reference data, ten years) in reporting's stored
format by COPY (reporting/testing/history_store.py), and then, in a fresh process per path (so the RSS is that
path's), times p95 of 5 of: every indicator's headline for a region ("all"), for one municipality, and one
indicator's detail for the region (bw-clienten: per municipality and per month); one journey; a journey search;
and reports the process's RSS after those requests and the longest event-loop stall meanwhile (a 10 ms probe).
Three paths: the full fold in a worker thread (baseline), the read models folded in a worker thread of the
serving process, and the read models folded by reporting's indicator worker process (service_layer/
indicator_worker.py, what reporting runs), whose RSS is reported apart. Then it runs reporting/replay.py as it is
on the same history. A fourth path, `stored`, is what reporting runs now: the worker behind the answer store
(service_layer/stored_answers.py); it reports each question's first ask (computed by the worker and kept) as
`first_ask_ms` and the p95 of asking it again as `indicators_ms`. Writes bench/results/history_scale.json: the issue's
keys hold the worker path's figures (every ask computed), `baseline` the full fold's, `read_models_in_thread` the
thread's, `stored_answers` the store's. The worker's RSS is given after the requests and at its peak (VmHWM).

Before/after on one generated history (two checkouts, each with its own .venv; the scratch database is kept):

    .venv/bin/python bench/history_scale.py --events 100000 --paths worker --database-url postgresql+asyncpg://...
    ../other/.venv/bin/python bench/history_scale.py --paths worker --reuse --database-url postgresql+asyncpg://...

(the second runs this script with the other checkout's code: its venv's packages are that checkout's).

The worker process is replaced when it keeps more than `--worker-max-rss` MiB after an answer (reporting's
REPORTING_INDICATOR_WORKER_MAX_RSS_MIB); `--worker-max-rss none` keeps it, as reporting did before. Each path's
child prints its progress to stderr (a 1M run that is stopped still shows what it measured); the serving process's
peak, the highest peak of its workers, how many were replaced and the steady sum (serving process + idle worker)
are reported beside the RSS after the requests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import select, text

from journey_platform.db import make_engine, make_sessionmaker
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.migrations import upgrade_head
from journey_platform.principal import OrgType, Principal
from journey_platform.reference import load_reference_data
from journey_platform.testing.databases import PG_ADMIN_DB, PG_HOST, PG_PORT, PG_USER
from reporting.adapters.orm import Traject, messaging
from reporting.domain.indicators.history import History
from reporting.domain.indicators.targets import load_doelen
from reporting.replay import replay
from reporting.service_layer import indicators, queries, read_models
from reporting.service_layer.indicator_worker import MAX_RESIDENT_MIB, InProcess, Question
from reporting.service_layer.scope import Scope, resolve_window
from reporting.service_layer.stored_answers import StoredAnswers, everything_changed, fingerprint
from reporting.testing.history_generator import generate
from reporting.testing.history_store import store

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "urn:nld:oin:00000001003214345000:systeem:reporting"
DATABASE = "opvangketen_bench_history_scale"
START, YEARS, PEILDATUM = date(2016, 1, 1), 10, date(2025, 6, 30)
REPEATS = 5


def p95(samples: list[float]) -> float:
    """Nearest rank: of 5 samples, the slowest."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def rss_mib(pid: int | None = None, field: str = "VmRSS") -> float:
    """The process's resident memory now (VmRSS), or its peak so far (VmHWM)."""
    for line in Path(f"/proc/{pid or 'self'}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def timed(work: Callable[[], Awaitable[Any]]) -> float:
    await work()  # warm: the first call of a fresh process loads code and fills caches, not counted
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        await work()
        samples.append((time.perf_counter() - started) * 1000)
    return round(p95(samples), 1)


async def measure(url: str, path: str, max_resident: float | None = MAX_RESIDENT_MIB) -> dict[str, Any]:
    """One path's figures, in this process (run as a child of `run`, one per path)."""
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    reference, doelen, computation = load_reference_data(None), load_doelen(None), indicators.Computation()
    region = reference.region("midden-ijssel")
    assert region is not None
    codes = tuple(m.code for m in region.municipalities)
    whole, one = Scope(region.code, None, codes, codes), Scope(region.code, "GM0150", ("GM0150",), codes)

    async def history(scope: Scope) -> History:
        async with UnitOfWork(sessionmaker, messaging, SOURCE) as uow:
            if path == "baseline":
                return await indicators.load_history(uow, computation)
            return await read_models.load_scoped_history(uow.session, computation, scope, PEILDATUM)

    def window(scope: Scope) -> Any:
        return resolve_window(scope, PEILDATUM, PEILDATUM, None, None)

    worker = InProcess(url, doelen, reference, max_resident) if path in ("worker", "stored") else None
    # "stored": what reporting runs, the worker behind the answer store (service_layer/stored_answers.py)
    kept = StoredAnswers(worker, sessionmaker, fingerprint(doelen, reference)) if path == "stored" and worker else None
    asker = kept or worker

    async def overview(scope: Scope) -> None:
        if asker is not None:
            await asker.ask(None, Question(scope, window(scope)))  # type: ignore[arg-type]  # it reads with its own session
            return
        await computation.run(indicators.overview, await history(scope), doelen, scope, window(scope))

    async def detail() -> None:
        if asker is not None:
            await asker.ask(None, Question(whole, window(whole), "bw-clienten"))  # type: ignore[arg-type]  # as above
            return
        found = await history(whole)
        await computation.run(indicators.detail, found, doelen, reference, "bw-clienten", whole, window(whole))

    who = Principal("bench", OrgType.centrale_toegang, region.central_access.id, region.code)
    async with UnitOfWork(sessionmaker, messaging, SOURCE) as uow:
        journey_id = await uow.session.scalar(select(Traject.id).where(Traject.verantwoordelijke_gemeente == "GM0150").limit(1))
    assert journey_id is not None

    async def journey() -> None:
        async with UnitOfWork(sessionmaker, messaging, SOURCE) as uow:
            await queries.get_traject(journey_id, uow, who, reference)

    async def search() -> None:
        async with UnitOfWork(sessionmaker, messaging, SOURCE) as uow:
            await queries.list_trajecten(
                uow,
                who,
                reference,
                gemeente="GM0150",
                fase=None,
                in_fase_sinds_voor=None,
                minimaal_dagen_in_fase=None,
                page=1,
                size=20,
            )

    stall = 0.0
    stop = asyncio.Event()

    async def probe() -> None:
        nonlocal stall
        while not stop.is_set():
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            stall = max(stall, time.perf_counter() - before - 0.01)

    watcher = asyncio.create_task(probe())
    first: dict[str, float] = {}
    if kept is not None:  # the first ask of each question computes and keeps it; `timed` then measures kept answers
        await detail()  # the worker started and its code loaded, as `timed`'s uncounted first call does for the others
        async with sessionmaker() as session, session.begin():
            await everything_changed(session)
        asks: list[tuple[str, Callable[[], Awaitable[None]]]] = [
            ("all", lambda: overview(whole)),
            ("municipality", lambda: overview(one)),
            ("detail", detail),
        ]
        for name, work in asks:
            started = time.perf_counter()
            await work()
            first[name] = round((time.perf_counter() - started) * 1000, 1)

    def progress(name: str, value: Any) -> None:  # to stderr as it goes: a long run that is stopped still says this much
        worker_now = (
            f", worker {rss_mib(worker.worker_pid):.0f} MiB (after an answer at most {worker.kept_mib:.0f}, peak {worker.peak_mib:.0f},"
            f" replaced {worker.replaced}x)"
            if worker
            else ""
        )
        print(f"    {path} {name}: {value}; serving process {rss_mib():.0f} MiB{worker_now}", file=sys.stderr, flush=True)

    indicators_ms: dict[str, float] = {}
    for name, work in (("all", lambda: overview(whole)), ("municipality", lambda: overview(one)), ("detail", detail)):
        indicators_ms[name] = await timed(work)
        progress(f"indicators {name}", f"{indicators_ms[name]:,} ms")
    figures: dict[str, Any] = {
        "indicators_ms": indicators_ms,
        "journey_ms": await timed(journey),
        "search_ms": await timed(search),
    }
    if worker is not None:
        await worker.settled()  # a worker over the bound replaced once idle: its successor waits for the next question
    figures["rss_mib"] = round(rss_mib())
    figures["peak_rss_mib"] = round(rss_mib(None, "VmHWM"))
    if first:
        figures["first_ask_ms"] = first
    stop.set()
    await watcher
    figures["longest_loop_stall_ms"] = round(stall * 1000)
    if worker is not None:
        figures["worker_rss_mib"] = round(rss_mib(worker.worker_pid))
        # the highest of every worker's peak (a replaced worker's is reported with its answers) and the current one's
        figures["worker_peak_rss_mib"] = round(max(worker.peak_mib, rss_mib(worker.worker_pid, "VmHWM")))
        figures["workers_replaced"] = worker.replaced
        figures["worker_kept_mib"] = round(worker.kept_mib)  # the most a worker held after an answer: kept, before
        figures["steady_rss_mib"] = figures["rss_mib"] + figures["worker_rss_mib"]
    progress("done", json.dumps(figures))
    if worker is not None:
        await worker.close()
    await engine.dispose()
    return figures


def in_a_process(url: str, path: str, max_resident: str) -> dict[str, Any]:
    done = subprocess.run(  # its stderr (progress, or why it failed) goes straight to this one's
        [sys.executable, __file__, "--measure", path, "--database-url", url, "--worker-max-rss", max_resident],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"measuring {path} failed ({done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


async def admin(statement: str) -> None:
    conn = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_ADMIN_DB)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@contextmanager
def migrated_database(database_url: str | None, scratch_name: str = DATABASE) -> Iterator[str]:
    """`database_url` migrated to reporting's head; without one, a scratch database on 127.0.0.1:5432 made for the
    run and dropped after it (also by bench/stay_rows_sql.py)."""
    url = database_url or f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{scratch_name}"
    if database_url is None:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{scratch_name}" WITH (FORCE)'))
        asyncio.run(admin(f'CREATE DATABASE "{scratch_name}"'))
    try:
        upgrade_head(ROOT / "services" / "reporting", url)
        yield url
    finally:
        if database_url is None:
            asyncio.run(admin(f'DROP DATABASE IF EXISTS "{scratch_name}" WITH (FORCE)'))


async def load(url: str, events: int) -> tuple[int, float]:
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("TRUNCATE gebeurtenissen, traject_attributies, tijdlijn, traject_zorgaanbieders, trajecten"))
    started = time.perf_counter()
    stored = await store(engine, generate(events, seed=18, start=START, years=YEARS))
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("VACUUM ANALYZE"))
    await engine.dispose()
    return stored, time.perf_counter() - started


async def replay_speed(url: str) -> float:
    engine = make_engine(url)
    result = await replay(make_sessionmaker(engine))
    await engine.dispose()
    return round(result.events_per_second)


PATHS = ("baseline", "read-models", "worker", "stored")


async def stored_events(url: str) -> int:
    engine = make_engine(url)
    async with engine.connect() as conn:
        count = int(await conn.scalar(text("SELECT count(*) FROM gebeurtenissen")) or 0)
    await engine.dispose()
    return count


def run(
    url: str, sizes: list[int], with_replay: bool, paths: tuple[str, ...] = PATHS, reuse: bool = False, max_resident: str = "160"
) -> dict[str, Any]:
    levels = []
    for size in sizes:
        if reuse:
            stored = asyncio.run(stored_events(url))
            print(f"{stored:,} events already stored, measured as they are", flush=True)
        else:
            stored, seconds = asyncio.run(load(url, size))
            print(f"{stored:,} events generated and stored in {seconds:.0f} s", flush=True)
        measured = {path: in_a_process(url, path, max_resident) if path in paths else None for path in PATHS}
        after = measured["worker"] or measured["read-models"] or measured["baseline"] or {}
        level = {"events": stored, **after, "replay_events_per_s": asyncio.run(replay_speed(url)) if with_replay else None}
        level["baseline"], level["read_models_in_thread"] = measured["baseline"], measured["read-models"]
        level["stored_answers"] = measured["stored"]
        levels.append(level)
        show(level)
    return {"levels": levels}


def show(level: dict[str, Any]) -> None:
    paths = (level["baseline"] or {}, level.get("read_models_in_thread") or {}, level)

    def row(name: str, unit: str, pick: Callable[[dict[str, Any]], Any]) -> str:
        cells = (pick(p) if p else None for p in paths)
        return f"  {name:<32}" + "".join(f" {'-' if v is None else f'{v:,}':>12} {unit:<4}" for v in cells)

    print(f"  {level['events']:,} events, p95 of {REPEATS}       full fold (before)  read models, thread  worker process (after)")
    print(row("indicators, all (region)", "ms", lambda p: p["indicators_ms"]["all"]))
    print(row("indicators, one municipality", "ms", lambda p: p["indicators_ms"]["municipality"]))
    print(row("detail bw-clienten (region)", "ms", lambda p: p["indicators_ms"]["detail"]))
    print(row("one journey", "ms", lambda p: p["journey_ms"]))
    print(row("journey search", "ms", lambda p: p["search_ms"]))
    print(row("reporting RSS (serving process)", "MiB", lambda p: p["rss_mib"]))
    print(row("indicator worker's RSS", "MiB", lambda p: p.get("worker_rss_mib")))
    print(row("indicator worker's peak RSS", "MiB", lambda p: p.get("worker_peak_rss_mib")))
    print(row("serving process's peak RSS", "MiB", lambda p: p.get("peak_rss_mib")))
    print(row("serving + idle worker (steady)", "MiB", lambda p: p.get("steady_rss_mib")))
    print(row("worker's most after an answer", "MiB", lambda p: p.get("worker_kept_mib")))
    print(row("workers replaced", "", lambda p: p.get("workers_replaced")))
    print(row("longest loop stall", "ms", lambda p: p["longest_loop_stall_ms"]))
    kept = level.get("stored_answers")
    if kept:
        for name in ("all", "municipality", "detail"):
            print(
                f"  answer store, {name:<14} first ask {kept['first_ask_ms'][name]:>10,} ms, asked again {kept['indicators_ms'][name]:>8,} ms"
            )
        print(f"  answer store: serving RSS {kept['rss_mib']} MiB, worker {kept.get('worker_rss_mib')} MiB")
    print(f"  replay (reporting/replay.py)     {level['replay_events_per_s'] or '-':>12} events/s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", default="10000,100000,1000000")
    parser.add_argument("--database-url", default=None, help="default: a scratch database on 127.0.0.1:5432, dropped after")
    parser.add_argument("--no-replay", action="store_true", help="skip reporting/replay.py (slow at 1M as it is)")
    parser.add_argument("--paths", default=",".join(PATHS), help="which of baseline,read-models,worker,stored to measure")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --database-url: measure the history it holds, no load (two checkouts, one generated history)",
    )
    parser.add_argument(
        "--worker-max-rss",
        default=str(MAX_RESIDENT_MIB),
        help="the worker process is replaced when it keeps more MiB after an answer; 'none': kept (the behaviour before)",
    )
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "history_scale.json"))
    parser.add_argument("--measure", default=None, help=argparse.SUPPRESS)  # the child process: one path's figures
    args = parser.parse_args()
    if args.measure:
        bound = None if args.worker_max_rss == "none" else float(args.worker_max_rss)
        print(json.dumps(asyncio.run(measure(args.database_url, args.measure, bound))))
        return
    with migrated_database(args.database_url) as url:
        sizes = [int(s) for s in args.events.split(",")]
        reuse = args.reuse and args.database_url is not None
        result = run(url, sizes, not args.no_replay, tuple(args.paths.split(",")), reuse, args.worker_max_rss)
    result["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}"
    )
    git = shutil.which("git")
    result["commit"] = (
        subprocess.run([git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
        if git
        else None
    )
    out = Path(args.out)
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
