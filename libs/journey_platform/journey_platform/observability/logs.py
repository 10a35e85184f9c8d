"""Structured JSON logs: one object per line, with trace id and journey id, and no personal data.

Personal data never belongs in a log message; as a second line of defence, numbers shaped like a
BSN (nine digits) are masked, and SQL parameters are hidden by the engine (db.make_engine).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from opentelemetry import trace

_journey_id: ContextVar[str | None] = ContextVar("journey_id", default=None)
_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
_OUR_HANDLER = "journey_platform.json"


def bind_journey(journey_id: str | None) -> None:
    """Logs from here on in this task (request or consumed event) name this journey."""
    if journey_id:
        _journey_id.set(journey_id)


def current_journey() -> str | None:
    return _journey_id.get()


def mask(text: str) -> str:
    return _NINE_DIGITS.sub("*********", text)


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "service": self.service,
            "message": mask(record.getMessage()),
        }
        span_context = trace.get_current_span().get_span_context()
        if span_context.is_valid:
            entry["traceId"] = format(span_context.trace_id, "032x")
            entry["spanId"] = format(span_context.span_id, "016x")
        if (journey := _journey_id.get()) is not None:
            entry["journeyId"] = journey
        if record.exc_info:
            entry["exception"] = mask(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(service: str, log_format: str, level: str) -> None:
    """With LOG_FORMAT=json, the root logger (and uvicorn's) write JSON lines to stdout."""
    if log_format != "json":
        return
    root = logging.getLogger()
    if any(h.get_name() == _OUR_HANDLER for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stdout)
    handler.set_name(_OUR_HANDLER)
    handler.setFormatter(JsonFormatter(service))
    root.handlers = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
