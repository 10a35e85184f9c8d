"""Rebuild every read model (journeys, timelines, provider links) from the stored event history.

    python -m reporting.replay            # uses REPORTING_DATABASE_URL

The history (`gebeurtenissen`) is reporting's own record of every event it consumed; indicators are
computed from it directly, and the read models are its fold in journey order (time, then the producer's
number among events of the same moment), each event read as the newest version of its contract, so a replay gives the
same journeys and the same indicators. Runs in one transaction: a failed replay leaves the old read models.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from journey_platform.db import make_engine, make_sessionmaker
from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject, TrajectZorgaanbieder
from reporting.service_layer.projector import project_onto_journey
from reporting.settings import ReportingSettings

BATCH = 2000


@dataclass(frozen=True)
class ReplayResult:
    events: int
    journeys: int
    seconds: float

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else float("inf")


async def replay(sessionmaker: async_sessionmaker[AsyncSession]) -> ReplayResult:
    started = time.perf_counter()
    events = 0
    async with sessionmaker() as session, session.begin():
        for table in (TijdlijnItem, TrajectZorgaanbieder, Traject):
            await session.execute(delete(table))
        last: tuple[Any, Any, Any] | None = None
        order = Gebeurtenis.in_journey_order()
        while True:
            query = select(Gebeurtenis).order_by(*order).limit(BATCH)
            if last is not None:
                query = query.where(tuple_(*order) > tuple_(*last))
            batch = list(await session.scalars(query))
            if not batch:
                break
            for event in batch:
                await project_onto_journey(session, event)
            events += len(batch)
            last = (batch[-1].tijdstip, batch[-1].volgnummer or 0, batch[-1].event_id)
            await session.flush()
            session.expunge_all()
        journeys = await session.scalar(select(func.count()).select_from(Traject)) or 0
    return ReplayResult(events, journeys, time.perf_counter() - started)


async def main(database_url: str) -> ReplayResult:
    engine = make_engine(database_url)
    try:
        return await replay(make_sessionmaker(engine))
    finally:
        await engine.dispose()


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=None, help="default: REPORTING_DATABASE_URL")
    args = parser.parse_args()
    result = asyncio.run(main(args.database_url or ReportingSettings().database_url))
    print(
        f"replayed {result.events} events into {result.journeys} journeys in {result.seconds:.2f}s "
        f"({result.events_per_second:.0f} events/s)"
    )


if __name__ == "__main__":
    cli()
