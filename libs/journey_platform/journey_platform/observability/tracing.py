"""Traces: one request followed from the HTTP call, through the outbox and Kafka, into every consumer.

The W3C `traceparent` of the span current when an event is recorded is stored in the outbox row's
headers; the relay sends those headers to Kafka unchanged; a consumer extracts them and opens its
span as a child. Exporting is configured by the standard OTEL_* variables (OTLP over HTTP).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from opentelemetry import propagate, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Span, SpanKind
from opentelemetry.util.types import AttributeValue

log = logging.getLogger(__name__)

TRACER_NAME = "journey_platform"


def configure_tracing(service_name: str) -> None:
    """Install the SDK tracer provider once per process; keep one that is already there (tests add theirs)."""
    if isinstance(trace.get_tracer_provider(), TracerProvider):
        return
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    if os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)


def tracer() -> trace.Tracer:
    return trace.get_tracer(TRACER_NAME)


def current_trace_headers() -> dict[str, str]:
    """`traceparent` (and `tracestate`) of the current span; empty outside a span."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


def _decoded(headers: Iterable[tuple[str, bytes]] | None) -> dict[str, str]:
    return {k: v.decode(errors="replace") for k, v in headers or () if v is not None}


@contextmanager
def consumer_span(
    consumer: str, event_type: str, topic: str, partition: int, offset: int, headers: Iterable[tuple[str, bytes]] | None
) -> Iterator[Span]:
    """A consumer span, child of the span that recorded the event (from the Kafka headers)."""
    span = start_consumer_span(consumer, event_type, topic, partition, offset, headers)
    with trace.use_span(span, end_on_exit=True):
        yield span


def start_consumer_span(
    consumer: str, event_type: str, topic: str, partition: int, offset: int, headers: Iterable[tuple[str, bytes]] | None
) -> Span:
    """The consumer span of `consumer_span`, started but not made current: the caller ends it (one per event of a
    batch handler's run, messaging/batches.py)."""
    parent = propagate.extract(_decoded(headers))
    attributes: dict[str, AttributeValue] = {
        "messaging.system": "kafka",
        "messaging.operation.type": "process",
        "messaging.destination.name": topic,
        "messaging.destination.partition.id": str(partition),
        "messaging.kafka.offset": offset,
        "messaging.consumer.group.name": consumer,
        "cloudevents.event_type": event_type,
    }
    return tracer().start_span(f"{topic} process", context=parent, kind=SpanKind.CONSUMER, attributes=attributes)


def producer_span(topic: str, event_type: str, headers: dict[str, str]) -> tuple[Span, dict[str, str]]:
    """The relay's send span for one outbox row: a child of the span that recorded the event (the row's trace
    headers), started now and ended by the caller when the broker acknowledged. Returns the span and the headers to
    send, which carry the send span's context, so a consumer's span follows the send (request → send → process)."""
    parent = propagate.extract(headers)
    attributes: dict[str, AttributeValue] = {
        "messaging.system": "kafka",
        "messaging.operation.type": "send",
        "messaging.destination.name": topic,
        "cloudevents.event_type": event_type,
    }
    span = tracer().start_span(f"{topic} send", context=parent, kind=SpanKind.PRODUCER, attributes=attributes)
    sent = {k: v for k, v in headers.items() if k not in ("traceparent", "tracestate")}
    propagate.inject(sent, context=trace.set_span_in_context(span))
    return span, sent
