"""Delivers waiting deliveries: per subscription one worker at a time, per client in order.

The scheduler only starts workers and never awaits one, so a slow or failing subscriber delays nobody
else. A worker sends, per client key, the oldest waiting delivery (the head) once it is due; a failure
postpones that head by the retry schedule, and with it that client's later events, while other clients'
events go on. After the last retry the delivery is parked (failed) and the client's next event follows.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
import zlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import case, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from journey_platform.db import utcnow
from journey_platform.idle import IdleBackoff
from reporting.subscriptions.adapters.orm import Abonnement, Aflevering, PubliekeGebeurtenis
from reporting.subscriptions.adapters.sealing import SecretSeal
from reporting.subscriptions.adapters.webhooks import Outcome, post_event
from reporting.subscriptions.domain.delivery import RetrySchedule, Status
from reporting.subscriptions.service_layer.retention import prune

log = logging.getLogger(__name__)

_LOCK_SPACE = 0x77656268  # advisory lock namespace of delivery workers
_PRUNE_EVERY_SECONDS = 600


class Dispatcher:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        schedule: RetrySchedule,
        client_factory: Callable[[], httpx.AsyncClient],
        *,
        seal: SecretSeal,
        poll_interval: float = 0.1,
        idle_max: float | None = None,
        batch_size: int = 50,
        keep: timedelta = timedelta(days=7),
    ) -> None:
        self._sessionmaker = sessionmaker
        self._schedule = schedule
        self._client_factory = client_factory
        self._seal = seal
        self._poll_interval = poll_interval
        self._idle = IdleBackoff(poll_interval, idle_max)
        self._delivered = 0  # deliveries sent (whatever their outcome), by every worker
        self._batch_size = batch_size
        self._keep = keep
        self._workers: dict[uuid.UUID, asyncio.Task[None]] = {}

    def notify(self) -> None:
        """Called after a commit in this process that may have made deliveries (a fan-out): look at once."""
        self._idle.notify()

    async def run(self) -> None:
        """Start a worker for every subscription with due work. While nothing is delivered the look is repeated after
        `poll_interval`, doubling up to `idle_max` (no tight polling with no traffic), but never later than the next
        retry that falls due; a `notify()` ends the wait at once, and a round in which something was delivered
        starts again from `poll_interval`."""
        async with self._client_factory() as client:
            try:
                next_prune = 0.0
                delivered = self._delivered
                while True:
                    if time.monotonic() >= next_prune:
                        await self._prune()
                        next_prune = time.monotonic() + _PRUNE_EVERY_SECONDS
                    due, next_due = await self._subscriptions_with_due_work()
                    for abonnement_id in due:
                        worker = self._workers.get(abonnement_id)
                        if worker is None or worker.done():
                            self._workers[abonnement_id] = asyncio.create_task(self._drain(client, abonnement_id))
                    if self._delivered != delivered or any(not w.done() for w in self._workers.values()):
                        self._idle.worked()
                    delivered = self._delivered
                    await self._sleep(None if next_due is None else (next_due - utcnow()).total_seconds())
            finally:
                for worker in self._workers.values():
                    worker.cancel()
                await asyncio.gather(*self._workers.values(), return_exceptions=True)

    async def _sleep(self, limit: float | None) -> bool:
        """The idle back-off's wait, at most `limit` seconds (until the next retry falls due); whether notified. Looks
        stay at least `poll_interval` apart, also when commits notify it many times a second (as the fixed poll was)."""
        started = time.monotonic()
        woken = await self._idle.wait(limit)
        if woken:
            await asyncio.sleep(max(self._poll_interval - (time.monotonic() - started), 0.0))
        return woken

    async def _prune(self) -> None:
        try:
            await prune(self._sessionmaker, utcnow(), self._keep)
        except Exception as exc:  # never stops delivery; the next round tries again
            log.warning("dispatcher could not prune old deliveries: %s", exc)

    async def _subscriptions_with_due_work(self) -> tuple[list[uuid.UUID], datetime | None]:
        """The subscriptions with a waiting delivery that is due, and when the next waiting one not yet due falls due."""
        now = utcnow()
        later = case((Aflevering.volgende_poging_op > now, Aflevering.volgende_poging_op))
        try:
            async with self._sessionmaker() as session:
                query = (
                    select(Aflevering.abonnement_id, func.min(Aflevering.volgende_poging_op), func.min(later))
                    .where(Aflevering.status == Status.waiting)
                    .group_by(Aflevering.abonnement_id)
                )
                rows = (await session.execute(query)).all()
        except Exception as exc:  # the database away for a moment: try again at the next poll
            log.warning("dispatcher cannot read deliveries: %s", exc)
            return [], None
        due = [abonnement_id for abonnement_id, first, _ in rows if first is not None and first <= now]
        upcoming = [next_one for _, _, next_one in rows if next_one is not None]
        return due, min(upcoming) if upcoming else None

    async def _drain(self, client: httpx.AsyncClient, abonnement_id: uuid.UUID) -> None:
        try:
            async with self._exclusively(abonnement_id) as ours:
                if not ours:
                    return  # another replica is delivering to this subscriber
                while heads := await self._due_heads(abonnement_id):
                    for aflevering_id, cloudevent in heads:
                        await self._deliver(client, abonnement_id, aflevering_id, cloudevent)
                        self._delivered += 1
        except Exception:
            log.exception("delivery worker for subscription %s stopped; the next poll restarts it", abonnement_id)

    @asynccontextmanager
    async def _exclusively(self, abonnement_id: uuid.UUID) -> AsyncIterator[bool]:
        """One worker per subscription across replicas (PostgreSQL session lock), so its order holds."""
        engine = self._sessionmaker.kw["bind"]
        if engine.dialect.name != "postgresql":
            yield True
            return
        key = {"space": _LOCK_SPACE, "key": zlib.crc32(abonnement_id.bytes) - 2**31}
        async with engine.connect() as conn:
            if not await conn.scalar(text("SELECT pg_try_advisory_lock(:space, :key)"), key):
                await conn.rollback()
                yield False
                return
            await conn.commit()
            try:
                yield True
            finally:
                await conn.execute(text("SELECT pg_advisory_unlock(:space, :key)"), key)
                await conn.commit()

    async def _due_heads(self, abonnement_id: uuid.UUID) -> list[tuple[uuid.UUID, dict[str, Any]]]:
        """Per client key the oldest waiting delivery, if it is due, oldest first."""
        earlier = aliased(Aflevering)
        head = (
            select(func.min(earlier.volgnummer))
            .where(
                earlier.abonnement_id == Aflevering.abonnement_id,
                earlier.sleutel == Aflevering.sleutel,
                earlier.status == Status.waiting,
            )
            .scalar_subquery()
        )
        query = (
            select(Aflevering.id, PubliekeGebeurtenis.cloudevent)
            .join(PubliekeGebeurtenis, PubliekeGebeurtenis.volgnummer == Aflevering.volgnummer)
            .where(
                Aflevering.abonnement_id == abonnement_id,
                Aflevering.status == Status.waiting,
                Aflevering.volgende_poging_op <= utcnow(),
                Aflevering.volgnummer == head,
            )
            .order_by(Aflevering.volgnummer)
            .limit(self._batch_size)
        )
        async with self._sessionmaker() as session:
            return [(row[0], row[1]) for row in await session.execute(query)]

    async def _deliver(
        self, client: httpx.AsyncClient, abonnement_id: uuid.UUID, aflevering_id: uuid.UUID, cloudevent: dict[str, Any]
    ) -> None:
        async with self._sessionmaker() as session:
            abonnement = await session.get(Abonnement, abonnement_id)
        if abonnement is None:
            return  # deleted meanwhile; its deliveries went with it
        outcome = await post_event(
            client,
            abonnement.callback_url,
            cloudevent,
            secret=self._seal.unseal(abonnement.geheim_versleuteld),
            authorization=self._seal.unseal(abonnement.auth_versleuteld),
        )
        async with self._sessionmaker() as session, session.begin():
            aflevering = await session.get(Aflevering, aflevering_id)
            if aflevering is not None:
                record_outcome(aflevering, outcome, self._schedule, utcnow())


def record_outcome(aflevering: Aflevering, outcome: Outcome, schedule: RetrySchedule, now: datetime) -> None:
    aflevering.bijgewerkt_op = now
    if outcome.accepted:
        aflevering.status = Status.delivered
        aflevering.volgende_poging_op = None
        aflevering.laatste_fout = None
        return
    aflevering.pogingen += 1
    aflevering.laatste_fout = outcome.detail
    retry_at = schedule.next_attempt(aflevering.pogingen, now)
    if retry_at is None:
        aflevering.status = Status.failed
        aflevering.volgende_poging_op = None
        log.warning("delivery %s parked after %d attempts: %s", aflevering.id, aflevering.pogingen, outcome.detail)
    else:
        aflevering.volgende_poging_op = retry_at
