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
import time

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError
from tenacity import RetryCallState

from journey_platform.messaging.consumer_base import ConsumerConfig, Handler, _Stopping
from journey_platform.messaging.dead_letter import dead_letter_topic
from journey_platform.messaging.records import RecordHandling
from journey_platform.retry import Stopped, backoff, failure

log = logging.getLogger(__name__)

__all__ = ["ConsumerConfig", "EventConsumer", "Handler", "LagUnknown", "StuckJoin", "dead_letter_topic"]


class StuckJoin(Exception):
    """No partition for longer than `stuck_join_seconds` while the group has lag that nobody commits."""


class LagUnknown(Exception):
    """The consumer holds no Kafka connection right now (reconnecting or restarting): its last lag stands."""


# How long a poll may wait for a rebalance in progress before the consumer looks whether its join is stuck.
_JOIN_WAIT_SECONDS = 5.0


class EventConsumer(RecordHandling):
    """Group membership and reconnects; record handling and dead-lettering come from its bases."""

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
            if not batches or self._stop.is_set():
                continue  # records not yet handled stay uncommitted: redelivered after a restart
            # Every partition's records of one fetch in one transaction (each partition's in its order), and their
            # offsets in one commit: at a trickle (50 reports/s over 6 partitions) a fetch holds a record or two per
            # partition, and a transaction and an offset commit for each made reporting's p99 latency (issue 18).
            try:
                await self.handle_batch([r for records in batches.values() for r in records])  # committed to the database
            except _Stopping:
                return
            await self.commit_offsets(kafka, {tp: records[-1].offset + 1 for tp, records in batches.items()})

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

    async def commit_offsets(self, kafka: AIOKafkaConsumer, offsets: dict[TopicPartition, int]) -> None:
        """Only after the database commits of every record before each partition's offset (a crash in between
        means a redelivery, which the inbox turns into a no-op)."""
        await kafka.commit(offsets)
        self._committed.update(offsets)

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
