"""Wires subscriptions into reporting: the notifications consumer group and the delivery dispatcher."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from journey_platform.contracts.base import JourneyEvent
from journey_platform.contracts.public import PUBLIC_CONTRACTS
from journey_platform.contracts.versions import readable_types
from journey_platform.reference import ReferenceData
from journey_platform.runtime import Container, Subscription
from journey_platform.settings import Environment
from reporting.subscriptions.adapters.sealing import SecretSeal
from reporting.subscriptions.domain.delivery import RetrySchedule
from reporting.subscriptions.service_layer.abonnementen import SubscriptionContext
from reporting.subscriptions.service_layer.dispatcher import Dispatcher
from reporting.subscriptions.service_layer.fanout import notifier
from reporting.subscriptions.service_layer.fanout_batch import batch_notifier

FOLLOWED_PRODUCERS = tuple(PUBLIC_CONTRACTS)
PUBLIC_TOPICS = tuple(c.topic() for c in PUBLIC_CONTRACTS.values())


def subscription(container: Container) -> Subscription:
    """Its own consumer group, so a burst of deliveries never slows the journey projection."""
    return notifications(container.reference)


def notifications(reference: ReferenceData) -> Subscription:
    """The notifications group's handlers (also what the tests and bench/projection_batch.py apply)."""
    handler = notifier(reference)
    readable = readable_types().items()
    handlers = {t: handler for t, c in readable if c.producer in FOLLOWED_PRODUCERS and issubclass(c, JourneyEvent)}
    # A batch's events fanned out in one call, one statement per table; `notifier` stays the fallback when it fails.
    batch_handlers = dict.fromkeys(handlers, batch_notifier(reference))
    return Subscription(name="notifications", producers=FOLLOWED_PRODUCERS, handlers=handlers, batch_handlers=batch_handlers)


def start_delivery(container: Container) -> None:
    settings: Any = container.settings  # ReportingSettings: the service's and subscriptions' settings
    seal = SecretSeal(settings.subscription_secret_keys)
    container.extras["subscriptions"] = SubscriptionContext(
        reference=container.reference,
        source=settings.source_urn,
        timeout=settings.webhook_timeout_seconds,
        seal=seal,
        require_https=settings.environment is Environment.production,
    )
    dispatcher = Dispatcher(
        container.sessionmaker,
        RetrySchedule(tuple(settings.webhook_retry_waits_seconds)),
        lambda: httpx.AsyncClient(timeout=settings.webhook_timeout_seconds),
        seal=seal,
        poll_interval=settings.webhook_poll_interval_seconds,
        idle_max=settings.webhook_idle_max_seconds,
        batch_size=settings.webhook_batch_size,
        keep=timedelta(days=settings.retention_days),
    )
    container.extras["dispatcher"] = dispatcher
    if settings.webhook_delivery_enabled:
        container.commit_listeners.append(dispatcher.notify)  # a fan-out's commit: deliveries are waiting
        container.supervise("webhook-dispatcher", dispatcher.run)
