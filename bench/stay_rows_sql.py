"""The SQL indicators over the row read models (reporting/service_layer/sql_indicators.py) beside the fold they
replace, for the same question, in the same run (issue 18 item 1).

    .venv/bin/python bench/stay_rows_sql.py --events 100000 [--database-url postgresql+asyncpg://... [--reuse]]

Loads a generated history as bench/history_scale.py does (scratch database, dropped after, unless --database-url;
--reuse measures the history that database holds), builds the rows from it (`stay_rows.rebuild_all`, timed: what
the replay adds), then asks, alternating A/B, REPEATS times each: the detail view (headline, per municipality, per
month) of every indicator of sql_indicators.CODES for Midden-IJssel at the reference date, (A) folded as reporting does
today (the scoped facts loaded by service_layer/read_models.py and folded by the pure definitions, in this process)
and (B) from SQL. Both answers must be equal. Also the cost the projection adds per event that changes a journey's
rows (`stay_rows.refresh` of one journey). Prints median and slowest of each, with the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from journey_platform.db import make_engine, make_sessionmaker
from journey_platform.reference import load_reference_data
from reporting.adapters.orm import Traject
from reporting.domain.indicators.targets import load_doelen
from reporting.service_layer import indicators, read_models, sql_indicators, stay_rows
from reporting.service_layer.scope import Scope, resolve_window
from reporting.testing.history_generator import generate
from reporting.testing.history_store import store

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "opvangketen_bench_stay_rows"
START, YEARS, PEILDATUM = date(2016, 1, 1), 10, date(2025, 6, 30)
REPEATS = 5


def load() -> str:
    return f"load average {os.getloadavg()[0]:.2f}, {os.getloadavg()[1]:.2f}, {os.getloadavg()[2]:.2f}"


async def measure(url: str, events: int, reuse: bool) -> None:
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    if not reuse:
        async with engine.begin() as conn:
            await conn.execute(text("TRUNCATE gebeurtenissen, traject_attributies, tijdlijn, traject_zorgaanbieders, trajecten"))
        stored = await store(engine, generate(events, seed=18, start=START, years=YEARS))
        print(f"{stored:,} events generated and stored", flush=True)
    started = time.perf_counter()
    async with sessionmaker() as session:
        journeys = await stay_rows.rebuild_all(session)
        await session.commit()
    print(f"rows of {journeys:,} journeys built in {time.perf_counter() - started:.1f} s ({load()})", flush=True)
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("VACUUM ANALYZE verblijven, traject_gemeenten"))
        counts = [int(await conn.scalar(text(f"SELECT count(*) FROM {t}")) or 0) for t in ("gebeurtenissen", "verblijven")]
    print(f"{counts[0]:,} events, {counts[1]:,} stay rows", flush=True)
    reference, doelen, computation = load_reference_data(None), load_doelen(None), indicators.Computation()
    region = reference.region("midden-ijssel")
    assert region is not None
    codes = tuple(m.code for m in region.municipalities)
    scope = Scope(region.code, None, codes, codes)
    window = resolve_window(scope, PEILDATUM, PEILDATUM, None, None)

    async def fold(code: str) -> Any:
        async with sessionmaker() as session:
            found = await read_models.load_scoped_history(session, computation, scope, PEILDATUM)
        return await computation.run(indicators.detail, found, doelen, reference, code, scope, window)

    async def sql(code: str) -> Any:
        async with sessionmaker() as session:
            return await sql_indicators.detail(session, doelen, reference, code, scope, window)

    for code in sql_indicators.CODES:
        timings: dict[str, list[float]] = {"fold": [], "sql": []}
        answers: dict[str, Any] = {}
        await sql(code)  # the first query's connection and plan, not counted (nor is the fold's first import)
        for _ in range(REPEATS):
            for name, ask in (("fold", fold), ("sql", sql)):
                started = time.perf_counter()
                answers[name] = (await ask(code)).model_dump()
                timings[name].append((time.perf_counter() - started) * 1000)
        assert answers["fold"] == answers["sql"], code
        for name, label in (("fold", "fold (today, scoped facts)"), ("sql", "SQL over the rows")):
            found = timings[name]
            print(
                f"detail {code:<24} {label:<28} median {statistics.median(found):8.1f} ms, slowest {max(found):8.1f} ms"
                f"  ({load()})",
                flush=True,
            )
    async with sessionmaker() as session:
        every = list(await session.scalars(select(Traject.id)))
    sample = random.Random(1).sample(every, min(200, len(every)))
    took = []
    for journey in sample:
        async with sessionmaker() as session:
            started = time.perf_counter()
            await stay_rows.refresh(session, [journey])
            took.append((time.perf_counter() - started) * 1000)
            await session.rollback()
    print(
        f"projection: one journey's rows derived again, median {statistics.median(took):.1f} ms, "
        f"slowest {max(took):.1f} ms ({len(took)} journeys, {load()})"
    )
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--database-url", default=None, help="default: a scratch database on 127.0.0.1:5432, dropped after")
    parser.add_argument("--reuse", action="store_true", help="with --database-url: the history it holds, no load")
    args = parser.parse_args()
    from history_scale import migrated_database  # bench/ is on the path

    with migrated_database(args.database_url, DATABASE) as url:
        asyncio.run(measure(url, args.events, args.reuse and args.database_url is not None))


if __name__ == "__main__":
    main()
