"""Placement's ASGI app: `uvicorn placement.entrypoints.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from journey_platform.web.app import create_service_app
from placement import bootstrap
from placement.entrypoints.api import begeleiding, delingen, historie, trajecten, verblijven, voorzieningen, wachtlijst
from placement.settings import PlacementSettings

VERSION = "1.0.0"


def create_app(settings: PlacementSettings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or PlacementSettings(),
        title="Opvangketen Placement API",
        version=VERSION,
        description=bootstrap.DESCRIPTION,
        routers=[
            voorzieningen.router,
            verblijven.router,
            wachtlijst.router,
            begeleiding.router,
            delingen.router,
            trajecten.router,
            historie.router,
        ],
        start=bootstrap.start,
    )
