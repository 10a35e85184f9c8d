"""Housing stock through the API: registering one or many units, withdrawing, bad input, who sees what."""

from typing import Any

from housing.tests_support import event_types
from journey_platform.testing.plugin import RunningService

from .conftest import unit

DE_WOONPLAATS = ("woningcorporatie", "dewoonplaats")
SALLAND_WONEN = ("woningcorporatie", "salland-wonen")


async def test_a_corporation_registers_a_unit_in_its_own_name(housing: RunningService, auth: Any) -> None:
    response = await housing.client.post("/v1/woningen", json=unit(), headers=auth(*DE_WOONPLAATS))
    assert response.status_code == 201, response.text
    assert response.headers["API-Version"] == "1.0.0"
    body = response.json()
    assert (body["aanbieder"], body["status"], body["maxBewoners"]) == ("dewoonplaats", "beschikbaar", 2)
    assert await event_types(housing) == ["woning-beschikbaar"]


async def test_bulk_registration_is_all_or_nothing_and_names_every_bad_field(housing: RunningService, auth: Any) -> None:
    corp = auth(*DE_WOONPLAATS)
    bad = {"woningen": [unit(), unit(huur=-5, kamers=0), unit(type="woonboot", beschikbaarVanaf="morgen")]}
    response = await housing.client.post("/v1/woningbatches", json=bad, headers=corp)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"woningen.1.huur", "woningen.1.kamers", "woningen.2.type", "woningen.2.beschikbaarVanaf"}
    unknown = await housing.client.post("/v1/woningbatches", json={"woningen": [unit(), unit(gemeente="GM9999")]}, headers=corp)
    assert unknown.status_code == 400
    assert [p["name"] for p in unknown.json()["invalidParams"]] == ["woningen.1.gemeente"]
    assert (await housing.client.get("/v1/woningen", headers=corp)).json() == []
    good = await housing.client.post("/v1/woningbatches", json={"woningen": [unit(), unit(wijk="noord")]}, headers=corp)
    assert good.status_code == 201
    assert len((await housing.client.get("/v1/woningen", headers=corp)).json()) == 2


async def test_bad_single_unit_and_empty_bodies_are_400(housing: RunningService, auth: Any) -> None:
    corp = auth(*DE_WOONPLAATS)
    for body in ({}, unit(beschikbaarTot="2025-01-01"), unit(onbekendVeld=1), unit(geschiktVoor=["iedereen"])):
        response = await housing.client.post("/v1/woningen", json=body, headers=corp)
        assert response.status_code == 400, body
    assert (await housing.client.post("/v1/intrekkingen", json={"woningIds": ["geen-uuid"]}, headers=corp)).status_code == 400
    assert (await housing.client.get("/v1/woningen/geen-uuid", headers=corp)).status_code == 400


async def test_organisations_cannot_register_for_or_touch_each_others_units(housing: RunningService, auth: Any) -> None:
    corp, other = auth(*DE_WOONPLAATS), auth(*SALLAND_WONEN)
    assert (await housing.client.post("/v1/woningen", json=unit(aanbieder="salland-wonen"), headers=corp)).status_code == 403
    assert (
        await housing.client.post("/v1/woningen", json=unit(), headers=auth("zorgaanbieder", "leger-des-heils"))
    ).status_code == 403
    assert (
        await housing.client.post(
            "/v1/woningen",
            json=unit(gemeente="GM0150", aanbieder="x-host", aanbiederType="particuliere-host"),
            headers=auth("gemeente", "GM0193"),
        )
    ).status_code == 403
    woning = (await housing.client.post("/v1/woningen", json=unit(), headers=corp)).json()
    assert (await housing.client.get(f"/v1/woningen/{woning['id']}", headers=other)).status_code == 403
    assert (await housing.client.post(f"/v1/woningen/{woning['id']}/intrekking", headers=other)).status_code == 403
    assert (await housing.client.get("/v1/woningen", headers=other)).json() == []
    assert len((await housing.client.get("/v1/woningen", headers=auth("gemeente", "GM0160"))).json()) == 1


async def test_withdrawing_units_one_or_many(housing: RunningService, auth: Any) -> None:
    corp = auth(*DE_WOONPLAATS)
    made = (await housing.client.post("/v1/woningbatches", json={"woningen": [unit(), unit(), unit()]}, headers=corp)).json()
    one = await housing.client.post(f"/v1/woningen/{made[0]['id']}/intrekking", headers=corp)
    assert one.status_code == 200 and one.json()["status"] == "ingetrokken"
    again = await housing.client.post(f"/v1/woningen/{made[0]['id']}/intrekking", headers=corp)
    assert again.status_code == 409
    rest = await housing.client.post("/v1/intrekkingen", json={"woningIds": [made[1]["id"], made[2]["id"]]}, headers=corp)
    assert [w["status"] for w in rest.json()] == ["ingetrokken", "ingetrokken"]
    assert (await event_types(housing)).count("woning-ingetrokken") == 3


async def test_the_unit_list_counts_only_what_the_caller_may_see(housing: RunningService, auth: Any) -> None:
    """Three units of one corporation, one of another: the first sees a total of 3, in pages of two."""
    corp, other = auth(*DE_WOONPLAATS), auth(*SALLAND_WONEN)
    batch = await housing.client.post("/v1/woningbatches", json={"woningen": [unit(), unit(), unit()]}, headers=corp)
    assert batch.status_code == 201, batch.text
    assert (await housing.client.post("/v1/woningen", json=unit(), headers=other)).status_code == 201
    first = await housing.client.get("/v1/woningen", params={"paginaGrootte": 2}, headers=corp)
    assert (len(first.json()), first.headers["x-total-count"]) == (2, "3")
    assert 'rel="next"' in first.headers["link"]
    assert (await housing.client.get("/v1/woningen", headers=other)).headers["x-total-count"] == "1"
