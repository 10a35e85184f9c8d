"""Logging is part of the request: the log rows are written before the response starts, or the
response is a 503 problem and carries none of the data that was read.

Writes put their rows in their own transaction (the unit of work, just before it commits); what is
left (reads, refusals, failures) is written here in a transaction of its own, at `http.response.start`.
A streaming response (the SSE stream) starts after that and keeps streaming.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from journey_platform.privacy.errors import ProcessingLogUnavailable
from journey_platform.privacy.recorder import ProcessingLog, RequestLog, begin_request_log, end_request_log
from journey_platform.web.problems import problem_response

log = logging.getLogger(__name__)


class ProcessingLogMiddleware:
    """On the /v1 application; reads the service's `ProcessingLog` from the container (set in the lifespan)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        container = getattr(scope["app"].state, "container", None) if scope["type"] == "http" else None
        processing_log: ProcessingLog | None = getattr(container, "processing_log", None)
        if container is None or processing_log is None:
            await self.app(scope, receive, send)
            return
        sessionmaker = container.sessionmaker
        request_log, token = begin_request_log(processing_log, scope)
        started = refused = False

        async def send_after_logging(message: Message) -> None:
            nonlocal started, refused
            if refused:
                return  # the app's body: never sent after a failed log write
            if message["type"] == "http.response.start":
                started = True
                try:
                    await _write(request_log, sessionmaker, message["status"])
                except ProcessingLogUnavailable as exc:
                    refused = True
                    await problem_response(exc.status, exc.title, exc.detail, headers={"Retry-After": "5"})(scope, receive, send)
                    return
            await send(message)

        try:
            await self.app(scope, receive, send_after_logging)
        except Exception:
            if not started:
                try:
                    await _write(request_log, sessionmaker, 500)
                except ProcessingLogUnavailable:
                    log.error("processing log of a failed request not written")
            raise
        finally:
            end_request_log(token)


async def _write(request_log: RequestLog, sessionmaker: Any, status: int) -> None:
    if status in (403, 404) and not request_log.touched_anything:
        # Refused or not found before any row was read: the subject the path names, if it names one.
        request_log.touch_path()
    if not request_log.touched_anything or request_log.all_written:
        return
    try:
        async with sessionmaker() as session, session.begin():
            rows = await request_log.pending_rows(session, status)
            await request_log.insert(session, rows)
    except ProcessingLogUnavailable:
        raise
    except Exception as exc:  # the commit itself, or the database away
        request_log.log.counted(0, failed=True)
        raise ProcessingLogUnavailable() from exc
    request_log.confirm(rows)
