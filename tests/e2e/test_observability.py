"""One report, followed end to end over the real broker: metrics on both services, one trace across Kafka."""

from __future__ import annotations

from typing import Any

import pytest
from opentelemetry.trace import SpanKind

from journey_platform.testing.observability import in_memory_spans, metric_samples, metric_value, spans_where
from journey_platform.testing.waiting import eventually

pytestmark = pytest.mark.e2e

REGISTERED = "nl.opvangketen.intake.melding-geregistreerd.v1"
REPORT = {
    "melderType": "politie",
    "persoon": {"achternaam": "Testpersoon", "geboortedatum": "1981-02-03", "bsn": "123456782"},
    "situatie": "dakloos",
    "gemeenteMelding": "GM0193",
}


async def test_a_report_is_counted_and_traced_from_intake_into_reporting(broker: Any, start_service: Any, auth: Any) -> None:
    spans = in_memory_spans()
    spans.clear()  # earlier tests' requests are in there too
    intake = await start_service("intake", broker=broker)
    reporting = await start_service("reporting", broker=broker)

    created = await intake.client.post("/v1/meldingen", json=REPORT, headers=auth())
    assert created.status_code == 201, created.text
    traject = created.json()["trajectId"]

    async def journey_shown() -> bool:
        return bool((await reporting.client.get(f"/v1/trajecten/{traject}", headers=auth())).status_code == 200)

    await eventually(journey_shown)

    async def intake_metrics_settled() -> str | None:
        text = (await intake.client.get("/metrics")).text
        return text if metric_value(text, "opvangketen_outbox_backlog") == 0 else None

    intake_metrics = await eventually(intake_metrics_settled)
    assert (
        metric_value(
            intake_metrics, "opvangketen_http_request_duration_seconds_count", method="POST", route="/v1/meldingen", status="201"
        )
        or 0
    ) >= 1
    assert (metric_value(intake_metrics, "opvangketen_outbox_published_total", topic="opvangketen.intake") or 0) >= 1
    assert metric_value(intake_metrics, "opvangketen_outbox_oldest_unpublished_age_seconds") == 0

    async def reporting_metrics_with_lag() -> str | None:
        text = (await reporting.client.get("/metrics")).text
        return text if metric_samples(text, "opvangketen_consumer_lag") else None

    reporting_metrics = await eventually(reporting_metrics_with_lag)
    assert (
        metric_value(
            reporting_metrics, "opvangketen_consumer_events_processed_total", consumer="reporting", event_type=REGISTERED
        )
        or 0
    ) >= 1
    assert (
        metric_value(
            reporting_metrics,
            "opvangketen_consumer_handler_duration_seconds_count",
            consumer="reporting",
            event_type=REGISTERED,
            outcome="applied",
        )
        or 0
    ) >= 1
    assert metric_value(
        reporting_metrics,
        "opvangketen_http_request_duration_seconds_count",
        method="GET",
        route="/v1/trajecten/{trajectId}",
        status="200",
    )
    lag = metric_samples(reporting_metrics, "opvangketen_consumer_lag")
    assert lag and {labels["topic"] for labels, _ in lag} >= {"opvangketen.intake"}
    assert "123456782" not in intake_metrics + reporting_metrics

    post = next(s for s in spans_where(spans, **{"http.route": "/v1/meldingen"}) if s.kind is SpanKind.SERVER)

    async def consumer_span_of_the_same_trace() -> Any:
        return [
            s
            for s in spans_where(spans, **{"messaging.consumer.group.name": "reporting", "cloudevents.event_type": REGISTERED})
            if s.context.trace_id == post.context.trace_id
        ]

    consumed = (await eventually(consumer_span_of_the_same_trace))[0]
    assert consumed.kind is SpanKind.CONSUMER
    assert consumed.parent is not None and consumed.parent.trace_id == post.context.trace_id
    # request → the relay's send → the consumer's processing: the consumer's parent is the send span
    sends = [s for s in spans_where(spans, **{"messaging.operation.type": "send"}) if s.context.trace_id == post.context.trace_id]
    send = next(s for s in sends if s.context.span_id == consumed.parent.span_id)
    assert send.kind is SpanKind.PRODUCER and (send.attributes or {}).get("cloudevents.event_type") == REGISTERED
    assert send.parent is not None and send.parent.trace_id == post.context.trace_id


async def test_http_metrics_name_the_route_template_never_the_concrete_path(start_service: Any, auth: Any) -> None:
    intake = await start_service("intake")
    missing = "00000000-0000-4000-8000-000000000000"
    assert (await intake.client.get(f"/v1/meldingen/{missing}", headers=auth())).status_code == 404
    assert (await intake.client.get("/v1/nergens", headers=auth())).status_code == 404
    assert (await intake.client.post("/v1/meldingen", json={"persoon": {}}, headers=auth())).status_code == 400

    exposition = (await intake.client.get("/metrics")).text
    count = "opvangketen_http_request_duration_seconds_count"
    assert metric_value(exposition, count, method="GET", route="/v1/meldingen/{meldingId}", status="404") == 1
    assert metric_value(exposition, count, method="GET", route="unmatched", status="404") == 1
    assert metric_value(exposition, count, method="POST", route="/v1/meldingen", status="400") == 1
    assert missing not in exposition and "nergens" not in exposition
