"""A provider sees a client's stay and support plan on the Wmo task it carries out (the decision behind the
placement, or the admission), and each time it does, the register records it with that basis."""

from typing import Any

from journey_platform.testing.plugin import RunningService
from placement.tests_support import decision, deliver

from .conftest import CT, admit, new_client, new_facility
from .test_begeleiding import plan_body


async def _register(placement: RunningService, headers: dict[str, str], client_id: Any) -> Any:
    return await placement.client.get("/v1/delingen", params={"clientId": str(client_id)}, headers=headers)


async def test_a_provider_reading_an_admission_is_recorded_on_that_admission(placement: RunningService, auth: Any) -> None:
    client = await new_client(placement)
    herberg = await new_facility(placement, auth)
    stay = (await admit(placement, auth, client, herberg)).json()
    provider = auth("zorgaanbieder", "leger-des-heils")
    assert (await placement.client.get(f"/v1/verblijven/{stay['id']}", headers=provider)).status_code == 200
    assert [s["id"] for s in (await placement.client.get("/v1/verblijven", headers=provider)).json()] == [stay["id"]]
    assert (await placement.client.get(f"/v1/verblijven/{stay['id']}", headers=auth("zorgaanbieder", "ribw"))).status_code == 403
    assert (await placement.client.get(f"/v1/verblijven/{stay['id']}", headers=auth(*CT))).status_code == 200  # no sharing

    rows = (await _register(placement, auth("gemeente", "GM0193"), client.client_id)).json()
    assert [(r["ontvangerId"], r["gegevens"], r["gegevensId"], r["grondslag"], r["grondslagId"]) for r in rows] == [
        ("leger-des-heils", "verblijf", stay["id"], "opname", stay["id"])
    ] * 2


async def test_a_placement_from_a_decision_and_its_plan_are_shared_on_that_decision(placement: RunningService, auth: Any) -> None:
    client = await new_client(placement)
    beschikking = decision(client)
    await deliver(placement, beschikking)
    await new_facility(placement, auth, naam="BW Zwolle", type="beschermd-wonen", zorgaanbieder="ribw", capaciteitPlaatsen=1)
    [entry] = (await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth(*CT))).json()
    stay = (
        await placement.client.post("/v1/plaatsingen", json={"wachtlijstAanmeldingId": entry["id"]}, headers=auth(*CT))
    ).json()
    plan = (
        await placement.client.post(
            "/v1/ondersteuningsplannen", json={"trajectId": str(client.traject_id), **plan_body()}, headers=auth(*CT)
        )
    ).json()
    ribw = auth("zorgaanbieder", "ribw")
    assert (await placement.client.get(f"/v1/verblijven/{stay['id']}", headers=ribw)).status_code == 200
    assert (await placement.client.get(f"/v1/ondersteuningsplannen/{plan['planId']}", headers=ribw)).status_code == 200
    assert (
        await placement.client.get(f"/v1/ondersteuningsplannen/{plan['planId']}", headers=auth("zorgaanbieder", "limor"))
    ).status_code == 403

    rows = (await _register(placement, auth(*CT), client.client_id)).json()
    assert sorted((r["gegevens"], r["gegevensId"], r["grondslag"], r["grondslagId"]) for r in rows) == [
        ("ondersteuningsplan", plan["planId"], "beschikking", str(beschikking.beschikking_id)),
        ("verblijf", stay["id"], "beschikking", str(beschikking.beschikking_id)),
    ]


async def test_only_case_workers_acting_for_the_client_see_the_register(placement: RunningService, auth: Any) -> None:
    client = await new_client(placement)
    for outsider in (
        auth("zorgaanbieder", "leger-des-heils"),
        auth("woningcorporatie", "dewoonplaats"),
        auth("gemeente", "GM0150"),
        auth("centrale-toegang", "CT-MIDDEN-IJSSEL"),
    ):
        refused = await _register(placement, outsider, client.client_id)
        assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
    assert (await _register(placement, auth("gemeente", "GM0193"), client.client_id)).json() == []
    bad = await placement.client.get("/v1/delingen", params={"clientId": "x"}, headers=auth(*CT))
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "clientId"
