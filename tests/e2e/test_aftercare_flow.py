"""End to end over the real broker and PostgreSQL (issue 17 item 1, docs/aftercare.md): a client moves into a home
(backdated 60 days) → housing draws up the aftercare plan for Zwolle's local team → its first follow-up is overdue on
the team's worklist → the team records it with outcome terugvalrisico → a relapse signal → intake opens a prevention
case for the team → reporting's journey shows the plan, the follow-up, the signal and the prevention case."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from .conftest import a_report
from .test_housing_flow import eventually

pytestmark = pytest.mark.e2e


async def test_move_in_aftercare_overdue_follow_up_relapse_signal_in_the_journey(
    broker: Any, start_service: Any, auth: Any
) -> None:
    intake = await start_service("intake", broker=broker, deadline_watcher_enabled=False)
    placement = await start_service("placement", broker=broker, watch_interval_seconds=3600)
    housing = await start_service("housing", broker=broker, matching_interval_seconds=3600, watch_interval_seconds=3600)
    reporting = await start_service("reporting", broker=broker)
    ct, zwolle = auth(), auth("gemeente", "GM0193")

    melding = (await intake.client.post("/v1/meldingen", json=a_report("Hendriksen"), headers=ct)).json()
    traject_id = melding["trajectId"]
    shelter = {
        "naam": "De Herberg",
        "type": "acute-opvang",
        "zorgaanbieder": "leger-des-heils",
        "gemeente": "GM0193",
        "capaciteitPlaatsen": 2,
        "eenpersoonskamers": 1,
        "veiligVoor": [],
    }
    facility = (await placement.client.post("/v1/voorzieningen", json=shelter, headers=ct)).json()

    async def admitted() -> dict[str, Any] | None:
        body = {"trajectId": traject_id, "voorzieningId": facility["id"]}
        response = await placement.client.post("/v1/opnames", json=body, headers=ct)
        return response.json() if response.status_code == 201 else None

    stay = await eventually(admitted)
    ready = {"huishoudenGrootte": 1, "gemeenteVoorkeuren": ["GM0193"], "maxHuur": 700.0}
    declared = await placement.client.post(f"/v1/verblijven/{stay['id']}/uitstroomgereed-verklaring", json=ready, headers=ct)
    assert declared.status_code == 201, declared.text
    # a home of the municipality itself: no corporation, so no consent to share is needed
    unit = {
        "aanbiederType": "gemeente",
        "type": "sociale-huur",
        "gemeente": "GM0193",
        "wijk": "centrum",
        "huur": 610.0,
        "kamers": 2,
        "beschikbaarVanaf": "2026-01-01",
    }
    woning = (await housing.client.post("/v1/woningen", json=unit, headers=zwolle)).json()

    async def candidate() -> dict[str, Any] | None:
        found = [k for k in (await housing.client.get("/v1/kandidaten", headers=zwolle)).json() if k["trajectId"] == traject_id]
        return found[0] if found else None

    kandidaat = await eventually(candidate)
    now = datetime.now(UTC)
    offer = {"kandidaatId": kandidaat["id"], "woningId": woning["id"], "gedaanOp": (now - timedelta(days=62)).isoformat()}
    aanbod = await housing.client.post("/v1/aanbiedingen", json=offer, headers=zwolle)
    assert aanbod.status_code == 201, aanbod.text
    accept = {"geaccepteerdOp": (now - timedelta(days=61)).isoformat()}
    assert (
        await housing.client.post(f"/v1/aanbiedingen/{aanbod.json()['id']}/acceptatie", json=accept, headers=zwolle)
    ).status_code == 200
    move = {"verhuisdOp": (now - timedelta(days=60)).isoformat()}
    moved = await housing.client.post(f"/v1/aanbiedingen/{aanbod.json()['id']}/verhuizing", json=move, headers=zwolle)
    assert moved.status_code == 201, moved.text

    # moved 60 days ago: the first follow-up was due a month later, its last day 14 days on: overdue now
    [plan] = [p for p in (await housing.client.get("/v1/nazorgplannen", headers=zwolle)).json() if p["trajectId"] == traject_id]
    assert (plan["gemeente"], plan["bron"], [c["maanden"] for c in plan["contacten"]]) == ("GM0193", "verhuizing", [1, 3, 6, 12])
    overdue = (await housing.client.get("/v1/nazorgcontacten", params={"status": "achterstallig"}, headers=zwolle)).json()
    assert [(c["nazorgplanId"], c["volgnummer"]) for c in overdue if c["trajectId"] == traject_id] == [(plan["id"], 1)]
    kampen = auth("gemeente", "GM0166")
    assert (await housing.client.get("/v1/nazorgcontacten", params={"status": "achterstallig"}, headers=kampen)).json() == []

    follow_up = await housing.client.post(
        f"/v1/nazorgplannen/{plan['id']}/contacten", json={"uitkomst": "terugvalrisico"}, headers=zwolle
    )
    assert follow_up.status_code == 201, follow_up.text
    assert follow_up.json()["opTijd"] is False  # recorded after its last day

    async def prevention_case() -> list[dict[str, Any]] | None:
        cases = (await intake.client.get("/v1/preventiezaken", headers=zwolle)).json()
        return [c for c in cases if c["trajectId"] == traject_id] or None

    [case] = await eventually(prevention_case)
    assert case["gemeente"] == "GM0193"

    async def journey_with_signal() -> dict[str, Any] | None:
        response = await reporting.client.get(f"/v1/trajecten/{traject_id}", headers=ct)
        if response.status_code != 200:
            return None
        body: dict[str, Any] = response.json()
        names = [i["gebeurtenis"] for i in body["tijdlijn"]]
        return body if "terugvalsignaal-gemeld" in names and "preventiezaak-geopend" in names else None

    journey = await eventually(journey_with_signal)
    by_name = {i["gebeurtenis"]: i for i in journey["tijdlijn"]}
    assert by_name["nazorgplan-opgesteld"]["gegevens"]["nazorgplanId"] == plan["id"]
    assert by_name["nazorgcontact-vastgelegd"]["gegevens"]["uitkomst"] == "terugvalrisico"
    assert (by_name["terugvalsignaal-gemeld"]["gegevens"]["bron"], by_name["terugvalsignaal-gemeld"]["gegevens"]["gemeente"]) == (
        "nazorgcontact",
        "GM0193",
    )
    assert by_name["preventiezaak-geopend"]["gegevens"]["signaalType"] == "terugval-terugvalrisico"
    assert journey["fase"] == "gehuisvest"  # aftercare keeps the phase
