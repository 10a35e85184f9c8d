"""Consent for sharing: recorded by a case worker with scope and period, revoked, announced by events."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from intake.tests_support import outbox_events
from journey_platform.sharing import day_of
from journey_platform.testing.plugin import RunningService

from .test_besluitvorming import new_report


def dutch_today() -> date:
    return day_of(datetime.now(UTC))


def consent(traject_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "trajectId": traject_id,
        "ontvangerType": "woningcorporatie",
        "ontvangerId": "dewoonplaats",
        "doelen": ["huisvesting"],
        "geldigTot": (dutch_today() + timedelta(days=180)).isoformat(),
    }
    body.update(overrides)
    return body


async def test_record_list_and_revoke_a_consent(intake: RunningService, auth: Any) -> None:
    ct, zwolle = auth(), auth("gemeente", "GM0193")
    melding = await new_report(intake, ct)
    recorded = await intake.client.post("/v1/toestemmingen", json=consent(melding["trajectId"]), headers=zwolle)
    assert recorded.status_code == 201, recorded.text
    body = recorded.json()
    assert (body["status"], body["clientId"], body["vastgelegdDoor"]) == ("geldig", melding["persoonId"], "GM0193")
    assert body["geldigVan"] == dutch_today().isoformat()  # the service's day is the Dutch one

    listed = (await intake.client.get("/v1/toestemmingen", params={"clientId": melding["persoonId"]}, headers=ct)).json()
    assert [t["id"] for t in listed] == [body["id"]]
    assert (await intake.client.get("/v1/toestemmingen", headers=auth("gemeente", "GM0150"))).json() == []

    revoked = await intake.client.post(
        f"/v1/toestemmingen/{body['id']}/intrekking", json={"redenCode": "op-verzoek-client"}, headers=ct
    )
    assert revoked.status_code == 200, revoked.text
    assert (revoked.json()["status"], revoked.json()["ingetrokkenDoor"]) == ("ingetrokken", "CT-IJSSEL-VECHT")
    again = await intake.client.post(f"/v1/toestemmingen/{body['id']}/intrekking", json={}, headers=ct)
    assert again.status_code == 409
    assert (await intake.client.get(f"/v1/toestemmingen/{body['id']}", headers=zwolle)).json()["status"] == "ingetrokken"

    events = [e for e in await outbox_events(intake) if "toestemming" in e["type"]]
    assert [e["type"].split(".")[-2] for e in events] == ["toestemming-verleend", "toestemming-ingetrokken"]
    granted, withdrawn = events[0]["data"], events[1]["data"]
    assert granted == {
        "trajectId": melding["trajectId"],
        "clientId": melding["persoonId"],
        "toestemmingId": body["id"],
        "ontvangerType": "woningcorporatie",
        "ontvangerId": "dewoonplaats",
        "doelen": ["huisvesting"],
        "geldigVan": body["geldigVan"],
        "geldigTot": body["geldigTot"],
        "vastgelegdDoor": "GM0193",
    }
    assert withdrawn["toestemmingId"] == body["id"] and withdrawn["ingetrokkenDoor"] == "CT-IJSSEL-VECHT"

    later = consent(
        melding["trajectId"],
        ontvangerId=None,
        doelen=["woonbegeleiding", "huisvesting"],
        geldigVan=(dutch_today() + timedelta(days=7)).isoformat(),
    )
    response = await intake.client.post("/v1/toestemmingen", json=later, headers=ct)
    assert response.status_code == 201, response.text
    future = response.json()
    assert (future["status"], future["ontvangerId"], future["doelen"]) == ("toekomstig", None, ["huisvesting", "woonbegeleiding"])


async def test_bad_input_names_every_field(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct)
    bad = await intake.client.post(
        "/v1/toestemmingen",
        json={
            "trajectId": "not-a-uuid",
            "ontvangerType": "makelaar",
            "ontvangerId": "Not Valid!",
            "doelen": [],
            "extra": 1,
        },
        headers=ct,
    )
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"
    names = {p["name"] for p in bad.json()["invalidParams"]}
    assert names == {"trajectId", "ontvangerType", "ontvangerId", "doelen", "geldigTot", "extra"}

    reversed_period = consent(melding["trajectId"], geldigVan="2026-12-01", geldigTot="2026-11-01")
    assert (await intake.client.post("/v1/toestemmingen", json=reversed_period, headers=ct)).status_code == 400
    past = await intake.client.post("/v1/toestemmingen", json=consent(melding["trajectId"], geldigTot="2020-01-01"), headers=ct)
    assert past.status_code == 400 and past.json()["invalidParams"][0]["name"] == "geldigTot"
    unknown = await intake.client.post("/v1/toestemmingen", json=consent("00000000-0000-4000-8000-000000000000"), headers=ct)
    assert unknown.status_code == 400 and unknown.json()["invalidParams"][0]["name"] == "trajectId"
    assert (await intake.client.get("/v1/toestemmingen", params={"clientId": "x"}, headers=ct)).status_code == 400


async def test_other_organisations_may_not_record_see_or_revoke(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct)
    recorded = (await intake.client.post("/v1/toestemmingen", json=consent(melding["trajectId"]), headers=ct)).json()
    outsiders = [
        auth("gemeente", "GM0150"),
        auth("centrale-toegang", "CT-MIDDEN-IJSSEL"),
        auth("woningcorporatie", "dewoonplaats"),
        auth("zorgaanbieder", "leger-des-heils"),
    ]
    for who in outsiders:
        response = await intake.client.post("/v1/toestemmingen", json=consent(melding["trajectId"]), headers=who)
        assert response.status_code == 403, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert (await intake.client.get(f"/v1/toestemmingen/{recorded['id']}", headers=who)).status_code == 403
        assert (
            await intake.client.post(f"/v1/toestemmingen/{recorded['id']}/intrekking", json={}, headers=who)
        ).status_code == 403
    for who in outsiders[2:]:
        assert (await intake.client.get("/v1/toestemmingen", headers=who)).status_code == 403
    assert (await intake.client.get(f"/v1/toestemmingen/{recorded['id']}", headers=ct)).json()["status"] == "geldig"
