"""Record handling: a fetch's batch in one transaction, else record by record with retries, waiting out a
database outage, and dead-lettering what cannot be applied."""

import asyncio
import logging
import math
import time
from typing import Any

from aiokafka import ConsumerRecord
from aiokafka.errors import KafkaError
from pydantic import ValidationError
from sqlalchemy import select, text
from tenacity import RetryCallState

from journey_platform.contracts import versions
from journey_platform.db import among, utcnow
from journey_platform.messaging.batches import BatchApplying
from journey_platform.messaging.consumer_base import Handler, _Stopping
from journey_platform.messaging.envelope import CloudEvent, MalformedEvent, parse_event
from journey_platform.observability.logs import bind_journey
from journey_platform.observability.tracing import consumer_span
from journey_platform.retry import Stopped, backoff, failure

log = logging.getLogger(__name__)

# Failures that retrying cannot cure: the payload does not fit its contract. Dead-lettered at the first attempt.
_DETERMINISTIC = (ValidationError, versions.UnreadableVersion)


class RecordHandling(BatchApplying):
    async def handle_batch(self, records: list[ConsumerRecord]) -> None:
        """Apply a fetch's records (each partition's in its order) in one transaction (one commit instead of one per
        event). If anything in it fails, fall back to record by record, with retries and dead-lettering. A single
        record goes the batch way too when the group has batch handlers (their one statement per table)."""
        if not records:
            return
        if len(records) == 1 and not self._batch_handlers:
            await self.handle_record(records[0])
            return
        try:
            events = [(record, parse_event(record.value)) for record in records]
            applied = await self._apply_all(events)
        except Exception as exc:
            log.info("%s: batch of %d failed (%s); applying one by one", self.config.name, len(records), exc)
            for record in records:
                await self.handle_record(record)
            return
        self.processed += applied

    async def _apply_all(self, events: list[tuple[ConsumerRecord, CloudEvent]]) -> int:
        applied = 0
        durations: list[tuple[str, float]] = []  # (event type, started) per event
        batched: list[tuple[str, float]] = []  # (event type, seconds) per event
        async with self._uow_factory() as uow:
            ids = [event.id for _, event in events]
            seen = set(await uow.session.scalars(self._already_seen(uow, ids)))
            self.duplicates += len(seen)
            todo: list[tuple[ConsumerRecord, CloudEvent]] = []
            for record, event in events:
                handler = self._handlers.get(event.type)
                if handler is None and not _known_type(event.type):
                    raise MalformedEvent(f"unknown event type {event.type[:200]}")  # one by one: it is dead-lettered
                if handler is None or event.id in seen:
                    continue
                seen.add(event.id)
                if self._batch_handlers:
                    todo.append((record, event))
                    continue
                bind_journey(event.subject)
                started = time.perf_counter()
                with consumer_span(self.name, event.type, record.topic, record.partition, record.offset, record.headers):
                    await handler(event, uow)
                    await uow.flush()
                await uow.session.execute(self._inbox_row(record, event))
                durations.append((event.type, started))
                applied += 1
            if todo:  # the service has batch handlers (batches.py): runs of events in one call, one INSERT of inbox rows
                batched = await self._apply_batched(uow, todo)
                applied = len(todo)
            await uow.commit()
        for event_type, started in durations:
            self._observe(event_type, "applied", started)
        for event_type, seconds in batched:
            self._observe_seconds(event_type, "applied", seconds)
        return applied

    def _already_seen(self, uow: Any, ids: list[Any]) -> Any:
        """The batch's events this group applied before. On PostgreSQL one array parameter (`= ANY`): an IN list of a
        batch's ids is a statement of its own per batch size, planned with hundreds of parameters (about 3x slower)."""
        inbox = self._inbox.c
        dialect = uow.session.get_bind().dialect.name
        return select(inbox.event_id).where(inbox.consumer == self.config.name, among(inbox.event_id, ids, dialect))

    def _inbox_row(self, record: ConsumerRecord, event: CloudEvent) -> Any:
        return self._inbox.insert().values(
            consumer=self.config.name,
            event_id=event.id,
            event_type=event.type,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            processed_at=utcnow(),
        )

    async def handle_record(self, record: ConsumerRecord) -> None:
        try:
            event = parse_event(record.value)
        except Exception as exc:  # MalformedEvent, or anything parse_event does not foresee: the bytes are to blame
            await self._dead_letter(record, f"malformed event: {exc if isinstance(exc, MalformedEvent) else repr(exc)}", 1)
            return
        handler = self._handlers.get(event.type)
        if handler is None:
            if not _known_type(event.type):  # no contract of this platform: a producer ahead of us, or garbage
                await self._dead_letter(record, f"unknown event type: {event.type[:200]}", attempts=1)
            return  # else an event this consumer does not follow
        try:
            bind_journey(event.subject)
            with consumer_span(self.name, event.type, record.topic, record.partition, record.offset, record.headers):
                await self._apply_with_retries(record, event, handler)
        except (_Stopping, KafkaError, OSError):
            raise  # stopping, or the dead-letter producer while stopping: the record stays uncommitted
        except Exception as exc:  # outside the handler (tracing, logging context): still the message's end
            log.exception("%s: %s[%d]@%d could not be handled", self.config.name, record.topic, record.partition, record.offset)
            await self._dead_letter(record, f"{type(exc).__name__}: {exc}", attempts=1)

    async def _apply_with_retries(self, record: ConsumerRecord, event: CloudEvent, handler: Handler) -> None:
        """At most `max_attempts` attempts, `retry_backoff` × 1, 2, 4, ... apart, then the dead-letter topic."""
        tries = 0

        async def attempt() -> None:
            nonlocal tries
            tries += 1
            await self._attempt(record, event, handler, tries)

        def failed(state: RetryCallState) -> None:
            log.warning(
                "%s: %s %s failed (attempt %d/%d): %s",
                self.config.name,
                event.type,
                event.id,
                state.attempt_number,
                self.config.max_attempts,
                _cause(failure(state)),
            )

        retrying = backoff(
            retry_on=_Retry,
            first=self.config.retry_backoff,
            cap=math.inf,
            after=failed,
            sleep=self._pause,
            attempts=self.config.max_attempts,
        )
        try:
            await retrying(attempt)
        except _Retry as exhausted:
            last_error = _cause(exhausted)
            await self._dead_letter(record, f"{type(last_error).__name__}: {last_error}", self.config.max_attempts)

    async def _attempt(self, record: ConsumerRecord, event: CloudEvent, handler: Handler, attempt: int) -> None:
        """One attempt: returns when applied (or already applied, or dead-lettered as unreadable); `_Retry` with the
        cause when worth another. A database outage is not the message's fault: waited out, and the attempt is made
        again without counting."""
        while True:
            if attempt > 1 and self._stop.is_set():
                raise _Stopping  # asked to stop during the back-off
            started = time.perf_counter()
            try:
                await self._apply_once(record, event, handler)
                self._observe(event.type, "applied", started)
                self.processed += 1
                return
            except Exception as exc:
                self._observe(event.type, "failed", started)
                if await self._already_applied(event):
                    return
                if self._stop.is_set():
                    raise _Stopping from exc
                if isinstance(exc, _DETERMINISTIC):
                    log.warning("%s: %s %s cannot be read: %s", self.config.name, event.type, event.id, exc)
                    await self._dead_letter(record, f"{type(exc).__name__}: {exc}", attempt)
                    return
                if await self._waited_for_database():
                    continue
                raise _Retry from exc

    async def _pause(self, seconds: float) -> None:
        """The wait between two attempts at one record: a stop ends it, and no attempt follows."""
        await self._wait(seconds)
        if self._stop.is_set():
            raise _Stopping

    def _observe(self, event_type: str, outcome: str, started: float) -> None:
        self._observe_seconds(event_type, outcome, time.perf_counter() - started)

    def _observe_seconds(self, event_type: str, outcome: str, seconds: float) -> None:
        """Per event; the labelled series are looked up once per type and outcome (`labels()` takes a lock and builds
        its key each time: 5% of the batch projection's CPU in py-spy)."""
        series = self._series.get((event_type, outcome))
        if series is None:
            applied = self.metrics.events_processed.labels(self.name, event_type) if outcome == "applied" else None
            series = self._series[(event_type, outcome)] = (
                self.metrics.handler_duration.labels(self.name, event_type, outcome),
                applied,
            )
        duration, processed = series
        duration.observe(seconds)
        if processed is not None:
            processed.inc()

    async def _apply_once(self, record: ConsumerRecord, event: CloudEvent, handler: Handler) -> None:
        async with self._uow_factory() as uow:
            seen = await uow.session.scalar(
                select(self._inbox.c.event_id).where(
                    self._inbox.c.consumer == self.config.name, self._inbox.c.event_id == event.id
                )
            )
            if seen is not None:
                self.duplicates += 1
                return
            await handler(event, uow)
            await uow.flush()
            await uow.session.execute(self._inbox_row(record, event))
            await uow.commit()

    async def _database_reachable(self) -> bool:
        try:
            async with self._uow_factory() as uow:
                await asyncio.wait_for(uow.session.execute(text("SELECT 1")), timeout=5)
            return True
        except Exception:
            return False

    async def _waited_for_database(self) -> bool:
        """Whether the database was unreachable; if so, this returns once it answers again (asked 0.5 s, 1 s, ... at
        most 10 s apart), or raises `_Stopping` when asked to stop meanwhile."""
        if await self._database_reachable():
            return False

        def waiting(state: RetryCallState) -> None:
            if state.attempt_number == 1:
                log.warning("%s: the database is unreachable; waiting for it before retrying", self.config.name)

        checks = 0

        async def reachable_again() -> None:
            nonlocal checks
            checks += 1
            if checks == 1 or not await self._database_reachable():  # the first: the check just made
                raise _DatabaseAway

        retrying = backoff(
            retry_on=_DatabaseAway, first=0.5, cap=10.0, before_sleep=waiting, wake=self._stop, until_stopped=self._stop
        )
        try:
            await retrying(reachable_again)
        except Stopped:
            raise _Stopping from None
        return True

    async def _already_applied(self, event: CloudEvent) -> bool:
        try:
            async with self._uow_factory() as uow:
                found = await uow.session.scalar(
                    select(self._inbox.c.event_id).where(
                        self._inbox.c.consumer == self.config.name, self._inbox.c.event_id == event.id
                    )
                )
                return found is not None
        except Exception:
            return False


class _Retry(Exception):
    """An attempt at a record failed in a way another attempt may cure; the failure is its `__cause__`."""


class _DatabaseAway(Exception):
    """The database did not answer `SELECT 1`."""


def _cause(exc: BaseException | None) -> BaseException | None:
    return exc.__cause__ if isinstance(exc, _Retry) else exc


def _known_type(event_type: str) -> bool:
    """A type some contract of this platform reads (a registered one, or an older version upcast to it)."""
    return event_type in versions.readable_types()
