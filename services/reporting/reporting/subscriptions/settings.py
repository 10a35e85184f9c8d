"""Settings of subscriptions (prefix REPORTING_, as the rest of reporting)."""

from __future__ import annotations

from pydantic import field_validator
from pydantic_settings import BaseSettings

from reporting.subscriptions.adapters.sealing import valid_keys
from reporting.subscriptions.domain.delivery import DEFAULT_RETRY_WAITS

# Development only (a Fernet key: base64 of 32 bytes); ReportingSettings refuses it in production.
DEV_SECRET_KEY = "ZGV2LW9ubHktc3Vic2NyaXB0aW9uLWtleS1ub3QtMzI="  # "dev-only-subscription-key-not-32"


class SubscriptionSettings(BaseSettings):
    webhook_delivery_enabled: bool = True
    webhook_retry_waits_seconds: list[float] = list(DEFAULT_RETRY_WAITS)
    webhook_timeout_seconds: float = 10.0
    webhook_poll_interval_seconds: float = 0.1  # the dispatcher's poll after work; a fan-out in this process wakes it
    # With nothing delivered the dispatcher's poll doubles up to this (never past the next retry that falls due).
    webhook_idle_max_seconds: float = 2.0
    webhook_batch_size: int = 50
    stream_poll_interval_seconds: float = 0.2
    retention_days: float = 7.0  # delivered deliveries and public events (the stream's replay window)
    stream_ping_seconds: float = 15.0
    # Key ring "key[,key…]" (Fernet keys) sealing subscribers' secrets at rest; the first seals, all unseal.
    subscription_secret_keys: str = DEV_SECRET_KEY

    @field_validator("subscription_secret_keys")
    @classmethod
    def _keys_are_fernet_keys(cls, value: str) -> str:
        return valid_keys(value)
