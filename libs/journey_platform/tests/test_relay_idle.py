"""The relay backs off while idle (no tight polling with no traffic) and a commit wakes it at once (issue 18)."""

from __future__ import annotations

from typing import Any, cast

import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy.ext.asyncio import AsyncEngine

from journey_platform import idle
from journey_platform.db import new_metadata
from journey_platform.messaging.relay import OutboxRelay
from journey_platform.messaging.tables import MessagingTables


def relay(**options: Any) -> OutboxRelay:
    async def no_topics(topics: list[str]) -> None: ...

    engine = cast(AsyncEngine, None)  # publish_batch is replaced: the database is not asked
    return OutboxRelay(engine, MessagingTables(new_metadata()), lambda: cast(AIOKafkaProducer, None), no_topics, **options)


async def waits_of(subject: OutboxRelay, published: list[int], woken: set[int], monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits the relay asks for while publish_batch returns `published` one after the other (then it is stopped,
    and waits once more: a stop's wake-up ends that wait at once); the waits whose index is in `woken` end with a
    notify()."""
    waits: list[float] = []

    async def batch(producer: Any) -> int:
        if not published:
            subject.stop()
            return 0
        return published.pop(0)

    async def idle_wait(event: Any, seconds: float) -> bool:
        waits.append(round(seconds, 3))
        return len(waits) - 1 in woken

    async def healthy(producer: Any, probe: Any) -> bool:
        return False

    monkeypatch.setattr(subject, "publish_batch", batch)
    monkeypatch.setattr(idle, "wait_for", idle_wait)
    monkeypatch.setattr(subject, "heal_if_broker_lost_data", healthy)
    monkeypatch.setattr(subject, "prune", lambda: _zero())
    await subject._publish_until_failure(cast(AIOKafkaProducer, None), None)
    return waits


async def _zero() -> int:
    return 0


async def test_idle_waits_double_up_to_the_cap_and_work_or_a_wake_starts_them_again(monkeypatch: pytest.MonkeyPatch) -> None:
    subject = relay(poll_interval=0.05, idle_max=0.4, broker_check_seconds=3600)
    # idle ×5, one row, idle ×4 (the second is woken by a commit), then the round in which it is stopped
    waits = await waits_of(subject, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0], {6}, monkeypatch)
    assert waits == [0.05, 0.1, 0.2, 0.4, 0.4, 0.05, 0.1, 0.05, 0.1, 0.2]


async def test_without_a_cap_above_the_poll_interval_it_polls_at_a_fixed_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    subject = relay(poll_interval=0.05, broker_check_seconds=3600)  # idle_max defaults to the poll interval
    assert await waits_of(subject, [0, 0, 0, 0], set(), monkeypatch) == [0.05] * 5


async def test_an_idle_wait_never_passes_the_next_broker_check(monkeypatch: pytest.MonkeyPatch) -> None:
    subject = relay(poll_interval=0.05, idle_max=3600.0, broker_check_seconds=0.3)
    waits = await waits_of(subject, [0] * 8, set(), monkeypatch)
    assert all(wait <= 0.3 for wait in waits) and waits[:3] == [0.05, 0.1, 0.2]
