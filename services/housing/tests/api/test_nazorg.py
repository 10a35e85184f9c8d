"""Aftercare (nazorg, docs/aftercare.md): a plan at move-in for the receiving local team, follow-ups with an outcome,
the overdue worklist, and relapse signals (a follow-up, the landlord, a new report)."""

import uuid
from datetime import UTC, date, datetime
from typing import Any

from housing.tests_support import INTAKE_SOURCE, consent, deliver, journey_report, outbox_events, ready_to_leave
from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.contracts.placement import Bestemming, Uitgestroomd, VoorzieningType
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.processing_log import log_rows

from .conftest import unit

CORP = ("woningcorporatie", "dewoonplaats")
KAMPEN_TEAM, ZWOLLE_TEAM = ("gemeente", "GM0166"), ("gemeente", "GM0193")
CT, CT_OTHER = ("centrale-toegang", "CT-IJSSEL-VECHT"), ("centrale-toegang", "CT-MIDDEN-IJSSEL")


async def moved_into_kampen(housing: RunningService, auth: Any, **move: Any) -> dict[str, Any]:
    """A client of Zwolle moves into a Kampen home of dewoonplaats on 15 January 2026, 10:00 Dutch time (backdated:
    outside production a command may say when its fact happened)."""
    ready = ready_to_leave(verantwoordelijke_gemeente="GM0193", gemeente_voorkeuren=["GM0166"])
    await deliver(housing, ready)
    await deliver(housing, consent(ready, geldig_van=date(2025, 12, 1)), INTAKE_SOURCE)  # shared with the landlord
    woning = (await housing.client.post("/v1/woningen", json=unit(gemeente="GM0166"), headers=auth(*CORP))).json()
    [kandidaat] = [
        k
        for k in (await housing.client.get("/v1/kandidaten", headers=auth(*CT))).json()
        if k["trajectId"] == str(ready.traject_id)
    ]
    offer = await housing.client.post(
        "/v1/aanbiedingen",
        json={"kandidaatId": kandidaat["id"], "woningId": woning["id"], "gedaanOp": "2026-01-05T09:00:00+01:00"},
        headers=auth(*CT),
    )
    assert offer.status_code == 201, offer.text
    aanbod = offer.json()["id"]
    accepted = await housing.client.post(
        f"/v1/aanbiedingen/{aanbod}/acceptatie", json={"geaccepteerdOp": "2026-01-06T09:00:00+01:00"}, headers=auth(*CT)
    )
    assert accepted.status_code == 200, accepted.text
    moved = await housing.client.post(
        f"/v1/aanbiedingen/{aanbod}/verhuizing", json={"verhuisdOp": "2026-01-15T10:00:00+01:00", **move}, headers=auth(*CT)
    )
    assert moved.status_code == 201, moved.text
    [plan] = (await housing.client.get("/v1/nazorgplannen", headers=auth(*KAMPEN_TEAM))).json()
    return {"plan": plan, "woning": woning, "ready": ready}


async def test_move_in_makes_a_plan_for_the_receiving_local_team(housing: RunningService, auth: Any) -> None:
    made = await moved_into_kampen(
        housing,
        auth,
        nazorgContactpersoon={"organisatie": "GM0166", "rol": "wijkcoach"},
        nazorgAandachtspunten=["huurachterstand", "politie"],
    )
    plan = made["plan"]
    assert (plan["gemeente"], plan["bron"], plan["status"]) == ("GM0166", "verhuizing", "actief")
    assert plan["contactpersoon"] == {"organisatie": "GM0166", "rol": "wijkcoach"}
    assert plan["aandachtspunten"] == ["huurachterstand", "politie"]
    # moved 15-1-2026: due 15-2, 15-4, 15-7-2026 and 15-1-2027; on time up to 14 days on (15-2 + 14 = 1-3)
    assert [(c["maanden"], c["geplandOp"], c["uiterlijkOp"]) for c in plan["contacten"]] == [
        (1, "2026-02-15", "2026-03-01"),
        (3, "2026-04-15", "2026-04-29"),
        (6, "2026-07-15", "2026-07-29"),
        (12, "2027-01-15", "2027-01-29"),
    ]
    event = next(e["data"] for e in await outbox_events(housing) if ".nazorgplan-opgesteld." in e["type"])
    assert event["contactmomenten"] == ["2026-02-15", "2026-04-15", "2026-07-15", "2027-01-15"]
    assert plan["ervaringsdeskundige"] == {"betrokken": False, "organisatie": None}  # none named
    assert (event["ervaringsdeskundigeBetrokken"], event["ervaringsdeskundigeOrganisatie"]) == (False, None)
    assert (event["gemeente"], event["termijnDagen"], event["contactpersoonRol"]) == ("GM0166", 14, "wijkcoach")
    # the responsible municipality's team (Zwolle) is not the receiving one; the other region's central access neither
    for who in (ZWOLLE_TEAM, CT_OTHER, CORP):
        assert (await housing.client.get(f"/v1/nazorgplannen/{plan['id']}", headers=auth(*who))).status_code == 403
    assert (await housing.client.get(f"/v1/nazorgplannen/{plan['id']}", headers=auth(*CT))).status_code == 200


async def test_an_aftercare_plan_can_name_a_peer_expert_by_organisation(housing: RunningService, auth: Any) -> None:
    """docs/experience.md, "Peer experts": an organisation code, never a person's name."""
    peer = {"betrokken": True, "organisatie": "leger-des-heils"}
    plan = (await moved_into_kampen(housing, auth, nazorgErvaringsdeskundige=peer))["plan"]
    assert plan["ervaringsdeskundige"] == peer
    event = next(e["data"] for e in await outbox_events(housing) if ".nazorgplan-opgesteld." in e["type"])
    assert (event["ervaringsdeskundigeBetrokken"], event["ervaringsdeskundigeOrganisatie"]) == (True, "leger-des-heils")


async def test_overdue_follow_ups_are_on_the_worklist_and_a_relapse_outcome_signals(housing: RunningService, auth: Any) -> None:
    plan = (await moved_into_kampen(housing, auth))["plan"]
    assert plan["contactpersoon"] == {"organisatie": "GM0166", "rol": "lokaal-team"}
    assert plan["aandachtspunten"] == ["huurachterstand", "gemiste-contacten", "politie", "opname"]
    # today (December 2026 or later) the first three last days (1-3, 29-4, 29-7-2026) have passed
    overdue = (await housing.client.get("/v1/nazorgcontacten?status=achterstallig", headers=auth(*KAMPEN_TEAM))).json()
    assert [c["volgnummer"] for c in overdue if c["nazorgplanId"] == plan["id"]][:3] == [1, 2, 3]
    assert (await housing.client.get("/v1/nazorgcontacten?status=achterstallig", headers=auth(*ZWOLLE_TEAM))).json() == []
    assert len((await housing.client.get("/v1/nazorgcontacten", headers=auth(*CT))).json()) >= 4
    assert (await housing.client.get("/v1/nazorgcontacten", headers=auth(*CT_OTHER))).json() == []

    first = await housing.client.post(
        f"/v1/nazorgplannen/{plan['id']}/contacten",
        json={"uitkomst": "stabiel", "contactOp": "2026-02-27T14:00:00+01:00"},
        headers=auth(*KAMPEN_TEAM),
    )
    assert first.status_code == 201, first.text
    assert (first.json()["volgnummer"], first.json()["opTijd"], first.json()["achterstallig"]) == (1, True, False)
    assert first.headers["Location"].endswith(f"/v1/nazorgcontacten/{first.json()['id']}")
    again_read = await housing.client.get(first.headers["Location"], headers=auth(*KAMPEN_TEAM))
    assert again_read.json()["uitkomst"] == "stabiel"
    late = await housing.client.post(
        f"/v1/nazorgplannen/{plan['id']}/contacten",
        json={"uitkomst": "terugvalrisico", "contactOp": "2026-05-04T11:00:00+02:00"},
        headers=auth(*KAMPEN_TEAM),
    )
    assert (late.json()["volgnummer"], late.json()["opTijd"]) == (2, False)
    again = await housing.client.post(
        f"/v1/nazorgplannen/{plan['id']}/contacten", json={"uitkomst": "stabiel", "volgnummer": 2}, headers=auth(*KAMPEN_TEAM)
    )
    assert again.status_code == 409
    assert (
        await housing.client.post(
            f"/v1/nazorgplannen/{plan['id']}/contacten", json={"uitkomst": "stabiel"}, headers=auth(*ZWOLLE_TEAM)
        )
    ).status_code == 403
    read = (await housing.client.get(f"/v1/nazorgplannen/{plan['id']}", headers=auth(*KAMPEN_TEAM))).json()
    assert [(s["bron"], s["signaal"]) for s in read["terugvalsignalen"]] == [("nazorgcontact", "terugvalrisico")]
    events = [e for e in await outbox_events(housing) if ".terugvalsignaal-gemeld." in e["type"]]
    assert [e["data"]["gemeente"] for e in events] == ["GM0166"]
    overdue = (await housing.client.get("/v1/nazorgcontacten?status=achterstallig", headers=auth(*KAMPEN_TEAM))).json()
    assert [c["volgnummer"] for c in overdue if c["nazorgplanId"] == plan["id"]][:1] == [3]


async def test_the_landlord_and_a_new_report_signal_a_relapse(housing: RunningService, auth: Any) -> None:
    made = await moved_into_kampen(housing, auth)
    plan, woning, ready = made["plan"], made["woning"], made["ready"]
    by_landlord = await housing.client.post(
        "/v1/terugvalsignalen", json={"woningId": woning["id"], "signaal": "huurachterstand"}, headers=auth(*CORP)
    )
    assert by_landlord.status_code == 201, by_landlord.text
    assert (by_landlord.json()["bron"], by_landlord.json()["gemeldDoor"]) == ("woningcorporatie", "dewoonplaats")
    own = await housing.client.get(by_landlord.headers["Location"], headers=auth(*CORP))  # its own signal only
    assert own.status_code == 200 and own.json()["signaal"] == "huurachterstand"
    other = ("woningcorporatie", "openbaar-belang")
    refused = await housing.client.post(
        "/v1/terugvalsignalen", json={"woningId": woning["id"], "signaal": "overlast"}, headers=auth(*other)
    )
    assert refused.status_code == 403
    both = await housing.client.post(
        "/v1/terugvalsignalen",
        json={"woningId": woning["id"], "nazorgplanId": plan["id"], "signaal": "politie"},
        headers=auth(*CT),
    )
    assert both.status_code == 400
    # the first report of the plan's own journey, arriving late, is no relapse; a report on a new journey is
    await deliver(housing, journey_report(ready.traject_id, ready.client_id), INTAKE_SOURCE)
    report = journey_report(uuid.uuid4(), ready.client_id)
    await deliver(housing, report, INTAKE_SOURCE)
    await deliver(housing, report, INTAKE_SOURCE)  # delivered twice: one signal
    read = (await housing.client.get(f"/v1/nazorgplannen/{plan['id']}", headers=auth(*KAMPEN_TEAM))).json()
    assert [(s["bron"], s["signaal"]) for s in read["terugvalsignalen"]] == [
        ("woningcorporatie", "huurachterstand"),
        ("nieuwe-melding", "nieuwe-melding"),
    ]


async def test_erasure_ends_the_plan_and_empties_the_worklist(housing: RunningService, auth: Any) -> None:
    made = await moved_into_kampen(housing, auth)
    plan, ready = made["plan"], made["ready"]
    erased = PersoonGewist(
        client_id=ready.client_id, traject_ids=[ready.traject_id], aanleiding="verzoek", gewist_op=datetime.now(UTC)
    )
    await deliver(housing, erased, INTAKE_SOURCE)
    read = (await housing.client.get(f"/v1/nazorgplannen/{plan['id']}", headers=auth(*KAMPEN_TEAM))).json()
    assert read["status"] == "beeindigd"
    overdue = (await housing.client.get("/v1/nazorgcontacten?status=achterstallig", headers=auth(*KAMPEN_TEAM))).json()
    assert [c for c in overdue if c["nazorgplanId"] == plan["id"]] == []
    follow_up = await housing.client.post(
        f"/v1/nazorgplannen/{plan['id']}/contacten", json={"uitkomst": "stabiel"}, headers=auth(*KAMPEN_TEAM)
    )
    assert follow_up.status_code == 409


def discharge(traject: uuid.UUID, client: uuid.UUID, kind: str, reden: str | None = None) -> Uitgestroomd:
    return Uitgestroomd(
        traject_id=traject,
        client_id=client,
        verblijf_id=uuid.uuid4(),
        voorziening_id=uuid.uuid4(),
        voorziening_type=VoorzieningType(kind),
        uitgestroomd_op=datetime(2026, 3, 31, 22, 30, tzinfo=UTC),  # 00:30 on 1 April Dutch time
        bestemming=Bestemming.eigen_woning,
        terug_naar_gemeente_van_herkomst=None,
        verblijfsduur_dagen=400,
        reden_code=reden,
    )


async def test_a_discharge_from_bw_to_an_own_home_makes_a_plan(housing: RunningService, auth: Any) -> None:
    """002 action line 4, guidance after leaving BW: a plan for the journey's responsible municipality (the event
    names no destination municipality); not after a shelter stay, nor after housing's own move-in (it has one)."""
    traject, client = uuid.uuid4(), uuid.uuid4()
    await deliver(housing, journey_report(traject, client, gemeente="GM0166"), INTAKE_SOURCE)
    await deliver(housing, discharge(traject, client, "acute-opvang"))
    await deliver(housing, discharge(traject, client, "beschermd-wonen", reden="verhuisd"))
    assert (await housing.client.get("/v1/nazorgplannen", params={"trajectId": str(traject)}, headers=auth(*CT))).json() == []
    bw = discharge(traject, client, "beschermd-wonen")
    await deliver(housing, bw)
    await deliver(housing, bw)  # redelivered: one plan
    [plan] = (await housing.client.get("/v1/nazorgplannen", params={"trajectId": str(traject)}, headers=auth(*CT))).json()
    assert (plan["bron"], plan["gemeente"], plan["woningId"]) == ("uitstroom-bw", "GM0166", None)
    assert plan["contacten"][0]["geplandOp"] == "2026-05-01"  # one month after 1 April (Dutch date of the discharge)


async def test_a_follow_up_and_its_relapse_signal_on_a_bw_discharge_plan_are_processing_logged(
    housing: RunningService, auth: Any
) -> None:
    """A plan opened by a BW discharge has no candidate: its follow-up (a change) and relapse signal (new) are logged
    through the plan's client, as on a move-in plan (review of stop 20)."""
    traject, client = uuid.uuid4(), uuid.uuid4()
    await deliver(housing, journey_report(traject, client, gemeente="GM0166"), INTAKE_SOURCE)
    await deliver(housing, discharge(traject, client, "beschermd-wonen"))
    [plan] = (await housing.client.get("/v1/nazorgplannen", params={"trajectId": str(traject)}, headers=auth(*CT))).json()
    recorded = await housing.client.post(
        f"/v1/nazorgplannen/{plan['id']}/contacten", json={"uitkomst": "terugvalrisico"}, headers=auth(*KAMPEN_TEAM)
    )
    assert recorded.status_code == 201, recorded.text
    rows = [r for r in await log_rows(housing, methode="POST") if r["route"].endswith("/contacten")]
    assert {r["handeling"] for r in rows} >= {"wijzigen", "aanmaken"}, rows
    assert len({r["betrokkene"] for r in rows}) == 1  # one client
