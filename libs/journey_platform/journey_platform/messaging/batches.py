"""A fetch's batch applied with the service's batch handlers (issue 18 item 3): each run of consecutive events
that one batch handler takes is applied by one call to it, any other event by its per-event handler, in the batch's
order, all in the batch's one transaction; the inbox rows follow in one multi-row INSERT. When anything fails, the
caller (records.py) rolls the whole batch back and applies it record by record with the per-event handlers."""

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from uuid import UUID

from aiokafka import ConsumerRecord
from opentelemetry.trace import Span, Status, StatusCode

from journey_platform.db import utcnow
from journey_platform.messaging.consumer_base import BatchHandler
from journey_platform.messaging.dead_letter import DeadLettering
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.observability.logs import bind_journey
from journey_platform.observability.tracing import consumer_span, start_consumer_span, trace_headers

_EVENT_SPANS: ContextVar[Mapping[UUID, Span] | None] = ContextVar("batch_event_spans", default=None)

Applied = tuple[str, float]  # (event type, seconds it took: a batch handler's time is shared by its events)


class BatchApplying(DeadLettering):
    async def _apply_batched(self, uow: Any, todo: list[tuple[ConsumerRecord, CloudEvent]]) -> list[Applied]:
        """Apply `todo` (deduplicated, each with a handler) in the open unit of work; the caller commits."""
        applied: list[Applied] = []
        for batch, run in self._runs(todo):
            started = time.perf_counter()
            if batch is None:
                [(record, event)] = run
                bind_journey(event.subject)
                with consumer_span(self.name, event.type, record.topic, record.partition, record.offset, record.headers):
                    await self._handlers[event.type](event, uow)
                    await uow.flush()
            else:
                with _spans(self.name, run):
                    await batch([event for _, event in run], uow)
                    await uow.flush()
            share = (time.perf_counter() - started) / len(run)
            applied += [(event.type, share) for _, event in run]
        now = utcnow()
        rows = [self._inbox_values(record, event, now) for record, event in todo]
        # With RETURNING, SQLAlchemy renders the rows into one INSERT (per 1,000) from a statement compiled once
        # ("insertmanyvalues"); without, the driver would execute it once per row.
        await uow.session.execute(self._inbox.insert().returning(self._inbox.c.event_id), rows)
        return applied

    def _runs(
        self, todo: list[tuple[ConsumerRecord, CloudEvent]]
    ) -> Iterator[tuple[BatchHandler | None, list[tuple[ConsumerRecord, CloudEvent]]]]:
        """Maximal runs of consecutive events that the same batch handler takes; an event without one on its own."""
        run: list[tuple[ConsumerRecord, CloudEvent]] = []
        current: BatchHandler | None = None
        for item in todo:
            batch = self._batch_handlers.get(item[1].type)
            if run and (batch is None or batch is not current):
                yield current, run
                run = []
            current = batch
            run.append(item)
        if run:
            yield current, run

    def _inbox_values(self, record: ConsumerRecord, event: CloudEvent, now: Any) -> dict[str, Any]:
        return {
            "consumer": self.config.name,
            "event_id": event.id,
            "event_type": event.type,
            "topic": record.topic,
            "partition": record.partition,
            "offset": record.offset,
            "processed_at": now,
        }


def event_trace_headers(event: CloudEvent) -> dict[str, str]:
    """For a batch handler that publishes on behalf of one of its events: the `traceparent` of that event's consumer
    span, which a per-event handler's events get from the current span (`uow.publish(..., extra_headers=...)`); empty
    outside a batch handler's call."""
    span = (_EVENT_SPANS.get() or {}).get(event.id)
    return trace_headers(span) if span is not None else {}


@contextmanager
def _spans(consumer: str, run: list[tuple[ConsumerRecord, CloudEvent]]) -> Iterator[None]:
    """One consumer span per event of a run (each the child of the span that recorded its event), all lasting as long
    as the batch handler's one call, and saying how many events that call applied. Not made current: cheap when
    no tracing is configured, and one current span could not stand for all of them."""
    spans = [start_consumer_span(consumer, e.type, r.topic, r.partition, r.offset, r.headers) for r, e in run]
    token = _EVENT_SPANS.set({event.id: span for (_, event), span in zip(run, spans, strict=True)})
    try:
        yield
    except BaseException as exc:
        for span in spans:
            span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, f"{type(exc).__name__}: {exc}"))
        raise
    finally:
        _EVENT_SPANS.reset(token)
        for span in spans:
            span.set_attribute("messaging.batch.message_count", len(run))
            span.end()
