"""The refusals the domain and service layers raise, free of any web framework.

Each carries the HTTP status and title it maps to; `journey_platform.web.problems` turns them into
application/problem+json in one place (RFC 9457). Invalid input names every bad field.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class InvalidParam(BaseModel):
    name: str = Field(description="The invalid field, dotted path (e.g. `persoon.bsn`).")
    code: str = Field(description="Machine-readable reason.")
    reason: str = Field(description="Human-readable reason.")


class DomainError(Exception):
    """A refusal the client can understand; subclasses set status and title."""

    status = 400
    title = "Bad request"
    type = "about:blank"

    def __init__(self, detail: str, invalid_params: list[InvalidParam] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.invalid_params = invalid_params


class InvalidInput(DomainError):
    status, title = 400, "Invalid input"

    @classmethod
    def field(cls, name: str, reason: str, code: str = "invalid") -> InvalidInput:
        return cls(f"{name}: {reason}", [InvalidParam(name=name, code=code, reason=reason)])


class Unauthorized(DomainError):
    status, title = 401, "Unauthorized"


class Forbidden(DomainError):
    status, title = 403, "Forbidden"


class NotFound(DomainError):
    status, title = 404, "Not found"


class Conflict(DomainError):
    status, title = 409, "Conflict"


class Unavailable(DomainError):
    status, title = 503, "Service unavailable"
