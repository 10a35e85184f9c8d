"""The consumer's batch projection (issue 18 item 3) leaves every table as the per-event projection does.

A generated multi-region history arrives partly out of order (late events refold their journeys), with erasures
(later events still name the erased client id) and a merge of two persons between the journey events. It is
projected three ways into the same database, emptied in between: one transaction per event (`project_event`), the
consumer's batches with the per-event handler (a consumer without batch handlers), and the consumer's batches with
reporting's batch handler (`project_batch`). The journeys, timelines, provider links, attributions and stored events
(with their moments) must come out identical; only the moment of receipt differs.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import Table, select

from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.contracts.identity import PersonenSamengevoegd
from journey_platform.db import make_engine, make_sessionmaker
from journey_platform.messaging.consumer import EventConsumer
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.testing.consumer import offline_consumer, records
from journey_platform.testing.databases import truncate_all
from reporting.adapters.orm import Base, Gebeurtenis, TijdlijnItem, Traject, TrajectAttributie, TrajectZorgaanbieder, messaging
from reporting.bootstrap import subscription
from reporting.service_layer.projector import project_event
from reporting.testing.generated_world import seeded_uuids
from reporting.testing.history_generator import generate
from reporting.tests_support import emit

SOURCE = "urn:nld:oin:00000001003214345000:systeem:reporting"
TABLES = (Traject, TijdlijnItem, TrajectZorgaanbieder, TrajectAttributie, Gebeurtenis)
BATCH_SIZES = (200, 37, 1, 120, 500, 3)  # over and over: batches that cut journeys anywhere, and single records


def arrival(events: list[CloudEvent], rng: random.Random) -> list[CloudEvent]:
    """The recorded order, with one event in ten delivered up to 60 events later (late for its journey)."""
    order = [(float(i), e) for i, e in enumerate(events)]
    order = [(i + rng.randrange(1, 60), e) if rng.random() < 0.1 else (i, e) for i, e in order]
    return [e for _, e in sorted(order, key=lambda pair: pair[0])]


def with_identity_events(events: list[CloudEvent], rng: random.Random) -> tuple[list[CloudEvent], list[str]]:
    """Three clients erased and two persons merged halfway through their journeys' events: the events that arrive
    after still name the old client id."""
    journeys: dict[str, set[uuid.UUID]] = defaultdict(set)
    positions: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(events):
        client = event.data.get("clientId")
        if client and event.subject:
            journeys[client].add(uuid.UUID(event.subject))
            positions[client].append(i)
    clients = sorted(c for c in journeys if len(positions[c]) >= 6)
    erased, (kept, merged) = rng.sample(clients, 3), rng.sample(clients, 2)
    inserts: list[tuple[int, CloudEvent]] = []
    for client in erased:
        at = positions[client][len(positions[client]) // 2]
        moment = events[at].time + timedelta(seconds=1)
        gewist = PersoonGewist(
            client_id=uuid.UUID(client), traject_ids=sorted(journeys[client]), aanleiding="verzoek", gewist_op=moment
        )
        inserts.append((at + 1, emit(gewist, moment)))
    at = positions[merged][len(positions[merged]) // 2]
    merge = PersonenSamengevoegd(
        samenvoeging_id=uuid.uuid4(),
        client_id=uuid.UUID(kept),
        opgegaan_client_id=uuid.UUID(merged),
        traject_ids=sorted(journeys[merged]),
        samengevoegd_op=events[at].time,
    )
    inserts.append((at + 1, emit(merge, events[at].time)))
    out = list(events)
    for at, event in sorted(inserts, key=lambda pair: pair[0], reverse=True):
        out.insert(at, event)
    return out, erased


def late_ones(events: list[CloudEvent]) -> list[CloudEvent]:
    """Events that arrive after a later event of their journey: the projection folds the journey again."""
    latest: dict[str, Any] = {}
    late = []
    for event in events:
        if event.subject in latest and event.time <= latest[event.subject]:
            late.append(event)
        latest[event.subject or ""] = max(event.time, latest.get(event.subject or "", event.time))
    return late


async def snapshot(sessionmaker: Any) -> dict[str, list[tuple[Any, ...]]]:
    found = {}
    async with sessionmaker() as session:
        for model in TABLES:
            table = model.__table__
            assert isinstance(table, Table)
            columns = [c for c in table.columns if c.name != "ontvangen_op"]
            rows = (await session.execute(select(*columns).order_by(*table.primary_key.columns))).all()
            found[model.__tablename__] = [tuple(row) for row in rows]
    return found


async def through_the_consumer(
    sessionmaker: Any, events: list[CloudEvent], batched: bool, per_event: list[CloudEvent], singles: list[CloudEvent]
) -> EventConsumer:
    """Batches of BATCH_SIZES, over and over; `per_event` gets what project_event applied, `singles` the events
    that came in a batch of one (which the consumer applies with the batch handler too, when it has one)."""
    sub = subscription()

    def counted(handler: Callable[[CloudEvent, Any], Awaitable[None]]) -> Callable[[CloudEvent, Any], Awaitable[None]]:
        async def handle(event: CloudEvent, uow: Any) -> None:
            per_event.append(event)
            await handler(event, uow)

        return handle

    handlers = {t: counted(h) if h is project_event else h for t, h in sub.handlers.items()}
    consumer = offline_consumer(
        "reporting",
        lambda: UnitOfWork(sessionmaker, messaging, SOURCE),
        messaging,
        handlers,
        sub.batch_handlers if batched else None,
    )
    pending, sizes = records(events), 0
    while pending:
        size = BATCH_SIZES[sizes % len(BATCH_SIZES)]
        if size == 1:
            singles.append(events[-len(pending)])
        await consumer.handle_batch(pending[:size])
        pending, sizes = pending[size:], sizes + 1
    return consumer


async def test_the_batch_projection_leaves_every_table_as_the_per_event_projection(
    clean_databases: dict[str, str],
) -> None:
    rng = random.Random(18)
    events, erased = with_identity_events(arrival(generate(1200, seed=18, region_count=3), rng), rng)
    assert late_ones(events)
    url = clean_databases["reporting"]
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    handlers = subscription().handlers
    try:
        with seeded_uuids(random.Random(5)):  # the erasure's fresh client ids: the same draws each way
            for event in events:
                async with UnitOfWork(sessionmaker, messaging, SOURCE) as uow:
                    await handlers[event.type](event, uow)
                    await uow.commit()
        one_by_one = await snapshot(sessionmaker)

        ways: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
        for batched in (False, True):
            await truncate_all(url, Base.metadata)
            per_event: list[CloudEvent] = []
            singles: list[CloudEvent] = []
            with seeded_uuids(random.Random(5)):
                consumer = await through_the_consumer(sessionmaker, events, batched, per_event, singles)
            assert consumer.processed == len(events) and consumer.dead_lettered == 0
            if batched:  # every batch went through project_batch, a single record's too: none fell back
                assert singles and per_event == []
            ways["batched" if batched else "per-event handler"] = await snapshot(sessionmaker)
    finally:
        await engine.dispose()

    assert len(one_by_one["trajecten"]) > 50 and one_by_one["traject_zorgaanbieders"] and one_by_one["traject_attributies"]
    clients = {str(row[1]) for row in one_by_one["trajecten"]}
    assert clients and not clients & set(erased)  # the erasures were applied (and the batches kept the new ids)
    for way, tables in ways.items():
        for table, rows in one_by_one.items():
            assert tables[table] == rows, f"{way}: {table} differs"


async def test_a_batch_whose_batch_handler_fails_is_applied_one_by_one(clean_databases: dict[str, str]) -> None:
    """The batch is rolled back whole and applied record by record with project_event: every event once."""
    from reporting.tests_support import synthetic_events

    events = synthetic_events(6, seed=4)
    engine = make_engine(clean_databases["reporting"])
    sessionmaker = make_sessionmaker(engine)
    sub = subscription()
    calls: list[int] = []

    async def fails_after_writing(batch: list[CloudEvent], uow: Any) -> None:
        calls.append(len(batch))
        await sub.batch_handlers[batch[0].type](batch, uow)  # its rows are written, then rolled back with the batch
        raise ConnectionError("the connection went away")

    consumer = offline_consumer(
        "reporting",
        lambda: UnitOfWork(sessionmaker, messaging, SOURCE),
        messaging,
        sub.handlers,
        dict.fromkeys(sub.batch_handlers, fails_after_writing),
    )
    try:
        await consumer.handle_batch(records(events))
        assert calls == [len(events)] and consumer.processed == len(events) and consumer.dead_lettered == 0
        async with sessionmaker() as session:
            inbox = (await session.execute(select(messaging.inbox.c.event_id))).scalars().all()
            stored = (await session.execute(select(Gebeurtenis.event_id))).scalars().all()
        assert sorted(inbox) == sorted(stored) == sorted(e.id for e in events)
        applied = await snapshot(sessionmaker)
        await truncate_all(clean_databases["reporting"], Base.metadata)
        for event in events:
            async with UnitOfWork(sessionmaker, messaging, SOURCE) as uow:
                await project_event(event, uow)
                await uow.commit()
        assert await snapshot(sessionmaker) == applied
    finally:
        await engine.dispose()
