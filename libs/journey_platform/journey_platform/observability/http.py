"""ASGI middleware: Prometheus latency and status per route template.

The request's server span is FastAPI's own (native OpenTelemetry support, active once
`configure_tracing` installed a tracer provider): it continues an incoming `traceparent`,
names the span by route, and the outbox picks the current span up from there.
"""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from journey_platform.observability.metrics import ServiceMetrics
from journey_platform.observability.routes import route_template

_NOT_TIMED = frozenset({"/metrics", "/healthz", "/readyz"})


class ObservabilityMiddleware:
    """Reads the metrics from the running service's container (the app's state, set in the lifespan)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        container = getattr(scope["app"].state, "container", None) if scope["type"] == "http" else None
        if container is None or scope["path"] in _NOT_TIMED:
            await self.app(scope, receive, send)
            return
        metrics: ServiceMetrics = container.metrics
        status = 500  # unless a response starts: an exception that escaped every handler

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            metrics.http_duration.labels(scope["method"], route_template(scope), str(status)).observe(
                time.perf_counter() - started
            )
