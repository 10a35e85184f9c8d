"""End to end over the real broker: a report posted to intake shows up in reporting's journey and indicators."""

import asyncio
from typing import Any

import pytest

from journey_platform.testing.plugin import RunningService

pytestmark = pytest.mark.e2e


async def eventually(check: Any, seconds: float = 60) -> Any:
    """Poll until `check` gives something, or give up after `seconds` (events cross the broker asynchronously)."""
    try:
        async with asyncio.timeout(seconds):
            while not (result := await check()):  # noqa: ASYNC110 - polling another process, no event to await
                await asyncio.sleep(0.2)
            return result
    except TimeoutError:
        return None


async def test_a_report_reaches_the_journey_and_the_monitor(broker: Any, start_service: Any, auth: Any) -> None:
    intake: RunningService = await start_service("intake", broker=broker)
    reporting: RunningService = await start_service("reporting", broker=broker)
    ct = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")
    body = {
        "melderType": "politie",
        "persoon": {"achternaam": "Demo", "geboortedatum": "1980-04-01"},
        "situatie": "dakloos",
        "route": "huisuitzetting",
        "gemeenteMelding": "GM0150",
        "meldDatum": "2026-03-02",
    }
    melding = (await intake.client.post("/v1/meldingen", json=body, headers=ct)).json()
    await intake.client.post("/v1/onderzoeken", json={"meldingId": melding["id"]}, headers=ct)

    async def journey() -> Any:
        response = await reporting.client.get(f"/v1/trajecten/{melding['trajectId']}", headers=ct)
        return response.json() if response.status_code == 200 and response.json()["fase"] == "onderzoek" else None

    found = await eventually(journey)
    assert found is not None, "the journey never reached reporting"
    assert [i["gebeurtenis"] for i in found["tijdlijn"]] == ["melding-geregistreerd", "onderzoek-gestart"]
    figures = await reporting.client.get(
        "/v1/indicatoren/meldingen", params={"peildatum": "2026-03-31", "van": "2026-03-01", "tot": "2026-03-31"}, headers=ct
    )
    assert figures.json()["waarde"] == 1
    assert {g["gemeente"]: g["waarde"] for g in figures.json()["perGemeente"]}["GM0150"] == 1
