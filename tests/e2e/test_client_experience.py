"""End to end over the real broker and PostgreSQL (docs/experience.md): five reports posted to intake reach reporting;
central access invites each client, each answers through the one-time link, and the aggregate (5 answers: shown)
is read by the central access point and by the municipality's advisory council."""

import asyncio
from typing import Any

import pytest

from journey_platform.testing.plugin import RunningService

pytestmark = pytest.mark.e2e

SAFETY = ["5", "4", "4", "2", "5"]  # by hand: mean 20/5 = 4.0; positive (4 or 5): 4 of 5 = 0.8


async def eventually(check: Any, seconds: float = 60) -> Any:
    try:
        async with asyncio.timeout(seconds):
            while not (result := await check()):  # noqa: ASYNC110 - polling another process, no event to await
                await asyncio.sleep(0.2)
            return result
    except TimeoutError:
        return None


async def test_invite_answer_and_read_the_aggregate(broker: Any, start_service: Any, auth: Any) -> None:
    intake: RunningService = await start_service("intake", broker=broker)
    reporting: RunningService = await start_service("reporting", broker=broker)
    ct = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")
    for i, score in enumerate(SAFETY):
        body = {
            "melderType": "politie",
            "persoon": {"achternaam": f"Ervaring{i}", "geboortedatum": "1980-04-01"},
            "situatie": "dakloos",
            "gemeenteMelding": "GM0150",
        }
        created = await intake.client.post("/v1/meldingen", json=body, headers=ct)
        assert created.status_code == 201, created.text
        traject = created.json()["trajectId"]

        async def invited(traject: str = traject) -> Any:
            response = await reporting.client.post(
                f"/v1/trajecten/{traject}/ervaringsuitnodigingen", json={"moment": "na-besluit"}, headers=ct
            )
            return response.json()["link"] if response.status_code == 201 else None

        link = await eventually(invited)
        assert link is not None, "the journey never reached reporting"
        page = await reporting.client.get(link)
        assert page.status_code == 200 and "Ik voelde me veilig." in page.text
        answered = await reporting.client.post(link, data={"veilig-gevoeld": score, "toestemming": "nee"})
        assert answered.status_code == 200 and "Bedankt" in answered.text
        assert (await reporting.client.post(link, data={"veilig-gevoeld": score})).status_code == 410

    for who in (ct, auth("adviesraad", "AR-GM0150")):
        result = await reporting.client.get("/v1/ervaringen", params={"gemeente": "GM0150"}, headers=who)
        assert result.status_code == 200, result.text
        safety = next(t for t in result.json()["themas"] if t["thema"] == "veiligheid")
        assert (safety["aantal"], safety["gemiddelde"], safety["aandeelPositief"], safety["onderdrukt"]) == (5, 4.0, 0.8, False)
    # A council never reaches the journeys themselves.
    assert (await reporting.client.get("/v1/trajecten", headers=auth("adviesraad", "AR-GM0150"))).status_code == 403
