"""The row read models (issue 18 item 1), kept per journey: on every projected event that can change them (a stay
fact, one naming the journey's municipality, or a facility fact its moves read), the journey's stays and municipality
rows are derived again from all of its stored facts, with the pure code of domain/indicators/rows.py (whose docstring
says why the rows cut at a reference date equal what the snapshot derives), and replace the old ones. A late event
is just another event: the journey's rows come out as if it had arrived on time.

    python -m reporting.service_layer.stay_rows [--database-url URL]   # rebuild both tables from the history

On a live deployment it works in parts of journeys, each its own short transaction (`rebuild_in_parts`).

The replay rebuilds them too (`rebuild_all`), after the other read models.
"""

from __future__ import annotations

import argparse
import asyncio
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, exists, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from journey_platform.contracts import versions
from journey_platform.contracts.base import TYPE_PREFIX, registry
from journey_platform.db import make_engine, make_sessionmaker, utcnow
from reporting.adapters import answers
from reporting.adapters.orm import Gebeurtenis, RijModellen, TrajectGemeente, Verblijf
from reporting.domain.indicators.history import Fact
from reporting.domain.indicators.rows import (
    FACILITY_EVENTS,
    MOVE,
    ROW_EVENTS,
    municipality_rows,
    resident_segments,
    stay_rows,
)
from reporting.domain.journey import event_name

CHUNK = 500  # journeys derived per statement
_BUILT = "verblijven"


async def built(session: AsyncSession) -> bool:
    """Whether the rows were built from the whole history (`rebuild_all`): the projector keeps them from then on."""
    return bool(await session.scalar(select(exists().where(RijModellen.naam == _BUILT))))


async def keep_rows(session: AsyncSession, events: Iterable[tuple[uuid.UUID | None, str, dict[str, Any]]]) -> None:
    """After the projection of these events (journey, event type, payload): the rows of the journeys they change.

    Under the projections' lock (adapters/answers.py `exclusively`, which every projection takes anyway), taken
    before anything is read: a move to a facility and that facility's registration, projected at once by two
    consumers (a journey's events are keyed by client, a facility's by facility), would otherwise each derive
    without the other's facts, and the journey's rows would stay wrong (tests/api/test_stay_rows_races.py)."""
    journeys: set[uuid.UUID] = set()
    facilities: set[str] = set()
    for traject_id, event_type, data in events:
        name = event_name(event_type)
        if traject_id is not None and name in ROW_EVENTS:
            journeys.add(traject_id)
        elif traject_id is None and name in FACILITY_EVENTS:
            facility = versions.upcast(event_type, data)[1].get("voorzieningId")
            if facility:
                facilities.add(str(facility))
    if journeys or facilities:  # a batch with nothing for the rows reads nothing and takes no lock here
        await answers.exclusively(session)
    if facilities:
        moved = select(Verblijf.traject_id).where(Verblijf.verhuisd, Verblijf.voorziening_id.in_(sorted(facilities)))
        journeys.update(await session.scalars(moved.distinct()))
    if journeys:
        await refresh(session, sorted(journeys))


async def refresh(session: AsyncSession, journeys: Sequence[uuid.UUID]) -> None:
    """Derive these journeys' rows again from their stored facts and replace the old ones."""
    await session.flush()
    facilities: list[Fact] | None = None  # read only for a journey with a move
    for start in range(0, len(journeys), CHUNK):
        chunk = list(journeys[start : start + CHUNK])
        facts = await _facts_of(session, chunk)
        if facilities is None and any(f.name == MOVE for found in facts.values() for f in found):
            facilities = await facility_facts(session)
        await session.execute(delete(Verblijf).where(Verblijf.traject_id.in_(chunk)))
        await session.execute(delete(TrajectGemeente).where(TrajectGemeente.traject_id.in_(chunk)))
        await _write(session, facts, facilities or [])


async def rebuild_all(session: AsyncSession) -> int:
    """Both tables again from the whole stored history, marked built; the number of journeys."""
    await session.execute(delete(Verblijf))
    await session.execute(delete(TrajectGemeente))
    found = await session.scalars(select(Gebeurtenis.traject_id).where(Gebeurtenis.traject_id.is_not(None)).distinct())
    journeys = [j for j in found if j is not None]
    facilities = await facility_facts(session)
    for start in range(0, len(journeys), CHUNK):
        await _write(session, await _facts_of(session, journeys[start : start + CHUNK], row_facts_only=True), facilities)
    await session.execute(delete(RijModellen).where(RijModellen.naam == _BUILT))
    await session.execute(insert(RijModellen).values(naam=_BUILT, opgebouwd_op=utcnow()))
    return len(journeys)


async def rebuild_in_parts(sessionmaker: async_sessionmaker[AsyncSession], chunk: int = CHUNK) -> int:
    """The operator's rebuild on a live deployment (an upgrade to a release with the rows, docs/operations.md): the
    marker is removed first (the fold answers meanwhile), then each part of the journeys is derived again in its own
    short transaction under the projections' lock, reading the facility facts afresh, so the live projection waits
    at most for one part and never conflicts with it; the marker is set when every journey listed at the start is
    done (journeys that start meanwhile get their rows from the projection itself). The number of journeys."""
    async with sessionmaker() as session:
        await session.execute(delete(RijModellen).where(RijModellen.naam == _BUILT))
        await session.commit()
        found = await session.scalars(select(Gebeurtenis.traject_id).where(Gebeurtenis.traject_id.is_not(None)).distinct())
        journeys = sorted(j for j in found if j is not None)
    for start in range(0, len(journeys), chunk):
        async with sessionmaker() as session:
            await answers.exclusively(session)
            await refresh(session, journeys[start : start + chunk])
            await session.commit()
    async with sessionmaker() as session:
        await session.execute(insert(RijModellen).values(naam=_BUILT, opgebouwd_op=utcnow()))
        await session.commit()
    return len(journeys)


async def _write(session: AsyncSession, facts: dict[uuid.UUID, list[Fact]], facility_facts: list[Fact]) -> None:
    stays: list[dict[str, Any]] = []
    municipalities: list[dict[str, Any]] = []
    for traject_id, found in facts.items():
        named = municipality_rows(traject_id, found)
        pieces = [piece for row in stay_rows(found, facility_facts) for piece in resident_segments(row, named)]
        stays += [{**piece, "rij": rij} for rij, piece in enumerate(pieces)]
        municipalities += [row.values() for row in named]
    if stays:
        await session.execute(insert(Verblijf), stays)
    if municipalities:
        await session.execute(insert(TrajectGemeente), municipalities)


def _fact(event_type: str, tijdstip: Any, traject_id: uuid.UUID | None, data: dict[str, Any]) -> Fact:
    """As indicators.history_of reads a stored event: the newest version of its contract, at its payload's moment."""
    newest_type, newest_data = versions.upcast(event_type, data)
    return Fact.of(newest_type, tijdstip, traject_id, newest_data)


def row_event_types() -> list[str]:
    """Every stored event type (each schema version) of the facts the rows derive from: the stay facts and those that
    name the journey's municipality (`ROW_EVENTS`; no other fact moves `derive_stays` or the municipality fields of
    `JourneyState`, journey_state.MUNICIPALITY_EVENTS). A contract family keeps its name in every version."""
    return sorted(
        f"{TYPE_PREFIX}.{contract.producer}.{contract.name}.v{version}"
        for contract in registry().values()
        if contract.name in ROW_EVENTS
        for version in range(1, contract.version + 1)
    )


async def _facts_of(
    session: AsyncSession, journeys: Sequence[uuid.UUID], *, row_facts_only: bool = False
) -> dict[uuid.UUID, list[Fact]]:
    """Each journey's facts in journey order (the order the indicators' history is loaded in). `row_facts_only`
    (the whole history's rebuild): only those of `row_event_types`, a third less time at 100k events (4.85 -> 3.25
    s, bench/stay_rows_sql.py); not for a few journeys, where PostgreSQL may AND in the event type's index, which
    grows with the history (3.7 ms instead of 0.4 for one journey at 100k events, with stale statistics)."""
    query = select(Gebeurtenis.event_type, Gebeurtenis.tijdstip, Gebeurtenis.traject_id, Gebeurtenis.data).where(
        Gebeurtenis.traject_id.in_(journeys)
    )
    if row_facts_only:
        query = query.where(Gebeurtenis.event_type.in_(row_event_types()))
    rows = await session.execute(query.order_by(*Gebeurtenis.in_journey_order()))
    found: dict[uuid.UUID, list[Fact]] = {j: [] for j in journeys}
    for event_type, tijdstip, traject_id, data in rows:
        found[traject_id].append(_fact(event_type, tijdstip, traject_id, data))
    return found


async def facility_facts(session: AsyncSession) -> list[Fact]:
    """The facts about facilities (of no journey), in journey order."""
    rows = await session.execute(
        select(Gebeurtenis.event_type, Gebeurtenis.tijdstip, Gebeurtenis.data)
        .where(
            Gebeurtenis.traject_id.is_(None),
            or_(*(Gebeurtenis.event_type.like(f"%.{name}.%") for name in sorted(FACILITY_EVENTS))),
        )
        .order_by(*Gebeurtenis.in_journey_order())
    )
    facts = [_fact(event_type, tijdstip, None, data) for event_type, tijdstip, data in rows]
    return [f for f in facts if f.name in FACILITY_EVENTS]


async def main(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        return await rebuild_in_parts(make_sessionmaker(engine))
    finally:
        await engine.dispose()


if __name__ == "__main__":
    from reporting.settings import ReportingSettings

    parser = argparse.ArgumentParser(description="Rebuild the stay and municipality rows from the stored history.")
    parser.add_argument("--database-url", default=None, help="default: REPORTING_DATABASE_URL")
    args = parser.parse_args()
    print(f"rows of {asyncio.run(main(args.database_url or ReportingSettings().database_url))} journeys rebuilt")
