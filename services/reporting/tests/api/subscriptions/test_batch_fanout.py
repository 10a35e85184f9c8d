"""The notifications consumer's batch fan-out (issue 18 item 3) writes what the per-event fan-out writes.

A generated multi-region history, projected first (the fan-out reads the projected journeys), partly out of order
(an event before its journey's report takes the municipality from the projected journey), is fanned out to five
subscriptions with different filters three ways into the same database, the fan-out's tables emptied in between:
one transaction per event (`notifier`), the consumer's batches with the per-event handler, and the consumer's batches
with the batch handler (`batch_notifier`). The public events with their numbers, the outbox rows in their order and
the deliveries must come out identical; only the fresh ids and the moments of publishing differ.
"""

from __future__ import annotations

import json
import random
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import Table, select, text

from journey_platform.db import make_engine, make_sessionmaker
from journey_platform.messaging.consumer import EventConsumer
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.reference import load_reference_data
from journey_platform.runtime import Subscription
from journey_platform.testing.consumer import offline_consumer, records
from journey_platform.testing.observability import in_memory_spans, spans_where
from reporting.adapters.orm import messaging
from reporting.service_layer.batch_projection import project_batch
from reporting.subscriptions.adapters.orm import Aflevering, PubliekeGebeurtenis
from reporting.subscriptions.bootstrap import notifications
from reporting.subscriptions.service_layer.fanout import followed_channel
from reporting.subscriptions.testing import sample_subscriptions
from reporting.testing.history_generator import generate

SOURCE = "urn:nld:oin:00000001003214345000:systeem:reporting"
BATCH_SIZES = (200, 37, 1, 120, 500, 3)  # batches that cut journeys anywhere, and single records
Snapshot = dict[str, list[tuple[Any, ...]]]


def shuffled_a_little(events: list[CloudEvent], rng: random.Random) -> list[CloudEvent]:
    """One event in eight swapped with one up to 40 places later: some arrive before their journey's report."""
    out = list(events)
    for i in range(len(out) - 40):
        if rng.random() < 0.125:
            j = i + rng.randrange(1, 40)
            out[i], out[j] = out[j], out[i]
    return out


def without_fresh_values(cloudevent: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in cloudevent.items() if k not in ("id", "time")}


def untraced(headers: dict[str, str]) -> dict[str, str]:
    """Without the trace context: a fresh trace per event where another test configured tracing in this process
    (which trace a public event continues: the last test)."""
    return {k: v for k, v in headers.items() if k not in ("traceparent", "tracestate")}


async def snapshot(sessionmaker: Any, renumbered: bool = False) -> Snapshot:
    """The public events, the outbox rows (each by its public event's number) and the deliveries, in their order;
    `renumbered`: the numbers as 1, 2, 3, ... in their order (a rolled-back transaction leaves a gap in the sequence)."""
    public, deliveries = PubliekeGebeurtenis.__table__, Aflevering.__table__
    assert isinstance(public, Table) and isinstance(deliveries, Table)
    outbox = messaging.outbox
    async with sessionmaker() as session:
        rows = (await session.execute(select(public).order_by(public.c.volgnummer))).all()
        rank = {row.volgnummer: i if renumbered else row.volgnummer for i, row in enumerate(rows, start=1)}
        number = {row.event_id: rank[row.volgnummer] for row in rows}
        kept = [c for c in deliveries.columns if c.name not in ("id", "aangemaakt_op", "bijgewerkt_op", "volgende_poging_op")]
        delivered = (await session.execute(select(*kept).order_by(deliveries.c.volgnummer, deliveries.c.abonnement_id))).all()
        published = (await session.execute(select(outbox).order_by(outbox.c.seq))).all()
    return {
        "public events": [
            (rank[r.volgnummer], r.bron_event_id, r.traject_id, r.event_naam, r.kanaal, r.sleutel, r.gemeenten, r.tijdstip)
            + (without_fresh_values(r.cloudevent), r.cloudevent["id"] == str(r.event_id))
            for r in rows
        ],
        "outbox": [
            (
                number[r.event_id],
                r.event_type,
                r.topic,
                r.message_key,
                untraced(r.headers),
                without_fresh_values(json.loads(r.payload)),
            )
            for r in published
        ],
        "deliveries": [tuple(rank[v] if c.name == "volgnummer" else v for c, v in zip(kept, r, strict=True)) for r in delivered],
    }


def notifications_consumer(sessionmaker: Any, handlers: Any, batch_handlers: Any) -> EventConsumer:
    return offline_consumer(
        "notifications", lambda: UnitOfWork(sessionmaker, messaging, SOURCE), messaging, handlers, batch_handlers
    )


async def prepared(url: str, events: list[CloudEvent]) -> Any:
    """The events projected (the journeys the fan-out reads) and the subscriptions registered."""
    sessionmaker = make_sessionmaker(make_engine(url))
    for start in range(0, len(events), 500):
        async with UnitOfWork(sessionmaker, messaging, SOURCE) as uow:
            await project_batch(events[start : start + 500], uow)
            await uow.commit()
    async with sessionmaker() as session:
        session.add_all(sample_subscriptions(load_reference_data()))
        await session.commit()
    return sessionmaker


async def emptied(sessionmaker: Any) -> None:
    """The fan-out's tables and the consumer's inbox emptied, the numbers from 1 again; the subscriptions kept."""
    tables = ", ".join(f'"{t}"' for t in ("afleveringen", "publieke_gebeurtenissen", "outbox", messaging.inbox.name))
    async with sessionmaker() as session:
        await session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY"))
        await session.commit()


async def one_transaction_each(sessionmaker: Any, events: list[CloudEvent], handlers: Any) -> None:
    """The fan-out without the consumer: each event the notifications group follows in its own transaction."""
    for event in events:
        if event.type in handlers:  # not the facilities' events
            async with UnitOfWork(sessionmaker, messaging, SOURCE) as uow:
                await handlers[event.type](event, uow)
                await uow.commit()


async def in_batches(
    sessionmaker: Any, events: list[CloudEvent], sub: Subscription, batched: bool
) -> tuple[list[CloudEvent], list[CloudEvent]]:
    """Through the consumer in batches of BATCH_SIZES, over and over: the events the per-event handler applied, and
    those that came in a batch of one (which the consumer applies with the batch handler too, when it has one)."""
    per_event: list[CloudEvent] = []

    def counted(handler: Callable[[CloudEvent, Any], Awaitable[None]]) -> Callable[[CloudEvent, Any], Awaitable[None]]:
        async def handle(event: CloudEvent, uow: Any) -> None:
            per_event.append(event)
            await handler(event, uow)

        return handle

    handlers = {t: counted(h) for t, h in sub.handlers.items()}
    consumer = notifications_consumer(sessionmaker, handlers, sub.batch_handlers if batched else None)
    pending, singles, sizes = records(events), [], 0
    while pending:
        size = BATCH_SIZES[sizes % len(BATCH_SIZES)]
        singles += events[len(events) - len(pending) :][:size] if size == 1 else []
        await consumer.handle_batch(pending[:size])
        pending, sizes = pending[size:], sizes + 1
    assert consumer.processed == sum(e.type in handlers for e in events) and consumer.dead_lettered == 0
    return per_event, singles


async def test_the_batch_fanout_writes_what_the_per_event_fanout_writes(clean_databases: dict[str, str]) -> None:
    events = shuffled_a_little(generate(600, seed=18, region_count=3), random.Random(18))
    sessionmaker = await prepared(clean_databases["reporting"], events)
    sub = notifications(load_reference_data())
    try:
        await one_transaction_each(sessionmaker, events, sub.handlers)
        one_by_one = await snapshot(sessionmaker)

        ways: dict[str, Snapshot] = {}
        for batched in (False, True):
            await emptied(sessionmaker)
            per_event, singles = await in_batches(sessionmaker, events, sub, batched)
            if batched:  # every batch went through the batch handler, a single record's too: none fell back
                assert singles and per_event == []
            ways["batched" if batched else "per-event handler"] = await snapshot(sessionmaker)
    finally:
        await sessionmaker.kw["bind"].dispose()

    counts = {table: len(rows) for table, rows in one_by_one.items()}
    followed = [e for e in events if followed_channel(e) is not None]
    assert counts["public events"] == counts["outbox"] == len(followed) and counts["deliveries"] > len(followed) / 2
    assert len({row[0] for row in one_by_one["deliveries"]}) == 5  # every subscription got some, not all the same
    assert counts["deliveries"] < counts["public events"] * 5  # and not every subscription every event
    for way, tables in ways.items():
        for table, rows in one_by_one.items():
            assert tables[table] == rows, f"{way}: {table} differs"


async def test_a_batch_whose_fanout_fails_is_applied_one_by_one(clean_databases: dict[str, str]) -> None:
    """The batch is rolled back whole (its public events, outbox rows and deliveries too) and fanned out event by
    event with the per-event handler: every event once, as one transaction per event leaves it. Delivered again, the
    batch is found in the inbox as a whole: nothing is applied twice."""
    events = generate(60, seed=4, region_count=2)
    sessionmaker = await prepared(clean_databases["reporting"], events)
    sub = notifications(load_reference_data())
    calls: list[int] = []

    async def fails_after_writing(batch: list[CloudEvent], uow: Any) -> None:
        calls.append(len(batch))
        await sub.batch_handlers[batch[0].type](batch, uow)  # its rows are written, then rolled back with the batch
        await uow.flush()
        raise ConnectionError("the connection went away")

    try:
        await one_transaction_each(sessionmaker, events, sub.handlers)
        one_by_one = await snapshot(sessionmaker)
        await emptied(sessionmaker)
        consumer = notifications_consumer(sessionmaker, sub.handlers, dict.fromkeys(sub.batch_handlers, fails_after_writing))
        await consumer.handle_batch(records(events))
        applied = sum(e.type in sub.handlers for e in events)
        assert calls == [applied] and consumer.processed == applied and consumer.dead_lettered == 0
        async with sessionmaker() as session:
            inbox = (await session.execute(select(messaging.inbox.c.event_id))).scalars().all()
        assert sorted(inbox) == sorted(e.id for e in events if e.type in sub.handlers)
        assert await snapshot(sessionmaker, renumbered=True) == one_by_one
        await consumer.handle_batch(records(events))  # delivered again: the batch's inbox check finds every event
        assert calls == [applied] and consumer.duplicates == applied and consumer.processed == applied
        assert await snapshot(sessionmaker, renumbered=True) == one_by_one
    finally:
        await sessionmaker.kw["bind"].dispose()


async def test_a_batch_fanouts_public_events_continue_their_journey_events_traces(clean_databases: dict[str, str]) -> None:
    """As with one event at a time (its consumer span current when it publishes), each public event's outbox row
    carries the `traceparent` of the consumer span of the journey event it was made from."""
    spans = in_memory_spans()
    events = [e for e in generate(40, seed=7, region_count=1) if followed_channel(e) is not None]
    sessionmaker = await prepared(clean_databases["reporting"], events)
    sub = notifications(load_reference_data())
    traced = records(events)
    for offset, record in enumerate(traced):  # each journey event recorded in its own trace
        record.headers = [("traceparent", f"00-{offset + 1:032x}-{offset + 1:016x}-01".encode())]
    try:
        await notifications_consumer(sessionmaker, sub.handlers, sub.batch_handlers).handle_batch(traced)
        async with sessionmaker() as session:
            public = PubliekeGebeurtenis
            found = await session.execute(
                select(public.bron_event_id, messaging.outbox.c.headers).join(
                    messaging.outbox, messaging.outbox.c.event_id == public.event_id
                )
            )
            headers = {source: row_headers for source, row_headers in found}
    finally:
        await sessionmaker.kw["bind"].dispose()
    consumer_spans = {
        s.attributes["messaging.kafka.offset"]: s.context
        for s in spans_where(spans, **{"messaging.consumer.group.name": "notifications"})
        if s.attributes and s.context
    }
    assert len(headers) == len(events)
    for offset, event in enumerate(events):
        context = consumer_spans[offset]
        assert context.trace_id == offset + 1
        assert headers[event.id]["traceparent"] == f"00-{offset + 1:032x}-{context.span_id:016x}-01"
