"""Traces: one request followed from the HTTP call, through the outbox and Kafka, into every consumer.

The W3C `traceparent` of the span current when an event is recorded is stored in the outbox row's
headers; the relay sends those headers to Kafka unchanged; a consumer extracts them and opens its
span as a child. Exporting is configured by the standard OTEL_* variables (OTLP over HTTP).

Without an exporter nobody reads a span, so none is recorded (issue 18: a recorded span per request and per FastAPI
operation cost CPU for nothing): the sampler leaves a new trace unsampled until a span processor is added. An
unsampled span still has its trace and span ids, so the processing log, the log lines and the outbox's
`traceparent` keep naming the trace, and an incoming sampled `traceparent` is still followed (recorded).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ParentBased, Sampler, SamplingResult
from opentelemetry.trace import Link, Span, SpanKind
from opentelemetry.util.types import Attributes, AttributeValue

log = logging.getLogger(__name__)

TRACER_NAME = "journey_platform"


def tracing_exported() -> bool:
    """Whether the environment configures an exporter (FastAPI's per-operation spans are on only then)."""
    return bool(os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))


class RecordWhenExported(Sampler):
    """The configured sampler (OTEL_TRACES_SAMPLER, parent-based always-on by default) once a span processor is
    there; before that, parent-based always-off: a new trace gets ids but no recorded span."""

    def __init__(self, configured: Sampler) -> None:
        self.configured = configured
        self.exporting = False
        self._unexported = ParentBased(ALWAYS_OFF)

    def should_sample(
        self,
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: trace.TraceState | None = None,
    ) -> SamplingResult:
        sampler = self.configured if self.exporting else self._unexported
        return sampler.should_sample(parent_context, trace_id, name, kind, attributes, links, trace_state)

    def get_description(self) -> str:
        return f"RecordWhenExported{{{self.configured.get_description()}}}"


class PlatformTracerProvider(TracerProvider):
    """Records spans from the moment a span processor (an exporter, a test's in-memory one) is added."""

    def __init__(self, resource: Resource) -> None:
        self.recording = RecordWhenExported(TracerProvider(shutdown_on_exit=False).sampler)
        super().__init__(resource=resource, sampler=self.recording)

    def add_span_processor(self, span_processor: SpanProcessor) -> None:
        super().add_span_processor(span_processor)
        self.recording.exporting = True


def configure_tracing(service_name: str) -> None:
    """Install the SDK tracer provider once per process; keep one that is already there (tests add theirs)."""
    if isinstance(trace.get_tracer_provider(), TracerProvider):
        return
    provider = PlatformTracerProvider(resource=Resource.create({"service.name": service_name}))
    if tracing_exported():
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


def trace_headers(span: Span) -> dict[str, str]:
    """`traceparent` (and `tracestate`) of `span`, current or not."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier, context=trace.set_span_in_context(span))
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
