"""Test helpers for metrics and traces: read a Prometheus exposition, collect finished spans in memory."""

from __future__ import annotations

from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client.parser import text_string_to_metric_families

from journey_platform.observability.tracing import configure_tracing

_exporter: InMemorySpanExporter | None = None


def in_memory_spans() -> InMemorySpanExporter:
    """One in-memory exporter on the process's tracer provider (the provider can be set only once)."""
    global _exporter
    if _exporter is None:
        configure_tracing("tests")
        provider = trace.get_tracer_provider()
        assert isinstance(provider, TracerProvider)
        _exporter = InMemorySpanExporter()
        provider.add_span_processor(SimpleSpanProcessor(_exporter))
    return _exporter


def spans_where(exporter: InMemorySpanExporter, **attributes: object) -> list[ReadableSpan]:
    return [s for s in exporter.get_finished_spans() if all((s.attributes or {}).get(k) == v for k, v in attributes.items())]


def metric_value(exposition: str, sample_name: str, **labels: str) -> float | None:
    """The value of one sample (e.g. `..._count` of a histogram) with these labels; None if absent."""
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            if sample.name == sample_name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return float(sample.value)
    return None


def metric_samples(exposition: str, sample_name: str) -> list[tuple[dict[str, str], float]]:
    return [
        (dict(s.labels), float(s.value))
        for family in text_string_to_metric_families(exposition)
        for s in family.samples
        if s.name == sample_name
    ]
