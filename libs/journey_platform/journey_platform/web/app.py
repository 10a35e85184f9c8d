"""The app factory every service uses: /v1 sub-application, health, API-Version, CORS, problems, hardening."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.telemetry import TelemetryConfig
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from journey_platform.asyncapi import asyncapi_document
from journey_platform.auth import verified_principal
from journey_platform.observability.http import ObservabilityMiddleware
from journey_platform.observability.logs import configure_logging
from journey_platform.observability.tracing import configure_tracing, tracing_exported
from journey_platform.privacy import routes as processing_log_routes
from journey_platform.privacy.middleware import ProcessingLogMiddleware
from journey_platform.runtime import Container, stop_container
from journey_platform.settings import ServiceSettings
from journey_platform.web.apidocs import mount_api_docs
from journey_platform.web.body_limit import BodySizeLimitMiddleware
from journey_platform.web.navigation import EXPOSED_HEADERS, NavigationMiddleware
from journey_platform.web.openapi import nl_openapi
from journey_platform.web.problems import install_problem_handlers, problem_response
from journey_platform.web.rate_limit import RateLimitMiddleware
from journey_platform.web.security_headers import SecurityHeadersMiddleware, api_security_headers


def telemetry_config() -> TelemetryConfig:
    """FastAPI's native server spans carry the trace; its log records of validation failures would carry request
    bodies (personal data), so those stay off; its spans per dependency, endpoint and serialization (six a request)
    only when an exporter is configured (issue 18: the request path keeps what must be in it)."""
    return {"logs": False, "operation_spans": tracing_exported()}


class APIVersionMiddleware:
    """Every response carries `API-Version`, equal to the OpenAPI document's info.version."""

    def __init__(self, app: ASGIApp, version: str) -> None:
        self.app = app
        self.header = (b"api-version", version.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), self.header]
            await send(message)

        await self.app(scope, receive, send_with_version)


def create_service_app(
    *,
    settings: ServiceSettings,
    title: str,
    version: str,
    description: str,
    routers: list[APIRouter],
    start: Callable[[ServiceSettings], Awaitable[Container]],
) -> FastAPI:
    """`start` builds and starts the service's container inside the lifespan."""

    # Here rather than in the lifespan: uvicorn calls the factory after setting up its own logging,
    # so its start-up lines are JSON too.
    configure_logging(settings.service_name, settings.log_format, settings.log_level)

    api = FastAPI(
        title=title,
        version=version,
        description=description,
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,
        telemetry=telemetry_config(),
    )
    mount_api_docs(api)
    for router in [*routers, processing_log_routes.router]:
        api.include_router(router)
    install_problem_handlers(api)
    api.add_middleware(ProcessingLogMiddleware)
    api.add_middleware(NavigationMiddleware, api=api)
    api.openapi = lambda: nl_openapi(api)  # type: ignore[method-assign]  # FastAPI's documented way to replace the OpenAPI generator

    @api.get("/asyncapi.json", include_in_schema=False)
    async def asyncapi() -> dict[str, Any]:
        """Every topic and event (AsyncAPI 3), public like the OpenAPI document."""
        return asyncapi_document()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_tracing(settings.service_name)
        container = await start(settings)
        app.state.container = container
        api.state.container = container
        try:
            yield
        finally:
            await stop_container(container)

    root = FastAPI(
        lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None, redirect_slashes=False, telemetry=telemetry_config()
    )
    install_problem_handlers(root)

    @root.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @root.get("/metrics", include_in_schema=False)
    async def prometheus_metrics(request: Request) -> Response:
        container: Container = request.app.state.container
        return Response(await container.metrics_exposition(), media_type=CONTENT_TYPE_LATEST)

    @root.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> Any:
        container: Container = request.app.state.container
        # The database and the supervised background tasks only: with the broker away a service still accepts work
        # into its outbox (and publishes it when the broker returns), so taking every replica out of the Service
        # would turn a broker outage into a full outage. The broker's reachability is the opvangketen_broker_reachable
        # gauge and its alert; a consumer waiting for the broker is not a task that is down.
        down = container.tasks_down()
        checks = {"database": await container.database_ready(), "backgroundTasks": not down}
        if all(checks.values()):
            return {"status": "ready", "checks": checks}
        problems = [] if checks["database"] else ["unreachable: database"]
        if down:  # failed repeatedly in a row (journey_platform/supervision.py); restarts go on with back-off
            problems.append(f"background task(s) down: {', '.join(down)}")
        response: JSONResponse = problem_response(503, "Not ready", "; ".join(problems), request)
        return response

    root.mount("/v1", api)
    # Added innermost first: Observability › security headers › API-Version › CORS › rate limit › body size › app,
    # so refusals (413, 429) are measured and carry the headers, and CORS preflights are not counted.
    root.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_request_body_bytes)
    if settings.rate_limit_enabled:
        root.add_middleware(
            RateLimitMiddleware,
            limit=settings.rate_limit,
            storage_url=settings.rate_limit_storage_url,
            principal_key=_principal_key,
        )
    root.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_allow_origins,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=["API-Version", "Retry-After", *EXPOSED_HEADERS],
    )
    root.add_middleware(APIVersionMiddleware, version=version)
    root.add_middleware(SecurityHeadersMiddleware, headers=api_security_headers(settings.hsts_max_age_seconds))
    root.add_middleware(ObservabilityMiddleware)
    root.state.api = api
    return root


async def _principal_key(scope: Scope, token: str) -> str | None:
    """The rate-limit key of a valid token: its organisation and subject (raises Unauthorized when invalid).
    The outcome stays in the request's state, so `current_principal` does not verify the token again."""
    container: Container | None = getattr(scope["app"].state, "container", None)
    if container is None:
        return None
    principal = await verified_principal(scope.setdefault("state", {}), container.token_verifier, token)
    return f"{principal.org_type.value}:{principal.org_id}:{principal.subject}"
