"""Errors as application/problem+json (RFC 9457), mapped in one place.

Domain exceptions carry their HTTP status; invalid input is a 400 that names every bad field.
"""

from __future__ import annotations

import errno
import logging
import socket
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Receive, Scope, Send

from journey_platform.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    InvalidParam,
    NotFound,
    Unauthorized,
    Unavailable,
)
from journey_platform.web import invalid_input

__all__ = [  # the domain errors live in journey_platform.errors (no web framework); mapped here
    "Conflict",
    "DomainError",
    "Forbidden",
    "InvalidInput",
    "InvalidParam",
    "NotFound",
    "Problem",
    "Unauthorized",
    "Unavailable",
    "install_problem_handlers",
    "is_database_outage",
    "is_unstorable_value",
    "problem_response",
]

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class Problem(BaseModel):
    type: str = Field("about:blank", description="URI identifying the problem type.")
    title: str
    status: int
    detail: str
    instance: str | None = None
    invalid_params: list[InvalidParam] | None = Field(None, alias="invalidParams")


def problem_response(
    status: int,
    title: str,
    detail: str,
    request: Request | None = None,
    invalid_params: list[InvalidParam] | None = None,
    headers: Mapping[str, str] | None = None,
    type_: str = "about:blank",
) -> JSONResponse:
    body: dict[str, Any] = {"type": type_, "title": title, "status": status, "detail": detail}
    if request is not None:
        body["instance"] = request.url.path
    if invalid_params:
        body["invalidParams"] = [p.model_dump() for p in invalid_params]
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


async def send_problem(
    scope: Scope, receive: Receive, send: Send, status: int, title: str, detail: str, headers: dict[str, str] | None = None
) -> None:
    """A problem response from a pure ASGI middleware (outside FastAPI's exception handlers)."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": scope.get("root_path", "") + scope.get("path", ""),
    }
    await JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)(scope, receive, send)


async def _raw_body(request: Request) -> bytes | None:
    """The body FastAPI already read (cached on the request), to place a JSON error by line and column."""
    try:
        return await request.body()
    except RuntimeError:
        return None


# SQLSTATE classes and codes that mean "the database is away or overloaded, retry", not "your request is wrong":
# 08 connection, 53 insufficient resources (53300 too many connections), 57 operator intervention (57014 statement
# timeout, 57P01 shutdown, 57P03 starting up), 3D000 database missing, 28 authorisation of the service itself,
# 55P03 lock timeout, 40001/40P01 serialisation failure and deadlock.
_OUTAGE_CLASSES = ("08", "53", "57", "3D", "28", "58")
_OUTAGE_CODES = frozenset({"55P03", "55006", "40001", "40P01", "25006"})
RETRY_AFTER = {"Retry-After": "5"}
_NETWORK_ERRNOS = frozenset(
    {errno.ECONNREFUSED, errno.ECONNRESET, errno.ECONNABORTED, errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ETIMEDOUT}
)


def _sqlstate(exc: DBAPIError) -> str | None:
    for candidate in (exc.orig, getattr(exc.orig, "__cause__", None)):
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(code, str) and code:
            return code
    return None


def is_database_outage(exc: BaseException) -> bool:
    """The database cannot serve the request now (refused, missing, full, timed out, locked): 503, retry later."""
    if isinstance(exc, PoolTimeout | TimeoutError | ConnectionError):
        return True
    if isinstance(exc, socket.gaierror) or type(exc) is OSError or getattr(exc, "errno", None) in _NETWORK_ERRNOS:
        return True  # asyncpg raises these while connecting (name unknown, unreachable, several hosts failing)
    if not isinstance(exc, DBAPIError):
        return False
    if is_unstorable_value(exc):
        return False
    code = _sqlstate(exc)
    if code is not None:
        return code.startswith(_OUTAGE_CLASSES) or code in _OUTAGE_CODES
    return exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)


def is_unstorable_value(exc: DBAPIError) -> bool:
    """A value the database cannot take (SQLSTATE class 22: too long, out of range, NUL): a client's input that
    slipped past validation, so 400 rather than 500 (the field rules name it in the normal case)."""
    code = _sqlstate(exc)
    if code is not None:
        return code.startswith("22")
    cause = getattr(exc.orig, "__cause__", None)
    return type(cause).__name__ == "DataError"  # asyncpg's own check of an argument (e.g. out of int32 range)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        content_type = request.headers.get("content-type")
        if invalid_input.wrong_content_type(errors, content_type):
            detail = f"the body must be application/json, not {content_type.split(';', 1)[0] if content_type else 'empty'}"
            return problem_response(415, "Unsupported media type", detail, request)
        raw_body = await _raw_body(request)
        params = [
            InvalidParam(
                name=invalid_input.field_name(tuple(err.get("loc", ())), exc.body, str(err.get("type", ""))),
                code=invalid_input.code(err),
                reason=invalid_input.reason(err, raw_body),
            )
            for err in errors
        ]
        detail = "; ".join(f"{p.name}: {p.reason}" for p in params)
        return problem_response(400, "Invalid input", detail, request, params)

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if exc.status == 401 else None
        headers = RETRY_AFTER if exc.status == 503 else headers
        return problem_response(exc.status, exc.title, exc.detail, request, exc.invalid_params, headers, exc.type)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {404: "Not found", 405: "Method not allowed", 401: "Unauthorized", 403: "Forbidden", 413: "Content too large"}
        return problem_response(
            exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail), request, headers=exc.headers
        )

    @app.exception_handler(IntegrityError)
    async def _conflict(request: Request, exc: IntegrityError) -> JSONResponse:
        log.info("integrity conflict on %s %s: %s", request.method, request.url.path, exc.orig)
        return problem_response(409, "Conflict", "A concurrent change conflicted with this request; retry it.", request)

    async def _database_error(request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, DBAPIError) and is_unstorable_value(exc):
            log.warning("unstorable value on %s %s: %s", request.method, request.url.path, _sqlstate(exc))
            detail = "A value cannot be stored (too long, out of range or an invalid character)."
            return problem_response(400, "Invalid input", detail, request)
        if not is_database_outage(exc):
            return await _unexpected(request, exc)
        log.warning("database unavailable on %s %s: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
        return problem_response(
            503, "Service unavailable", "The database is unavailable; retry later.", request, headers=RETRY_AFTER
        )

    for kind in (DBAPIError, PoolTimeout, OSError, TimeoutError):
        app.add_exception_handler(kind, _database_error)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        if is_database_outage(exc):  # wrapped, or raised where the specific handlers do not see it
            return await _database_error(request, exc)
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(500, "Internal server error", "An unexpected error occurred.", request)
