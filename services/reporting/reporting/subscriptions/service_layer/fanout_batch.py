"""The fan-out for a run of the notifications consumer's batch (issue 18 item 3): what `fanout.notifier` does per
event, for all of them at once, with one statement per table instead of several per event.

The batch's journeys (their projected rows, and their latest public event: this group's memory of whose resident
the client is) are read in one SELECT each, the subscriptions once; the advisory lock that keeps the numbers in
commit order is taken once, just before the public events are inserted. The events are then turned into public events in the batch's order with the same rules
(fanout.py), each journey's latest public event followed in memory, and the public events, their outbox rows and the
deliveries each go in one multi-row INSERT; the public events' numbers come back in the order of their rows, so they
follow the batch's order as one event at a time would. Anything failing (a journey whose municipality is not known
yet) fails the batch: the consumer rolls it back and applies it event by event with `notifier`, which retries.
The equivalence test (tests/api/subscriptions/test_batch_fanout.py) fans a history out both ways.
"""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import Table, insert

from journey_platform.db import utcnow
from journey_platform.messaging.batches import event_trace_headers
from journey_platform.messaging.consumer_base import BatchHandler
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.reference import ReferenceData
from reporting.subscriptions.adapters.orm import Aflevering, PubliekeGebeurtenis
from reporting.subscriptions.service_layer.fanout import (
    delivery,
    followed_channel,
    latest_public_data,
    number_in_commit_order,
    projected,
    public_event,
    public_row,
    residence_from,
    subscribers,
)

_PUBLIC = cast(Table, PubliekeGebeurtenis.__table__)
_DELIVERIES = cast(Table, Aflevering.__table__)


def batch_notifier(reference: ReferenceData) -> BatchHandler:
    """The consumer's batch handler, bound to the reference data (regions) the visibility rule needs."""

    async def on_journey_events(events: list[CloudEvent], uow: UnitOfWork) -> None:
        followed = [(event, kanaal) for event in events if (kanaal := followed_channel(event)) is not None]
        if not followed:
            return
        journeys = list(dict.fromkeys(uuid.UUID(str(event.data["trajectId"])) for event, _ in followed))
        known = await latest_public_data(uow.session, journeys)
        journey_rows = await projected(uow.session, journeys)
        subscribed = await subscribers(uow.session)
        rows: list[dict[str, Any]] = []
        deliveries: list[tuple[int, dict[str, Any]]] = []  # (the row's index, the delivery)
        now = utcnow()
        for event, kanaal in followed:
            journey = uuid.UUID(str(event.data["trajectId"]))
            residence = residence_from(event, known.get(journey, {}), journey_rows.get(journey))
            public = public_event(event, kanaal, residence, journey_rows.get(journey))
            published = uow.publish(public, extra_headers=event_trace_headers(event))  # as if its span were current
            row = public_row(event, public, published, residence)
            known[journey] = row["cloudevent"].get("data", {})
            deliveries += [(len(rows), delivery(s, row["sleutel"], now)) for s in subscribed if s.wants(row, reference)]
            rows.append(row)
        await number_in_commit_order(uow)  # held until commit: taken as late as the per-event handler takes it
        numbers = await _numbered(uow, rows)
        if deliveries:
            values = [{**one, "volgnummer": numbers[index]} for index, one in deliveries]
            await uow.session.execute(insert(_DELIVERIES).returning(_DELIVERIES.c.id), values)

    return on_journey_events


async def _numbered(uow: UnitOfWork, rows: list[dict[str, Any]]) -> list[int]:
    """Insert the public events in one statement; their numbers, in the order of `rows` (which is the order the
    database numbered them in: SQLAlchemy inserts them by an INSERT … SELECT … ORDER BY their position)."""
    statement = insert(_PUBLIC).returning(_PUBLIC.c.volgnummer, sort_by_parameter_order=True)
    return list((await uow.session.execute(statement, rows)).scalars())
