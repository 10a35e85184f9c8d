"""Issue 15 item 5: a consumer-group member restarted while the group rebalances. Two reporting replicas share the
group; while reports flow, a third joins (a rebalance) and, in the middle of it, the second's Kafka client is torn
down under it (the member drops out and comes back). Every accepted report reaches reporting exactly once."""

from __future__ import annotations

import asyncio
import functools
from typing import Any

import pytest
from sqlalchemy import func, select

from journey_platform.devbroker import LocalBroker
from journey_platform.testing.waiting import eventually
from reporting.adapters.orm import Gebeurtenis

from .conftest import a_report, journey_of

pytestmark = [pytest.mark.e2e, pytest.mark.fault]
REPORTS = 45


async def test_a_member_restarted_during_a_rebalance_loses_and_doubles_nothing(
    broker: LocalBroker, start_service: Any, auth: Any
) -> None:
    intake = await start_service("intake", broker=broker)
    first = await start_service("reporting", broker=broker)
    second = await start_service("reporting", broker=broker)
    member = next(c for c in second.container.consumers if c.name == "reporting")

    async def both_assigned() -> bool:
        consumers = [next(c for c in s.container.consumers if c.name == "reporting") for s in (first, second)]
        return all(c._kafka is not None and c._kafka.assignment() for c in consumers)

    await eventually(both_assigned, timeout=60)
    headers = auth()

    async def post(i: int) -> dict[str, Any]:
        response = await intake.client.post("/v1/meldingen", json=a_report(f"Herbalans{i}"), headers=headers)
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]  # httpx's json() is Any

    created = [await post(i) for i in range(REPORTS // 3)]
    joining = asyncio.create_task(start_service("reporting", broker=broker))  # a third member: the group rebalances
    await asyncio.sleep(0.5)
    kafka = member._kafka
    assert kafka is not None
    await kafka.stop()  # the member's client torn down mid-rebalance: it reconnects and rejoins by itself
    created += [await post(i) for i in range(REPORTS // 3, REPORTS)]
    third = await joining

    for report in created:
        await eventually(functools.partial(journey_of, first.client, report["trajectId"], headers), timeout=90)

    async with first.container.engine.connect() as conn:
        stored = await conn.scalar(
            select(func.count())
            .select_from(Gebeurtenis)
            .where(Gebeurtenis.event_type.like("%melding-geregistreerd%"))
            .where(Gebeurtenis.traject_id.in_([r["trajectId"] for r in created]))
        )
    assert stored == REPORTS  # each report once: redelivery after the rebalance was absorbed by the inbox
    for service in (first, second, third):
        assert (await service.client.get("/readyz")).status_code == 200
    assert member.connected or await eventually(lambda: asyncio.sleep(0, result=member.connected), timeout=30)
