"""Backdated moments on offers, acceptance, move-in and the handover: accepted in test, refused in the future, and
carried by the events where reporting reads when a fact happened. Production's rules: test_late_registratie.py."""

from datetime import UTC, datetime, timedelta
from typing import Any

from housing.tests_support import INTAKE_SOURCE, consent, deliver, outbox_events, ready_to_leave
from journey_platform.testing.plugin import RunningService

from .conftest import unit

CORP = ("woningcorporatie", "dewoonplaats")
ZWOLLE = ("gemeente", "GM0193")  # responsible for the client
HARDENBERG = ("gemeente", "GM0160")  # where the home is


def _ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


async def _candidate_and_unit(housing: RunningService, auth: Any) -> tuple[str, str]:
    event = ready_to_leave(verklaard_op=_ago(120))
    await deliver(housing, event)
    # the client's consent to share with the corporation, in force since before the backdated offer
    await deliver(housing, consent(event, geldig_van=_ago(120).date()), INTAKE_SOURCE)
    home = (await housing.client.post("/v1/woningen", json=unit(begeleidingInDeBuurt=True), headers=auth(*CORP))).json()
    [kandidaat] = (await housing.client.get("/v1/kandidaten", headers=auth())).json()
    return kandidaat["id"], home["id"]


def _data(events: list[dict[str, Any]], name: str) -> dict[str, Any]:
    [found] = [e["data"] for e in events if e["type"].split(".")[-2] == name]
    data: dict[str, Any] = found
    return data


async def test_a_backdated_offer_move_in_and_handover(housing: RunningService, auth: Any) -> None:
    zwolle = auth(*ZWOLLE)
    kandidaat, woning = await _candidate_and_unit(housing, auth)
    offered = await housing.client.post(
        "/v1/aanbiedingen", json={"kandidaatId": kandidaat, "woningId": woning, "gedaanOp": _ago(30).isoformat()}, headers=zwolle
    )
    assert offered.status_code == 201, offered.text
    aanbod = offered.json()["id"]
    early = await housing.client.post(
        f"/v1/aanbiedingen/{aanbod}/acceptatie", json={"geaccepteerdOp": _ago(31).isoformat()}, headers=zwolle
    )
    assert early.status_code == 400 and early.json()["invalidParams"][0]["name"] == "geaccepteerdOp"
    accepted = await housing.client.post(
        f"/v1/aanbiedingen/{aanbod}/acceptatie", json={"geaccepteerdOp": _ago(28).isoformat()}, headers=zwolle
    )
    assert accepted.status_code == 200, accepted.text
    moved = await housing.client.post(
        f"/v1/aanbiedingen/{aanbod}/verhuizing", json={"verhuisdOp": _ago(20).isoformat()}, headers=auth(*CORP)
    )
    assert moved.status_code == 201, moved.text
    overdracht = moved.json()["id"]
    future = await housing.client.post(
        f"/v1/overdrachten/{overdracht}/bevestiging",
        json={"bevestigdOp": (datetime.now(UTC) + timedelta(days=1)).isoformat()},
        headers=auth(*HARDENBERG),
    )
    assert future.status_code == 400 and future.json()["invalidParams"][0]["code"] == "future"
    confirmed = await housing.client.post(
        f"/v1/overdrachten/{overdracht}/bevestiging", json={"bevestigdOp": _ago(15).isoformat()}, headers=auth(*HARDENBERG)
    )
    assert confirmed.status_code == 200, confirmed.text

    events = await outbox_events(housing)

    def day(days: int) -> str:
        return _ago(days).date().isoformat()

    assert _data(events, "aanbod-gedaan")["gedaanOp"][:10] == day(30)
    assert _data(events, "aanbod-geaccepteerd")["geaccepteerdOp"][:10] == day(28)
    verhuisd = _data(events, "verhuisd")
    assert verhuisd["verhuisdOp"][:10] == day(20) and verhuisd["dagenSindsUitstroomgereed"] == 100
    assert _data(events, "warme-overdracht-gestart")["gestartOp"][:10] == day(20)
    assert _data(events, "warme-overdracht-bevestigd")["bevestigdOp"][:10] == day(15)
