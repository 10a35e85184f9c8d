"""Sharing with a housing corporation rests on the client's valid consent: checked when an offer is made to it and
whenever it reads one, recorded in the sharing register; expiry (at the moment of sharing) and revocation stop it."""

import dataclasses
from datetime import datetime, time, timedelta
from typing import Any

from housing.tests_support import INTAKE_SOURCE, consent, deliver, deliver_ready, ready_to_leave, revocation
from journey_platform.sharing import NL, Doel, OntvangerType
from journey_platform.testing.plugin import RunningService

from .conftest import unit

CORP, OTHER_CORP = ("woningcorporatie", "dewoonplaats"), ("woningcorporatie", "salland-wonen")
ZWOLLE = ("gemeente", "GM0193")


async def _offer(housing: RunningService, zwolle: dict[str, str], kandidaat_id: str, woning_id: str) -> Any:
    return await housing.client.post(
        "/v1/aanbiedingen", json={"kandidaatId": kandidaat_id, "woningId": woning_id}, headers=zwolle
    )


async def _setup(housing: RunningService, auth: Any, *, with_consent: bool = True) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    event = ready_to_leave()
    given = None
    if with_consent:
        given = await deliver_ready(housing, event)
    else:
        await deliver(housing, event)
    woning = (await housing.client.post("/v1/woningen", json=unit(), headers=auth(*CORP))).json()
    [kandidaat] = (await housing.client.get("/v1/kandidaten", headers=auth(*ZWOLLE))).json()
    return given, woning, kandidaat


def _at(housing: RunningService, moment: datetime) -> None:
    ctx = housing.container.extras["context"]
    housing.container.extras["context"] = dataclasses.replace(ctx, clock=lambda: moment)


async def test_with_valid_consent_the_corporation_sees_the_offer_and_each_sharing_is_recorded(
    housing: RunningService, auth: Any
) -> None:
    zwolle, corp = auth(*ZWOLLE), auth(*CORP)
    given, woning, kandidaat = await _setup(housing, auth)
    made = await _offer(housing, zwolle, kandidaat["id"], woning["id"])
    assert made.status_code == 201, made.text
    aanbod = made.json()
    assert (await housing.client.get(f"/v1/aanbiedingen/{aanbod['id']}", headers=corp)).status_code == 200
    assert [a["id"] for a in (await housing.client.get("/v1/aanbiedingen", headers=corp)).json()] == [aanbod["id"]]

    register = await housing.client.get("/v1/delingen", params={"clientId": kandidaat["clientId"]}, headers=zwolle)
    assert register.status_code == 200, register.text
    rows = register.json()
    assert len(rows) == 3  # made to it, read singly, read in the list
    assert {(r["ontvangerId"], r["gegevens"], r["gegevensId"], r["grondslag"], r["grondslagId"]) for r in rows} == {
        ("dewoonplaats", "aanbod", aanbod["id"], "toestemming", str(given.toestemming_id))
    }
    assert (
        await housing.client.get("/v1/delingen", params={"clientId": kandidaat["clientId"]}, headers=auth())
    ).status_code == 200
    for outsider in (corp, auth("gemeente", "GM0150"), auth("zorgaanbieder", "leger-des-heils")):
        refused = await housing.client.get("/v1/delingen", params={"clientId": kandidaat["clientId"]}, headers=outsider)
        assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
    bad = await housing.client.get("/v1/delingen", params={"clientId": "nope"}, headers=zwolle)
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "clientId"
    assert (await housing.client.get("/v1/delingen", headers=zwolle)).status_code == 400


async def test_without_consent_no_offer_goes_to_the_corporation(housing: RunningService, auth: Any) -> None:
    zwolle = auth(*ZWOLLE)
    _, woning, kandidaat = await _setup(housing, auth, with_consent=False)
    refused = await _offer(housing, zwolle, kandidaat["id"], woning["id"])
    assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"] == "urn:opvangketen:probleem:geen-toestemming"
    assert (await housing.client.get("/v1/aanbiedingen", headers=zwolle)).json() == []  # nothing was made

    client = {"traject_id": kandidaat["trajectId"], "client_id": kandidaat["clientId"]}
    wrong = [
        consent(ready_to_leave(**client), ontvanger_id="salland-wonen"),
        consent(ready_to_leave(**client), doelen=[Doel.woonbegeleiding]),
        consent(ready_to_leave(**client), ontvanger_type=OntvangerType.zorgaanbieder),
    ]
    for scope in wrong:
        await deliver(housing, scope, INTAKE_SOURCE)
    assert (await _offer(housing, zwolle, kandidaat["id"], woning["id"])).status_code == 403
    await deliver(housing, consent(ready_to_leave(**client), ontvanger_id=None), INTAKE_SOURCE)  # every corporation
    assert (await _offer(housing, zwolle, kandidaat["id"], woning["id"])).status_code == 201


async def test_after_expiry_the_corporation_no_longer_sees_the_offer(housing: RunningService, auth: Any) -> None:
    zwolle, corp = auth(*ZWOLLE), auth(*CORP)
    given, woning, kandidaat = await _setup(housing, auth)  # consent valid for 180 days from today
    aanbod = (await _offer(housing, zwolle, kandidaat["id"], woning["id"])).json()
    last_day_ends = datetime.combine(given.geldig_tot + timedelta(days=1), time(), tzinfo=NL)
    _at(housing, last_day_ends - timedelta(seconds=1))  # 23:59:59 Dutch time on the last day: still valid
    assert (await housing.client.get(f"/v1/aanbiedingen/{aanbod['id']}", headers=corp)).status_code == 200
    _at(housing, last_day_ends)  # midnight: expired, evaluated at the moment of sharing
    expired = await housing.client.get(f"/v1/aanbiedingen/{aanbod['id']}", headers=corp)
    assert expired.status_code == 403 and expired.json()["type"] == "urn:opvangketen:probleem:toestemming-verlopen"
    assert "expired" in expired.json()["detail"]
    assert (await housing.client.get("/v1/aanbiedingen", headers=corp)).json() == []
    assert [a["id"] for a in (await housing.client.get("/v1/aanbiedingen", headers=zwolle)).json()] == [aanbod["id"]]


async def test_revocation_stops_the_sharing_at_once(housing: RunningService, auth: Any) -> None:
    zwolle, corp = auth(*ZWOLLE), auth(*CORP)
    given, woning, kandidaat = await _setup(housing, auth)
    aanbod = (await _offer(housing, zwolle, kandidaat["id"], woning["id"])).json()
    await deliver(housing, revocation(given), INTAKE_SOURCE)
    revoked = await housing.client.get(f"/v1/aanbiedingen/{aanbod['id']}", headers=corp)
    assert revoked.status_code == 403 and revoked.json()["type"] == "urn:opvangketen:probleem:toestemming-ingetrokken"
    assert (await housing.client.get("/v1/aanbiedingen", headers=corp)).json() == []
    decline = {"afgewezenDoor": "aanbieder", "redenCode": "past-niet"}
    assert (
        await housing.client.post(f"/v1/aanbiedingen/{aanbod['id']}/afwijzing", json=decline, headers=corp)
    ).status_code == 403
    assert (await housing.client.get(f"/v1/aanbiedingen/{aanbod['id']}", headers=zwolle)).json()["status"] == "gedaan"
    rows = (await housing.client.get("/v1/delingen", params={"clientId": kandidaat["clientId"]}, headers=zwolle)).json()
    assert [r["gegevens"] for r in rows] == ["aanbod"]  # only the offer's making; nothing after the revocation


async def test_the_projection_is_idempotent_and_records_a_revocation_that_comes_first(housing: RunningService, auth: Any) -> None:
    zwolle, corp = auth(*ZWOLLE), auth(*CORP)
    event = ready_to_leave()
    await deliver(housing, event)
    given = consent(event)
    await deliver(housing, revocation(given), INTAKE_SOURCE)  # the grant arrives late (or again)
    await deliver(housing, given, INTAKE_SOURCE)
    await deliver(housing, given, INTAKE_SOURCE)
    woning = (await housing.client.post("/v1/woningen", json=unit(), headers=corp)).json()
    [kandidaat] = (await housing.client.get("/v1/kandidaten", headers=zwolle)).json()
    refused = await _offer(housing, zwolle, kandidaat["id"], woning["id"])
    assert refused.json()["type"] == "urn:opvangketen:probleem:toestemming-ingetrokken"
