"""Settings of subscriptions (prefix REPORTING_, as the rest of reporting)."""

from __future__ import annotations

from pydantic_settings import BaseSettings

from reporting.subscriptions.domain.delivery import DEFAULT_RETRY_WAITS


class SubscriptionSettings(BaseSettings):
    webhook_delivery_enabled: bool = True
    webhook_retry_waits_seconds: list[float] = list(DEFAULT_RETRY_WAITS)
    webhook_timeout_seconds: float = 10.0
    webhook_poll_interval_seconds: float = 0.1  # the dispatcher's idle poll; a fan-out also wakes it
    webhook_batch_size: int = 50
    stream_poll_interval_seconds: float = 0.2
    retention_days: float = 7.0  # delivered deliveries and public events (the stream's replay window)
    stream_ping_seconds: float = 15.0
