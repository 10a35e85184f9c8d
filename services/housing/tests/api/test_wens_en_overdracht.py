"""The client's wish comes first in matching (issue 14 item 4), the handover compares the new home with where each
item ran (item 5), and the move-in says what happens to the shelter stay (issue 13 item 5)."""

from typing import Any

from housing.tests_support import deliver_ready, outbox_events, ready_to_leave
from journey_platform.testing.plugin import RunningService

from .conftest import unit

CORP = ("woningcorporatie", "dewoonplaats")
KAMPEN, ZWOLLE = "GM0166", "GM0193"


async def offer_and_accept(housing: RunningService, auth: Any, coordinator: tuple[str, str]) -> dict[str, Any]:
    assert (await housing.client.post("/v1/matchingrondes", headers=auth())).status_code == 201
    [voorstel] = (await housing.client.get("/v1/voorstellen", params={"status": "voorgesteld"}, headers=auth())).json()
    aanbod = (
        await housing.client.post("/v1/aanbiedingen", json={"voorstelId": voorstel["id"]}, headers=auth(*coordinator))
    ).json()
    accepted = await housing.client.post(f"/v1/aanbiedingen/{aanbod['id']}/acceptatie", headers=auth(*coordinator))
    assert accepted.status_code == 200, accepted.text
    return voorstel  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def test_a_kampen_resident_who_asks_for_zwolle_is_proposed_zwolle(housing: RunningService, auth: Any) -> None:
    await deliver_ready(
        housing,
        ready_to_leave(gemeente_van_herkomst=KAMPEN, verantwoordelijke_gemeente=KAMPEN, gemeente_voorkeuren=[ZWOLLE]),
    )
    kampen = (await housing.client.post("/v1/woningen", json=unit(gemeente=KAMPEN), headers=auth(*CORP))).json()
    zwolle = (await housing.client.post("/v1/woningen", json=unit(gemeente=ZWOLLE), headers=auth(*CORP))).json()
    assert (await housing.client.post("/v1/matchingrondes", headers=auth())).status_code == 201
    [voorstel] = (await housing.client.get("/v1/voorstellen", params={"status": "voorgesteld"}, headers=auth())).json()
    assert voorstel["woningId"] == zwolle["id"] != kampen["id"]
    assert voorstel["uitleg"]["eersteOverweging"] == "the client's own wish came first: preference 1 of 1"
    assert voorstel["uitleg"]["scoreOpbouw"]["herkomst"] == 0.0


async def test_handover_lists_what_ran_elsewhere_and_bw_continues_as_ambulant(housing: RunningService, auth: Any) -> None:
    """001 §5.2: a Kampen resident leaves the Zwolle shelter for a home in Kampen; his benefit and debt counselling
    ran in Zwolle, so Kampen's local team must re-arrange both, although Kampen is responsible."""
    await deliver_ready(
        housing,
        ready_to_leave(
            gemeente_van_herkomst=KAMPEN,
            verantwoordelijke_gemeente=KAMPEN,
            gemeente_voorkeuren=[],
            uitkering_gemeente=ZWOLLE,
            schuldhulpverlening_gemeente=ZWOLLE,
            inschrijving_gemeente=ZWOLLE,
        ),
    )
    await housing.client.post("/v1/woningen", json=unit(gemeente=KAMPEN, gemeubileerd=True), headers=auth(*CORP))
    voorstel = await offer_and_accept(housing, auth, ("gemeente", KAMPEN))
    assert voorstel["uitleg"]["eersteOverweging"] == "the municipality of origin came first: the client stated no preference"
    [aanbod] = (await housing.client.get("/v1/aanbiedingen", headers=auth(*CORP))).json()
    moved = await housing.client.post(
        f"/v1/aanbiedingen/{aanbod['id']}/verhuizing", json={"bwLooptDoorAlsAmbulant": True}, headers=auth(*CORP)
    )
    assert moved.status_code == 201, moved.text
    overdracht = moved.json()
    assert (overdracht["gemeente"], overdracht["vorigeGemeente"]) == (KAMPEN, KAMPEN)
    assert overdracht["teRegelen"] == ["inschrijving", "inkomen", "schuldhulpverlening"]
    assert overdracht["opvangNaVerhuizing"] == "bw-loopt-door-als-ambulant"
    events = {e["type"].split(".")[-2]: e["data"] for e in await outbox_events(housing)}
    assert events["verhuisd"]["opvangNaVerhuizing"] == "bw-loopt-door-als-ambulant"
    assert events["warme-overdracht-gestart"]["teRegelen"] == ["inschrijving", "inkomen", "schuldhulpverlening"]
