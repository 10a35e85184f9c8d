"""The dashboard: a static page (HTML, JS, vendored Chart.js) served by reporting outside /v1; it calls the API."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "dashboard"


def mount_dashboard(app: FastAPI) -> None:
    @app.get("/dashboard", include_in_schema=False)
    async def dashboard(request: Request) -> RedirectResponse:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/dashboard/{query}")

    app.mount("/dashboard/", StaticFiles(directory=STATIC, html=True), name="dashboard")
