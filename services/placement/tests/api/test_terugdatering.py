"""Backdated moments (opgenomenOp, uitgestroomdOp, ...): accepted in test, refused in the future, and carried by the
events where reporting reads when a fact happened. Production's rules: test_late_registratie.py."""

from datetime import UTC, datetime, time, timedelta
from typing import Any

from journey_platform.testing.plugin import RunningService
from placement.domain.stays import NL
from placement.tests_support import decision, deliver, nl_today, outbox_events

from .conftest import CT, admit, new_client, new_facility

PROVIDER = ("zorgaanbieder", "leger-des-heils")


def _ago(days: int) -> str:
    """Noon (Dutch time) so many days ago: placement counts days in Dutch time."""
    return datetime.combine(nl_today() - timedelta(days=days), time(12, 0), tzinfo=NL).isoformat()


async def test_a_backdated_stay_records_and_announces_its_own_moments(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth, capaciteitPlaatsen=3)
    doorstroom = await new_facility(placement, auth, naam="Doorstroomhuis", type="doorstroomvoorziening", capaciteitPlaatsen=3)
    client = await new_client(placement)
    admitted = await admit(placement, auth, client, herberg, opgenomenOp=_ago(200))
    assert admitted.status_code == 201, admitted.text
    stay = admitted.json()
    assert stay["maximumDatum"] == (nl_today() - timedelta(days=200 - 56)).isoformat()  # 8 weeks from the admission
    moved = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/overplaatsing",
        json={"naarVoorzieningId": doorstroom["id"], "redenCode": "doorstroom", "geplaatstOp": _ago(150)},
        headers=auth(*CT),
    )
    assert moved.status_code == 201, moved.text
    ready = await placement.client.post(
        f"/v1/verblijven/{moved.json()['id']}/uitstroomgereed-verklaring",
        json={"huishoudenGrootte": 1, "maxHuur": 650, "verklaardOp": _ago(60), "redenLateRegistratie": "papieren dossier"},
        headers=auth(*PROVIDER),
    )
    assert ready.status_code == 201, ready.text
    shown = await placement.client.get(f"/v1/verblijven/{moved.json()['id']}/uitstroomgereed-verklaring", headers=auth(*PROVIDER))
    assert shown.status_code == 200, shown.text
    # the free-text reason is kept with the late registration only (erased with the person), not with the wishes
    assert "papieren dossier" not in shown.text and shown.json()["woonwensen"]["maxHuur"] == 650
    left = await placement.client.post(
        f"/v1/verblijven/{moved.json()['id']}/uitstroom",
        json={"bestemming": "eigen-woning", "uitgestroomdOp": _ago(10)},
        headers=auth(*PROVIDER),
    )
    assert left.status_code == 200, left.text

    [opname] = await outbox_events(placement, "opname-geregistreerd")
    [plaatsing] = await outbox_events(placement, "plaatsing-gerealiseerd")
    [gereed] = await outbox_events(placement, "uitstroomgereed-verklaard")
    outflows = await outbox_events(placement, "uitgestroomd")
    assert opname["data"]["opgenomenOp"][:10] == _ago(200)[:10]
    assert plaatsing["data"]["geplaatstOp"][:10] == _ago(150)[:10]
    assert gereed["data"]["verklaardOp"][:10] == _ago(60)[:10]
    assert [o["data"]["uitgestroomdOp"][:10] for o in outflows] == [_ago(10)[:10]]
    assert outflows[0]["data"]["verblijfsduurDagen"] == 140


async def test_a_backdated_moment_in_the_future_or_before_the_stay_is_refused(placement: RunningService, auth: Any) -> None:
    herberg = await new_facility(placement, auth)
    client = await new_client(placement)
    future = await admit(placement, auth, client, herberg, opgenomenOp=(datetime.now(UTC) + timedelta(days=2)).isoformat())
    assert future.status_code == 400
    assert future.headers["content-type"].startswith("application/problem+json")
    assert [(p["name"], p["code"]) for p in future.json()["invalidParams"]] == [("opgenomenOp", "future")]
    stay = (await admit(placement, auth, client, herberg, opgenomenOp=_ago(30))).json()
    early = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/uitstroom",
        json={"bestemming": "onbekend-of-straat", "uitgestroomdOp": _ago(40)},
        headers=auth(*CT),
    )
    assert early.status_code == 400
    assert [(p["name"], p["code"]) for p in early.json()["invalidParams"]] == [("uitgestroomdOp", "too-early")]
    assert await outbox_events(placement, "uitgestroomd") == []


async def test_a_decision_recorded_late_joins_the_list_on_its_own_day(placement: RunningService, auth: Any) -> None:
    client = await new_client(placement)
    await deliver(placement, decision(client, besluit_datum=nl_today() - timedelta(days=280)))
    [joined] = await outbox_events(placement, "aangemeld-op-wachtlijst")
    assert joined["data"]["aangemeldOp"][:10] == (nl_today() - timedelta(days=280)).isoformat()
    bw = await new_facility(placement, auth, naam="BW Zwolle", type="beschermd-wonen", zorgaanbieder="ribw", capaciteitPlaatsen=1)
    [entry] = (await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth(*CT))).json()
    placed = await placement.client.post(
        "/v1/plaatsingen", json={"wachtlijstAanmeldingId": entry["id"], "geplaatstOp": _ago(5)}, headers=auth(*CT)
    )
    assert placed.status_code == 201, placed.text
    assert placed.json()["voorzieningId"] == bw["id"]
    [left] = await outbox_events(placement, "wachtlijst-verlaten")
    assert left["data"]["verlatenOp"][:10] == _ago(5)[:10] and left["data"]["wachttijdDagen"] == 275
