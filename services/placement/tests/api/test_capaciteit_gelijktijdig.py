"""Admissions racing for the last places never over-book (on PostgreSQL, where the row lock is real)."""

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select

from journey_platform.testing.plugin import RunningService
from placement.adapters.orm import Verblijf

from .conftest import admit, new_client, new_facility


async def active_stays(placement: RunningService, voorziening_id: str) -> int:
    async with placement.container.engine.connect() as conn:
        count = await conn.scalar(select(func.count()).select_from(Verblijf).where(
            Verblijf.voorziening_id == voorziening_id, Verblijf.status == "actief"))
    return int(count or 0)


@pytest.mark.parametrize(("capacity", "taken", "racers"), [(1, 0, 12), (5, 4, 15), (3, 0, 18)])
async def test_concurrent_admissions_never_exceed_capacity(placement: RunningService, auth: Any, use_postgres: bool,
                                                           capacity: int, taken: int, racers: int) -> None:
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
