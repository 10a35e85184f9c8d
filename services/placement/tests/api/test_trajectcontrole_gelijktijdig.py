"""A discharge racing a check-in's outcome, which plans the next check-in, closes that next one too: both take the
journey's row first (check_in_end.py), so the discharge sees what the outcome committed (on PostgreSQL, where the row
lock is real)."""

import asyncio
import uuid
from typing import Any

import pytest
from sqlalchemy import text

from journey_platform.principal import OrgType, Principal
from journey_platform.testing.plugin import RunningService
from placement.adapters.unit_of_work import unit_of_work
from placement.domain.monitoring import Uitkomst
from placement.service_layer.monitoring import leg_uitkomst_vast
from placement.service_layer.plan_commands import LegUitkomstVast

from .conftest import CT
from .test_trajectcontrole_einde import check_ins, placed_in_bw

CENTRAL_ACCESS = Principal(subject="t", org_type=OrgType.centrale_toegang, org_id=CT[1], region="ijssel-vecht")


async def someone_waits_for_a_lock(placement: RunningService) -> None:
    """Until a session of this database waits for a row lock (a fresh snapshot of pg_stat_activity each look)."""
    query = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
    for _ in range(3000):
        async with placement.container.engine.connect() as conn:
            if await conn.scalar(query):
                return
        await asyncio.sleep(0.01)
    pytest.fail("the discharge never waited for the outcome's locks")


async def test_a_discharge_racing_an_outcome_closes_the_next_check_in(
    placement: RunningService, auth: Any, use_postgres: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not use_postgres:
        pytest.skip("the row lock is PostgreSQL's; SQLite serialises writers itself")
    client, stay = await placed_in_bw(placement, auth)
    [check] = await check_ins(placement, auth, client)
    at_commit, release = asyncio.Event(), asyncio.Event()
    async with unit_of_work(placement.container) as uow:
        commit = uow.commit

        async def held_commit() -> None:  # the outcome holds its locks, its next check-in written, until released
            at_commit.set()
            await release.wait()
            await commit()

        monkeypatch.setattr(uow, "commit", held_commit)
        outcome = asyncio.create_task(
            leg_uitkomst_vast(
                uuid.UUID(check["id"]),
                LegUitkomstVast(uitkomst=Uitkomst.volgens_plan),
                uow,
                CENTRAL_ACCESS,
                placement.container.extras["context"],
            )
        )
        await at_commit.wait()
        discharge = asyncio.create_task(
            placement.client.post(
                f"/v1/verblijven/{stay['id']}/uitstroom", json={"bestemming": "familie-of-vrienden"}, headers=auth(*CT)
            )
        )
        await someone_waits_for_a_lock(placement)
        release.set()
        done = await outcome
        left = await discharge
    assert left.status_code == 200, left.text
    found = {c["id"]: (c["status"], c["redenVervallen"]) for c in await check_ins(placement, auth, client)}
    assert found == {check["id"]: ("uitgevoerd", None), str(done.volgende_id): ("vervallen", "uitgestroomd")}
