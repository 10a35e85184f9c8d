"""Prometheus metrics of one running service, refreshed at scrape time where they are a query."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Protocol

from prometheus_client import GC_COLLECTOR, PLATFORM_COLLECTOR, PROCESS_COLLECTOR, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import generate_latest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from journey_platform.db import utcnow
from journey_platform.messaging.tables import MessagingTables

log = logging.getLogger(__name__)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class LagSource(Protocol):
    """A consumer that can tell its lag per (topic, partition)."""

    name: str

    async def lag(self) -> Mapping[tuple[str, int], int]: ...


class ServiceMetrics:
    """The metric families of one service, in a registry of its own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        # process_* (CPU, memory, open files, start time), python_gc_* and python_info, as every Python exporter has.
        for collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
            r.register(collector)
        self.http_duration = Histogram(
            "opvangketen_http_request_duration_seconds",
            "HTTP request latency by route template and status.",
            ["method", "route", "status"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.outbox_backlog = Gauge("opvangketen_outbox_backlog", "Outbox rows not yet published.", registry=r)
        self.broker_reachable = Gauge(
            "opvangketen_broker_reachable",
            "1 when a Kafka bootstrap server accepts a connection, else 0 (not part of readiness: the outbox holds work).",
            registry=r,
        )
        self.outbox_oldest_age = Gauge(
            "opvangketen_outbox_oldest_unpublished_age_seconds",
            "Age of the oldest unpublished outbox row (0 if none).",
            registry=r,
        )
        self.outbox_published = Counter("opvangketen_outbox_published", "Outbox rows published to Kafka.", ["topic"], registry=r)
        self.outbox_publish_failures = Counter(
            "opvangketen_outbox_publish_failures", "Relay rounds that failed (broker or database away).", registry=r
        )
        self.broker_data_loss = Counter(
            "opvangketen_outbox_broker_data_loss",
            "Times the relay found that the broker lost events it had acknowledged, and republished its window.",
            ["reason"],
            registry=r,
        )
        self.outbox_republished = Counter(
            "opvangketen_outbox_republished",
            "Published outbox rows put back to be sent again after a broker data loss.",
            registry=r,
        )
        self.outbox_pruned = Counter(
            "opvangketen_outbox_pruned", "Published outbox rows deleted after the retention window.", registry=r
        )
        self._lag_series: dict[str, set[tuple[str, str]]] = {}
        self.consumer_lag = Gauge(
            "opvangketen_consumer_lag",
            "Records not yet processed, per consumer group and partition.",
            ["consumer", "topic", "partition"],
            registry=r,
        )
        self.events_processed = Counter(
            "opvangketen_consumer_events_processed", "Events applied by a consumer.", ["consumer", "event_type"], registry=r
        )
        self.dead_lettered = Counter(
            "opvangketen_consumer_dead_lettered", "Messages sent to a dead-letter topic.", ["consumer"], registry=r
        )
        self.handler_duration = Histogram(
            "opvangketen_consumer_handler_duration_seconds",
            "Time to apply one event (handler plus commit).",
            ["consumer", "event_type", "outcome"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.task_up = Gauge(
            "opvangketen_background_task_up",
            "1 while a supervised background task (consumer, relay, watcher, dispatcher) runs, 0 while it waits "
            "to be restarted or has ended.",
            ["task"],
            registry=r,
        )
        self.task_restarts = Counter(
            "opvangketen_task_restarts",
            "Restarts of a supervised background task after it failed or ended unexpectedly.",
            ["task"],
            registry=r,
        )

        self.processing_log_rows = Counter(
            "opvangketen_processing_log_rows_written",
            "Processing-log rows written (one per subject and operation).",
            registry=r,
        )
        self.processing_log_failures = Counter(
            "opvangketen_processing_log_write_failures",
            "Processing-log writes that failed (the request then failed with a 503).",
            registry=r,
        )

    def observe_outbox(self, backlog: int, oldest: datetime | None) -> None:
        self.outbox_backlog.set(backlog)
        self.outbox_oldest_age.set(max((utcnow() - oldest).total_seconds(), 0.0) if oldest else 0.0)

    def observe_lag(self, consumer: str, lag: Mapping[tuple[str, int], int]) -> None:
        """The consumer's lag on the partitions it holds now; partitions it no longer holds (moved to another
        pod on a rebalance) lose their series. A consumer that cannot tell keeps its last values (not called)."""
        held = {(topic, str(partition)) for topic, partition in lag}
        for gone in self._lag_series.get(consumer, set()) - held:
            self.consumer_lag.remove(consumer, *gone)
        self._lag_series[consumer] = held
        for (topic, partition), value in lag.items():
            self.consumer_lag.labels(consumer, topic, str(partition)).set(value)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


async def outbox_state(engine: AsyncEngine, tables: MessagingTables) -> tuple[int, datetime | None]:
    """How many outbox rows wait, and since when the oldest does."""
    outbox = tables.outbox
    async with engine.connect() as conn:
        row = (
            await conn.execute(select(func.count(), func.min(outbox.c.created_at)).where(outbox.c.published_at.is_(None)))
        ).one()
    oldest: datetime | None = row[1]  # min() keeps the column's UTC type
    return int(row[0]), oldest


async def refresh(metrics: ServiceMetrics, engine: AsyncEngine, tables: MessagingTables, consumers: Iterable[LagSource]) -> None:
    """Bring the query-based gauges up to date just before a scrape; a failing source keeps its last value."""
    try:
        backlog, oldest = await asyncio.wait_for(outbox_state(engine, tables), timeout=2)
        metrics.observe_outbox(backlog, oldest)
    except Exception as exc:
        log.warning("outbox metrics unavailable: %s", exc)
    for consumer in consumers:
        try:
            lag = await asyncio.wait_for(consumer.lag(), timeout=2)
        except Exception as exc:  # reconnecting, restarting or slow: its last values stand, so the lag alert can fire
            log.warning("lag of %s unavailable: %s", consumer.name, exc)
            continue
        metrics.observe_lag(consumer.name, lag)
