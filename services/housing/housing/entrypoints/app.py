"""Housing's ASGI app: `uvicorn housing.entrypoints.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from housing import bootstrap
from housing.entrypoints.api import (
    aanbiedingen,
    delingen,
    historie,
    matching,
    nazorg,
    overdrachten,
    trajecten,
    verhuizingen,
    woningen,
)
from housing.settings import HousingSettings
from journey_platform.web.app import create_service_app

VERSION = "1.0.0"


def create_app(settings: HousingSettings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or HousingSettings(),
        title="Opvangketen Housing API",
        version=VERSION,
        description=bootstrap.DESCRIPTION,
        routers=[
            woningen.router,
            matching.router,
            aanbiedingen.router,
            verhuizingen.router,
            overdrachten.router,
            nazorg.router,
            delingen.router,
            trajecten.router,
            historie.router,
        ],
        start=bootstrap.start,
    )
