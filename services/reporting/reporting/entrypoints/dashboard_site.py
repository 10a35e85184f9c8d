"""The dashboard: a static page (HTML, JS, vendored Chart.js) served by reporting outside /v1; it calls the API."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from journey_platform.web.security_headers import page_security_headers

STATIC = Path(__file__).resolve().parent / "dashboard"

# The page runs only its own files (no inline script or style, no eval: Chart.js 4 needs none) and talks
# only to its own origin's API; like the API, nothing may frame it.
DASHBOARD_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def mount_dashboard(app: FastAPI) -> None:
    @app.get("/dashboard", include_in_schema=False)
    async def dashboard(request: Request) -> RedirectResponse:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/dashboard/{query}")

    app.mount("/dashboard/", page_security_headers(StaticFiles(directory=STATIC, html=True), DASHBOARD_CSP), name="dashboard")
