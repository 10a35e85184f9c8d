"""The central waiting list: a decision joins, priority, offers when a place frees up, placement, leaving."""

from datetime import timedelta
from typing import Any

from journey_platform.testing.plugin import RunningService
from placement.tests_support import decision, deliver, nl_today, outbox_events

from .conftest import CT, new_client, new_facility


async def waiting(placement: RunningService, auth: Any, org: tuple[str, str] = CT) -> list[dict[str, Any]]:
    response = await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth(*org))
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def test_a_bw_decision_joins_the_list_once_in_priority_order(placement: RunningService, auth: Any) -> None:
    regular, urgent, youth = [await new_client(placement) for _ in range(3)]
    old = nl_today() - timedelta(days=30)
    regular_decision = decision(regular, besluit_datum=old)
    await deliver(placement, regular_decision)
    await deliver(placement, regular_decision)  # redelivered: idempotent by decision id
    await deliver(placement, decision(urgent, urgent=True))
    await deliver(placement, decision(youth, jeugd=True, voorziening="beschermd-wonen"))
    entries = await waiting(placement, auth)
    assert [e["trajectId"] for e in entries] == [str(urgent.traject_id), str(youth.traject_id), str(regular.traject_id)]
    assert [e["positie"] for e in entries] == [1, 2, 3]
    assert [e["prioriteit"] for e in entries] == [1, 2, 3]
    assert entries[2]["wachttijdDagen"] == 30
    joined = await outbox_events(placement, "aangemeld-op-wachtlijst")
    assert len(joined) == 3 and joined[0]["subject"] == str(regular.traject_id)


async def test_other_decisions_do_not_join(placement: RunningService, auth: Any) -> None:
    client = await new_client(placement)
    await deliver(placement, decision(client, voorziening="mo"))
    assert await waiting(placement, auth) == []


async def test_a_free_place_is_offered_to_the_next_suitable_client_and_placement_follows(
    placement: RunningService, auth: Any
) -> None:
    woman, man = await new_client(placement, aandachtspunten=("vrouw",)), await new_client(placement)
    await deliver(placement, decision(woman, urgent=True))
    await deliver(placement, decision(man))
    bw = await new_facility(placement, auth, naam="BW Zwolle", type="beschermd-wonen", zorgaanbieder="ribw", capaciteitPlaatsen=1)
    entries = {e["trajectId"]: e for e in await waiting(placement, auth)}
    assert entries[str(man.traject_id)]["status"] == "aanbod"  # the woman comes first, but the place is not safe for her
    assert entries[str(woman.traject_id)]["status"] == "wachtend"
    offer = entries[str(man.traject_id)]
    placed = await placement.client.post("/v1/plaatsingen", json={"wachtlijstAanmeldingId": offer["id"]}, headers=auth(*CT))
    assert placed.status_code == 201, placed.text
    assert placed.json()["vanWachtlijstId"] == offer["id"] and placed.json()["voorzieningId"] == bw["id"]
    left = await outbox_events(placement, "wachtlijst-verlaten")
    assert left[0]["data"]["redenCode"] == "geplaatst"
    assert (await outbox_events(placement, "plaatsing-gerealiseerd"))[0]["data"]["vanWachtlijst"] is True
    assert [e["trajectId"] for e in await waiting(placement, auth)] == [str(woman.traject_id)]


async def test_declining_passes_the_offer_on_and_discharge_frees_a_place(placement: RunningService, auth: Any) -> None:
    first, second, third = [await new_client(placement) for _ in range(3)]
    await new_facility(placement, auth, naam="BW", type="beschermd-wonen", zorgaanbieder="ribw", capaciteitPlaatsen=1)
    for days_ago, client in ((30, first), (20, second), (10, third)):
        await deliver(placement, decision(client, besluit_datum=nl_today() - timedelta(days=days_ago)))
    entries = await waiting(placement, auth)
    offered = [e for e in entries if e["status"] == "aanbod"]
    assert [e["trajectId"] for e in offered] == [str(first.traject_id)]
    declined = await placement.client.post(f"/v1/wachtlijst-aanmeldingen/{offered[0]['id']}/aanbod-afwijzing", headers=auth(*CT))
    assert declined.status_code == 200 and declined.json()["status"] == "wachtend"
    now_offered = [e for e in await waiting(placement, auth) if e["status"] == "aanbod"]
    assert [e["trajectId"] for e in now_offered] == [str(second.traject_id)]
    stay = (
        await placement.client.post("/v1/plaatsingen", json={"wachtlijstAanmeldingId": now_offered[0]["id"]}, headers=auth(*CT))
    ).json()
    discharged = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/uitstroom", json={"bestemming": "eigen-woning", "naarGemeente": "GM0193"}, headers=auth(*CT)
    )
    assert discharged.status_code == 200, discharged.text
    assert discharged.json()["terugNaarGemeenteVanHerkomst"] is True
    assert len([e for e in await waiting(placement, auth) if e["status"] == "aanbod"]) == 1  # the freed place is offered again
    assert len(await outbox_events(placement, "wachtlijst-aanbod-gedaan")) == 3


async def test_leaving_the_list_and_who_sees_it(placement: RunningService, auth: Any) -> None:
    client = await new_client(placement, gemeente="GM0160")
    await deliver(placement, decision(client))
    entry = (await waiting(placement, auth))[0]
    assert await waiting(placement, auth, ("gemeente", "GM0160")) != []
    assert await waiting(placement, auth, ("gemeente", "GM0193")) == []
    assert await waiting(placement, auth, ("centrale-toegang", "CT-MIDDEN-IJSSEL")) == []
    assert await waiting(placement, auth, ("zorgaanbieder", "ribw")) == []
    url = f"/v1/wachtlijst-aanmeldingen/{entry['id']}"
    assert (await placement.client.get(url, headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))).status_code == 403
    assert (
        await placement.client.post(f"{url}/afmelding", json={"redenCode": "verhuisd"}, headers=auth("gemeente", "GM0160"))
    ).status_code == 403
    bad = await placement.client.post(f"{url}/afmelding", json={"redenCode": "Verhuisd!"}, headers=auth(*CT))
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "redenCode"
    left = await placement.client.post(f"{url}/afmelding", json={"redenCode": "verhuisd"}, headers=auth(*CT))
    assert left.status_code == 200 and left.json()["status"] == "verlaten" and left.json()["positie"] is None
    assert (await outbox_events(placement, "wachtlijst-verlaten"))[0]["data"]["wachttijdDagen"] == 0
