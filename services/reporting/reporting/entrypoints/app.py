"""Reporting's ASGI app: `uvicorn reporting.entrypoints.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from reporting import bootstrap
from reporting.entrypoints.api import trajecten
from reporting.settings import ReportingSettings
from reporting.subscriptions.entrypoints import abonnementen, stream
from journey_platform.web.app import create_service_app

VERSION = "1.0.0"


def create_app(settings: ReportingSettings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or ReportingSettings(),
        title="Opvangketen Reporting API",
        version=VERSION,
        description="The shared client journey across intake, placement and housing, and the regional indicators.",
        routers=[trajecten.router, abonnementen.router, stream.router],
        start=bootstrap.start,
    )
