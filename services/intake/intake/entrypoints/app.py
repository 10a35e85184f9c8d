"""Intake's ASGI app: `uvicorn intake.entrypoints.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from intake import bootstrap
from intake.entrypoints.api import besluitvorming, historie, identiteit, meldingen, toestemmingen, trajecten, wisverzoeken
from intake.settings import IntakeSettings
from journey_platform.web.app import create_service_app

VERSION = "1.0.0"


def create_app(settings: IntakeSettings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or IntakeSettings(),
        title="Opvangketen Intake API",
        version=VERSION,
        description=(
            "Reports (meldingen) about people who are roofless or houseless, screening, Wmo decisions "
            "(beschikkingen) within 8 weeks, referrals between local teams and the central access point, "
            "access rules and early signals from housing corporations; the client's consent for sharing data."
        ),
        routers=[
            meldingen.router,
            besluitvorming.router,
            trajecten.router,
            toestemmingen.router,
            wisverzoeken.router,
            identiteit.router,
            historie.router,
        ],
        start=bootstrap.start,
    )
