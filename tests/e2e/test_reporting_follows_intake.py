"""End to end over the real broker: a report posted to intake shows up in reporting's journey and indicators."""

import asyncio
import json
from typing import Any

import pytest

from intake.import_history import import_lines
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


async def test_an_imported_history_reaches_the_monitor_on_its_real_days(broker: Any, start_service: Any, auth: Any) -> None:
    """docs/import.md: the import publishes the live events (marked `geimporteerd`), so reporting counts them."""
    intake: RunningService = await start_service("intake", broker=broker)
    reporting: RunningService = await start_service("reporting", broker=broker)
    rows = [
        {"regelsoort": "persoon", "bronId": "P1"},
        {"regelsoort": "persoon", "bronId": "P2"},
        *(
            {
                "regelsoort": "melding",
                "bronId": f"M{n}",
                "persoon": f"P{n}",
                "meldDatum": day,
                "melderType": "politie",
                "situatie": "dakloos",
                "gemeenteMelding": "GM0150",
            }
            for n, day in ((1, "2023-02-10"), (2, "2023-11-30"))
        ),
    ]
    report = await import_lines(intake.container, [json.dumps(r) for r in rows], dry_run=False, door="CT-MIDDEN-IJSSEL")
    assert report.refused == [] and report.imported["melding"] == 2
    ct = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")
    year = {"peildatum": "2023-12-31", "van": "2023-01-01", "tot": "2023-12-31"}

    async def counted() -> Any:
        response = await reporting.client.get("/v1/indicatoren/meldingen", params=year, headers=ct)
        return response.json() if response.status_code == 200 and response.json()["waarde"] == 2 else None

    figures = await eventually(counted)
    assert figures is not None, "the imported reports never reached the monitor"
    february = next(m for m in figures["perMaand"] if m["maand"] == "2023-02")
    assert february["waarde"] == 1  # on the report's real day, not the day of the import
