"""A request's token is verified once: the rate limiter and the `current_principal` dependency share the outcome."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from journey_platform.auth import Principal

from .test_token_refusal import GUARDED

CT = ("centrale-toegang", "CT-IJSSEL-VECHT")


def count_verifications(running: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    verifier = running.container.token_verifier
    original = verifier.verify
    calls: list[str] = []

    async def counting(token: str) -> Principal:
        calls.append(token)
        principal: Principal = await original(token)
        return principal

    monkeypatch.setattr(verifier, "verify", counting)
    return calls


@pytest.mark.parametrize("rate_limit_enabled", [True, False])
async def test_a_good_token_is_verified_once_per_request(
    start_service: Any, auth: Any, monkeypatch: pytest.MonkeyPatch, rate_limit_enabled: bool
) -> None:
    intake = await start_service("intake", rate_limit_enabled=rate_limit_enabled)
    calls = count_verifications(intake, monkeypatch)
    for _ in range(3):
        response = await intake.client.get(GUARDED["intake"], headers=auth(*CT))
        assert response.status_code == 404, response.text  # past authentication: the report does not exist
    assert len(calls) == 3


async def test_a_bad_token_is_verified_once_and_refused(start_service: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    intake = await start_service("intake")
    calls = count_verifications(intake, monkeypatch)
    response = await intake.client.get(GUARDED["intake"], headers={"Authorization": "Bearer kapot"})
    assert response.status_code == 401
    assert len(calls) == 1


async def test_an_unreachable_identity_provider_is_503_with_retry_after(start_service: Any, auth: Any) -> None:
    intake = await start_service("intake", auth_jwks_url="http://127.0.0.1:1/jwks.json", auth_jwks_file=None)
    response = await intake.client.get(GUARDED["intake"], headers=auth(*CT))
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0


async def test_a_clients_token_is_checked_by_signature_once_while_remembered(
    start_service: Any, auth: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    intake = await start_service("intake")
    verifier = intake.container.token_verifier
    original = verifier._verify
    checked: list[str] = []

    async def checking(token: str) -> Any:
        checked.append(token)
        return await original(token)

    monkeypatch.setattr(verifier, "_verify", checking)
    headers = auth(*CT)
    for _ in range(3):
        assert (await intake.client.get(GUARDED["intake"], headers=headers)).status_code == 404
    assert len(checked) == 1  # the same token again: remembered
    assert (await intake.client.get(GUARDED["intake"], headers=auth(*CT))).status_code == 404
    assert len(checked) == 2  # another token: checked
    for _ in range(2):
        assert (await intake.client.get(GUARDED["intake"], headers={"Authorization": "Bearer kapot"})).status_code == 401
    assert len(checked) == 4  # a refusal is not remembered


async def test_a_remembered_token_is_refused_once_it_expires(start_service: Any, auth: Any) -> None:
    intake = await start_service("intake")
    headers = auth(*CT, ttl_seconds=2)
    assert (await intake.client.get(GUARDED["intake"], headers=headers)).status_code == 404
    await asyncio.sleep(3)
    refused = await intake.client.get(GUARDED["intake"], headers=headers)
    assert refused.status_code == 401, refused.text
