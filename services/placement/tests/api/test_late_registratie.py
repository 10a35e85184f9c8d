"""Late registration in production (docs/late-registration.md): a night-time admission and a departure registered
afterwards are accepted within the window with a reason, refused without one, beyond the window and in the future;
the events carry the real moments and the extension `laatgeregistreerd`, and placement keeps who and why."""

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from journey_platform.backdating import LatePolicy
from journey_platform.testing.plugin import RunningService
from placement.tests_support import outbox_events

from .conftest import CT, admit, new_client, new_facility

REASON = {"redenLateRegistratie": "nachtopname, vastgelegd bij de ochtenddienst"}


def _ago(hours: float) -> str:
    return (datetime.now(UTC) - timedelta(hours=hours)).isoformat()


def _refusal(response: Any) -> list[tuple[str, str]]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


async def test_production_accepts_a_late_admission_and_departure_only_with_a_reason_within_the_window(
    placement: RunningService, auth: Any
) -> None:
    context = placement.container.extras["context"]
    placement.container.extras["context"] = dataclasses.replace(context, late=LatePolicy.production())  # as in production
    herberg = await new_facility(placement, auth)
    client = await new_client(placement)

    assert _refusal(await admit(placement, auth, client, herberg, opgenomenOp=_ago(9))) == [
        ("redenLateRegistratie", "reason-required")
    ]
    beyond = await admit(placement, auth, client, herberg, opgenomenOp=_ago(31 * 24), **REASON)
    assert _refusal(beyond) == [("opgenomenOp", "beyond-late-registration-window")]
    future = await admit(placement, auth, client, herberg, opgenomenOp=_ago(-2), **REASON)
    assert _refusal(future) == [("opgenomenOp", "future")]
    assert await outbox_events(placement, "opname-geregistreerd") == []

    admitted = await admit(placement, auth, client, herberg, opgenomenOp=_ago(9), **REASON)
    assert admitted.status_code == 201, admitted.text
    stay = admitted.json()
    left_without = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/uitstroom",
        json={"bestemming": "onbekend-of-straat", "uitgestroomdOp": _ago(2)},
        headers=auth(*CT),
    )
    assert _refusal(left_without) == [("redenLateRegistratie", "reason-required")]
    left = await placement.client.post(
        f"/v1/verblijven/{stay['id']}/uitstroom",
        json={"bestemming": "onbekend-of-straat", "uitgestroomdOp": _ago(2), **REASON},
        headers=auth(*CT),
    )
    assert left.status_code == 200, left.text

    [opname] = await outbox_events(placement, "opname-geregistreerd")
    [uitgestroomd] = await outbox_events(placement, "uitgestroomd")
    assert opname["laatgeregistreerd"] is True and uitgestroomd["laatgeregistreerd"] is True
    assert opname["data"]["opgenomenOp"][:16] == _ago(9)[:16]  # the night, not the morning it was recorded
    assert datetime.fromisoformat(opname["time"]) - datetime.fromisoformat(opname["data"]["opgenomenOp"]) > timedelta(hours=8)
    table = placement.container.tables.late_registrations
    assert table is not None
    async with placement.container.engine.connect() as conn:
        rows = (await conn.execute(select(table).order_by(table.c.vastgelegd_op))).mappings().all()
    assert [(r["veld"], r["vastgelegd_door"], r["reden"], str(r["traject_id"])) for r in rows] == [
        ("opgenomenOp", CT[1], REASON["redenLateRegistratie"], str(client.traject_id)),
        ("uitgestroomdOp", CT[1], REASON["redenLateRegistratie"], str(client.traject_id)),
    ]
