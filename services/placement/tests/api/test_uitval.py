"""Provider failure: one operation moves every client to a new place or onto the waiting list, each move recorded."""

from typing import Any

from journey_platform.testing.plugin import RunningService
from placement.tests_support import outbox_events

from .conftest import CT, new_client, new_facility


async def place(placement: RunningService, auth: Any, client: Any, facility: dict[str, Any]) -> dict[str, Any]:
    response = await placement.client.post(
        "/v1/plaatsingen", json={"trajectId": str(client.traject_id), "voorzieningId": facility["id"]}, headers=auth(*CT)
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def test_every_client_of_a_failing_provider_is_moved_and_nobody_is_lost(placement: RunningService, auth: Any) -> None:
    failing_a = await new_facility(
        placement, auth, naam="Failliet A", type="beschermd-wonen", zorgaanbieder="failliet-bv", capaciteitPlaatsen=3
    )
    failing_b = await new_facility(
        placement,
        auth,
        naam="Failliet B",
        type="beschermd-wonen",
        zorgaanbieder="failliet-bv",
        capaciteitPlaatsen=2,
        gemeente="GM0166",
    )
    other = await new_facility(placement, auth, naam="RIBW", type="beschermd-wonen", zorgaanbieder="ribw", capaciteitPlaatsen=2)
    clients = [await new_client(placement) for _ in range(5)]
    stays = [await place(placement, auth, c, failing_a if i < 3 else failing_b) for i, c in enumerate(clients)]
    chosen = [{"verblijfId": stays[4]["id"], "voorzieningId": other["id"]}]
    response = await placement.client.post(
        "/v1/uitvaloperaties",
        json={"zorgaanbieder": "failliet-bv", "redenCode": "faillissement", "gekozenPlaatsen": chosen},
        headers=auth(*CT),
    )
    assert response.status_code == 201, response.text
    moves = response.json()["verhuizingen"]
    assert sorted(m["verblijfId"] for m in moves) == sorted(s["id"] for s in stays)
    to_place = [m for m in moves if not m["naarWachtlijst"]]
    assert len(to_place) == 2 and all(m["naarVoorzieningId"] == other["id"] for m in to_place)
    assert stays[4]["id"] in {m["verblijfId"] for m in to_place}
    assert len([m for m in moves if m["naarWachtlijst"] and m["wachtlijstId"]]) == 3
    for facility in (failing_a, failing_b):
        closed = (await placement.client.get(f"/v1/voorzieningen/{facility['id']}", headers=auth(*CT))).json()
        assert (closed["status"], closed["capaciteitPlaatsen"], closed["bezet"]) == ("gesloten", 0, 0)
    waiting = (await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth(*CT))).json()
    assert len(waiting) == 3 and all(e["urgent"] for e in waiting)
    assert len(await outbox_events(placement, "client-verhuisd-bij-aanbiederuitval")) == 5
    assert len(await outbox_events(placement, "capaciteit-gewijzigd")) == 2


async def test_failure_bad_input_and_access(placement: RunningService, auth: Any) -> None:
    both = await placement.client.post(
        "/v1/uitvaloperaties",
        json={"zorgaanbieder": "x-y", "voorzieningId": "6f1c6a4e-0000-4000-8000-000000000000", "redenCode": "faillissement"},
        headers=auth(*CT),
    )
    assert both.status_code == 400
    none = await placement.client.post(
        "/v1/uitvaloperaties", json={"zorgaanbieder": "onbekend", "redenCode": "faillissement"}, headers=auth(*CT)
    )
    assert none.status_code == 400 and none.json()["invalidParams"][0]["name"] == "zorgaanbieder"
    await new_facility(placement, auth, zorgaanbieder="failliet-bv")
    for org in (("zorgaanbieder", "failliet-bv"), ("gemeente", "GM0193")):
        denied = await placement.client.post(
            "/v1/uitvaloperaties", json={"zorgaanbieder": "failliet-bv", "redenCode": "faillissement"}, headers=auth(*org)
        )
        assert denied.status_code == 403
    other_region = await placement.client.post(
        "/v1/uitvaloperaties",
        json={"zorgaanbieder": "failliet-bv", "redenCode": "faillissement"},
        headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"),
    )
    assert other_region.status_code == 400  # no facility of it in that region
