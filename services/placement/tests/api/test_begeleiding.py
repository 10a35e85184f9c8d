"""Support plans (versioned, 1 plan 1 regisseur, the client's own view) and trajectory monitoring."""

from datetime import timedelta
from typing import Any

from journey_platform.testing.plugin import RunningService
from placement.tests_support import nl_today, outbox_events

from .conftest import CT, new_client, new_facility


def plan_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "zorgaanbieder": "ribw",
        "regisseur": {"organisatie": "CT-IJSSEL-VECHT", "naam": "M. de Regisseur"},
        "doelen": [
            {"levensdomein": "financien", "omschrijving": "Schulden in beeld en een budgetplan"},
            {"levensdomein": "dagbesteding", "omschrijving": "Drie dagen per week werken bij de kringloop"},
        ],
        "resultaten": [{"resultaat": "dagstructuur", "stand": "deels"}, {"resultaat": "financiele-zelfredzaamheid"}],
        "eigenVisie": "Ik wil weer een eigen plek en mijn dochter zien.",
    }
    body.update(overrides)
    return body


async def test_plan_is_made_with_the_client_and_versioned(placement: RunningService, auth: Any) -> None:
    client = await new_client(placement)
    created = await placement.client.post(
        "/v1/ondersteuningsplannen", json={"trajectId": str(client.traject_id), **plan_body()}, headers=auth(*CT)
    )
    assert created.status_code == 201, created.text
    plan = created.json()
    assert (
        plan["versie"] == 1 and plan["regisseur"]["organisatie"] == "CT-IJSSEL-VECHT" and plan["eigenVisie"].startswith("Ik wil")
    )
    second = await placement.client.post(
        "/v1/ondersteuningsplannen", json={"trajectId": str(client.traject_id), **plan_body()}, headers=auth(*CT)
    )
    assert second.status_code == 409  # 1 plan, 1 regisseur
    v2 = await placement.client.post(
        f"/v1/ondersteuningsplannen/{plan['planId']}/versies",
        json=plan_body(resultaten=[{"resultaat": "dagstructuur", "stand": "bereikt"}]),
        headers=auth("zorgaanbieder", "ribw"),
    )
    assert v2.status_code == 201, v2.text
    assert v2.json()["versie"] == 2 and v2.json()["versies"] == [1, 2]
    first = (await placement.client.get(f"/v1/ondersteuningsplannen/{plan['planId']}/versies/1", headers=auth(*CT))).json()
    assert first["resultaten"][0]["stand"] == "deels"
    current = (
        await placement.client.get(f"/v1/ondersteuningsplannen/{plan['planId']}", headers=auth("gemeente", "GM0193"))
    ).json()
    assert current["versie"] == 2
    events = await outbox_events(placement, "ondersteuningsplan-vastgesteld")
    assert [e["data"]["versie"] for e in events] == [1, 2]
    assert events[0]["data"]["levensdomeinen"] == ["dagbesteding", "financien"]
    assert events[0]["data"]["resultaten"] == ["dagstructuur", "financiele-zelfredzaamheid"]
    raw = str(events)
    assert "Schulden" not in raw and "dochter" not in raw and "Regisseur" not in raw  # free text stays in placement


async def test_a_support_plan_version_can_name_a_peer_expert(placement: RunningService, auth: Any) -> None:
    """docs/experience.md, "Peer experts": a version says whether a peer expert guides too, by organisation (no name)."""
    client = await new_client(placement)
    created = await placement.client.post(
        "/v1/ondersteuningsplannen", json={"trajectId": str(client.traject_id), **plan_body()}, headers=auth(*CT)
    )
    assert created.json()["ervaringsdeskundige"] == {"betrokken": False, "organisatie": None}
    peer = {"betrokken": True, "organisatie": "ribw"}
    v2 = await placement.client.post(
        f"/v1/ondersteuningsplannen/{created.json()['planId']}/versies",
        json=plan_body(ervaringsdeskundige=peer),
        headers=auth(*CT),
    )
    assert v2.status_code == 201, v2.text
    assert v2.json()["ervaringsdeskundige"] == peer
    events = await outbox_events(placement, "ondersteuningsplan-vastgesteld")
    assert [(e["data"]["ervaringsdeskundigeBetrokken"], e["data"]["ervaringsdeskundigeOrganisatie"]) for e in events] == [
        (False, None),
        (True, "ribw"),
    ]
    bad = await placement.client.post(
        f"/v1/ondersteuningsplannen/{created.json()['planId']}/versies",
        json=plan_body(ervaringsdeskundige={"betrokken": False, "organisatie": "Jan de Vries"}),
        headers=auth(*CT),
    )
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"].startswith("ervaringsdeskundige")


async def test_plan_bad_input_and_access(placement: RunningService, auth: Any) -> None:
    client = await new_client(placement)
    bad = await placement.client.post(
        "/v1/ondersteuningsplannen",
        json={"trajectId": str(client.traject_id), **plan_body(doelen=[], regisseur={"organisatie": "Iemand"}, eigenVisie="")},
        headers=auth(*CT),
    )
    assert bad.status_code == 400
    assert {"doelen", "regisseur.organisatie", "regisseur.naam", "eigenVisie"} <= {p["name"] for p in bad.json()["invalidParams"]}
    body = {"trajectId": str(client.traject_id), **plan_body()}
    assert (
        await placement.client.post("/v1/ondersteuningsplannen", json=body, headers=auth("zorgaanbieder", "ribw"))
    ).status_code == 403
    assert (
        await placement.client.post("/v1/ondersteuningsplannen", json=body, headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))
    ).status_code == 403
    plan = (await placement.client.post("/v1/ondersteuningsplannen", json=body, headers=auth(*CT))).json()
    url = f"/v1/ondersteuningsplannen/{plan['planId']}"
    assert (await placement.client.get(url, headers=auth("zorgaanbieder", "limor"))).status_code == 403
    assert (await placement.client.get(url, headers=auth("gemeente", "GM0166"))).status_code == 403
    assert (
        await placement.client.post(f"{url}/versies", json=plan_body(), headers=auth("zorgaanbieder", "limor"))
    ).status_code == 403
    assert (await placement.client.get(f"{url}/versies/9", headers=auth(*CT))).status_code == 404


async def test_check_ins_are_planned_recorded_and_overdue_ones_listed(placement: RunningService, auth: Any) -> None:
    bw = await new_facility(placement, auth, type="beschermd-wonen", zorgaanbieder="ribw")
    client = await new_client(placement)
    await placement.client.post(
        "/v1/plaatsingen", json={"trajectId": str(client.traject_id), "voorzieningId": bw["id"]}, headers=auth(*CT)
    )
    planned = (await placement.client.get(f"/v1/trajectcontroles?trajectId={client.traject_id}", headers=auth(*CT))).json()
    assert len(planned) == 1 and planned[0]["geplandDatum"] == (nl_today() + timedelta(days=91)).isoformat()
    past = await placement.client.post(
        "/v1/trajectcontroles", json={"trajectId": str(client.traject_id), "geplandDatum": "2020-01-01"}, headers=auth(*CT)
    )
    assert past.status_code == 400 and past.json()["invalidParams"][0]["name"] == "geplandDatum"
    soon = (
        await placement.client.post(
            "/v1/trajectcontroles",
            json={"trajectId": str(client.traject_id), "geplandDatum": nl_today().isoformat()},
            headers=auth(*CT),
        )
    ).json()
    done = await placement.client.post(
        f"/v1/trajectcontroles/{soon['id']}/uitkomst",
        json={"uitkomst": "bijsturing-nodig", "notities": "Slaapt slecht"},
        headers=auth("zorgaanbieder", "ribw"),
    )
    assert done.status_code == 200, done.text
    assert done.json()["uitkomst"] == "bijsturing-nodig" and done.json()["volgendeId"]
    event = (await outbox_events(placement, "trajectcontrole-uitgevoerd"))[0]["data"]
    assert event["uitkomst"] == "bijsturing-nodig" and event["opTijd"] is True and "Slaapt" not in str(event)
    assert (
        await placement.client.post(
            f"/v1/trajectcontroles/{soon['id']}/uitkomst", json={"uitkomst": "volgens-plan"}, headers=auth(*CT)
        )
    ).status_code == 409
    assert (
        await placement.client.post(f"/v1/trajectcontroles/{soon['id']}/uitkomst", json={"uitkomst": "prima"}, headers=auth(*CT))
    ).status_code == 400
    assert (await placement.client.get("/v1/trajectcontroles?achterstallig=true", headers=auth(*CT))).json() == []
    assert (await placement.client.get("/v1/trajectcontroles", headers=auth("zorgaanbieder", "limor"))).json() == []
