"""The idempotent consumer.

Per message: an inbox row `(consumer, event_id)` is written in the same transaction as the
handler's effects, so a second delivery is a no-op; offsets are committed to Kafka only after
the database commit. A message that cannot be read (whatever the parser raises), whose type no
contract of this platform knows, or whose handler fails `max_attempts` times (a payload that fails
validation: at once), goes to the dead-letter topic with the error and its original headers, and the
partition flows on. A failure while the database is unreachable is not the message's fault: the
consumer waits for the database instead of using up the attempts.

Anything else that escapes `run` (a bug, an unexpected client error) is the supervisor's
(journey_platform/supervision.py): logged, counted, and the consumer restarted with back-off.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from pydantic import ValidationError
from sqlalchemy import select, text
from tenacity import RetryCallState

from journey_platform.contracts import versions
from journey_platform.db import utcnow
from journey_platform.messaging.envelope import CloudEvent, MalformedEvent, parse_event
from journey_platform.messaging.tables import MessagingTables
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.observability.logs import bind_journey
from journey_platform.observability.metrics import ServiceMetrics
from journey_platform.observability.tracing import consumer_span
from journey_platform.retry import Stopped, backoff, failure

log = logging.getLogger(__name__)

Handler = Callable[[CloudEvent, Any], Awaitable[None]]


def dead_letter_topic(consumer_name: str) -> str:
    return f"opvangketen.{consumer_name}.dlt"


class _Stopping(Exception):
    """Asked to stop while retrying a record: leave it uncommitted for the next instance, do not dead-letter it."""


class StuckJoin(Exception):
    """No partition for longer than `stuck_join_seconds` while the group has lag that nobody commits."""


class LagUnknown(Exception):
    """The consumer holds no Kafka connection right now (reconnecting or restarting): its last lag stands."""


# How long a poll may wait for a rebalance in progress before the consumer looks whether its join is stuck.
_JOIN_WAIT_SECONDS = 5.0

# Failures that retrying cannot cure: the payload does not fit its contract. Dead-lettered at the first attempt.
_DETERMINISTIC = (ValidationError, versions.UnreadableVersion)


@dataclass(frozen=True)
class ConsumerConfig:
    name: str  # also the consumer group id
    topics: tuple[str, ...]
    bootstrap_servers: str
    max_attempts: int = 5
    retry_backoff: float = 0.2
    poll_timeout_ms: int = 200
    max_records: int = 200
    truncation_check_seconds: float = 2.0
    fetch_max_wait_ms: int = 100  # how long the broker may hold a fetch: the floor of delivery latency
    # Group membership, set deliberately (issue 15: groups stayed wedged behind a stale leader):
    # - session 10 s: a killed pod's partitions move to the other replica after 10 s, not Kafka's default 45 s;
    # - heartbeat 1 s (a tenth of the session): a rebalance is noticed within a second;
    # - rebalance 10 s: how long the coordinator waits for every member to rejoin; aiokafka rejoins in the
    #   background without waiting for the batch being handled (offsets are committed by hand), so this only has
    #   to cover a commit in flight, and a member that does not rejoin in time is dropped instead of holding the
    #   whole group (a stale leader) for minutes;
    # - max poll interval 120 s: a member whose handler hangs (between two getmany calls) leaves the group and
    #   its partitions go to another replica; one batch is at most 200 records of a few ms each, and retries of
    #   one record back off for at most 3 s in total.
    session_timeout_ms: int = 10_000
    heartbeat_interval_ms: int = 1_000
    rebalance_timeout_ms: int = 10_000
    max_poll_interval_ms: int = 120_000
    # No partition for this long while the group has lag nobody commits: a stuck join; recreate the consumer.
    stuck_join_seconds: float = 60.0
    security: Mapping[str, Any] = field(default_factory=dict)  # messaging.kafka.security_options


class EventConsumer:
    def __init__(
        self,
        config: ConsumerConfig,
        handlers: Mapping[str, Handler],
        uow_factory: Callable[[], UnitOfWork],
        tables: MessagingTables,
        dlt_producer_factory: Callable[[], AIOKafkaProducer],
        metrics: ServiceMetrics | None = None,
        before_start: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """`before_start`: e.g. create the topics it reads, so that it does not join its group before they exist
        and then wait for a metadata refresh and a rebalance to see the first events (best effort)."""
        self.config = config
        self._before_start = before_start
        self.name = config.name
        self.metrics = metrics or ServiceMetrics()
        self._committed: dict[TopicPartition, int] = {}
        self._handlers = dict(handlers)
        self._uow_factory = uow_factory
        self._inbox = tables.inbox
        self._dlt_producer_factory = dlt_producer_factory
        self._dlt_producer: AIOKafkaProducer | None = None
        self._stop = asyncio.Event()
        self._kafka: AIOKafkaConsumer | None = None
        self.processed = 0
        self.duplicates = 0
        self._suspect_lost: set[TopicPartition] = set()
        self.dead_lettered = 0
        self.connected = False
        self.recreated = 0  # Kafka consumers recreated after a stuck join
        self._unassigned_since: float | None = None
        self._joining = False  # the last poll waited in vain for a rebalance to end
        self._stuck_probe: dict[TopicPartition, int] | None = None

    def stop(self) -> None:
        self._stop.set()

    def _new_kafka_consumer(self) -> AIOKafkaConsumer:
        return AIOKafkaConsumer(
            *self.config.topics,
            bootstrap_servers=self.config.bootstrap_servers,
            group_id=self.config.name,
            client_id=self.config.name,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=self.config.session_timeout_ms,
            heartbeat_interval_ms=self.config.heartbeat_interval_ms,
            rebalance_timeout_ms=self.config.rebalance_timeout_ms,
            max_poll_interval_ms=self.config.max_poll_interval_ms,
            metadata_max_age_ms=5_000,
            fetch_max_wait_ms=self.config.fetch_max_wait_ms,
            **self.config.security,
        )

    async def run(self) -> None:
        while not self._stop.is_set():
            kafka = await self._connect()
            if kafka is None:
                return
            self._kafka = kafka
            self.connected = True
            try:
                await self._poll_loop(kafka)
                return
            except KafkaError as exc:
                log.warning("%s lost Kafka (%s); reconnecting", self.config.name, exc)
            except StuckJoin as exc:
                self.recreated += 1
                log.warning("%s: %s; leaving the group and joining again with a fresh consumer", self.config.name, exc)
            finally:
                self.connected = False
                await kafka.stop()
                self._kafka = None

    async def _connect(self) -> AIOKafkaConsumer | None:
        """A started Kafka consumer, trying every 0.2 s, 0.4 s, ... at most 10 s until the broker answers; each
        connection backs off from the start again, not from where the last outage ended. None when stopped."""

        def waiting(state: RetryCallState) -> None:
            log.warning("%s cannot reach Kafka yet (%s); retrying", self.config.name, failure(state))

        retrying = backoff(
            retry_on=(KafkaError, OSError), first=0.2, cap=10.0, before_sleep=waiting, wake=self._stop, until_stopped=self._stop
        )
        try:
            return await retrying(self._start_kafka_consumer)
        except Stopped:
            return None

    async def _start_kafka_consumer(self) -> AIOKafkaConsumer:
        kafka = self._new_kafka_consumer()
        try:
            await self._prepare()
            await kafka.start()
        except (KafkaError, OSError):
            await kafka.stop()
            raise
        return kafka

    async def _prepare(self) -> None:
        if self._before_start is None:
            return
        try:
            await self._before_start()
        except (KafkaError, OSError) as exc:  # the topics may be managed elsewhere (Strimzi); the consumer goes on
            log.info("%s could not prepare its topics (%s); starting anyway", self.config.name, exc)

    async def close(self) -> None:
        if self._dlt_producer is not None:
            await self._dlt_producer.stop()
            self._dlt_producer = None

    async def _wait(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stop.wait(), timeout=seconds)
        except TimeoutError:
            pass

    async def _poll_loop(self, kafka: AIOKafkaConsumer) -> None:
        last_check = time.monotonic()
        self._unassigned_since = None
        self._stuck_probe = None
        while not self._stop.is_set():
            try:
                # aiokafka's getmany waits without limit for a rebalance in progress to end: bounded here, so that a
                # join that never ends is noticed (and a stop is not held up by it).
                batches = await asyncio.wait_for(
                    kafka.getmany(timeout_ms=self.config.poll_timeout_ms, max_records=self.config.max_records),
                    timeout=self.config.poll_timeout_ms / 1000 + _JOIN_WAIT_SECONDS,
                )
                self._joining = False
            except TimeoutError:
                batches = {}
                self._joining = True  # still waiting for an assignment
            if not batches and time.monotonic() - last_check > self.config.truncation_check_seconds:
                await self._rewind_if_log_was_lost(kafka)
                await self._check_stuck_join(kafka)
                last_check = time.monotonic()
            for tp, records in batches.items():
                if self._stop.is_set():
                    return  # records not yet handled stay uncommitted: redelivered after a restart
                try:
                    await self.handle_batch(records)  # effects and inbox rows are committed to the database here
                except _Stopping:
                    return
                await self.commit_offset(kafka, tp, records[-1].offset + 1)

    async def _rewind_if_log_was_lost(self, kafka: AIOKafkaConsumer) -> None:
        """A broker that lost its log (an in-memory broker restarted, a topic re-created) leaves our
        position beyond the log's end, where nothing will ever arrive. Re-read that partition from
        its beginning: the inbox makes every re-read event a no-op. Only when both the listed end
        offset and the fetch high watermark lie below our position, on two checks in a row, so that a
        momentarily stale answer under load does not cause a needless re-read."""
        assigned = list(kafka.assignment())
        if not assigned:
            self._suspect_lost = set()
            return
        ends = await kafka.end_offsets(assigned)
        behind = set()
        for tp in assigned:
            position = await kafka.position(tp)
            highwater = kafka.highwater(tp)
            if position > ends.get(tp, 0) and (highwater is None or highwater < position):
                behind.add(tp)
        for tp in behind & self._suspect_lost:
            log.warning(
                "%s: %s[%d] ends before our position: the log was lost; re-reading it", self.config.name, tp.topic, tp.partition
            )
            await kafka.seek_to_beginning(tp)
        self._suspect_lost = behind - self._suspect_lost

    async def _check_stuck_join(self, kafka: AIOKafkaConsumer) -> None:
        """A member can stay without partitions legitimately (more replicas than partitions, or idle topics), so
        only an unassigned member of a group that has lag on its topics which no member commits is stuck: two
        looks at the group's commits, half `stuck_join_seconds` apart, after `stuck_join_seconds` without partitions.
        A member whose last poll timed out waiting for a rebalance to end counts as one without partitions."""
        now = time.monotonic()
        if kafka.assignment() and not self._joining:
            self._unassigned_since = None
            self._stuck_probe = None
            return
        if self._unassigned_since is None:
            self._unassigned_since = now
        if now - self._unassigned_since < self.config.stuck_join_seconds:
            return
        try:
            partitions = [
                TopicPartition(topic, p) for topic in self.config.topics for p in sorted(kafka.partitions_for_topic(topic) or ())
            ]
            if not partitions:
                return  # the topics do not exist (yet): nothing to be assigned
            ends = await kafka.end_offsets(partitions)
            committed = {tp: (await kafka.committed(tp)) or 0 for tp in partitions}
        except (KafkaError, OSError) as exc:
            raise StuckJoin(f"no partitions for {now - self._unassigned_since:.0f}s and the group is unreadable ({exc})") from exc
        if all(committed[tp] >= ends[tp] for tp in partitions):
            self._unassigned_since = now  # nothing waits: an idle member, not a stuck one
            self._stuck_probe = None
            return
        if self._stuck_probe is None:
            self._stuck_probe = committed
            self._unassigned_since = now - self.config.stuck_join_seconds / 2  # look again in half the bound
            return
        if committed == self._stuck_probe:
            raise StuckJoin(f"no partitions for over {self.config.stuck_join_seconds:.0f}s while the group's lag stands still")
        self._stuck_probe = None  # another member makes progress
        self._unassigned_since = now

    async def commit_offset(self, kafka: AIOKafkaConsumer, tp: TopicPartition, offset: int) -> None:
        """Only after the database commits of every record before `offset` (a crash in between
        means a redelivery, which the inbox turns into a no-op)."""
        await kafka.commit({tp: offset})
        self._committed[tp] = offset

    async def lag(self) -> dict[tuple[str, int], int]:
        """Per assigned partition: the partition's end as this consumer sees it minus what it has committed.

        The end is the high watermark of the consumer's last fetch response (`highwater(tp)`), or the listed
        end offset where that is higher (before the first fetch): the local broker's listed end offsets can
        trail the log, which made the lag read 0 while consumers were behind. Committed rather than the
        fetch position, so records fetched but not yet applied count as lag. Raises LagUnknown while the
        consumer holds no connection, so that the gauge keeps its last value (the task-down alert covers it)."""
        kafka = self._kafka
        if kafka is None:
            raise LagUnknown(self.config.name)
        assigned = list(kafka.assignment())
        if not assigned:
            return {}
        listed = await kafka.end_offsets(assigned)
        starts = await kafka.beginning_offsets(assigned)
        lag = {}
        for tp in assigned:
            done = self._committed.get(tp)
            if done is None:
                done = await kafka.committed(tp)
            end = max(kafka.highwater(tp) or 0, listed[tp])
            lag[(tp.topic, tp.partition)] = max(end - (done if done is not None else starts[tp]), 0)
        return lag

    async def handle_batch(self, records: list[ConsumerRecord]) -> None:
        """Apply a partition's batch in one transaction (one commit instead of one per event).
        If anything in it fails, fall back to record by record, with retries and dead-lettering."""
        if len(records) == 1:
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
        durations: list[tuple[str, float]] = []
        async with self._uow_factory() as uow:
            ids = [event.id for _, event in events]
            seen = set(
                await uow.session.scalars(
                    select(self._inbox.c.event_id).where(
                        self._inbox.c.consumer == self.config.name, self._inbox.c.event_id.in_(ids)
                    )
                )
            )
            self.duplicates += len(seen)
            for record, event in events:
                handler = self._handlers.get(event.type)
                if handler is None and not _known_type(event.type):
                    raise MalformedEvent(f"unknown event type {event.type[:200]}")  # one by one: it is dead-lettered
                if handler is None or event.id in seen:
                    continue
                seen.add(event.id)
                bind_journey(event.subject)
                started = time.perf_counter()
                with consumer_span(self.name, event.type, record.topic, record.partition, record.offset, record.headers):
                    await handler(event, uow)
                    await uow.flush()
                await uow.session.execute(self._inbox_row(record, event))
                durations.append((event.type, started))
                applied += 1
            await uow.commit()
        for event_type, started in durations:
            self._observe(event_type, "applied", started)
        return applied

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
        self.metrics.handler_duration.labels(self.name, event_type, outcome).observe(time.perf_counter() - started)
        if outcome == "applied":
            self.metrics.events_processed.labels(self.name, event_type).inc()

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

    async def _publish_dead_letter(self, record: ConsumerRecord, headers: list[tuple[str, bytes]]) -> None:
        if self._dlt_producer is None:
            self._dlt_producer = self._dlt_producer_factory()
            await self._dlt_producer.start()
        await self._dlt_producer.send_and_wait(
            dead_letter_topic(self.config.name), value=record.value, key=record.key, headers=headers
        )

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

    async def _dead_letter(self, record: ConsumerRecord, error: str, attempts: int) -> None:
        headers = list(record.headers or ()) + [
            ("dlt-error", error[:2000].encode("utf-8", "backslashreplace")),
            ("dlt-consumer", self.config.name.encode()),
            ("dlt-original-topic", record.topic.encode()),
            ("dlt-original-partition", str(record.partition).encode()),
            ("dlt-original-offset", str(record.offset).encode()),
            ("dlt-attempts", str(attempts).encode()),
        ]

        def waiting(state: RetryCallState) -> Awaitable[None]:
            log.warning("%s: dead-letter publish failed (%s); retrying with a fresh producer", self.config.name, failure(state))
            return self.close()

        # The message must not be lost: only a broker outage keeps us here, 0.2 s, 0.4 s, ... at most 10 s apart. While
        # stopping, a failure goes out as it is (the record stays uncommitted).
        retrying = backoff(
            retry_on=lambda exc: isinstance(exc, (KafkaError, OSError)) and not self._stop.is_set(),
            first=0.2,
            cap=10.0,
            before_sleep=waiting,
            wake=self._stop,
        )
        await retrying(self._publish_dead_letter, record, headers)
        self.dead_lettered += 1
        self.metrics.dead_lettered.labels(self.name).inc()
        log.error("%s: dead-lettered %s[%d]@%d: %s", self.config.name, record.topic, record.partition, record.offset, error)


class _Retry(Exception):
    """An attempt at a record failed in a way another attempt may cure; the failure is its `__cause__`."""


class _DatabaseAway(Exception):
    """The database did not answer `SELECT 1`."""


def _cause(exc: BaseException | None) -> BaseException | None:
    return exc.__cause__ if isinstance(exc, _Retry) else exc


def _known_type(event_type: str) -> bool:
    """A type some contract of this platform reads (a registered one, or an older version upcast to it)."""
    return event_type in versions.readable_types()
