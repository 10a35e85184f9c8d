"""Admissions racing for the last places never over-book (on PostgreSQL, where the row lock is real)."""

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select

from journey_platform.testing.plugin import RunningService
from placement.adapters.orm import Verblijf
from placement.tests_support import decision, deliver

from .conftest import admit, new_client, new_facility


async def active_stays(placement: RunningService, voorziening_id: str) -> int:
    async with placement.container.engine.connect() as conn:
        count = await conn.scalar(
            select(func.count())
            .select_from(Verblijf)
            .where(Verblijf.voorziening_id == voorziening_id, Verblijf.status == "actief")
        )
    return int(count or 0)


@pytest.mark.parametrize(("capacity", "taken", "racers"), [(1, 0, 12), (5, 4, 15), (3, 0, 18)])
async def test_concurrent_admissions_never_exceed_capacity(
    placement: RunningService, auth: Any, use_postgres: bool, capacity: int, taken: int, racers: int
) -> None:
    if not use_postgres:
        pytest.skip("the row lock is PostgreSQL's; SQLite serialises writers itself")
    herberg = await new_facility(placement, auth, capaciteitPlaatsen=capacity, eenpersoonskamers=0)
    for _ in range(taken):
        assert (await admit(placement, auth, await new_client(placement), herberg)).status_code == 201
    clients = [await new_client(placement) for _ in range(racers)]
    responses = await asyncio.gather(*(admit(placement, auth, c, herberg) for c in clients))
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(201) == capacity - taken, [r.text for r in responses if r.status_code not in (201, 409)]
    assert statuses.count(409) == racers - (capacity - taken)
    assert await active_stays(placement, herberg["id"]) == capacity
    refusals = (await placement.client.get("/v1/weigeringen?paginaGrootte=500", headers=auth())).json()
    assert len(refusals) == racers - (capacity - taken)


async def test_racing_decisions_and_placements_never_overfill_a_bw_location(
    placement: RunningService, auth: Any, use_postgres: bool
) -> None:
    """Decisions arriving together each try to offer the free places; direct placements race them."""
    if not use_postgres:
        pytest.skip("the row lock is PostgreSQL's; SQLite serialises writers itself")
    bw = await new_facility(
        placement, auth, naam="BW", type="beschermd-wonen", zorgaanbieder="ribw", capaciteitPlaatsen=3, eenpersoonskamers=0
    )
    joiners = [await new_client(placement) for _ in range(8)]
    direct = [await new_client(placement) for _ in range(6)]
    place = [
        placement.client.post("/v1/plaatsingen", json={"trajectId": str(c.traject_id), "voorzieningId": bw["id"]}, headers=auth())
        for c in direct
    ]
    results = await asyncio.gather(*(deliver(placement, decision(c)) for c in joiners), *place)
    placed = [r for r in results if r is not None and r.status_code == 201]
    assert all(r is None or r.status_code in (201, 409) for r in results)
    offers = [
        e for e in (await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth())).json() if e["status"] == "aanbod"
    ]
    assert await active_stays(placement, bw["id"]) == len(placed)
    assert len(placed) + len(offers) == 3
    assert len((await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=auth())).json()) == 8
