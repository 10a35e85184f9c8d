"""Observability every service shares: Prometheus metrics, OpenTelemetry traces, JSON logs.

- `metrics`: one registry per running service (so two services in one test process stay apart).
- `tracing`: the W3C `traceparent` travels HTTP → outbox row → Kafka headers → consumer span.
- `logs`: one JSON object per line with trace id and journey id; BSN-shaped numbers are masked.
- `http`: the ASGI middleware that times each request by route template and opens its server span.
"""
