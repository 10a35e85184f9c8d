"""The security headers the NL API Design Rules (transport security module) ask of every API response.

Pure ASGI: headers are added to `http.response.start` only, so streamed responses (the SSE stream) keep
streaming. A header the application set itself wins, so a web page (the dashboard) can carry its own
Content-Security-Policy (see `page_security_headers`).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# For a JSON API: nothing may frame it, nothing may cache it, nothing may sniff its content type.
API_CSP = "frame-ancestors 'none'"


def api_security_headers(hsts_max_age_seconds: int) -> list[tuple[bytes, bytes]]:
    headers = {
        "cache-control": "no-store",
        "content-security-policy": API_CSP,
        "strict-transport-security": f"max-age={hsts_max_age_seconds}; includeSubDomains",
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
    }
    return [(k.encode(), v.encode()) for k, v in headers.items()]


class SecurityHeadersMiddleware:
    """Adds each header unless the response already has it."""

    def __init__(self, app: ASGIApp, headers: list[tuple[bytes, bytes]], *, override: bool = False) -> None:
        self.app = app
        self.headers = headers
        self.override = override

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in self.headers}
                existing = list(message.get("headers", []))
                if self.override:
                    existing = [(k, v) for k, v in existing if k.lower() not in names]
                present = {k.lower() for k, _ in existing}
                message["headers"] = existing + [(k, v) for k, v in self.headers if k not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def page_security_headers(app: ASGIApp, csp: str) -> ASGIApp:
    """A browser page served beside the API: its own Content-Security-Policy (replacing the API's)."""
    return SecurityHeadersMiddleware(app, [(b"content-security-policy", csp.encode())], override=True)
