"""Admissions through the HTTP API: capacity, refusals, the short stay, the acute checklist, Bed & Break, access."""

from datetime import timedelta
from typing import Any

from journey_platform.contracts import intake as iv
from journey_platform.testing.plugin import RunningService
from placement.tests_support import deliver, outbox_events

from .conftest import CT, admit, new_client, new_facility


async def test_admission_takes_a_place_and_a_full_shelter_records_a_refusal(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth, capaciteitPlaatsen=1)
    first, second = await new_client(placement), await new_client(placement)
    admitted = await admit(placement, auth, first, herberg)
    assert admitted.status_code == 201, admitted.text
    assert admitted.json()["maximumDatum"] is not None
    refused = await admit(
        placement,
        auth,
        second,
        herberg,
        bijWeigering={"alternatiefCode": "nachtopvang-deventer", "bestemmingCode": "familie-of-vrienden"},
    )
    assert refused.status_code == 409
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "refusal" in refused.json()["detail"]
    refusals = (await placement.client.get("/v1/weigeringen", headers=auth(*CT))).json()
    assert [(r["redenCode"], r["alternatiefCode"], r["bestemmingCode"]) for r in refusals] == [
        ("geen-plaats", "nachtopvang-deventer", "familie-of-vrienden")
    ]
    facility = (await placement.client.get(f"/v1/voorzieningen/{herberg['id']}", headers=auth(*CT))).json()
    assert (facility["bezet"], facility["vrij"]) == (1, 0)
    kinds = [e["type"].split(".")[-2] for e in await outbox_events(placement)]
    assert kinds.count("opname-geregistreerd") == 1 and kinds.count("opname-geweigerd") == 1


async def test_acute_stay_has_eight_weeks_and_a_checklist_with_due_dates(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await new_client(placement)
    stay = (await admit(placement, auth, client, herberg)).json()
    assert {i["item"] for i in stay["checklist"]} == {"identiteitsbewijs", "inkomen", "zorgverzekering"}
    done = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/checklist-items/identiteitsbewijs/afronding",
        json={},
        headers=auth("zorgaanbieder", "leger-des-heils"),
    )
    assert done.status_code == 200, done.text
    item = next(i for i in done.json()["checklist"] if i["item"] == "identiteitsbewijs")
    assert item["opTijd"] is True and item["afgerondOp"]
    again = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/checklist-items/identiteitsbewijs/afronding", json={}, headers=auth(*CT)
    )
    assert again.status_code == 409
    events = await outbox_events(placement, "checklist-item-afgerond")
    assert events[0]["data"]["item"] == "identiteitsbewijs" and events[0]["data"]["opTijd"] is True


async def test_out_of_region_client_gets_a_short_stay_that_can_be_extended(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await new_client(placement, herkomst="GM0150")
    await deliver(
        placement,
        iv.KortVerblijfToegekend(
            traject_id=client.traject_id,
            client_id=client.client_id,
            melding_id=client.melding_id,
            gemeente_melding="GM0193",
            regio_melding="ijssel-vecht",
            gemeente_van_herkomst="GM0150",
            regio_van_herkomst="midden-ijssel",
            nachten=2,
            dagen=3,
            eindigt_op=client.gemeld_op + timedelta(days=2),
        ),
    )
    stay = (await admit(placement, auth, client, herberg)).json()
    assert stay["kortVerblijfBuitenRegio"] is True and stay["maximumDatum"] is None and stay["checklist"] == []
    extended = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/verlenging",
        json={"tot": "2099-01-01T12:00:00+01:00", "redenCode": "medische-zorg"},
        headers=auth(*CT),
    )
    assert extended.status_code == 200, extended.text
    assert extended.json()["verlengingReden"] == "medische-zorg"
    assert (await outbox_events(placement, "kort-verblijf-verlengd"))[0]["data"]["redenCode"] == "medische-zorg"
    earlier = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/verlenging",
        json={"tot": "2001-01-01T12:00:00+01:00", "redenCode": "overig"},
        headers=auth(*CT),
    )
    assert earlier.status_code == 400 and earlier.json()["invalidParams"][0]["name"] == "tot"


async def test_facility_not_safe_for_the_client_is_a_recorded_refusal(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth, veiligVoor=[])
    client = await new_client(placement, aandachtspunten=("vrouw",))
    refused = await admit(placement, auth, client, herberg)
    assert refused.status_code == 409
    assert (await outbox_events(placement, "opname-geweigerd"))[0]["data"]["redenCode"] == "niet-veilig-voor-doelgroep"
    safe = await new_facility(placement, auth, naam="Vrouwenopvang", veiligVoor=["vrouwen"])
    assert (await admit(placement, auth, client, safe)).status_code == 201


async def test_bed_and_break_keeps_the_running_stay(placement: RunningService, auth: Any) -> None:
    bw = await new_facility(placement, auth, naam="RIBW Zwolle", type="beschermd-wonen", zorgaanbieder="ribw")
    bnb = await new_facility(placement, auth, naam="Bed & Break", type="bed-en-break", zorgaanbieder="ribw")
    client = await new_client(placement)
    refused = await admit(placement, auth, client, bnb)
    assert refused.status_code == 409  # nothing running to keep
    placed = await placement.client.post(
        "/v1/plaatsingen", json={"trajectId": str(client.traject_id), "voorzieningId": bw["id"]}, headers=auth(*CT)
    )
    assert placed.status_code == 201, placed.text
    timeout = await admit(placement, auth, client, bnb)
    assert timeout.status_code == 201, timeout.text
    assert timeout.json()["bedEnBreak"] is True and timeout.json()["lopendVerblijfId"] == placed.json()["id"]
    running = (await placement.client.get(f"/v1/verblijven/{placed.json()['id']}", headers=auth(*CT))).json()
    assert running["status"] == "actief"
    assert (await outbox_events(placement, "opname-geregistreerd"))[-1]["data"]["bedEnBreak"] is True


async def test_a_client_is_not_admitted_twice(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await new_client(placement)
    assert (await admit(placement, auth, client, herberg)).status_code == 201
    assert (await admit(placement, auth, client, herberg)).status_code == 409


async def test_bad_input_names_every_field(placement: RunningService, auth: Any) -> None:
    response = await placement.client.post(
        "/v1/opnames", json={"trajectId": "nope", "bedEnBreak": "x", "extra": 1}, headers=auth(*CT)
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"trajectId", "voorzieningId", "bedEnBreak", "extra"} <= names
    herberg = await new_facility(placement, auth)
    unknown = await placement.client.post(
        "/v1/opnames",
        json={"trajectId": "6f1c6a4e-0000-4000-8000-000000000000", "voorzieningId": herberg["id"]},
        headers=auth(*CT),
    )
    assert unknown.status_code == 400 and unknown.json()["invalidParams"][0]["name"] == "trajectId"
    bad_item = await placement.client.post(
        "/v1/verblijven/6f1c6a4e-0000-4000-8000-000000000000/checklist-items/paspoort/afronding", json={}, headers=auth(*CT)
    )
    assert bad_item.status_code == 400


async def test_other_organisations_may_not_admit_or_see(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await new_client(placement)
    other_provider = auth("zorgaanbieder", "limor")
    body = {"trajectId": str(client.traject_id), "voorzieningId": herberg["id"]}
    assert (await placement.client.post("/v1/opnames", json=body, headers=other_provider)).status_code == 403
    assert (
        await placement.client.post("/v1/opnames", json=body, headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))
    ).status_code == 403
    stay = (await placement.client.post("/v1/opnames", json=body, headers=auth("zorgaanbieder", "leger-des-heils"))).json()
    url = f"/v1/verblijven/{stay['id']}"
    assert (await placement.client.get(url, headers=auth("zorgaanbieder", "leger-des-heils"))).status_code == 200
    assert (await placement.client.get(url, headers=auth("gemeente", "GM0193"))).status_code == 200
    denied = await placement.client.get(url, headers=other_provider)
    assert denied.status_code == 403 and denied.headers["content-type"].startswith("application/problem+json")
    assert (await placement.client.get(url, headers=auth("gemeente", "GM0166"))).status_code == 403
    assert (await placement.client.get(url, headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))).status_code == 403
    assert (await placement.client.get("/v1/verblijven", headers=other_provider)).json() == []
    assert (await placement.client.get("/v1/verblijven", headers=auth("gemeente", "GM0166"))).json() == []
    assert len((await placement.client.get("/v1/verblijven", headers=auth("gemeente", "GM0193"))).json()) == 1
