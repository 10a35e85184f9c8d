"""The webhook dispatcher backs off while nothing is delivered, never past the next retry that falls due, and a
fan-out's commit (notify) or a delivery starts it again from its poll interval (issue 18)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, cast

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from journey_platform import idle
from journey_platform.db import utcnow
from reporting.subscriptions.adapters.sealing import SecretSeal
from reporting.subscriptions.domain.delivery import RetrySchedule
from reporting.subscriptions.service_layer.dispatcher import Dispatcher

Round = tuple[list[uuid.UUID], datetime | None]


async def waits_of(
    rounds: list[Round],
    *,
    woken: frozenset[int] = frozenset(),
    delivering: frozenset[int] = frozenset(),
    monkeypatch: pytest.MonkeyPatch,
) -> list[float]:
    """The waits the dispatcher asks for while its look at the deliveries answers `rounds` one after the other;
    in the rounds in `delivering` a worker delivers something, the waits in `woken` end with a notify()."""
    dispatcher = Dispatcher(
        cast(async_sessionmaker[AsyncSession], None),
        RetrySchedule((1.0,)),
        lambda: httpx.AsyncClient(),
        seal=cast(SecretSeal, None),
        poll_interval=0.1,
        idle_max=0.8,
    )
    waits: list[float] = []
    index = -1

    async def look() -> Round:
        nonlocal index
        index += 1
        if index in delivering:
            dispatcher._delivered += 1
        return rounds[index]

    async def sleep(event: Any, seconds: float) -> bool:
        waits.append(round(seconds, 1))
        await asyncio.sleep(0)  # the workers started run (and end)
        if len(waits) == len(rounds):
            raise asyncio.CancelledError
        return len(waits) - 1 in woken

    async def drain(client: Any, abonnement_id: uuid.UUID) -> None: ...

    async def no_prune() -> None: ...

    monkeypatch.setattr(dispatcher, "_subscriptions_with_due_work", look)
    monkeypatch.setattr(idle, "wait_for", sleep)
    monkeypatch.setattr(dispatcher, "_drain", drain)
    monkeypatch.setattr(dispatcher, "_prune", no_prune)
    with pytest.raises(asyncio.CancelledError):
        await dispatcher.run()
    return waits


NOTHING: Round = ([], None)


async def test_idle_waits_double_to_the_cap_and_a_fan_out_or_a_delivery_starts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    due: Callable[[], Round] = lambda: ([uuid.uuid4()], None)  # noqa: E731
    rounds = [NOTHING] * 6 + [due()] + [NOTHING] * 3
    waits = await waits_of(rounds, woken=frozenset({8}), delivering=frozenset({6}), monkeypatch=monkeypatch)
    assert waits == [0.1, 0.2, 0.4, 0.8, 0.8, 0.8, 0.1, 0.2, 0.4, 0.1]


async def test_an_idle_wait_ends_when_the_next_retry_falls_due(monkeypatch: pytest.MonkeyPatch) -> None:
    soon = utcnow() + timedelta(seconds=0.3)
    waits = await waits_of([NOTHING] * 3 + [([], soon)] * 2, monkeypatch=monkeypatch)
    assert waits[:3] == [0.1, 0.2, 0.4] and all(wait <= 0.3 for wait in waits[3:])
