"""End to end over the real broker: a BW decision in intake puts the client on placement's central waiting list,
and both steps show in the reporting journey."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any, TypeVar

import pytest

from journey_platform.devbroker import LocalBroker

pytestmark = pytest.mark.e2e

T = TypeVar("T")
CT = ("centrale-toegang", "CT-IJSSEL-VECHT")


async def eventually(probe: Callable[[], Awaitable[T | None]], within_seconds: float = 60.0) -> T:
    """Poll until the probe answers something truthy; fail after a generous limit (no timed assertions)."""
    try:
        async with asyncio.timeout(within_seconds):
            while True:
                found = await probe()
                if found:
                    return found
                await asyncio.sleep(0.2)
    except TimeoutError:
        pytest.fail("the effect did not show in time")


async def test_bw_decision_puts_the_client_on_the_waiting_list_and_in_the_journey(
    start_service: Any, broker: LocalBroker, auth: Any
) -> None:
    intake = await start_service("intake", broker=broker)
    placement = await start_service("placement", broker=broker)
    reporting = await start_service("reporting", broker=broker)
    ct = auth(*CT)

    report = await intake.client.post(
        "/v1/meldingen",
        headers=ct,
        json={
            "melderType": "huisarts",
            "persoon": {"achternaam": "Testpersoon", "geboortedatum": "1990-02-03"},
            "situatie": "thuisloos",
            "gemeenteMelding": "GM0193",
            "gemeenteVanHerkomst": "GM0160",
        },
    )
    assert report.status_code == 201, report.text
    traject_id = report.json()["trajectId"]
    decided = await intake.client.post(
        "/v1/beschikkingen",
        headers=ct,
        json={
            "meldingId": report.json()["id"],
            "besluit": "toekenning",
            "voorziening": "beschermd-wonen",
            "soort": "nieuw",
            "geldigVan": date.today().isoformat(),
            "urgent": True,
        },
    )
    assert decided.status_code == 201, decided.text

    async def on_the_list() -> dict[str, Any] | None:
        entries = (await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=ct)).json()
        return next((e for e in entries if e["trajectId"] == traject_id), None)

    entry = await eventually(on_the_list)
    assert (entry["voorziening"], entry["status"], entry["urgent"], entry["gemeente"]) == (
        "beschermd-wonen",
        "wachtend",
        True,
        "GM0160",
    )
    assert entry["beschikkingId"] == decided.json()["id"]
    local_team = (await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth("gemeente", "GM0160"))).json()
    assert [e["id"] for e in local_team] == [entry["id"]]

    async def both_steps_in_the_journey() -> list[str] | None:
        response = await reporting.client.get(f"/v1/trajecten/{traject_id}", headers=ct)
        if response.status_code != 200:
            return None
        steps = [item["gebeurtenis"] for item in response.json()["tijdlijn"] or []]
        return steps if {"beschikking-afgegeven", "aangemeld-op-wachtlijst"} <= set(steps) else None

    steps = await eventually(both_steps_in_the_journey)
    assert steps.index("beschikking-afgegeven") < steps.index("aangemeld-op-wachtlijst")
    services = {
        item["gebeurtenis"]: item["dienst"]
        for item in (await reporting.client.get(f"/v1/trajecten/{traject_id}", headers=ct)).json()["tijdlijn"]
    }
    assert services["aangemeld-op-wachtlijst"] == "placement"
