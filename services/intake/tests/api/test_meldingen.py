"""Reports through the HTTP API: journeys, repeat reports, deadlines, bad input, who may see what."""

import json
from typing import Any

from sqlalchemy import select

from intake.tests_support import outbox_events
from journey_platform.testing.plugin import RunningService

from .conftest import report


async def test_report_opens_a_journey_with_an_eight_week_deadline(intake: RunningService, auth: Any) -> None:
    response = await intake.client.post("/v1/meldingen", json=report(meldDatum="2026-10-01"), headers=auth("gemeente", "GM0193"))
    assert response.status_code == 201, response.text
    assert response.headers["API-Version"] == "1.0.0"
    body = response.json()
    assert body["beslistermijn"] == "2026-11-26"
    assert body["verantwoordelijkeGemeente"] == "GM0160"  # origin, within the region
    assert body["regio"] == "ijssel-vecht"
    assert body["herhaalmelding"] is False
    assert body["kortVerblijf"] is None
    events = await outbox_events(intake)
    assert [e["type"] for e in events] == ["nl.opvangketen.intake.melding-geregistreerd.v1"]
    assert events[0]["subject"] == body["trajectId"]
    assert events[0]["data"]["clientId"] == body["persoonId"]
    assert events[0]["data"]["nieuwTraject"] is True


async def test_repeat_report_links_to_the_person_and_the_open_journey(intake: RunningService, auth: Any) -> None:
    ct = auth()
    first = (await intake.client.post("/v1/meldingen", json=report(), headers=ct)).json()
    second = (await intake.client.post("/v1/meldingen", json=report(melderType="huisarts"), headers=ct)).json()
    assert second["persoonId"] == first["persoonId"]
    assert second["trajectId"] == first["trajectId"]
    assert second["herhaalmelding"] is True
    other = (
        await intake.client.post(
            "/v1/meldingen", json=report(persoon={"achternaam": "De Vries", "geboortedatum": "1990-01-01"}), headers=ct
        )
    ).json()
    assert other["persoonId"] != first["persoonId"]


async def test_same_bsn_is_the_same_person_and_is_stored_encrypted(intake: RunningService, auth: Any) -> None:
    ct = auth()
    a = (await intake.client.post("/v1/meldingen", json=report(persoon={"bsn": "111222333"}), headers=ct)).json()
    b = (
        await intake.client.post(
            "/v1/meldingen",
            json=report(persoon={"bsn": "111222333", "achternaam": "X", "geboortedatum": "1970-01-01"}),
            headers=ct,
        )
    ).json()
    assert a["persoonId"] == b["persoonId"]
    async with intake.container.engine.connect() as conn:
        from intake.adapters.orm import Persoon

        stored = (await conn.execute(select(Persoon.bsn_versleuteld))).scalars().all()
    assert stored and all("111222333" not in (s or "") for s in stored)
    person = await intake.client.get(f"/v1/personen/{a['persoonId']}", headers=ct)
    assert person.json()["bsn"] == "111222333"


async def test_a_new_journey_when_the_previous_one_is_closed(intake: RunningService, auth: Any) -> None:
    ct = auth()
    first = (await intake.client.post("/v1/meldingen", json=report(), headers=ct)).json()
    closed = await intake.client.post(
        f"/v1/meldingen/{first['id']}/afsluiting", json={"redenCode": "persoon-vertrokken"}, headers=ct
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "afgesloten"
    again = (await intake.client.post("/v1/meldingen", json=report(), headers=ct)).json()
    assert again["persoonId"] == first["persoonId"]
    assert again["trajectId"] != first["trajectId"]
    assert again["herhaalmelding"] is True


async def test_out_of_region_person_gets_a_short_stay(intake: RunningService, auth: Any) -> None:
    response = await intake.client.post("/v1/meldingen", json=report(gemeenteVanHerkomst="GM0150"), headers=auth())
    body = response.json()
    assert body["kortVerblijf"]["regioVanHerkomst"] == "midden-ijssel"
    assert body["verantwoordelijkeGemeente"] == "GM0150"
    types = [e["type"] for e in await outbox_events(intake)]
    assert "nl.opvangketen.intake.kort-verblijf-toegekend.v1" in types
    # The warm transfer: a referral to the central access point of the region of origin, which accepts it.
    referral = next(e["data"] for e in await outbox_events(intake) if e["type"].endswith("verwijzing-aangemaakt.v1"))
    assert (referral["vanOrganisatie"], referral["naarOrganisatie"]) == ("CT-IJSSEL-VECHT", "CT-MIDDEN-IJSSEL")
    origin_ct = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")
    assert (await intake.client.get(f"/v1/meldingen/{body['id']}", headers=origin_ct)).status_code == 200
    accepted = await intake.client.post(
        f"/v1/verwijzingen/{referral['verwijzingId']}/beoordeling", json={"geaccepteerd": True}, headers=origin_ct
    )
    assert accepted.json()["status"] == "geaccepteerd"


async def test_origin_outside_the_regions_gets_a_short_stay_without_automatic_transfer(intake: RunningService, auth: Any) -> None:
    body = (await intake.client.post("/v1/meldingen", json=report(gemeenteVanHerkomst="GM0363"), headers=auth())).json()
    assert body["kortVerblijf"] is not None and body["kortVerblijf"]["regioVanHerkomst"] is None
    assert body["verantwoordelijkeGemeente"] == "GM0193"
    assert not [e for e in await outbox_events(intake) if e["type"].endswith("verwijzing-aangemaakt.v1")]


async def test_bad_input_names_every_invalid_field_and_writes_nothing(intake: RunningService, auth: Any) -> None:
    bad = report(
        melderType="buurman",
        situatie="zwervend",
        gemeenteMelding="Zwolle",
        huishoudenGrootte=0,
        persoon={"bsn": "123456789"},
        onbekendVeld=1,
    )
    response = await intake.client.post("/v1/meldingen", json=bad, headers=auth())
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 400 and problem["title"] and problem["detail"]
    names = {p["name"] for p in problem["invalidParams"]}
    assert {"melderType", "situatie", "gemeenteMelding", "huishoudenGrootte", "persoon.bsn", "onbekendVeld"} <= names
    assert await outbox_events(intake) == []
    listing = await intake.client.get("/v1/meldingen", headers=auth())
    assert listing.json() == []


async def test_unknown_municipality_and_future_date_are_400(intake: RunningService, auth: Any) -> None:
    r1 = await intake.client.post("/v1/meldingen", json=report(gemeenteMelding="GM0363"), headers=auth())
    assert r1.status_code == 400 and r1.json()["invalidParams"][0]["name"] == "gemeenteMelding"
    r2 = await intake.client.post("/v1/meldingen", json=report(meldDatum="2999-01-01"), headers=auth())
    assert r2.status_code == 400 and r2.json()["invalidParams"][0]["name"] == "meldDatum"


async def test_malformed_json_is_400_not_500(intake: RunningService, auth: Any) -> None:
    response = await intake.client.post(
        "/v1/meldingen", content=b"{not json", headers={**auth(), "content-type": "application/json"}
    )
    assert response.status_code == 400
    response = await intake.client.get("/v1/meldingen/not-a-uuid", headers=auth())
    assert response.status_code == 400


async def test_without_a_token_401_and_with_a_forged_one_401(intake: RunningService, auth: Any, tmp_path: Any) -> None:
    assert (await intake.client.get("/v1/meldingen")).status_code == 401
    from journey_platform.devissuer import DevIssuer

    forged = DevIssuer(tmp_path).mint("centrale-toegang", "CT-IJSSEL-VECHT")
    response = await intake.client.get("/v1/meldingen", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_local_team_sees_only_its_own_municipality(intake: RunningService, auth: Any) -> None:
    created = (
        await intake.client.post("/v1/meldingen", json=report(gemeenteMelding="GM0193", gemeenteVanHerkomst=None), headers=auth())
    ).json()
    own = await intake.client.get(f"/v1/meldingen/{created['id']}", headers=auth("gemeente", "GM0193"))
    assert own.status_code == 200
    other = await intake.client.get(f"/v1/meldingen/{created['id']}", headers=auth("gemeente", "GM0166"))
    assert other.status_code == 403
    assert other.headers["content-type"].startswith("application/problem+json")
    assert (await intake.client.get("/v1/meldingen", headers=auth("gemeente", "GM0166"))).json() == []
    assert len((await intake.client.get("/v1/meldingen", headers=auth("gemeente", "GM0193"))).json()) == 1


async def test_central_access_sees_its_region_not_another(intake: RunningService, auth: Any) -> None:
    created = (await intake.client.post("/v1/meldingen", json=report(gemeenteVanHerkomst=None), headers=auth())).json()
    mine = await intake.client.get(f"/v1/meldingen/{created['id']}", headers=auth("centrale-toegang", "CT-IJSSEL-VECHT"))
    assert mine.status_code == 200
    theirs = await intake.client.get(f"/v1/meldingen/{created['id']}", headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))
    assert theirs.status_code == 403
    assert (await intake.client.get("/v1/meldingen", headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))).json() == []
    person = await intake.client.get(f"/v1/personen/{created['persoonId']}", headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))
    assert person.status_code == 403


async def test_providers_and_corporations_may_report_but_not_read(intake: RunningService, auth: Any) -> None:
    provider = auth("zorgaanbieder", "leger-des-heils")
    created = await intake.client.post("/v1/meldingen", json=report(melderType="zorgaanbieder"), headers=provider)
    assert created.status_code == 201
    assert (await intake.client.get(f"/v1/meldingen/{created.json()['id']}", headers=provider)).status_code == 403
    assert (await intake.client.get("/v1/meldingen", headers=provider)).json() == []
    assert (await intake.client.get(f"/v1/personen/{created.json()['persoonId']}", headers=provider)).status_code == 403


async def test_events_carry_no_personal_data(intake: RunningService, auth: Any) -> None:
    await intake.client.post(
        "/v1/meldingen",
        json=report(persoon={"bsn": "111222333", "achternaam": "Jansen", "geboortedatum": "1980-04-01"}),
        headers=auth(),
    )
    raw = json.dumps(await outbox_events(intake))
    for secret in ("111222333", "Jansen", "1980-04-01", "park"):
        assert secret not in raw


async def test_trailing_slash_is_404_not_a_redirect(intake: RunningService, auth: Any) -> None:
    response = await intake.client.get("/v1/meldingen/", headers=auth())
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_openapi_is_public_with_version_header_and_cors(intake: RunningService) -> None:
    response = await intake.client.get("/v1/openapi.json", headers={"Origin": "https://gemeente.example.nl"})
    assert response.status_code == 200
    assert response.headers["API-Version"] == response.json()["info"]["version"] == "1.0.0"
    assert response.headers["access-control-allow-origin"] in ("*", "https://gemeente.example.nl")
    assert response.json()["servers"][0]["url"] == "/v1"


async def test_health_and_readiness(intake: RunningService) -> None:
    assert (await intake.client.get("/healthz")).status_code == 200
    ready = await intake.client.get("/readyz")  # no broker in this test: still ready (work waits in the outbox)
    assert ready.status_code == 200 and ready.json()["checks"] == {"database": True, "backgroundTasks": True}
    metrics = (await intake.client.get("/metrics")).text
    assert "opvangketen_broker_reachable 0.0" in metrics


async def test_concurrent_reports_about_one_new_person_never_answer_500(intake: RunningService, auth: Any) -> None:
    import asyncio

    ct = auth()
    body = report(persoon={"bsn": "123456782"})
    responses = await asyncio.gather(*(intake.client.post("/v1/meldingen", json=body, headers=ct) for _ in range(6)))
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}, statuses
    assert 201 in statuses
    people = {r.json()["persoonId"] for r in responses if r.status_code == 201}
    assert len(people) == 1


async def test_a_new_persons_report_does_not_look_for_journeys_or_reports_they_cannot_have(
    intake: RunningService, auth: Any
) -> None:
    """Issue 18: a person created in the request's own transaction has no episode and no earlier report: the two
    episode lookups and the repeat-report lookup are skipped (a known person's report still makes them)."""
    import re

    from sqlalchemy import event

    selects: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        found = re.match(r"\s*SELECT\s.*?\sFROM\s+(\w+)", statement, re.S)
        if found:
            selects.append(found.group(1))

    engine = intake.container.engine.sync_engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        body = report(persoon={"achternaam": "Nieuwenhuis", "voornaam": "Anna", "geboortedatum": "1985-05-05"})
        first = await intake.client.post("/v1/meldingen", json=body, headers=auth())
        assert first.status_code == 201, first.text
        new_person = list(selects)
        selects.clear()
        second = await intake.client.post("/v1/meldingen", json=body, headers=auth())
        assert second.json()["herhaalmelding"] is True and second.json()["trajectId"] == first.json()["trajectId"]
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert "trajecten" not in new_person and "meldingen" not in new_person, new_person
    assert selects.count("trajecten") >= 1 and "meldingen" in selects, selects  # the known person: looked up
