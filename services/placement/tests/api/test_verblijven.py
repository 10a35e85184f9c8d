"""Facilities and capacity, transfers, ready to leave, discharge; bad input and other organisations."""

from typing import Any

from journey_platform.contracts import intake as iv
from journey_platform.testing.plugin import RunningService
from placement.tests_support import deliver, outbox_events

from .conftest import CT, admit, facility_body, new_client, new_facility


async def test_facility_registration_and_capacity_changes_are_events(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth, veiligVoor=["vrouwen", "lhbtiq"], huisdierenToegestaan=True)
    assert herberg["regio"] == "ijssel-vecht" and herberg["vrij"] == 2
    changed = await placement.client.put(
        f"/v1/voorzieningen/{herberg['id']}/capaciteit",
        json={"capaciteitPlaatsen": 32, "eenpersoonskamers": 4},
        headers=auth("zorgaanbieder", "leger-des-heils"),
    )
    assert changed.status_code == 200 and changed.json()["vrij"] == 32
    kinds = [e["type"].split(".")[-2] for e in await outbox_events(placement)]
    assert kinds == ["voorziening-geregistreerd", "capaciteit-gewijzigd"]
    event = (await outbox_events(placement, "voorziening-geregistreerd"))[0]
    assert event["subject"] == herberg["id"] and event["data"]["veiligVoor"] == ["vrouwen", "lhbtiq"]
    listed = await placement.client.get("/v1/voorzieningen?type=acute-opvang&alleenVrij=true", headers=auth("gemeente", "GM0166"))
    assert [f["id"] for f in listed.json()] == [herberg["id"]]


async def test_facility_bad_input_and_access(placement: RunningService, auth: Any) -> None:
    bad = await placement.client.post(
        "/v1/voorzieningen",
        json=facility_body(type="hotel", gemeente="Zwolle", capaciteitPlaatsen=-1, veiligVoor=["mannen"]),
        headers=auth(*CT),
    )
    assert bad.status_code == 400
    assert {"type", "gemeente", "capaciteitPlaatsen", "veiligVoor.0"} <= {p["name"] for p in bad.json()["invalidParams"]}
    rooms = await placement.client.post("/v1/voorzieningen", json=facility_body(eenpersoonskamers=5), headers=auth(*CT))
    assert rooms.status_code == 400
    elsewhere = await placement.client.post("/v1/voorzieningen", json=facility_body(gemeente="GM0150"), headers=auth(*CT))
    assert elsewhere.status_code == 403
    unknown = await placement.client.post("/v1/voorzieningen", json=facility_body(gemeente="GM0363"), headers=auth(*CT))
    assert unknown.status_code == 400 and unknown.json()["invalidParams"][0]["name"] == "gemeente"
    assert (
        await placement.client.post("/v1/voorzieningen", json=facility_body(), headers=auth("gemeente", "GM0193"))
    ).status_code == 403
    herberg = await new_facility(placement, auth)
    other = await placement.client.put(
        f"/v1/voorzieningen/{herberg['id']}/capaciteit",
        json={"capaciteitPlaatsen": 1, "eenpersoonskamers": 0},
        headers=auth("zorgaanbieder", "limor"),
    )
    assert other.status_code == 403
    missing = await placement.client.get("/v1/voorzieningen/6f1c6a4e-0000-4000-8000-000000000000", headers=auth(*CT))
    assert missing.status_code == 404


async def test_transfer_moves_the_client_and_frees_the_old_place(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth, capaciteitPlaatsen=1)
    doorstroom = await new_facility(placement, auth, naam="Doorstroom", type="doorstroomvoorziening", zorgaanbieder="limor")
    client = await new_client(placement)
    stay = (await admit(placement, auth, client, herberg)).json()
    moved = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/overplaatsing",
        json={"naarVoorzieningId": doorstroom["id"], "redenCode": "doorstroom"},
        headers=auth(*CT),
    )
    assert moved.status_code == 201, moved.text
    assert moved.json()["overplaatsingVan"] == stay["id"] and moved.json()["zorgaanbieder"] == "limor"
    old = (await placement.client.get(f"/v1/verblijven/{stay['id']}", headers=auth(*CT))).json()
    assert old["status"] == "overgeplaatst"
    assert (await placement.client.get(f"/v1/voorzieningen/{herberg['id']}", headers=auth(*CT))).json()["vrij"] == 1
    event = (await outbox_events(placement, "plaatsing-gerealiseerd"))[0]
    assert event["data"]["overplaatsingVan"] == stay["id"] and event["data"]["vanWachtlijst"] is False
    # the old provider no longer sees the client; the new one does
    assert (
        await placement.client.get(f"/v1/verblijven/{moved.json()['id']}", headers=auth("zorgaanbieder", "leger-des-heils"))
    ).status_code == 403
    assert (
        await placement.client.get(f"/v1/verblijven/{moved.json()['id']}", headers=auth("zorgaanbieder", "limor"))
    ).status_code == 200


async def test_ready_to_leave_carries_the_clients_own_wishes_in_order(placement: RunningService, auth: Any) -> None:
    bw = await new_facility(placement, auth, type="beschermd-wonen", zorgaanbieder="ribw")
    client = await new_client(placement, herkomst="GM0160")
    stay = (
        await placement.client.post(
            "/v1/plaatsingen", json={"trajectId": str(client.traject_id), "voorzieningId": bw["id"]}, headers=auth(*CT)
        )
    ).json()
    body = {
        "huishoudenGrootte": 2,
        "gemeenteVoorkeuren": ["GM0193"],
        "maxHuur": 650.0,
        "huisdieren": True,
        "begeleidingsintensiteit": "intensief",
        "jongvolwassene1823": True,
        "doelgroepen": ["jongvolwassenen"],
    }
    declared = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/uitstroomgereed-verklaring", json=body, headers=auth("zorgaanbieder", "ribw")
    )
    assert declared.status_code == 201, declared.text
    event = (await outbox_events(placement, "uitstroomgereed-verklaard"))[0]["data"]
    assert event["gemeenteVoorkeuren"] == ["GM0193"]  # the origin is not put before the wish
    assert event["terugkeerNaarHerkomst"] is False and event["uitkeringGemeente"] is None
    assert (event["maxHuur"], event["huisdieren"], event["jongvolwassene1823"], event["urgent"]) == (650.0, True, True, True)
    assert event["verantwoordelijkeGemeente"] == "GM0193" and event["gemeenteVanHerkomst"] == "GM0160"
    again = await placement.client.post(f"/v1/verblijven/{stay['id']}/uitstroomgereed-verklaring", json=body, headers=auth(*CT))
    assert again.status_code == 409
    bad = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/uitstroomgereed-verklaring",
        json={"huishoudenGrootte": 0, "maxHuur": -1, "begeleidingsintensiteit": "zwaar"},
        headers=auth(*CT),
    )
    assert {"huishoudenGrootte", "maxHuur", "begeleidingsintensiteit"} <= {p["name"] for p in bad.json()["invalidParams"]}


async def test_discharge_records_destination_and_return_to_origin(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await new_client(placement, herkomst="GM0160")
    stay = (await admit(placement, auth, client, herberg)).json()
    bad = await placement.client.post(f"/v1/verblijven/{stay['id']}/uitstroom", json={"bestemming": "hotel"}, headers=auth(*CT))
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "bestemming"
    local_team = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/uitstroom", json={"bestemming": "eigen-woning"}, headers=auth("gemeente", "GM0193")
    )
    assert local_team.status_code == 403
    out = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/uitstroom", json={"bestemming": "eigen-woning", "naarGemeente": "GM0193"}, headers=auth(*CT)
    )
    assert out.status_code == 200 and out.json()["terugNaarGemeenteVanHerkomst"] is False
    event = (await outbox_events(placement, "uitgestroomd"))[0]["data"]
    assert (event["bestemming"], event["terugNaarGemeenteVanHerkomst"], event["verblijfsduurDagen"]) == ("eigen-woning", False, 0)
    assert (
        await placement.client.post(f"/v1/verblijven/{stay['id']}/uitstroom", json={"bestemming": "detentie"}, headers=auth(*CT))
    ).status_code == 409


async def test_local_team_access_follows_the_responsible_municipality(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await new_client(placement, gemeente="GM0193")
    stay = (await admit(placement, auth, client, herberg)).json()
    url = f"/v1/verblijven/{stay['id']}"
    assert (await placement.client.get(url, headers=auth("gemeente", "GM0193"))).status_code == 200
    await deliver(
        placement,
        iv.VerantwoordelijkeGemeenteGewijzigd(
            traject_id=client.traject_id,
            client_id=client.client_id,
            van_gemeente="GM0193",
            naar_gemeente="GM0166",
            regio="ijssel-vecht",
        ),
    )
    assert (await placement.client.get(url, headers=auth("gemeente", "GM0166"))).status_code == 200
    # Zwolle made the journey's first report: it keeps seeing it, as in intake and reporting (journey_platform.journeys).
    assert (await placement.client.get(url, headers=auth("gemeente", "GM0193"))).status_code == 200
    await deliver(
        placement,
        iv.VerantwoordelijkeGemeenteGewijzigd(
            traject_id=client.traject_id,
            client_id=client.client_id,
            van_gemeente="GM0166",
            naar_gemeente="GM0148",
            regio="ijssel-vecht",
        ),
    )
    assert (await placement.client.get(url, headers=auth("gemeente", "GM0166"))).status_code == 403  # no longer responsible
    assert (await placement.client.get(url, headers=auth("gemeente", "GM0148"))).status_code == 200
