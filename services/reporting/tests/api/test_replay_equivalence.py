"""The bulk replay (reporting/replay.py: the history folded in memory, service_layer/bulk_fold.py, and written by COPY
or multi-row INSERT, adapters/bulk.py) writes exactly the rows the live projection wrote: every journey, timeline
row, provider link and attribution, and every event's moment, for a generated history (several regions, late
events) projected event by event as the consumer does, on PostgreSQL and on SQLite; in one transaction, with a
commit per batch, and resumed after an interruption.
"""

import itertools
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, select

from journey_platform.db import make_engine, make_sessionmaker
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.testing.databases import create_service_database, drop_service_database
from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject, TrajectAttributie, TrajectZorgaanbieder, messaging
from reporting.domain.journey import KEEPS_PHASE, event_name
from reporting.replay import replay
from reporting.service_layer.projector import project_event
from reporting.testing.history_generator import generate
from reporting.tests_support import break_the_replay_at, synthetic_events

SERVICE_DIR = Path(__file__).resolve().parents[2]
SOURCE = "urn:nld:oin:00000001003214345000:systeem:reporting"
TABLES: list[Table] = [m.__table__ for m in (Traject, TijdlijnItem, TrajectZorgaanbieder, TrajectAttributie)]  # type: ignore[misc]  # mapped classes' tables


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def database(request: pytest.FixtureRequest, use_postgres: bool, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database of its own (the session's reporting database may be in use by the test's app)."""
    if request.param == "postgresql" and not use_postgres:
        pytest.skip("no PostgreSQL reachable")
    url = create_service_database(
        "reporting_replay_equivalence", SERVICE_DIR, tmp_path_factory.mktemp("replay"), request.param == "postgresql"
    )
    yield url
    drop_service_database(url)


@pytest.fixture(scope="module")
async def projected(database: str) -> AsyncIterator[Any]:
    """A generated history projected live, event by event, in the order recorded (each test leaves the rows as
    they were: a replay rewrites them)."""
    engine = make_engine(database)
    sessionmaker = make_sessionmaker(engine)
    events = generate(1200, seed=21, region_count=2, late_share=0.2)
    for event in events:
        async with UnitOfWork(sessionmaker, messaging, SOURCE) as uow:
            await project_event(event, uow)
            await uow.commit()
    try:
        yield sessionmaker
    finally:
        await engine.dispose()


async def rows(sessionmaker: Any) -> dict[str, list[Any]]:
    """Every row of the read models, and every event's moment, in a fixed order."""
    found: dict[str, list[Any]] = {}
    async with sessionmaker() as session:
        for table in TABLES:
            found[table.name] = sorted((tuple(r) for r in await session.execute(select(table))), key=_order)
        moments = await session.execute(select(Gebeurtenis.event_id, Gebeurtenis.moment))
        found["momenten"] = sorted(map(tuple, moments), key=_order)
    return found


def _order(row: tuple[Any, ...]) -> str:
    return repr([str(v) if isinstance(v, uuid.UUID) else v for v in row])


async def test_the_bulk_replay_writes_the_rows_of_the_live_projection(projected: Any) -> None:
    live = await rows(projected)
    assert len(live["trajecten"]) > 50 and len(live["tijdlijn"]) > 1000 and live["traject_attributies"]
    actor = TijdlijnItem.__table__.columns.keys().index("actor")
    assert any(r[actor] for r in live["tijdlijn"]) and live["traject_zorgaanbieders"]  # the fold's outcomes too

    result = await replay(projected)
    assert result.events == len(live["momenten"]) and result.journeys == len(live["trajecten"])
    assert await rows(projected) == live

    await replay(projected, checkpoints=True, batch=97)
    assert await rows(projected) == live


async def test_a_resumed_bulk_replay_writes_the_same_rows(projected: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import reporting.replay as replay_module

    live = await rows(projected)
    real = replay_module.write_rows
    break_the_replay_at(monkeypatch, 7)
    with pytest.raises(ConnectionError):
        await replay(projected, checkpoints=True, batch=101)
    monkeypatch.setattr(replay_module, "write_rows", real)
    result = await replay(projected, resume=True, batch=101)
    assert result.resumed_after == 6 * 101
    assert await rows(projected) == live


async def test_journeys_that_open_without_a_phase_or_have_events_at_one_moment(projected: Any) -> None:
    """The projector's two ways of folding (module docstring of bulk_fold): a journey whose first event starts no
    phase (its row opens in `gemeld`, the fresh fold has none) and events at the same moment (the second is late:
    the projector folds the journey again), fed live in journey order, as the replay reads them."""
    events = synthetic_events(6, seed=11)
    assert any(a.subject == b.subject and a.time == b.time for a, b in itertools.pairwise(events))
    keeps = [e for e in generate(300, seed=4) if e.subject and event_name(e.type) in KEEPS_PHASE]
    for event in keeps[:5]:
        journey, report = str(uuid.uuid4()), next(e for e in events if event_name(e.type) == "melding-geregistreerd")
        later = {
            "subject": journey,
            "time": event.time + timedelta(days=1),
            "data": {**report.data, "clientId": event.data["clientId"]},
        }
        events += [
            event.model_copy(update={"id": uuid.uuid4(), "subject": journey}),
            report.model_copy(update={"id": uuid.uuid4(), **later}),
        ]
    for event in sorted(events, key=lambda e: (e.time, e.journey_sequence or 0, str(e.id))):
        async with UnitOfWork(projected, messaging, SOURCE) as uow:
            await project_event(event, uow)
            await uow.commit()
    live = await rows(projected)
    await replay(projected)
    assert await rows(projected) == live
