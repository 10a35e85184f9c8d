"""Security headers, request size limits and rate limiting, through each service's real app."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from journey_platform.testing.plugin import SERVICES

API_HEADERS = {
    "cache-control": "no-store",
    "content-security-policy": "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
REPORT = {
    "melderType": "politie",
    "situatie": "dakloos",
    "gemeenteMelding": "GM0193",
    "persoon": {"achternaam": "Groot", "geboortedatum": "1980-01-01"},
}


def assert_api_headers(headers: Any) -> None:
    for name, value in API_HEADERS.items():
        assert headers.get(name) == value, (name, headers.get(name))
    assert headers["strict-transport-security"].startswith("max-age=31536000")


@pytest.mark.parametrize("service", SERVICES)
async def test_every_response_carries_the_api_security_headers(start_service: Any, auth: Any, service: str) -> None:
    running = await start_service(service)
    for response in (
        await running.client.get("/v1/openapi.json"),
        await running.client.get("/v1/regios" if service == "reporting" else "/v1/nergens", headers=auth()),
        await running.client.get("/healthz"),
        await running.client.get("/v1/openapi.json", headers={"Authorization": "Bearer kapot"}),
    ):
        assert_api_headers(response.headers)


async def test_the_dashboard_page_has_its_own_content_security_policy(start_service: Any) -> None:
    reporting = await start_service("reporting")
    page = await reporting.client.get("/dashboard/")
    assert page.status_code == 200 and "<html" in page.text.lower()
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert page.headers.get_list("content-security-policy") == [csp]  # replaced, not doubled
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"


async def test_a_body_over_the_limit_is_refused_with_413_whether_declared_or_streamed(start_service: Any, auth: Any) -> None:
    intake = await start_service("intake", max_request_body_bytes=2000)
    small = await intake.client.post("/v1/meldingen", json=REPORT, headers=auth())
    assert small.status_code == 201, small.text

    big = {**REPORT, "toelichting": "x" * 5000}
    declared = await intake.client.post("/v1/meldingen", json=big, headers=auth())
    assert declared.status_code == 413
    assert declared.headers["content-type"] == "application/problem+json"
    assert declared.json()["status"] == 413 and "2000 bytes" in declared.json()["detail"]
    assert_api_headers(declared.headers)

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: the chunks are counted
        for _ in range(10):
            yield b"x" * 500

    streamed = await intake.client.post("/v1/meldingen", content=chunks(), headers={**auth(), "Content-Type": "application/json"})
    assert "content-length" not in streamed.request.headers
    assert streamed.status_code == 413, streamed.text
    assert streamed.headers["content-type"] == "application/problem+json"


async def test_more_requests_than_the_limit_get_429_per_client(start_service: Any, auth: Any) -> None:
    housing = await start_service("housing", rate_limit="3/minute")
    alice = auth("woningcorporatie", "WC-DELTAWONEN", subject="alice")
    path = f"/v1/aanbiedingen/{uuid.uuid4()}"
    for _ in range(3):
        assert (await housing.client.get(path, headers=alice)).status_code != 429
    refused = await housing.client.get(path, headers={**alice, "Origin": "https://monitor.example.nl"})
    assert refused.status_code == 429
    assert "retry-after" in refused.headers["access-control-expose-headers"].lower()  # a browser client may read it
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["title"] == "Too many requests"
    assert_api_headers(refused.headers)

    # A new token for the same person is the same client; another person, or no token, is another.
    assert (await housing.client.get(path, headers=auth("woningcorporatie", "WC-DELTAWONEN", subject="alice"))).status_code == 429
    assert (await housing.client.get(path, headers=auth("woningcorporatie", "WC-DELTAWONEN", subject="bob"))).status_code != 429
    for _ in range(3):
        assert (await housing.client.get("/v1/openapi.json")).status_code == 200
    assert (await housing.client.get("/v1/openapi.json")).status_code == 429
    # A forged token does not buy a fresh allowance: it counts against the address.
    assert (await housing.client.get(path, headers={"Authorization": "Bearer nep"})).status_code == 429
    # Probes and scraping are never limited.
    for _ in range(5):
        assert (await housing.client.get("/healthz")).status_code == 200
        assert (await housing.client.get("/metrics")).status_code == 200


async def test_an_unparseable_rate_limit_is_refused_at_start_up() -> None:
    from pydantic import ValidationError

    from housing.settings import HousingSettings

    with pytest.raises(ValidationError, match="rate limit"):
        HousingSettings(rate_limit="veel")
