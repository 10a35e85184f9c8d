"""JSON log lines carry the trace and journey, never a BSN; trace headers come from the current span."""

import json
import logging

from opentelemetry import trace

from journey_platform.observability.logs import JsonFormatter, bind_journey, mask
from journey_platform.observability.tracing import current_trace_headers
from journey_platform.testing.observability import in_memory_spans


def _line(message: str, *args: object) -> dict[str, object]:
    record = logging.LogRecord("intake", logging.INFO, __file__, 1, message, args, None)
    return json.loads(JsonFormatter("intake").format(record))  # type: ignore[no-any-return]  # json.loads gives Any


def test_a_log_line_is_json_with_trace_and_journey_ids() -> None:
    in_memory_spans()
    bind_journey("5b0e6c1e-0000-4000-8000-000000000001")
    with trace.get_tracer("test").start_as_current_span("work") as span:
        line = _line("handled %s", "melding")
    assert line["message"] == "handled melding"
    assert line["service"] == "intake"
    assert line["traceId"] == format(span.get_span_context().trace_id, "032x")
    assert line["journeyId"] == "5b0e6c1e-0000-4000-8000-000000000001"


def test_bsn_shaped_numbers_are_masked_but_longer_ids_are_not() -> None:
    assert _line("person %s not found", "123456782")["message"] == "person ********* not found"
    assert mask("oin 00000001003214345000") == "oin 00000001003214345000"


def test_trace_headers_name_the_current_span_and_are_empty_outside_one() -> None:
    in_memory_spans()
    assert "traceparent" not in current_trace_headers()
    with trace.get_tracer("test").start_as_current_span("work") as span:
        headers = current_trace_headers()
    assert headers["traceparent"].split("-")[1] == format(span.get_span_context().trace_id, "032x")


def test_without_an_exporter_spans_have_ids_but_are_not_recorded_unless_the_caller_sampled_them() -> None:
    from opentelemetry import propagate
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from journey_platform.observability.tracing import PlatformTracerProvider

    provider = PlatformTracerProvider(resource=Resource.create({"service.name": "tests"}))
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("request") as span:
        headers = current_trace_headers()
    assert not span.is_recording() and span.get_span_context().is_valid  # ids for the log and the outbox, no span
    assert headers["traceparent"].split("-")[1] == format(span.get_span_context().trace_id, "032x")
    sampled = propagate.extract({"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"})
    with tracer.start_as_current_span("followed", context=sampled) as followed:
        assert followed.is_recording()  # a caller that samples is followed

    exported = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exported))
    with tracer.start_as_current_span("exported") as span:
        assert span.is_recording()
    assert [s.name for s in exported.get_finished_spans()] == ["exported"]
