"""The projector for a run of the consumer's batch (issue 18 item 3): what `projector.project_event` does per event,
for all of them at once, with one statement per table instead of several per event.

The journeys of the batch are loaded in one SELECT; the events are folded in memory, in the batch's order, with the
same pure `apply_event` onto the same ORM rows (`_state_of`/`_save_state`), so each journey ends as the per-event
projection leaves it. A late event folds its journey again from its history (`projector.refolded`): the stored
events and timeline rows of the journeys that may see one are loaded in one SELECT each, before the fold, and the
batch's own events and timeline rows are added in memory. Then the journeys are flushed (the ORM's one INSERT of the
new ones, its UPDATEs of the changed), and the stored events, the timeline rows, the provider links and the
attributions each go in one multi-row INSERT (the last two ON CONFLICT DO NOTHING, as the per-event code skips what
the journey has). The equivalence test (tests/api/test_batch_projection.py) projects histories both ways.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from journey_platform.contracts import versions
from journey_platform.db import among
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from reporting.adapters.bulk import copy_dicts
from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject, TrajectAttributie, TrajectZorgaanbieder
from reporting.domain.indicators.attribution import attribution
from reporting.domain.journey import Fase
from reporting.domain.journey_state import JourneyState, apply_event
from reporting.service_layer.projector import (
    HistoryEvent,
    _moment,
    _save_state,
    _state_of,
    recorded,
    refolded,
    timeline_values,
)
from reporting.service_layer.stay_rows import keep_rows
from reporting.service_layer.stored_answers import after_projection, projected

_TRAJECTEN = cast(Table, Traject.__table__)
_TIJDLIJN = cast(Table, TijdlijnItem.__table__)
_JOURNEY_COLUMNS = tuple(c.key for c in _TRAJECTEN.columns)


async def project_batch(events: list[CloudEvent], uow: UnitOfWork) -> None:
    """The consumer's batch handler for every event reporting projects (`project_event` stays the fallback)."""
    stored = [recorded(event) for event in events]
    session = uow.session
    journeys = list(dict.fromkeys(s["traject_id"] for s in stored if s["traject_id"] is not None))
    batch = _Batch(session)
    if journeys:
        dialect = session.get_bind().dialect.name
        found = await session.execute(select(*_TRAJECTEN.columns).where(among(_TRAJECTEN.c.id, journeys, dialect)))
        batch.trajecten = {row.id: _Journey(**row._mapping) for row in found}
    await batch.load_histories(_may_be_late(stored, batch.trajecten))
    for one in stored:
        await batch.project(one)
    await batch.write()
    await keep_rows(session, [(s["traject_id"], s["event_type"], s["data"]) for s in batch.stored])
    await after_projection(session, projected(batch.stored))


class _Journey:
    """A journey's row as plain attributes (`_state_of`/`_save_state` read and write them as on a Traject), written
    back with one statement per batch instead of an ORM flush."""

    id: uuid.UUID
    client_id: uuid.UUID
    bijgewerkt_op: datetime

    def __init__(self, **columns: Any) -> None:
        self.__dict__.update(dict.fromkeys(_JOURNEY_COLUMNS), **columns)

    def values(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in _JOURNEY_COLUMNS}


def _may_be_late(stored: list[dict[str, Any]], trajecten: dict[uuid.UUID, _Journey]) -> list[uuid.UUID]:
    """The journeys with an event no later than what the journey had seen before it (bijgewerkt_op is the latest
    time folded): those are refolded. Only a forecast: an event found late anyway loads its journey then."""
    latest: dict[uuid.UUID, Any] = {i: t.bijgewerkt_op for i, t in trajecten.items()}
    late: dict[uuid.UUID, None] = {}
    for one in stored:
        journey, tijdstip = one["traject_id"], one["tijdstip"]
        if journey is None:
            continue
        seen = latest.get(journey)
        if seen is not None and tijdstip <= seen:
            late[journey] = None
        latest[journey] = tijdstip if seen is None else max(seen, tijdstip)
    return list(late)


class _Batch:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.trajecten: dict[uuid.UUID, _Journey] = {}
        self.new: set[uuid.UUID] = set()
        self.stored: list[dict[str, Any]] = []
        self.timeline: list[dict[str, Any]] = []
        self.providers: dict[tuple[uuid.UUID, str], None] = {}
        self.attributions: dict[tuple[uuid.UUID, str, str], None] = {}
        self.history: dict[uuid.UUID, list[HistoryEvent]] = {}  # the stored history of the journeys that may refold
        # their timeline rows: of the batch (the dicts to insert), and stored ([fase, actor_type, actor, as stored])
        self.items: dict[uuid.UUID, dict[uuid.UUID, dict[str, Any]]] = {}
        self.stored_items: dict[uuid.UUID, dict[str, Any]] = {}
        self.as_stored: dict[uuid.UUID, dict[str, Any]] = {}
        self.of_batch: dict[uuid.UUID, list[HistoryEvent]] = {}  # each journey's events of this batch so far
        self.rows: dict[uuid.UUID, dict[str, Any]] = {}  # the batch's timeline rows by event id

    async def load_histories(self, journeys: list[uuid.UUID]) -> None:
        journeys = [j for j in journeys if j not in self.history]
        if not journeys:
            return
        for j in journeys:
            self.history[j], self.items[j] = [], {}
        columns = (Gebeurtenis.event_id, Gebeurtenis.traject_id, Gebeurtenis.tijdstip, Gebeurtenis.volgnummer)
        dialect = self.session.get_bind().dialect.name
        with self.session.no_autoflush:  # what the batch holds in memory is added below, not flushed first
            rows = await self.session.execute(
                select(*columns, Gebeurtenis.event_type, Gebeurtenis.data).where(among(Gebeurtenis.traject_id, journeys, dialect))
            )
            for event_id, traject_id, tijdstip, volgnummer, event_type, data in rows:
                event_type, data = versions.upcast(event_type, data)
                self.history[traject_id].append(HistoryEvent(event_id, traject_id, tijdstip, volgnummer, event_type, data))
            timeline = _TIJDLIJN.c
            for row in await self.session.execute(
                select(timeline.event_id, timeline.traject_id, timeline.fase, timeline.actor_type, timeline.actor).where(
                    among(timeline.traject_id, journeys, dialect)
                )
            ):
                item = {"fase": row.fase, "actor_type": row.actor_type, "actor": row.actor}
                self.items[row.traject_id][row.event_id] = self.stored_items[row.event_id] = item
                self.as_stored[row.event_id] = dict(item)
        for j in journeys:  # the events of this batch already projected (a journey found late only now)
            for event in self.of_batch.get(j, []):
                self.history[j].append(event)
                self.items[j][event.event_id] = self.rows[event.event_id]

    async def project(self, stored: dict[str, Any]) -> None:
        """As project_event: the journey's pseudonym kept, the event stored and attributed, then projected."""
        journey = stored["traject_id"]
        traject = self.trajecten.get(journey) if journey is not None else None
        client_id = stored["data"].get("clientId")
        if traject is not None and client_id is not None and str(traject.client_id) != client_id:
            stored["data"] = {**stored["data"], "clientId": str(traject.client_id)}
        self.stored.append(stored)
        if journey is None:
            return
        for kind, value in sorted(attribution(stored["event_type"], stored["data"])):
            self.attributions[(journey, kind, value)] = None
        await self._onto_journey(stored, traject, journey)

    async def _onto_journey(self, stored: dict[str, Any], traject: _Journey | None, journey: uuid.UUID) -> None:
        event_type, data = versions.upcast(stored["event_type"], stored["data"])  # as_newest, on the row's values
        event = HistoryEvent(stored["event_id"], journey, stored["tijdstip"], stored["volgnummer"], event_type, data)
        if traject is None:
            traject = _Journey(
                id=journey,
                client_id=uuid.UUID(str(event.data["clientId"])),
                fase=Fase.gemeld.value,
                fase_sinds=event.tijdstip,
                geopend_op=event.tijdstip,
                bijgewerkt_op=event.tijdstip,
            )
            self.trajecten[journey] = traject
            self.new.add(journey)
            late, fresh = False, True
        else:
            late, fresh = event.tijdstip <= traject.bijgewerkt_op, False
        if late:
            await self.load_histories([journey])  # loaded already, unless the forecast missed it
        self.of_batch.setdefault(journey, []).append(event)
        if journey in self.history:
            self.history[journey].append(event)
        state = JourneyState() if late or fresh else _state_of(traject)
        step = apply_event(state, event.tijdstip, event.event_type, event.data, _moment(event))
        row = timeline_values(event, step, state, stored["registratie"])
        self.timeline.append(row)
        self.rows[event.event_id] = row
        if journey in self.items:
            self.items[journey][event.event_id] = row
        provider = event.data.get("zorgaanbieder")
        if provider:
            self.providers[(journey, str(provider))] = None
        if late:
            self._refold(traject)
        else:
            _save_state(traject, state)

    def _refold(self, traject: _Journey) -> None:
        """As projector.refold, on the stored history and the batch's events so far, in journey order."""
        history = sorted(self.history[traject.id], key=_journey_order)
        state, steps = refolded(history)
        items = self.items[traject.id]
        for event_id, (fase, actor_type, actor) in steps.items():
            item = items.get(event_id)
            if item is not None:
                item.update(fase=fase, actor_type=actor_type, actor=actor)
        _save_state(traject, state)

    async def write(self) -> None:
        """The journeys first (the timeline rows and provider links refer to them), then one statement per table;
        a Traject or TijdlijnItem another handler of this unit of work loaded is expired, to be read again."""
        session = self.session
        journeys = [j.values() for j in self.trajecten.values()]
        await _insert(session, _TRAJECTEN, [{**j, "status": j["status"] or "open"} for j in journeys if j["id"] in self.new])
        await _update(session, _TRAJECTEN, "id", [j for j in journeys if j["id"] not in self.new])
        changed = [{"event_id": e, **now} for e, now in self.stored_items.items() if now != self.as_stored[e]]
        await _update(session, _TIJDLIJN, "event_id", changed)
        await _insert(session, Gebeurtenis.__table__, self.stored)
        await _insert(session, _TIJDLIJN, self.timeline)
        links = [{"traject_id": j, "zorgaanbieder": p} for j, p in self.providers]
        await _insert(session, TrajectZorgaanbieder.__table__, links, skip_known=True)
        named = [{"traject_id": j, "soort": kind, "waarde": value} for j, kind, value in self.attributions]
        await _insert(session, TrajectAttributie.__table__, named, skip_known=True)
        touched = set(self.trajecten)
        for loaded in list(session.identity_map.values()):
            journey = loaded.id if isinstance(loaded, Traject) else getattr(loaded, "traject_id", None)
            if isinstance(loaded, (Traject, TijdlijnItem)) and journey in touched:
                session.expire(loaded)


def _journey_order(event: HistoryEvent) -> tuple[Any, ...]:
    """Gebeurtenis.in_journey_order in Python: time, the producer's number (none counts as 0), the event id."""
    return event.tijdstip, event.volgnummer if event.volgnummer is not None else 0, event.event_id


async def _update(session: AsyncSession, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """One UPDATE by primary key, executed for every row in one round trip (the driver's pipelined executemany)."""
    if not rows:
        return
    columns = [c for c in rows[0] if c != key]
    statement = (
        update(table)
        .where(table.c[key] == bindparam(f"b_{key}"))
        .values({c: bindparam(f"b_{c}", type_=table.c[c].type) for c in columns})
    )
    await session.execute(statement, [{f"b_{c}": v for c, v in row.items()} for row in rows])


async def _insert(session: AsyncSession, table: Any, rows: list[dict[str, Any]], skip_known: bool = False) -> None:
    """On PostgreSQL by COPY (adapters/bulk.py: one statement whatever the batch's size), unless rows the table has
    are to be skipped. Else multi-row INSERTs: with RETURNING, SQLAlchemy renders the rows into one INSERT (per 1,000
    rows or 32,700 parameters, "insertmanyvalues") from a statement compiled once; without, the driver would execute
    it per row."""
    if not rows:
        return
    assert isinstance(table, Table)
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres and not skip_known:
        await copy_dicts(session, table, rows)
        return
    dialect = postgresql if postgres else sqlite
    statement = dialect.insert(table).on_conflict_do_nothing() if skip_known else insert(table)
    await session.execute(statement.returning(*table.primary_key.columns), rows)
