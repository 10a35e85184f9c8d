"""Reporting's ASGI app: `uvicorn reporting.entrypoints.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from journey_platform.web.app import create_service_app
from reporting import bootstrap
from reporting.entrypoints.api import indicatoren, referentie, trajecten
from reporting.entrypoints.dashboard_site import mount_dashboard
from reporting.experience.entrypoints import api as experience
from reporting.experience.entrypoints import pages as experience_pages
from reporting.settings import ReportingSettings
from reporting.subscriptions.entrypoints import abonnementen, stream

VERSION = "1.2.0"


def create_app(settings: ReportingSettings | None = None) -> FastAPI:
    settings = settings or ReportingSettings()
    app = create_service_app(
        settings=settings,
        title="Opvangketen Reporting API",
        version=VERSION,
        description="The shared client journey across intake, placement and housing, and the regional indicators.",
        routers=[
            trajecten.router,
            indicatoren.router,
            referentie.router,
            abonnementen.router,
            stream.router,
            experience.router,
            experience_pages.router,
        ],
        start=bootstrap.start,
    )
    if settings.dashboard_enabled:
        mount_dashboard(app)
    return app
