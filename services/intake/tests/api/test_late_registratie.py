"""Late registration in production (docs/late-registration.md): a report and a decision registered after the day they
happened are accepted within the window with a reason, refused without one, beyond the window and in the future; the
events carry the real dates and the extension `laatgeregistreerd`, and intake's journey view shows both moments."""

import dataclasses
from datetime import datetime, timedelta
from typing import Any

from intake.service_layer.commands import dutch_today
from intake.tests_support import outbox_events
from journey_platform.backdating import LatePolicy
from journey_platform.dutch_calendar import dutch_date
from journey_platform.testing.plugin import RunningService

from .conftest import report

REASON = {"redenLateRegistratie": "melding kwam binnen via de nachtdienst"}


def _dutch_day(moment: str) -> str:
    """The Dutch day of a recorded moment (UTC in the API): between 23:00 and 00:00 UTC it is the next day's."""
    return dutch_date(datetime.fromisoformat(moment.replace("Z", "+00:00"))).isoformat()


def _day(days_ago: int) -> str:
    return (dutch_today() - timedelta(days=days_ago)).isoformat()


def _refusal(response: Any) -> list[tuple[str, str]]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


async def test_production_accepts_a_late_report_and_decision_only_with_a_reason_within_the_window(
    intake: RunningService, auth: Any
) -> None:
    context = intake.container.extras["context"]
    intake.container.extras["context"] = dataclasses.replace(context, late=LatePolicy.production())  # as in production
    ct = auth()
    post = intake.client.post
    assert _refusal(await post("/v1/meldingen", json=report(meldDatum=_day(1)), headers=ct)) == [
        ("redenLateRegistratie", "reason-required")
    ]
    assert _refusal(await post("/v1/meldingen", json=report(meldDatum=_day(31), **REASON), headers=ct)) == [
        ("meldDatum", "beyond-late-registration-window")
    ]
    assert _refusal(await post("/v1/meldingen", json=report(meldDatum=_day(-1), **REASON), headers=ct)) == [
        ("meldDatum", "future-date")
    ]
    assert await outbox_events(intake) == []

    today = await post("/v1/meldingen", json=report(meldDatum=_day(0)), headers=ct)  # today needs no reason
    assert today.status_code == 201, today.text
    created = await post("/v1/meldingen", json=report(meldDatum=_day(3), persoon={"alias": "De Fietser"}, **REASON), headers=ct)
    assert created.status_code == 201, created.text
    melding = created.json()
    assert melding["meldDatum"] == _day(3) and _dutch_day(melding["gemeldOp"]) == _day(0)

    decision = {"meldingId": melding["id"], "besluit": "geen-ondersteuning", "redenCode": "zelfredzaam"}
    without = await post("/v1/beschikkingen", json={**decision, "besluitDatum": _day(2)}, headers=ct)
    assert _refusal(without) == [("redenLateRegistratie", "reason-required")]
    decided = await post("/v1/beschikkingen", json={**decision, "besluitDatum": _day(2), **REASON}, headers=ct)
    assert decided.status_code == 201, decided.text

    events = [e for e in await outbox_events(intake) if e["subject"] == melding["trajectId"]]
    by_type = {e["type"].split(".")[-2]: e for e in events}
    gemeld, besloten = by_type["melding-geregistreerd"], by_type["beschikking-afgegeven"]
    assert gemeld["laatgeregistreerd"] is True and besloten["laatgeregistreerd"] is True
    assert gemeld["data"]["meldDatum"] == _day(3) and _dutch_day(gemeld["time"]) == _day(0)
    assert besloten["data"]["besluitDatum"] == _day(2)
    assert all("laatgeregistreerd" not in e for e in await outbox_events(intake) if e["subject"] == today.json()["trajectId"])

    journey = await intake.client.get(f"/v1/trajecten/{melding['trajectId']}", headers=ct)
    assert journey.status_code == 200, journey.text
    late = journey.json()["lateRegistraties"]
    assert [(r["veld"], r["vastgelegdDoor"], r["reden"]) for r in late] == [
        ("meldDatum", "CT-IJSSEL-VECHT", REASON["redenLateRegistratie"]),
        ("besluitDatum", "CT-IJSSEL-VECHT", REASON["redenLateRegistratie"]),
    ]
    # both moments: the day it happened (00:00 Dutch time) and today, when it was recorded
    assert late[0]["moment"] < late[0]["vastgelegdOp"] and late[0]["vastgelegdOp"][:10] in (_day(0), _day(1))
    # the journey of the report on its own day has none
    other = await intake.client.get(f"/v1/trajecten/{today.json()['trajectId']}", headers=ct)
    assert other.json()["lateRegistraties"] == []
