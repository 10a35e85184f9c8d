"""End to end over the real broker and PostgreSQL (issue 13 item 5): intake reports the client, placement admits
and declares him ready to leave, housing offers a home and he moves in → placement follows housing's `verhuisd`
and ends the shelter stay with destination eigen-woning on the move-in moment → reporting's journey shows the
discharge after the move-in and stays "gehuisvest", and the shelter's occupancy no longer counts him."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from .conftest import a_report
from .test_housing_flow import eventually

pytestmark = pytest.mark.e2e


async def test_moving_into_a_home_ends_the_shelter_stay_in_every_service(broker: Any, start_service: Any, auth: Any) -> None:
    intake = await start_service("intake", broker=broker, deadline_watcher_enabled=False)
    placement = await start_service("placement", broker=broker, watch_interval_seconds=3600)
    housing = await start_service("housing", broker=broker, matching_interval_seconds=3600, watch_interval_seconds=3600)
    reporting = await start_service("reporting", broker=broker)
    ct, zwolle, corp = auth(), auth("gemeente", "GM0193"), auth("woningcorporatie", "dewoonplaats")

    melding = (await intake.client.post("/v1/meldingen", json=a_report("Verhuizer"), headers=ct)).json()
    traject_id = melding["trajectId"]
    herberg = {
        "naam": "De Herberg",
        "type": "acute-opvang",
        "zorgaanbieder": "leger-des-heils",
        "gemeente": "GM0193",
        "capaciteitPlaatsen": 2,
        "eenpersoonskamers": 1,
        "veiligVoor": [],
    }
    facility = (await placement.client.post("/v1/voorzieningen", json=herberg, headers=ct)).json()

    async def admitted() -> dict[str, Any] | None:  # once intake's report has reached placement
        body = {"trajectId": traject_id, "voorzieningId": facility["id"]}
        response = await placement.client.post("/v1/opnames", json=body, headers=ct)
        return response.json() if response.status_code == 201 else None

    stay = await eventually(admitted)
    ready = {"huishoudenGrootte": 1, "gemeenteVoorkeuren": ["GM0193"], "maxHuur": 700.0, "uitkeringGemeente": "GM0193"}
    declared = await placement.client.post(f"/v1/verblijven/{stay['id']}/uitstroomgereed-verklaring", json=ready, headers=ct)
    assert declared.status_code == 201, declared.text

    unit = {
        "aanbiederType": "woningcorporatie",
        "type": "sociale-huur",
        "gemeente": "GM0193",
        "wijk": "centrum",
        "huur": 610.0,
        "kamers": 2,
        "beschikbaarVanaf": "2026-01-01",
        "gemeubileerd": True,
    }
    woning = (await housing.client.post("/v1/woningen", json=unit, headers=corp)).json()

    async def candidate() -> dict[str, Any] | None:
        found = (await housing.client.get("/v1/kandidaten", headers=zwolle)).json()
        return found[0] if found else None

    kandidaat = await eventually(candidate)
    consent = {
        "trajectId": traject_id,
        "ontvangerType": "woningcorporatie",
        "ontvangerId": "dewoonplaats",
        "doelen": ["huisvesting"],
        "geldigTot": (datetime.now(UTC) + timedelta(days=365)).date().isoformat(),
    }
    assert (await intake.client.post("/v1/toestemmingen", json=consent, headers=zwolle)).status_code == 201

    async def offered() -> dict[str, Any] | None:
        offer = {"kandidaatId": kandidaat["id"], "woningId": woning["id"]}
        response = await housing.client.post("/v1/aanbiedingen", json=offer, headers=zwolle)
        return response.json() if response.status_code == 201 else None

    aanbod = await eventually(offered)
    assert (await housing.client.post(f"/v1/aanbiedingen/{aanbod['id']}/acceptatie", headers=zwolle)).status_code == 200
    moved = await housing.client.post(f"/v1/aanbiedingen/{aanbod['id']}/verhuizing", json={}, headers=zwolle)
    assert moved.status_code == 201, moved.text
    assert moved.json()["opvangNaVerhuizing"] == "beeindigd"
    assert moved.json()["teRegelen"] == []  # everything ran in Zwolle, where the home is

    async def ended() -> dict[str, Any] | None:
        found = (await placement.client.get(f"/v1/verblijven/{stay['id']}", headers=ct)).json()
        return found if found["status"] == "uitgestroomd" else None

    discharged = await eventually(ended)
    assert (discharged["bestemming"], discharged["naarGemeente"]) == ("eigen-woning", "GM0193")
    occupancy = (await placement.client.get(f"/v1/voorzieningen/{facility['id']}", headers=ct)).json()
    assert occupancy["bezet"] == 0

    async def journey_after_discharge() -> dict[str, Any] | None:
        response = await reporting.client.get(f"/v1/trajecten/{traject_id}", headers=ct)
        if response.status_code != 200:
            return None
        body: dict[str, Any] = response.json()
        return body if "uitgestroomd" in [i["gebeurtenis"] for i in body["tijdlijn"]] else None

    journey = await eventually(journey_after_discharge)
    assert journey["fase"] == "gehuisvest"
    by_name = {i["gebeurtenis"]: i["gegevens"] for i in journey["tijdlijn"]}
    assert by_name["verhuisd"]["opvangNaVerhuizing"] == "beeindigd"
    assert (by_name["uitgestroomd"]["bestemming"], by_name["uitgestroomd"]["redenCode"]) == ("eigen-woning", "verhuisd")
    moved_at = datetime.fromisoformat(by_name["verhuisd"]["verhuisdOp"])
    assert datetime.fromisoformat(by_name["uitgestroomd"]["uitgestroomdOp"]) == moved_at
