"""Refuses request bodies over a configured size with 413 problem+json, before the application holds them.

Pure ASGI: a declared Content-Length over the limit is refused at once; otherwise the streamed chunks
are counted as the application reads them, and the read that crosses the limit fails. Responses are
passed through untouched (never buffered).
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from journey_platform.web.problems import send_problem


class RequestBodyTooLarge(HTTPException):
    """An HTTPException, so that FastAPI's body reading passes it on (other errors there become a 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await send_problem(scope, receive, send, 413, "Content too large", str(RequestBodyTooLarge(self.max_bytes).detail))
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise RequestBodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except RequestBodyTooLarge as exc:
            if started:
                raise
            await send_problem(scope, receive, send, 413, "Content too large", str(exc.detail))


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None
