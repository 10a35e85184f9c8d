"""The broker-loss fault, shared by the fault test in `make test` (test_broker_data_loss.py) and `make soak`
(test_soak.py): reports are posted to intake while the in-memory broker is killed and a fresh, empty one
takes its port; then every accepted report must reach reporting, placement and housing, once, with no
operator action (docs/operations.md, "Broker data loss")."""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from journey_platform.contracts.intake import MeldingGeregistreerd
from journey_platform.devbroker import LocalBroker
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.waiting import eventually
from reporting.adapters.orm import TijdlijnItem

from .conftest import a_report

REPORTED = MeldingGeregistreerd.event_type()
# The consumer (group) of each service that applies intake's reports.
FOLLOWERS = {"reporting": "reporting", "placement": "placement", "housing": "housing"}


@dataclass
class Chain:
    intake: RunningService
    followers: dict[str, RunningService]
    accepted: set[uuid.UUID] = field(default_factory=set)  # event ids of the reports intake answered 201 to


@dataclass
class Outcome:
    accepted: int
    lost: dict[str, int]  # per following service: accepted reports it never applied
    duplicated: int  # reports applied more than once (two timeline entries in reporting)
    converged_after: float | None  # seconds from the fresh broker's start until everything arrived
    dead_lettered: int  # messages any consumer of the chain gave up on (each one an operator's redrive)


async def start_chain(start_service: Any, broker: LocalBroker) -> Chain:
    intake = await start_service("intake", broker=broker)
    followers = {name: await start_service(name, broker=broker) for name in FOLLOWERS}
    return Chain(intake, followers)


async def _reported_event_ids(intake: RunningService) -> set[uuid.UUID]:
    outbox = intake.container.tables.outbox
    async with intake.container.engine.connect() as conn:
        return set(await conn.scalars(select(outbox.c.event_id).where(outbox.c.event_type == REPORTED)))


async def _all_published(intake: RunningService) -> bool:
    """Whether the broker acknowledged every row of intake's outbox. Intake answers a report before its relay sends
    it; the first third can be in before the relay's first connection is ready (its check of the broker comes first),
    and a broker killed then loses nothing it acknowledged: there is nothing for the relay to heal."""
    outbox = intake.container.tables.outbox
    async with intake.container.engine.connect() as conn:
        return not await conn.scalar(select(func.count()).where(outbox.c.published_at.is_(None)))


async def applied(service: RunningService, consumer: str) -> set[uuid.UUID]:
    inbox = service.container.tables.inbox
    async with service.container.engine.connect() as conn:
        rows = await conn.scalars(select(inbox.c.event_id).where(inbox.c.consumer == consumer, inbox.c.event_type == REPORTED))
        return set(rows)


async def missing(chain: Chain) -> dict[str, int]:
    return {name: len(chain.accepted - await applied(chain.followers[name], consumer)) for name, consumer in FOLLOWERS.items()}


async def duplicated(chain: Chain) -> int:
    """Reports with more than one `melding-geregistreerd` entry in reporting's timeline."""
    reporting = chain.followers["reporting"]
    per_journey = (
        select(TijdlijnItem.traject_id, func.count().label("n"))
        .where(TijdlijnItem.gebeurtenis == "melding-geregistreerd")
        .group_by(TijdlijnItem.traject_id)
        .subquery()
    )
    async with reporting.container.engine.connect() as conn:
        return int(await conn.scalar(select(func.coalesce(func.sum(per_journey.c.n - 1), 0))) or 0)


async def kill_broker_mid_load(
    chain: Chain, broker: LocalBroker, headers: dict[str, str], reports: int, *, concurrency: int = 6, timeout: float = 60
) -> Outcome:
    """Post `reports` reports, `concurrency` at a time; once a third are in and the broker acknowledged them, kill
    the broker (its memory is lost); post the next third while it is away; start an empty broker on the same port;
    post the rest. Then wait (at most `timeout` seconds) until every accepted report reached every follower."""
    before = await _reported_event_ids(chain.intake)
    queue = list(range(reports))
    posted = 0
    restarted_at = 0.0
    killed = False

    async def post_one(i: int) -> None:
        nonlocal posted
        response = await chain.intake.client.post("/v1/meldingen", json=a_report(f"Fout{i}"), headers=headers)
        assert response.status_code == 201, response.text
        posted += 1

    for start in range(0, len(queue), concurrency):
        await asyncio.gather(*(post_one(i) for i in queue[start : start + concurrency]))
        if broker.running and posted >= reports // 3:
            if not killed:  # a loss of events the broker acknowledged, not of events the relay had yet to send
                await eventually(lambda: _all_published(chain.intake), timeout=timeout)
            killed = True
            await asyncio.to_thread(broker.stop)
        elif not broker.running and posted >= 2 * reports // 3:
            await asyncio.to_thread(broker.start)
            restarted_at = time.monotonic()
    if not broker.running:
        await asyncio.to_thread(broker.start)
        restarted_at = time.monotonic()

    chain.accepted |= await _reported_event_ids(chain.intake) - before
    assert len(chain.accepted - before) == reports  # one outbox row per accepted report

    deadline = time.monotonic() + timeout
    converged_after: float | None = None
    while time.monotonic() < deadline:
        if not any((await missing(chain)).values()):
            converged_after = time.monotonic() - restarted_at
            break
        await asyncio.sleep(0.2)
    services = [chain.intake, *chain.followers.values()]
    dead = sum(c.dead_lettered for s in services for c in s.container.consumers)
    return Outcome(len(chain.accepted), await missing(chain), await duplicated(chain), converged_after, dead)
