"""A generated history written straight into reporting's stored format, fast enough for a million events.

    await store(engine, generate(100_000, seed=18))

Writes what the projector would have written for the events, without projecting them one by one: the stored
events (`gebeurtenissen`, with their moment), the journeys folded in journey order (`trajecten`, `tijdlijn`,
`traject_zorgaanbieders`, by the projector's own fold) and the indicator read models (`traject_attributies`).
On PostgreSQL by COPY (asyncpg's binary copy), elsewhere by multi-row inserts. For benchmarks and tests that
need a long history quickly; the consumer's path stays `projector.project_event`.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from journey_platform.messaging.envelope import CloudEvent
from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject, TrajectAttributie, TrajectZorgaanbieder
from reporting.domain.indicators.attribution import attribution
from reporting.domain.journey import Fase
from reporting.domain.journey_state import JourneyState, apply_event
from reporting.service_layer.projector import (  # the projector's own fold, so the rows are the ones it would write
    _STATE_FIELDS,
    _moment,
    _timeline_item,
    as_newest,
    record,
)

CHUNK = 5000


async def store(engine: AsyncEngine, events: Iterable[CloudEvent]) -> int:
    """Every event stored and projected as the consumer would have; returns the number of events."""
    stored = [record(e) for e in events]
    tables: dict[Table, list[dict[str, Any]]] = {
        _table(Gebeurtenis): [_columns(g) for g in stored],
        _table(TrajectAttributie): _attributions(stored),
    }
    journeys, timeline, providers = _fold(stored)
    tables[_table(Traject)] = journeys
    tables[_table(TijdlijnItem)] = timeline
    tables[_table(TrajectZorgaanbieder)] = providers
    async with engine.begin() as conn:
        for table, rows in tables.items():
            await write(conn, table, rows)
    return len(stored)


async def write(conn: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """COPY on PostgreSQL, multi-row inserts elsewhere."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        for start in range(0, len(rows), CHUNK):
            await conn.execute(insert(table), list(rows[start : start + CHUNK]))
        return
    columns = [c.name for c in table.columns]
    json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection
    records = [tuple(json.dumps(r.get(c)) if c in json_columns else r.get(c) for c in columns) for r in rows]
    await driver.copy_records_to_table(table.name, records=records, columns=columns)


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _columns(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}


def _attributions(stored: list[Gebeurtenis]) -> list[dict[str, Any]]:
    found = {
        (g.traject_id, kind, value)
        for g in stored
        if g.traject_id is not None
        for kind, value in attribution(g.event_type, g.data)
    }
    return [{"traject_id": t, "soort": kind, "waarde": value} for t, kind, value in sorted(found, key=str)]


def _fold(stored: list[Gebeurtenis]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Each journey folded from its events in journey order, as `projector.refold` does."""
    by_journey: dict[uuid.UUID, list[Gebeurtenis]] = defaultdict(list)
    for g in stored:
        if g.traject_id is not None:
            by_journey[g.traject_id].append(g)
    journeys, timeline, providers = [], [], set()
    for traject_id, events in by_journey.items():
        events.sort(key=lambda g: (g.tijdstip, g.volgnummer or 0, g.event_id))
        state = JourneyState()
        for g in events:
            event = as_newest(g)
            step = apply_event(state, event.tijdstip, event.event_type, event.data, _moment(event))
            timeline.append(_columns(_timeline_item(event, step, state, g.registratie)))
            if event.data.get("zorgaanbieder"):
                providers.add((traject_id, str(event.data["zorgaanbieder"])))
        first = events[0]
        row: dict[str, Any] = {
            "id": traject_id,
            "client_id": uuid.UUID(str(first.data["clientId"])),
            "fase": Fase.gemeld.value,
            "fase_sinds": first.tijdstip,
            "geopend_op": first.tijdstip,
            "bijgewerkt_op": first.tijdstip,
            "status": "open",
        }
        for name in _STATE_FIELDS:
            value = getattr(state, name)
            if value is not None:
                row[name] = value.value if isinstance(value, Fase) else value
        journeys.append({c.name: row.get(c.name) for c in _table(Traject).columns})
    return journeys, timeline, [{"traject_id": t, "zorgaanbieder": p} for t, p in sorted(providers, key=str)]
