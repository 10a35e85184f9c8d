"""End to end over the real broker: a case worker records the client's consent in intake → housing lets the
offer go to the housing corporation, which sees it → the consent is revoked in intake → housing stops the sharing."""

from typing import Any

import pytest

from housing.tests_support import ready_to_leave
from journey_platform.sharing import day_of

from .conftest import a_report
from .test_housing_flow import ServiceOutbox, eventually

pytestmark = pytest.mark.e2e


async def test_consent_in_intake_opens_and_revocation_closes_sharing_with_a_corporation(
    broker: Any, start_service: Any, clean_databases: dict[str, str], auth: Any
) -> None:
    intake = await start_service("intake", broker=broker, deadline_watcher_enabled=False)
    housing = await start_service("housing", broker=broker, matching_interval_seconds=3600, watch_interval_seconds=3600)
    ct, zwolle, corp = auth(), auth("gemeente", "GM0193"), auth("woningcorporatie", "dewoonplaats")
    melding = (await intake.client.post("/v1/meldingen", json=a_report(), headers=ct)).json()
    unit = {
        "aanbiederType": "woningcorporatie",
        "type": "sociale-huur",
        "gemeente": "GM0160",
        "wijk": "centrum",
        "huur": 610.0,
        "kamers": 2,
        "beschikbaarVanaf": "2026-01-01",
    }
    woning = (await housing.client.post("/v1/woningen", json=unit, headers=corp)).json()
    ready = ready_to_leave(traject_id=melding["trajectId"], client_id=melding["persoonId"])
    async with ServiceOutbox(clean_databases["placement"], broker.bootstrap_servers) as placement:
        await placement.publish(ready)

        async def candidate() -> dict[str, Any] | None:
            found = (await housing.client.get("/v1/kandidaten", headers=zwolle)).json()
            return found[0] if found else None

        kandidaat = await eventually(candidate)
    offer = {"kandidaatId": kandidaat["id"], "woningId": woning["id"]}
    refused = await housing.client.post("/v1/aanbiedingen", json=offer, headers=zwolle)
    assert refused.status_code == 403 and refused.json()["type"] == "urn:opvangketen:probleem:geen-toestemming"

    tot = day_of(ready.verklaard_op).replace(year=day_of(ready.verklaard_op).year + 1).isoformat()
    recorded = await intake.client.post(
        "/v1/toestemmingen",
        headers=zwolle,
        json={
            "trajectId": melding["trajectId"],
            "ontvangerType": "woningcorporatie",
            "ontvangerId": "dewoonplaats",
            "doelen": ["huisvesting"],
            "geldigTot": tot,
        },
    )
    assert recorded.status_code == 201, recorded.text

    async def offered() -> dict[str, Any] | None:
        response = await housing.client.post("/v1/aanbiedingen", json=offer, headers=zwolle)
        return response.json() if response.status_code == 201 else None

    aanbod = await eventually(offered)
    assert (await housing.client.get(f"/v1/aanbiedingen/{aanbod['id']}", headers=corp)).status_code == 200

    revoked = await intake.client.post(f"/v1/toestemmingen/{recorded.json()['id']}/intrekking", json={}, headers=zwolle)
    assert revoked.status_code == 200, revoked.text

    async def stopped() -> bool:
        response = await housing.client.get(f"/v1/aanbiedingen/{aanbod['id']}", headers=corp)
        return bool(response.status_code == 403 and response.json()["type"] == "urn:opvangketen:probleem:toestemming-ingetrokken")

    await eventually(stopped)
    assert (await housing.client.get("/v1/aanbiedingen", headers=corp)).json() == []
    register = (await housing.client.get("/v1/delingen", params={"clientId": melding["persoonId"]}, headers=zwolle)).json()
    assert {r["grondslagId"] for r in register} == {recorded.json()["id"]}
