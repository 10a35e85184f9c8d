"""Check-ins end with the care (docs/episodes.md "Check-ins end with the care"; seed 003 §4.3.1): every way a client's
care ends in placement closes the open check-ins in the same transaction, with a reason, so the watcher reports
nothing overdue afterwards; a client still in care (placed, transferred, BW continuing at home, moved to the waiting
list by a provider failure) keeps them and is signalled."""

import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest

from journey_platform.contracts import housing as hv
from journey_platform.contracts import intake as iv
from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.contracts.housing import OpvangNaVerhuizing
from journey_platform.testing.plugin import RunningService
from placement.domain import stays as rules
from placement.tests_support import deliver, nl_today, outbox_events

from .conftest import CT, admit, new_client, new_facility
from .test_bewaking import watch
from .test_regionale_regels import moved, short_stay_client
from .test_uitval import place

LATER = timedelta(days=100)  # past the first check-in (planned 91 days after the placement)


def days_ahead(days: int) -> datetime:
    return datetime.combine(nl_today() + timedelta(days=days), time(12), tzinfo=rules.NL)


async def placed_in_bw(placement: RunningService, auth: Any) -> tuple[Any, dict[str, Any]]:
    bw = await new_facility(placement, auth, type="beschermd-wonen", zorgaanbieder="ribw")
    client = await new_client(placement)
    return client, await place(placement, auth, client, bw)


async def check_ins(placement: RunningService, auth: Any, client: Any) -> list[dict[str, Any]]:
    listed = await placement.client.get(f"/v1/trajectcontroles?trajectId={client.traject_id}", headers=auth(*CT))
    assert listed.status_code == 200, listed.text
    return listed.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def assert_closed(placement: RunningService, auth: Any, client: Any, reason: str) -> None:
    """Nothing overdue on the watcher's round long after; the check-in is shown closed with its reason, not deleted."""
    assert await watch(placement, days_ahead(LATER.days)) == 0
    assert await outbox_events(placement, "trajectcontrole-achterstallig") == []
    [check] = await check_ins(placement, auth, client)
    assert (check["status"], check["redenVervallen"], check["dagenAchterstallig"]) == ("vervallen", reason, 0)
    assert check["vervallenOp"] is not None and check["uitgevoerdOp"] is None


async def assert_signalled(placement: RunningService, auth: Any, client: Any) -> None:
    assert await watch(placement, days_ahead(LATER.days)) == 1
    [signal] = await outbox_events(placement, "trajectcontrole-achterstallig")
    assert signal["subject"] == str(client.traject_id)
    assert [c["status"] for c in await check_ins(placement, auth, client)] == ["gepland"]


async def test_a_client_still_placed_gets_the_overdue_signal(placement: RunningService, auth: Any) -> None:
    client, _ = await placed_in_bw(placement, auth)
    await assert_signalled(placement, auth, client)


async def test_discharge_closes_the_check_in_and_a_closed_one_takes_no_outcome(placement: RunningService, auth: Any) -> None:
    client, stay = await placed_in_bw(placement, auth)
    left = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/uitstroom",
        json={"bestemming": "familie-of-vrienden", "redenCode": "eigen-keuze"},
        headers=auth(*CT),
    )
    assert left.status_code == 200, left.text
    await assert_closed(placement, auth, client, "uitgestroomd")
    [check] = await check_ins(placement, auth, client)
    late = await placement.client.post(
        f"/v1/trajectcontroles/{check['id']}/uitkomst", json={"uitkomst": "volgens-plan"}, headers=auth(*CT)
    )
    assert late.status_code == 409 and "closed" in late.text
    worklist = await placement.client.get("/v1/trajectcontroles?achterstallig=true", headers=auth(*CT))
    assert worklist.json() == []


@pytest.mark.parametrize(
    ("after", "closes"), [(OpvangNaVerhuizing.beeindigd, True), (OpvangNaVerhuizing.bw_loopt_door_als_ambulant, False)]
)
async def test_housings_move_in_closes_the_check_in_unless_bw_continues_at_home(
    placement: RunningService, auth: Any, after: hv.OpvangNaVerhuizing, closes: bool
) -> None:
    client, _ = await placed_in_bw(placement, auth)
    await deliver(placement, moved(client, datetime.now(UTC), after))
    if closes:
        await assert_closed(placement, auth, client, "uitgestroomd")
    else:
        await assert_signalled(placement, auth, client)


async def test_a_transfer_keeps_the_check_in(placement: RunningService, auth: Any) -> None:
    """Moving to another facility in the same journey is no end of care: the decision runs on."""
    client, stay = await placed_in_bw(placement, auth)
    other = await new_facility(placement, auth, naam="Limor BW", type="beschermd-wonen", zorgaanbieder="limor")
    moved_on = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/overplaatsing",
        json={"naarVoorzieningId": other["id"], "redenCode": "passender"},
        headers=auth(*CT),
    )
    assert moved_on.status_code == 201, moved_on.text
    await assert_signalled(placement, auth, client)


async def test_a_provider_failure_to_the_waiting_list_keeps_the_check_in(placement: RunningService, auth: Any) -> None:
    client, stay = await placed_in_bw(placement, auth)
    failed = await placement.client.post(
        "/v1/uitvaloperaties", json={"voorzieningId": stay["voorzieningId"], "redenCode": "faillissement"}, headers=auth(*CT)
    )
    assert failed.status_code == 201, failed.text
    assert failed.json()["verhuizingen"][0]["naarWachtlijst"] is True
    await assert_signalled(placement, auth, client)


async def test_the_end_of_a_short_stay_closes_the_check_in_in_the_same_round(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await short_stay_client(placement)
    stay = (await admit(placement, auth, client, herberg)).json()
    planned = await placement.client.post(
        "/v1/trajectcontroles",
        json={"trajectId": str(client.traject_id), "geplandDatum": (nl_today() + timedelta(days=1)).isoformat()},
        headers=auth(*CT),
    )
    assert planned.status_code == 201, planned.text
    assert await watch(placement, datetime.fromisoformat(stay["uiterlijkTot"])) == 1  # the ending, no overdue signal
    await assert_closed(placement, auth, client, "uitgestroomd")


async def test_intakes_closure_of_the_episode_closes_the_check_in(placement: RunningService, auth: Any) -> None:
    client, _ = await placed_in_bw(placement, auth)
    await deliver(
        placement,
        iv.TrajectAfgesloten(
            traject_id=client.traject_id,
            client_id=client.client_id,
            reden_code=iv.Afsluitreden.overleden,
            afgesloten_op=datetime.now(UTC),
            verantwoordelijke_gemeente="GM0193",
        ),
    )
    await assert_closed(placement, auth, client, "traject-afgesloten")
    again = await placement.client.post(
        "/v1/trajectcontroles",
        json={"trajectId": str(client.traject_id), "geplandDatum": (nl_today() + timedelta(days=7)).isoformat()},
        headers=auth(*CT),
    )
    assert again.status_code == 409


async def test_erasure_closes_the_check_in(placement: RunningService, auth: Any) -> None:
    client, _ = await placed_in_bw(placement, auth)
    erased = PersoonGewist(
        client_id=client.client_id, traject_ids=[client.traject_id], aanleiding="verzoek", gewist_op=datetime.now(UTC)
    )
    await deliver(placement, erased)
    await assert_closed(placement, auth, client, "persoon-gewist")


async def test_a_new_placement_after_a_discharge_plans_a_new_check_in(placement: RunningService, auth: Any) -> None:
    client, stay = await placed_in_bw(placement, auth)
    await placement.client.post(
        f"/v1/verblijven/{stay['id']}/uitstroom", json={"bestemming": "familie-of-vrienden"}, headers=auth(*CT)
    )
    again = await new_facility(placement, auth, naam="RIBW 2", type="beschermd-wonen", zorgaanbieder="ribw")
    await place(placement, auth, client, again)
    assert sorted(c["status"] for c in await check_ins(placement, auth, client)) == ["gepland", "vervallen"]
    assert await watch(placement, days_ahead(LATER.days)) == 1
    assert uuid.UUID((await outbox_events(placement, "trajectcontrole-achterstallig"))[0]["subject"]) == client.traject_id
