"""Sending one CloudEvent to a subscriber's callback URL (HTTP binding, structured JSON mode)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import httpx

from reporting.subscriptions.domain.signing import signed_headers

CLOUDEVENTS_JSON = "application/cloudevents+json; charset=utf-8"


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    status: int | None  # the receiver's HTTP status, None when it could not be reached
    detail: str


def body_of(cloudevent: dict[str, Any]) -> bytes:
    return json.dumps(cloudevent, separators=(",", ":"), ensure_ascii=False).encode()


async def post_event(
    client: httpx.AsyncClient, url: str, cloudevent: dict[str, Any], *, secret: str, authorization: str | None
) -> Outcome:
    """POST the event, signed; `authorization` None sends it without the subscriber's Authorization header."""
    body = body_of(cloudevent)
    headers = {"content-type": CLOUDEVENTS_JSON, **signed_headers(secret, str(cloudevent["id"]), int(time.time()), body)}
    if authorization is not None:
        headers["authorization"] = authorization
    try:
        response = await client.post(url, content=body, headers=headers)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:  # InvalidURL: a URL pydantic accepts and httpx does not
        return Outcome(False, None, f"{type(exc).__name__}: {exc}"[:500])
    accepted = 200 <= response.status_code < 300
    return Outcome(accepted, response.status_code, f"HTTP {response.status_code}")
