"""Candidates, matching rounds, offers, move-in and the warm handover through the API."""

import dataclasses
import uuid
from datetime import timedelta
from typing import Any

from housing.adapters.unit_of_work import unit_of_work
from housing.service_layer.watch import signal_time
from housing.tests_support import deliver, deliver_ready, event_types, ready_to_leave
from journey_platform.contracts.intake import PreventiezaakGeopend, VerantwoordelijkeGemeenteGewijzigd
from journey_platform.testing.plugin import RunningService

from .conftest import unit

CORP = ("woningcorporatie", "dewoonplaats")
ZWOLLE = ("gemeente", "GM0193")  # responsible for the client
HARDENBERG = ("gemeente", "GM0160")  # where the home is
INTAKE = "urn:nld:oin:00000001003214345000:systeem:intake"


async def _round(housing: RunningService, auth: Any) -> dict[str, Any]:
    response = await housing.client.post("/v1/matchingrondes", headers=auth())
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def _proposals(housing: RunningService, headers: dict[str, str]) -> list[dict[str, Any]]:
    return (await housing.client.get("/v1/voorstellen", params={"status": "voorgesteld"}, headers=headers)).json()  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def test_ready_to_leave_to_handover(housing: RunningService, auth: Any) -> None:
    ct, zwolle, corp = auth(), auth(*ZWOLLE), auth(*CORP)
    await deliver_ready(housing, ready_to_leave(huisdieren=True))
    home = (
        await housing.client.post("/v1/woningen", json=unit(huisdierenToegestaan=True, begeleidingInDeBuurt=True), headers=corp)
    ).json()
    await housing.client.post("/v1/woningen", json=unit(wijk="noord"), headers=corp)  # no pets: not proposed

    ronde = await _round(housing, auth)
    assert (ronde["kandidaten"], ronde["woningen"], ronde["voorstellen"]) == (1, 2, 1)
    [voorstel] = await _proposals(housing, zwolle)
    assert voorstel["woningId"] == home["id"]
    uitleg = voorstel["uitleg"]
    # the client asks for Hardenberg, the municipality of origin: it counts as the client's own (first) wish
    assert uitleg["scoreOpbouw"]["voorkeur"] == 50.0 and uitleg["scoreOpbouw"]["herkomst"] == 0.0
    assert uitleg["eersteOverweging"].startswith("the client's own wish came first: preference 1 of 1")
    assert all(v["voldaan"] for v in uitleg["voorwaarden"])
    assert "municipality of origin, asked for by the client" in uitleg["samenvatting"]

    assert (await housing.client.post("/v1/aanbiedingen", json={"voorstelId": voorstel["id"]}, headers=corp)).status_code == 403
    assert (await housing.client.get(f"/v1/kandidaten/{voorstel['kandidaatId']}", headers=corp)).status_code == 403
    assert (await housing.client.get(f"/v1/voorstellen/{voorstel['id']}", headers=auth("gemeente", "GM0150"))).status_code == 403
    aanbod = (await housing.client.post("/v1/aanbiedingen", json={"voorstelId": voorstel["id"]}, headers=zwolle)).json()
    assert aanbod["status"] == "gedaan" and aanbod["uitleg"]["score"] == voorstel["score"]
    seen_by_corp = (await housing.client.get("/v1/aanbiedingen", headers=corp)).json()
    assert [a["id"] for a in seen_by_corp] == [aanbod["id"]] and seen_by_corp[0]["uitleg"] is None
    assert (await housing.client.get("/v1/aanbiedingen", headers=auth("woningcorporatie", "salland-wonen"))).json() == []

    accepted = await housing.client.post(f"/v1/aanbiedingen/{aanbod['id']}/acceptatie", headers=zwolle)
    assert accepted.json()["status"] == "geaccepteerd"
    moved = await housing.client.post(
        f"/v1/aanbiedingen/{aanbod['id']}/verhuizing", json={"lopendeSchuldhulpverlening": True}, headers=corp
    )
    assert moved.status_code == 201, moved.text
    overdracht = moved.json()
    assert (overdracht["gemeente"], overdracht["vorigeGemeente"]) == ("GM0160", "GM0193")
    assert overdracht["teRegelen"] == ["inschrijving", "inkomen", "schuldhulpverlening", "inrichtingskosten"]
    assert overdracht["opvangNaVerhuizing"] == "beeindigd"
    assert [o["id"] for o in (await housing.client.get("/v1/overdrachten", headers=auth(*HARDENBERG))).json()] == [
        overdracht["id"]
    ]
    assert (await housing.client.post(f"/v1/overdrachten/{overdracht['id']}/bevestiging", headers=zwolle)).status_code == 403
    confirmed = await housing.client.post(f"/v1/overdrachten/{overdracht['id']}/bevestiging", headers=auth(*HARDENBERG))
    assert confirmed.json()["status"] == "bevestigd"
    assert (await housing.client.get(f"/v1/kandidaten/{voorstel['kandidaatId']}", headers=ct)).json()["status"] == "gehuisvest"
    assert await event_types(housing) == [
        "kandidaat-aangemeld",
        "woning-beschikbaar",
        "woning-beschikbaar",
        "match-voorgesteld",
        "aanbod-gedaan",
        "aanbod-geaccepteerd",
        "verhuisd",
        "warme-overdracht-gestart",
        "nazorgplan-opgesteld",  # aftercare for the same local team (docs/aftercare.md)
        "warme-overdracht-bevestigd",
    ]


async def test_a_decline_returns_the_unit_and_matching_runs_again(housing: RunningService, auth: Any) -> None:
    zwolle, corp = auth(*ZWOLLE), auth(*CORP)
    await deliver_ready(housing, ready_to_leave())
    first = (await housing.client.post("/v1/woningen", json=unit(begeleidingInDeBuurt=True), headers=corp)).json()
    second = (await housing.client.post("/v1/woningen", json=unit(wijk="noord"), headers=corp)).json()
    await _round(housing, auth)
    [voorstel] = await _proposals(housing, zwolle)
    assert voorstel["woningId"] == first["id"]
    aanbod = (await housing.client.post("/v1/aanbiedingen", json={"voorstelId": voorstel["id"]}, headers=zwolle)).json()
    bad = await housing.client.post(
        f"/v1/aanbiedingen/{aanbod['id']}/afwijzing", json={"afgewezenDoor": "buurman"}, headers=zwolle
    )
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"afgewezenDoor", "redenCode"}
    client_refusal = {"afgewezenDoor": "client", "redenCode": "te-ver-van-netwerk"}
    assert (
        await housing.client.post(f"/v1/aanbiedingen/{aanbod['id']}/afwijzing", json=client_refusal, headers=corp)
    ).status_code == 403
    declined = await housing.client.post(f"/v1/aanbiedingen/{aanbod['id']}/afwijzing", json=client_refusal, headers=zwolle)
    assert declined.json()["status"] == "afgewezen"
    assert (await housing.client.get(f"/v1/woningen/{first['id']}", headers=corp)).json()["status"] == "beschikbaar"
    [again] = await _proposals(housing, zwolle)
    assert again["woningId"] == second["id"]  # matching ran again; the declined pair is not proposed


async def test_acceptance_cancels_competing_offers(housing: RunningService, auth: Any) -> None:
    zwolle, corp = auth(*ZWOLLE), auth(*CORP)
    await deliver_ready(housing, ready_to_leave())
    a, b = [(await housing.client.post("/v1/woningen", json=unit(wijk=w), headers=corp)).json() for w in ("a", "b")]
    kandidaat = (await housing.client.get("/v1/kandidaten", headers=zwolle)).json()[0]
    offers = [
        (
            await housing.client.post(
                "/v1/aanbiedingen", json={"kandidaatId": kandidaat["id"], "woningId": w["id"]}, headers=zwolle
            )
        ).json()
        for w in (a, b)
    ]
    await housing.client.post(f"/v1/aanbiedingen/{offers[0]['id']}/acceptatie", headers=zwolle)
    other = (await housing.client.get(f"/v1/aanbiedingen/{offers[1]['id']}", headers=zwolle)).json()
    assert (other["status"], other["afgewezenDoor"], other["redenCode"]) == (
        "vervallen",
        "vervallen",
        "ander-aanbod-geaccepteerd",
    )
    assert (await housing.client.get(f"/v1/woningen/{b['id']}", headers=corp)).json()["status"] == "beschikbaar"
    assert (await housing.client.post(f"/v1/aanbiedingen/{offers[1]['id']}/acceptatie", headers=zwolle)).status_code == 409


async def test_offer_input_and_constraints(housing: RunningService, auth: Any) -> None:
    zwolle, corp = auth(*ZWOLLE), auth(*CORP)
    await deliver_ready(housing, ready_to_leave(max_huur=500.0))
    woning = (await housing.client.post("/v1/woningen", json=unit(), headers=corp)).json()
    kandidaat = (await housing.client.get("/v1/kandidaten", headers=zwolle)).json()[0]
    both = {"voorstelId": woning["id"], "kandidaatId": kandidaat["id"], "woningId": woning["id"]}
    assert (await housing.client.post("/v1/aanbiedingen", json=both, headers=zwolle)).status_code == 400
    assert (
        await housing.client.post("/v1/aanbiedingen", json={"kandidaatId": kandidaat["id"]}, headers=zwolle)
    ).status_code == 400
    too_dear = await housing.client.post(
        "/v1/aanbiedingen", json={"kandidaatId": kandidaat["id"], "woningId": woning["id"]}, headers=zwolle
    )
    assert too_dear.status_code == 409 and "huur" in too_dear.json()["detail"]
    assert (await housing.client.get("/v1/kandidaten", params={"termijnOverschreden": "soms"}, headers=zwolle)).status_code == 400


async def test_expiry_and_the_three_month_target(housing: RunningService, auth: Any) -> None:
    zwolle, ct = auth(*ZWOLLE), auth()
    await deliver_ready(housing, ready_to_leave())
    woning = (await housing.client.post("/v1/woningen", json=unit(), headers=auth(*CORP))).json()
    kandidaat = (await housing.client.get("/v1/kandidaten", headers=zwolle)).json()[0]
    aanbod = (
        await housing.client.post(
            "/v1/aanbiedingen", json={"kandidaatId": kandidaat["id"], "woningId": woning["id"]}, headers=zwolle
        )
    ).json()
    ctx = housing.container.extras["context"]
    later = dataclasses.replace(ctx, clock=lambda: ctx.clock() + timedelta(days=100))
    async with unit_of_work(housing.container) as uow:
        assert await signal_time(uow, later) == 2
    assert (await housing.client.get(f"/v1/aanbiedingen/{aanbod['id']}", headers=zwolle)).json()["status"] == "verlopen"
    for who in (zwolle, ct):
        flagged = (await housing.client.get("/v1/kandidaten", params={"termijnOverschreden": "true"}, headers=who)).json()
        assert [k["id"] for k in flagged] == [kandidaat["id"]]
    assert (
        await housing.client.get("/v1/kandidaten", params={"termijnOverschreden": "true"}, headers=auth("gemeente", "GM0150"))
    ).json() == []
    assert (await event_types(housing))[-2:] == ["aanbod-afgewezen", "drie-maanden-termijn-overschreden"]


async def test_stall_timer_flags_an_offer_without_reaction(housing: RunningService, auth: Any) -> None:
    zwolle = auth(*ZWOLLE)
    await deliver_ready(housing, ready_to_leave())
    woning = (await housing.client.post("/v1/woningen", json=unit(), headers=auth(*CORP))).json()
    kandidaat = (await housing.client.get("/v1/kandidaten", headers=zwolle)).json()[0]
    aanbod = (
        await housing.client.post(
            "/v1/aanbiedingen", json={"kandidaatId": kandidaat["id"], "woningId": woning["id"]}, headers=zwolle
        )
    ).json()
    ctx = housing.container.extras["context"]
    async with unit_of_work(housing.container) as uow:
        await signal_time(uow, dataclasses.replace(ctx, clock=lambda: ctx.clock() + timedelta(days=6)))
    assert (await housing.client.get(f"/v1/aanbiedingen/{aanbod['id']}", headers=zwolle)).json()["vastgelopenOp"] is not None
    assert (await event_types(housing))[-1] == "aanbod-vastgelopen"


async def test_prevention_case_needing_a_home_becomes_an_urgent_candidate(housing: RunningService, auth: Any) -> None:
    def case(needed: bool) -> PreventiezaakGeopend:
        return PreventiezaakGeopend(
            traject_id=uuid.uuid4(),
            client_id=uuid.uuid4(),
            preventiezaak_id=uuid.uuid4(),
            signaal_type="dreigende-huisuitzetting",
            gemeente="GM0166",
            woningcorporatie="dewoonplaats",
            huishouden_grootte=3,
            woning_nodig=needed,
        )

    await deliver(housing, case(True), INTAKE)
    await deliver(housing, case(False), INTAKE)
    [kandidaat] = (await housing.client.get("/v1/kandidaten", headers=auth("gemeente", "GM0166"))).json()
    assert (kandidaat["bron"], kandidaat["urgent"], kandidaat["huishoudenGrootte"]) == ("preventie", True, 3)


async def test_a_new_responsible_municipality_takes_over_the_candidate(housing: RunningService, auth: Any) -> None:
    event = ready_to_leave()
    await deliver(housing, event)
    changed = VerantwoordelijkeGemeenteGewijzigd(
        traject_id=event.traject_id,
        client_id=event.client_id,
        van_gemeente="GM0193",
        naar_gemeente="GM0150",
        regio="midden-ijssel",
    )
    await deliver(housing, changed, INTAKE)
    assert (await housing.client.get("/v1/kandidaten", headers=auth(*ZWOLLE))).json() == []
    [kandidaat] = (await housing.client.get("/v1/kandidaten", headers=auth("gemeente", "GM0150"))).json()
    assert (await housing.client.get(f"/v1/kandidaten/{kandidaat['id']}", headers=auth())).status_code == 403  # CT IJssel-Vecht
    assert (
        await housing.client.get(f"/v1/kandidaten/{kandidaat['id']}", headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))
    ).status_code == 200
