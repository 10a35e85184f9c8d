"""Replay rebuilds the read models from the stored history: the same journeys, timelines and indicators."""

import random
from typing import Any

import pytest

from journey_platform.testing.plugin import RunningService
from reporting.replay import replay
from reporting.tests_support import break_the_replay_at, feed, synthetic_events

CT = ("centrale-toegang", "CT-MIDDEN-IJSSEL")
PARAMS = {"peildatum": "2024-12-31", "van": "2024-01-01", "tot": "2024-12-31"}


async def snapshot(reporting: RunningService, auth: Any) -> dict[str, Any]:
    headers = auth(*CT)
    journeys = (await reporting.client.get("/v1/trajecten", headers=headers)).json()
    details = [(await reporting.client.get(f"/v1/trajecten/{j['id']}", headers=headers)).json() for j in journeys]
    indicators = (await reporting.client.get("/v1/indicatoren", params=PARAMS, headers=headers)).json()
    detail = (await reporting.client.get("/v1/indicatoren/bw-clienten", params=PARAMS, headers=headers)).json()
    return {"journeys": sorted(details, key=lambda d: d["id"]), "indicators": indicators, "detail": detail}


async def test_replay_rebuilds_identical_journeys_and_indicators(reporting: RunningService, auth: Any) -> None:
    events = synthetic_events(12, seed=5)
    random.Random(7).shuffle(events)  # arrival order differs from event order: late events everywhere
    await feed(reporting.container, events)
    before = await snapshot(reporting, auth)
    attributions = await read_model_rows(reporting)
    assert len(before["journeys"]) == 12 and any(i["waarde"] for i in before["indicators"])
    assert attributions["attributies"]
    result = await replay(reporting.container.sessionmaker)
    assert result.events == len(events) and result.journeys == 12
    assert await snapshot(reporting, auth) == before
    assert await read_model_rows(reporting) == attributions  # the indicator read models are rebuilt too


async def read_model_rows(reporting: RunningService) -> dict[str, list[Any]]:
    from sqlalchemy import select

    from reporting.adapters.orm import Gebeurtenis, TrajectAttributie

    async with reporting.container.sessionmaker() as session:
        found = await session.execute(select(TrajectAttributie.traject_id, TrajectAttributie.soort, TrajectAttributie.waarde))
        moments = await session.execute(select(Gebeurtenis.event_id, Gebeurtenis.moment))
        return {"attributies": sorted(map(tuple, found), key=str), "momenten": sorted(map(tuple, moments), key=str)}


async def test_the_replay_command_reports_what_it_rebuilt(reporting: RunningService, databases: dict[str, str]) -> None:
    import asyncio
    import sys

    await feed(reporting.container, synthetic_events(3, seed=1))
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "reporting.replay",
        "--database-url",
        databases["reporting"],
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, err.decode()
    assert out.decode().startswith("replayed 17 events into 3 journeys"), out.decode()


async def test_an_interrupted_replay_resumes_from_its_checkpoint(
    reporting: RunningService, auth: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reporting.replay as replay_module
    from reporting.adapters.orm import ReplayCheckpoint

    events = synthetic_events(12, seed=5)
    random.Random(7).shuffle(events)
    await feed(reporting.container, events)
    before = await snapshot(reporting, auth)
    sessionmaker = reporting.container.sessionmaker

    real = replay_module.write_rows
    break_the_replay_at(monkeypatch, len(events) // 2 // 10 + 1)
    with pytest.raises(ConnectionError):
        await replay(sessionmaker, checkpoints=True, batch=10)
    async with sessionmaker() as session:
        checkpoint = await session.get(ReplayCheckpoint, "read-models")
        assert checkpoint is not None and not checkpoint.voltooid
        done = checkpoint.gebeurtenissen
    assert 0 < done < len(events) and done % 10 == 0  # whole batches were committed, the broken one was not

    monkeypatch.setattr(replay_module, "write_rows", real)
    result = await replay(sessionmaker, resume=True, batch=10)
    assert result.resumed_after == done and result.events == len(events) - done and result.journeys == 12
    assert await snapshot(reporting, auth) == before
    with pytest.raises(replay_module.NothingToResume):  # finished: nothing left to resume
        await replay(sessionmaker, resume=True)


async def test_the_default_replay_is_one_transaction(
    reporting: RunningService, auth: Any, monkeypatch: pytest.MonkeyPatch
) -> None:

    await feed(reporting.container, synthetic_events(6, seed=3))
    before = await snapshot(reporting, auth)

    break_the_replay_at(monkeypatch, 2)  # the second batch fails, after the first was written
    with pytest.raises(ConnectionError):
        await replay(reporting.container.sessionmaker, batch=5)
    assert await snapshot(reporting, auth) == before  # the old read models are still there
