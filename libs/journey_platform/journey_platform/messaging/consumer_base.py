"""The idempotent consumer's configuration and state, shared by its parts: group membership and reconnects
(`consumer.py`), record handling (`records.py`) and dead-lettering (`dead_letter.py`)."""

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.tables import MessagingTables
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.observability.metrics import ServiceMetrics

Handler = Callable[[CloudEvent, Any], Awaitable[None]]
# A service's handler for a run of events of one batch (parsed, deduplicated, not yet applied), in their order, with
# the batch's unit of work: one call instead of one per event (records.py). Optional, per event type; the per-event
# handler of the same type stays the fallback when anything in the batch fails.
BatchHandler = Callable[[list[CloudEvent], Any], Awaitable[None]]
# A fetch of a group with batch handlers (runtime.py): a batch's fixed costs (the inbox check, each table's one
# statement, the commit) shared by more events. bench/projection_batch.py, batch handlers, 200 against 500 records
# alternately on a loaded machine: the projection's CPU per event 0.39 ms against 0.51-0.67, events/s +42-52% in two
# runs of three; the fan-out flat. Per-event handlers gain nothing from it (22-31 events/s either way), so groups
# without batch handlers keep `max_records`, and their transactions and one-by-one fallbacks stay as short.
BATCHED_MAX_RECORDS = 500  # the default of settings.consumer_batch_max_records


class _Stopping(Exception):
    """Asked to stop while retrying a record: leave it uncommitted for the next instance, do not dead-letter it."""


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
    #   its partitions go to another replica; one batch is at most 200 records of a few ms each (500 with batch
    #   handlers, under a second in all), and retries of one record back off for at most 3 s in total.
    session_timeout_ms: int = 10_000
    heartbeat_interval_ms: int = 1_000
    rebalance_timeout_ms: int = 10_000
    max_poll_interval_ms: int = 120_000
    # No partition for this long while the group has lag nobody commits: a stuck join; recreate the consumer.
    stuck_join_seconds: float = 60.0
    security: Mapping[str, Any] = field(default_factory=dict)  # messaging.kafka.security_options


class ConsumerBase:
    def __init__(
        self,
        config: ConsumerConfig,
        handlers: Mapping[str, Handler],
        uow_factory: Callable[[], UnitOfWork],
        tables: MessagingTables,
        dlt_producer_factory: Callable[[], AIOKafkaProducer],
        metrics: ServiceMetrics | None = None,
        before_start: Callable[[], Awaitable[None]] | None = None,
        batch_handlers: Mapping[str, BatchHandler] | None = None,
    ) -> None:
        """`before_start`: e.g. create the topics it reads, so that it does not join its group before they exist
        and then wait for a metadata refresh and a rebalance to see the first events (best effort).
        `batch_handlers`: per event type, a handler that applies consecutive events of a batch in one call; every
        type in it needs its per-event handler in `handlers` too (the fallback)."""
        self.config = config
        self._before_start = before_start
        self.name = config.name
        self.metrics = metrics or ServiceMetrics()
        self._series: dict[tuple[str, str], tuple[Any, Any]] = {}  # (event type, outcome): its metrics' series
        self._committed: dict[TopicPartition, int] = {}
        self._handlers = dict(handlers)
        self._batch_handlers = {t: h for t, h in (batch_handlers or {}).items() if t in self._handlers}
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

    async def _wait(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stop.wait(), timeout=seconds)
        except TimeoutError:
            pass
