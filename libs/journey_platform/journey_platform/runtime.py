"""A service's runtime: what it creates in its lifespan (never at import time) and stops after."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from tenacity import RetryCallState

from journey_platform.auth import TokenVerifier
from journey_platform.contracts.base import topic_for
from journey_platform.db import make_engine, make_sessionmaker
from journey_platform.messaging.consumer import ConsumerConfig, EventConsumer, Handler, dead_letter_topic
from journey_platform.messaging.consumer_base import BatchHandler
from journey_platform.messaging.kafka import ensure_topics, make_broker_probe, make_producer, security_options
from journey_platform.messaging.relay import OutboxRelay
from journey_platform.messaging.tables import MessagingTables
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.observability import metrics as service_metrics
from journey_platform.privacy.recorder import ProcessingLog
from journey_platform.reference import ReferenceData, load_reference_data
from journey_platform.retry import backoff, failure
from journey_platform.settings import ServiceSettings
from journey_platform.supervision import Supervisor, TaskFactory

log = logging.getLogger(__name__)


@dataclass
class Subscription:
    """What a service consumes: its consumer group name, the producers it follows, the handlers, and optionally
    per event type a handler that applies a run of a batch's events in one call (messaging/batches.py)."""

    name: str
    producers: tuple[str, ...]
    handlers: Mapping[str, Handler]
    batch_handlers: Mapping[str, BatchHandler] = field(default_factory=dict)


U = TypeVar("U", bound=UnitOfWork)


@dataclass
class Container:
    settings: ServiceSettings
    tables: MessagingTables
    reference: ReferenceData
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    token_verifier: TokenVerifier
    uow_class: type[UnitOfWork] = UnitOfWork
    relay: OutboxRelay | None = None
    consumers: list[EventConsumer] = field(default_factory=list)
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)  # drained gracefully on stop
    background: list[asyncio.Task[Any]] = field(default_factory=list)  # cancelled on stop
    extras: dict[str, Any] = field(default_factory=dict)
    metrics: service_metrics.ServiceMetrics = field(default_factory=service_metrics.ServiceMetrics)
    processing_log: ProcessingLog | None = None  # set by the service's bootstrap (privacy.setup)
    supervisor: Supervisor | None = None  # made in __post_init__ with the container's metrics and settings
    # Called after every commit that wrote events (the relay, and e.g. reporting's webhook dispatcher): work committed
    # in this process goes out at once, however long an idle poller was going to wait.
    commit_listeners: list[Callable[[], None]] = field(default_factory=list)
    # Closed on stop after the tasks, before the engine (e.g. reporting's indicator worker process).
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.supervisor is None:
            self.supervisor = Supervisor(
                self.metrics,
                failure_threshold=self.settings.task_failure_threshold,
                stable_after=self.settings.task_stable_after_seconds,
            )

    def supervise(self, name: str, factory: TaskFactory, *, graceful: bool = False, oneshot: bool = False) -> None:
        """Run a background task under the supervisor (logged, counted and restarted when it fails).
        `graceful`: it stops by itself when asked (relay, consumers) and is drained on stop; otherwise cancelled."""
        assert self.supervisor is not None
        task = self.supervisor.supervise(name, factory, oneshot=oneshot)
        (self.tasks if graceful else self.background).append(task)

    def tasks_down(self) -> list[str]:
        """Supervised tasks that failed repeatedly and do not run: /readyz fails while there are any."""
        return self.supervisor.down() if self.supervisor else []

    def uow(self) -> UnitOfWork:
        return self.uow_class(
            self.sessionmaker,
            self.tables,
            self.settings.source_urn,
            on_commit=self._committed if self.relay or self.commit_listeners else None,
        )

    def uow_as(self, cls: type[U]) -> U:
        """A unit of work of the service's own class (`uow_class`, which adds its repositories), typed as such."""
        uow = self.uow()
        assert isinstance(uow, cls), f"the container is built with uow_class={cls.__name__}"
        return uow

    def _committed(self) -> None:
        if self.relay:
            self.relay.notify()
        for listener in self.commit_listeners:
            listener()

    async def metrics_exposition(self) -> bytes:
        await service_metrics.refresh(self.metrics, self.engine, self.tables, self.consumers)
        self.metrics.broker_reachable.set(1 if await self.broker_ready() else 0)
        return self.metrics.exposition()

    async def database_ready(self) -> bool:
        try:
            async with self.engine.connect() as conn:
                await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=2)
            return True
        except Exception:
            return False

    async def broker_ready(self) -> bool:
        for server in self.settings.kafka_bootstrap_servers.split(","):
            host, _, port = server.strip().rpartition(":")
            try:
                _, writer = await asyncio.wait_for(asyncio.open_connection(host or "localhost", int(port)), 2)
                writer.close()
                await writer.wait_closed()
                return True
            except (OSError, TimeoutError, ValueError):
                continue
        return False


def build_container(
    settings: ServiceSettings,
    tables: MessagingTables,
    uow_class: type[UnitOfWork] = UnitOfWork,
) -> Container:
    reference = load_reference_data(settings.reference_data_file)
    engine = make_engine(
        settings.database_url,
        statement_timeout_ms=settings.database_statement_timeout_ms,
        lock_timeout_ms=settings.database_lock_timeout_ms,
        connect_timeout_seconds=settings.database_connect_timeout_seconds,
        **({} if settings.database_url.startswith("sqlite") else {"pool_timeout": settings.database_pool_timeout_seconds}),
    )
    return Container(
        settings=settings,
        tables=tables,
        reference=reference,
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        token_verifier=TokenVerifier(settings, reference),
        uow_class=uow_class,
    )


async def start_messaging(
    container: Container,
    producing: str | None,
    subscriptions: list[Subscription],
    publishes_to: tuple[str, ...] = (),
) -> None:
    """`publishes_to`: topics other than the producer's own that the service's outbox writes to
    (reporting republishes minimised events to the public topics without being a producer)."""
    settings = container.settings
    topics = ([topic_for(producing)] if producing else []) + list(publishes_to)
    topics += [topic_for(p) for s in subscriptions for p in s.producers]
    topics += [dead_letter_topic(s.name) for s in subscriptions]
    container.supervise("ensure-topics", lambda: _ensure_topics_eventually(settings, topics), oneshot=True)
    if (producing or publishes_to) and settings.relay_enabled:
        container.relay = OutboxRelay(
            container.engine,
            container.tables,
            lambda: make_producer(settings),
            lambda topics: ensure_topics(settings, topics),
            batch_size=settings.outbox_batch_size,
            poll_interval=settings.outbox_poll_interval_seconds,
            idle_max=settings.outbox_idle_max_seconds,
            metrics=container.metrics,
            probe_factory=lambda: make_broker_probe(settings),
            retention=timedelta(days=settings.outbox_retention_days),
            broker_check_seconds=settings.outbox_broker_check_seconds,
        )
        container.supervise("outbox-relay", container.relay.run, graceful=True)
    if settings.consumer_enabled:
        for sub in subscriptions:
            consumer = EventConsumer(
                consumer_config(settings, sub),
                sub.handlers,
                container.uow,
                container.tables,
                lambda: make_producer(settings),
                metrics=container.metrics,
                before_start=lambda: ensure_topics(settings, topics),
                batch_handlers=sub.batch_handlers,
            )
            container.consumers.append(consumer)
            container.supervise(f"consumer-{sub.name}", consumer.run, graceful=True)


def consumer_config(settings: ServiceSettings, sub: Subscription) -> ConsumerConfig:
    """A group with batch handlers fetches up to `consumer_batch_max_records` records at a time (consumer_base.py)."""
    return ConsumerConfig(
        name=sub.name,
        topics=tuple(topic_for(p) for p in sub.producers),
        bootstrap_servers=settings.kafka_bootstrap_servers,
        max_attempts=settings.consumer_max_attempts,
        retry_backoff=settings.consumer_retry_backoff_seconds,
        security=security_options(settings),
        stuck_join_seconds=settings.consumer_stuck_join_seconds,
        max_records=settings.consumer_batch_max_records if sub.batch_handlers else ConsumerConfig.max_records,
        fetch_max_wait_ms=settings.consumer_fetch_max_wait_ms,
    )


async def _ensure_topics_eventually(settings: ServiceSettings, topics: list[str]) -> None:
    """Create the topics, retrying every failure (0.5 s, 1 s, ... at most 15 s apart) until it works or is cancelled."""

    def waiting(state: RetryCallState) -> None:
        log.info("topics not created yet (%s); retrying", failure(state))

    await backoff(retry_on=Exception, first=0.5, cap=15.0, before_sleep=waiting)(ensure_topics, settings, topics)


async def stop_container(container: Container) -> None:
    if container.supervisor:
        container.supervisor.stopping()  # what returns now has finished; nothing is restarted
    for task in container.background:
        task.cancel()
    await asyncio.gather(*container.background, return_exceptions=True)
    if container.relay:
        container.relay.stop()
    for consumer in container.consumers:
        consumer.stop()
    if container.tasks:
        _, pending = await asyncio.wait(container.tasks, timeout=10)
        for task in pending:
            task.cancel()
        await asyncio.gather(*container.tasks, return_exceptions=True)
    for consumer in container.consumers:
        await consumer.close()
    for close in container.closers:
        await close()
    await container.engine.dispose()
