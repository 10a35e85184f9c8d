"""Swagger UI at /v1/docs and ReDoc at /v1/redoc, from vendored assets: no request leaves for another host."""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from journey_platform.web.security_headers import SecurityHeadersMiddleware

ASSETS = Path(__file__).resolve().parent / "static"

# Only this origin's scripts, styles and API; both renderers set inline styles, ReDoc's search runs in a blob worker.
# ReDoc's sidebar footer names Redocly with a logo from its CDN (hard-coded): img-src stops it before any request.
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# The vendored files change only with a release (`make vendor-apidocs`); a day in the browser's cache is safe.
ASSET_HEADERS = [(b"cache-control", b"public, max-age=86400")]

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} ({renderer})</title>
<link rel="icon" href="data:,">
{stylesheet}</head>
<body>
{body}</body>
</html>
"""


def _page(title: str, renderer: str, body: str, stylesheet: str = "") -> str:
    link = f'<link rel="stylesheet" href="docs-assets/{stylesheet}">\n' if stylesheet else ""
    return _PAGE.format(title=escape(title), renderer=renderer, body=body, stylesheet=link)


SWAGGER_BODY = """<main id="swagger-ui" data-openapi="openapi.json"></main>
<script src="docs-assets/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="docs-assets/swagger-init.js"></script>
"""
REDOC_BODY = """<main id="redoc" data-openapi="openapi.json"></main>
<script src="docs-assets/vendor/redoc/redoc.standalone.js"></script>
<script src="docs-assets/redoc-init.js"></script>
"""


def mount_api_docs(api: FastAPI) -> None:
    """On the /v1 sub-application, beside openapi.json (so the pages' relative URLs resolve under /v1)."""
    swagger = _page(api.title, "Swagger UI", SWAGGER_BODY, "vendor/swagger-ui/swagger-ui.css")
    redoc = _page(api.title, "ReDoc", REDOC_BODY)
    headers = {"content-security-policy": DOCS_CSP}

    @api.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return HTMLResponse(swagger, headers=headers)

    @api.get("/redoc", include_in_schema=False)
    async def redoc_page() -> HTMLResponse:
        return HTMLResponse(redoc, headers=headers)

    static = StaticFiles(directory=ASSETS)
    api.mount("/docs-assets", SecurityHeadersMiddleware(static, ASSET_HEADERS, override=True), name="docs-assets")
