"""Late registration in production (docs/late-registration.md): an offer, its acceptance and a move-in registered
after the fact are accepted within the window with a reason, refused without one, beyond the window and in the
future; the events carry the real moments and the extension `laatgeregistreerd`, and housing keeps who and why."""

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from housing.adapters.orm import messaging
from housing.tests_support import outbox_events
from journey_platform.testing.plugin import RunningService

from .test_terugdatering import CORP, ZWOLLE, _candidate_and_unit

REASON = {"redenLateRegistratie": "ingevoerd na een storing van het systeem"}


def _ago(days: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat()


def _refusal(response: Any) -> list[tuple[str, str]]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


def _in_production(housing: RunningService) -> None:
    context = housing.container.extras["context"]
    production = context.settings.model_copy(update={"environment": "production"})
    housing.container.extras["context"] = dataclasses.replace(context, settings=production)  # as built for production


async def test_production_accepts_a_late_offer_and_move_in_only_with_a_reason_within_the_window(
    housing: RunningService, auth: Any
) -> None:
    kandidaat, woning = await _candidate_and_unit(housing, auth)
    _in_production(housing)
    body = {"kandidaatId": kandidaat, "woningId": woning}
    post = housing.client.post
    without = await post("/v1/aanbiedingen", json={**body, "gedaanOp": _ago(3)}, headers=auth(*ZWOLLE))
    assert _refusal(without) == [("redenLateRegistratie", "reason-required")]
    beyond = await post("/v1/aanbiedingen", json={**body, "gedaanOp": _ago(31), **REASON}, headers=auth(*ZWOLLE))
    assert _refusal(beyond) == [("gedaanOp", "beyond-late-registration-window")]
    future = await post("/v1/aanbiedingen", json={**body, "gedaanOp": _ago(-1), **REASON}, headers=auth(*ZWOLLE))
    assert _refusal(future) == [("gedaanOp", "future")]
    assert all("aanbod-gedaan" not in e["type"] for e in await outbox_events(housing))

    offered = await post("/v1/aanbiedingen", json={**body, "gedaanOp": _ago(3), **REASON}, headers=auth(*ZWOLLE))
    assert offered.status_code == 201, offered.text
    aanbod = offered.json()["id"]
    accepted = await post(
        f"/v1/aanbiedingen/{aanbod}/acceptatie", json={"geaccepteerdOp": _ago(2), **REASON}, headers=auth(*ZWOLLE)
    )
    assert accepted.status_code == 200, accepted.text
    moved_without = await post(f"/v1/aanbiedingen/{aanbod}/verhuizing", json={"verhuisdOp": _ago(1)}, headers=auth(*CORP))
    assert _refusal(moved_without) == [("redenLateRegistratie", "reason-required")]
    moved = await post(f"/v1/aanbiedingen/{aanbod}/verhuizing", json={"verhuisdOp": _ago(1), **REASON}, headers=auth(*CORP))
    assert moved.status_code == 201, moved.text

    events = {e["type"].split(".")[-2]: e for e in await outbox_events(housing)}
    gedaan, verhuisd = events["aanbod-gedaan"], events["verhuisd"]
    assert gedaan["laatgeregistreerd"] is True and verhuisd["laatgeregistreerd"] is True
    # when it happened (payload) and when it was recorded (CloudEvents time) differ by the late days
    assert gedaan["data"]["gedaanOp"][:10] == _ago(3)[:10] and gedaan["time"][:10] == _ago(0)[:10]
    assert verhuisd["data"]["verhuisdOp"][:10] == _ago(1)[:10]
    # in production the local team hears of a late move-in now: the handover starts when it is recorded
    assert events["warme-overdracht-gestart"]["data"]["gestartOp"][:10] == _ago(0)[:10]
    async with housing.container.engine.connect() as conn:
        table = messaging.late_registrations
        assert table is not None
        rows = (await conn.execute(select(table).order_by(table.c.vastgelegd_op))).mappings().all()
    assert [(r["veld"], r["vastgelegd_door"], r["reden"], r["geimporteerd"]) for r in rows] == [
        ("gedaanOp", "GM0193", REASON["redenLateRegistratie"], False),
        ("geaccepteerdOp", "GM0193", REASON["redenLateRegistratie"], False),
        ("verhuisdOp", "dewoonplaats", REASON["redenLateRegistratie"], False),
    ]
    assert all(str(r["traject_id"]) == gedaan["subject"] for r in rows)


async def test_production_takes_a_moment_within_the_tolerance_without_a_reason(housing: RunningService, auth: Any) -> None:
    kandidaat, woning = await _candidate_and_unit(housing, auth)
    _in_production(housing)
    body = {"kandidaatId": kandidaat, "woningId": woning, "gedaanOp": _ago(20 / (24 * 60))}  # 20 minutes ago
    offered = await housing.client.post("/v1/aanbiedingen", json=body, headers=auth(*ZWOLLE))
    assert offered.status_code == 201, offered.text
    [gedaan] = [e for e in await outbox_events(housing) if "aanbod-gedaan" in e["type"]]
    assert "laatgeregistreerd" not in gedaan
