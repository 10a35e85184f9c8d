"""Placement's own projection of intake's events, and what follows from them."""

from datetime import timedelta
from typing import Any

from journey_platform.contracts import intake as iv
from journey_platform.testing.plugin import RunningService
from placement.tests_support import decision, deliver, outbox_events

from .conftest import CT, admit, new_client, new_facility


async def test_short_stay_granted_after_admission_turns_the_stay_into_one(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await new_client(placement, herkomst="GM0150")
    stay = (await admit(placement, auth, client, herberg)).json()
    assert stay["kortVerblijfBuitenRegio"] is False and stay["maximumDatum"]
    await deliver(
        placement,
        iv.KortVerblijfToegekend(
            traject_id=client.traject_id,
            client_id=client.client_id,
            melding_id=client.melding_id,
            gemeente_melding="GM0193",
            regio_melding="ijssel-vecht",
            gemeente_van_herkomst="GM0150",
            regio_van_herkomst="midden-ijssel",
            nachten=2,
            dagen=3,
            eindigt_op=client.gemeld_op + timedelta(days=2),
        ),
    )
    now = (await placement.client.get(f"/v1/verblijven/{stay['id']}", headers=auth(*CT))).json()
    assert now["kortVerblijfBuitenRegio"] is True and now["maximumDatum"] is None


async def test_closed_report_takes_the_client_off_the_list_and_the_offer_moves_on(placement: RunningService, auth: Any) -> None:
    first, second = await new_client(placement), await new_client(placement)
    await deliver(placement, decision(first, urgent=True))
    await deliver(placement, decision(second))
    await new_facility(placement, auth, type="beschermd-wonen", zorgaanbieder="ribw", capaciteitPlaatsen=1)
    await deliver(
        placement,
        iv.MeldingAfgesloten(
            traject_id=first.traject_id,
            client_id=first.client_id,
            melding_id=first.melding_id,
            reden_code="persoon-vertrokken",
            zonder_vervolg=True,
        ),
    )
    entries = (await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth(*CT))).json()
    assert [(e["trajectId"], e["status"]) for e in entries] == [(str(second.traject_id), "aanbod")]
    assert (await outbox_events(placement, "wachtlijst-verlaten"))[0]["data"]["redenCode"] == "melding-afgesloten"


async def test_a_decision_while_already_placed_does_not_join_again(placement: RunningService, auth: Any) -> None:
    bw = await new_facility(placement, auth, type="beschermd-wonen", zorgaanbieder="ribw")
    client = await new_client(placement)
    await placement.client.post(
        "/v1/plaatsingen", json={"trajectId": str(client.traject_id), "voorzieningId": bw["id"]}, headers=auth(*CT)
    )
    await deliver(placement, decision(client))  # an extension
    assert (await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth(*CT))).json() == []


async def test_a_new_responsible_municipality_moves_the_place_on_the_list(placement: RunningService, auth: Any) -> None:
    client = await new_client(placement, gemeente="GM0193")
    await deliver(placement, decision(client))
    await deliver(
        placement,
        iv.VerantwoordelijkeGemeenteGewijzigd(
            traject_id=client.traject_id,
            client_id=client.client_id,
            van_gemeente="GM0193",
            naar_gemeente="GM0150",
            regio="midden-ijssel",
        ),
    )
    assert (await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth(*CT))).json() == []
    theirs = (
        await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))
    ).json()
    assert [e["gemeente"] for e in theirs] == ["GM0150"]
