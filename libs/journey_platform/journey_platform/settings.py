"""Typed settings shared by every service; each service subclasses with its own prefix."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from limits import parse_many
from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SIGNING_DIR = Path("var/dev-issuer")
# Keys the data subject's pseudonym in the processing log; production refuses it.
DEV_PROCESSING_LOG_KEY = "dev-only-processing-log-key-not-for-production"


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


def shared(name: str, default: Any) -> Any:
    """A field every service reads from the same unprefixed variable (e.g. KAFKA_BOOTSTRAP_SERVERS).
    Typed `Any`, as pydantic's `Field` is, so that the annotated field type is what mypy checks."""
    return Field(default, validation_alias=AliasChoices(name))


class ServiceSettings(BaseSettings):
    """Base for every service. Subclasses set `model_config` with their own env prefix."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    service_name: str = "service"
    environment: Environment = shared("ENVIRONMENT", Environment.development)
    database_url: str = "sqlite+aiosqlite:///var/service.db"
    # PostgreSQL: a statement running longer, or waiting for a lock longer, is cancelled and the request answers
    # 503 with Retry-After (0 turns a limit off). Connecting and waiting for a pooled connection are bounded too.
    database_statement_timeout_ms: int = Field(15_000, ge=0)
    database_lock_timeout_ms: int = Field(5_000, ge=0)
    database_connect_timeout_seconds: float = Field(5.0, gt=0)
    database_pool_timeout_seconds: float = Field(10.0, gt=0)
    kafka_bootstrap_servers: str = shared("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
    kafka_enable_idempotence: bool = shared("KAFKA_ENABLE_IDEMPOTENCE", False)
    kafka_topic_partitions: int = shared("KAFKA_TOPIC_PARTITIONS", 6)
    # In the cluster: SASL_SSL with SCRAM-SHA-512 (Strimzi KafkaUser) and the cluster CA; locally PLAINTEXT.
    kafka_security_protocol: Literal["PLAINTEXT", "SASL_SSL", "SASL_PLAINTEXT"] = shared("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
    kafka_sasl_mechanism: str = shared("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
    kafka_username: str | None = shared("KAFKA_USERNAME", None)
    kafka_password: str | None = shared("KAFKA_PASSWORD", None)
    kafka_ca_file: Path | None = shared("KAFKA_CA_FILE", None)
    oin: str = shared("OIN", "00000001003214345000")

    auth_issuer: str = shared("AUTH_ISSUER", "urn:opvangketen:dev-issuer")
    auth_audience: str = shared("AUTH_AUDIENCE", "opvangketen")
    auth_jwks_url: str | None = shared("AUTH_JWKS_URL", None)
    auth_jwks_file: Path | None = shared("AUTH_JWKS_FILE", DEV_SIGNING_DIR / "jwks.json")
    # The JWKS from auth_jwks_url is cached this long; a token with an unknown key id refetches it (key rotation),
    # at most once per auth_jwks_min_refetch_seconds.
    auth_jwks_cache_seconds: float = shared("AUTH_JWKS_CACHE_SECONDS", 300.0)
    auth_jwks_min_refetch_seconds: float = shared("AUTH_JWKS_MIN_REFETCH_SECONDS", 10.0)

    # Late registration (docs/late-registration.md): in production a command's moment may lie at most this many days
    # back (older history only through the import), and needs a reason beyond this many minutes.
    late_registration_window_days: int = Field(
        30, ge=0, le=366, validation_alias=AliasChoices("LATE_REGISTRATION_WINDOW_DAYS", "late_registration_window_days")
    )
    late_registration_tolerance_minutes: int = Field(
        60,
        ge=0,
        le=24 * 60,
        validation_alias=AliasChoices("LATE_REGISTRATION_TOLERANCE_MINUTES", "late_registration_tolerance_minutes"),
    )

    reference_data_file: Path | None = shared("REFERENCE_DATA_FILE", None)
    # One key for all four services, so one subject has one pseudonym in every service's log.
    processing_log_key: str = shared("PROCESSING_LOG_KEY", DEV_PROCESSING_LOG_KEY)

    outbox_poll_interval_seconds: float = 0.05
    # With nothing to publish the relay looks again after the poll interval, doubling up to this (no tight polling with
    # no traffic); a commit in the same process wakes it at once. Set it to the poll interval to poll at a fixed rate.
    outbox_idle_max_seconds: float = Field(2.0, gt=0)
    outbox_batch_size: int = 200
    # Published outbox rows are kept this long (then pruned): the window the relay republishes by itself when it
    # finds that the broker lost events it had acknowledged (docs/operations.md, "Broker data loss").
    outbox_retention_days: float = Field(7.0, ge=0)
    # While idle, how often the relay asks the broker whether it still holds what it acknowledged.
    outbox_broker_check_seconds: float = Field(2.0, gt=0)
    consumer_max_attempts: int = 5
    consumer_retry_backoff_seconds: float = 0.2
    consumer_enabled: bool = True
    # How long the broker may hold a consumer's fetch when it has nothing new. Kafka answers as soon as a record
    # arrives; the local broker (Tansu) holds every fetch this long, so it is the floor of delivery latency there,
    # and with no traffic each consumer asks this often (idle CPU). Also a group's batch limit (consumer_base.py).
    consumer_fetch_max_wait_ms: int = Field(100, ge=1, le=10_000)
    consumer_batch_max_records: int = Field(500, ge=1)
    # A consumer that has had no partition for this long while its group has lag nobody commits is stuck in a
    # join (e.g. behind a stale group leader): it leaves and rejoins with a fresh Kafka consumer.
    consumer_stuck_join_seconds: float = Field(60.0, gt=0)
    # Supervision of background tasks (journey_platform/supervision.py): a task that failed this many times
    # in a row is down (/readyz fails); a restart that runs `task_stable_after_seconds` clears the streak.
    task_failure_threshold: int = Field(3, ge=1)
    task_stable_after_seconds: float = Field(60.0, gt=0)
    relay_enabled: bool = True
    cors_allow_origins: list[str] = ["*"]
    # Hardening (docs/privacy/hardening.md): bodies over this size get 413; per client (token's organisation and
    # subject, else IP) at most `rate_limit` requests in a moving window (syntax of the `limits` library).
    max_request_body_bytes: int = Field(1_048_576, gt=0)
    rate_limit_enabled: bool = True
    rate_limit: str = "6000/minute"
    rate_limit_storage_url: str = shared("RATE_LIMIT_STORAGE_URL", "memory://")  # e.g. redis://redis:6379 for several replicas
    hsts_max_age_seconds: int = 31_536_000
    log_format: Literal["text", "json"] = shared("LOG_FORMAT", "text")  # "json" in the cluster
    log_level: str = shared("LOG_LEVEL", "INFO")

    @field_validator("rate_limit")
    @classmethod
    def _rate_limit_parses(cls, value: str) -> str:
        parse_many(value)  # ValueError names what is wrong, e.g. "6000/minute; 200/second"
        return value

    @model_validator(mode="after")
    def _refuse_unsafe_defaults_in_production(self) -> ServiceSettings:
        if self.environment is not Environment.production:
            return self
        problems = []
        if self.database_url.startswith("sqlite"):
            problems.append("database_url must point to PostgreSQL in production")
        if self.auth_jwks_url is None and (self.auth_jwks_file is None or DEV_SIGNING_DIR in self.auth_jwks_file.parents):
            problems.append("auth_jwks_url (or a non-development auth_jwks_file) is required in production")
        if self.auth_issuer.startswith("urn:opvangketen:dev"):
            problems.append("auth_issuer must be the production identity provider")
        if self.processing_log_key == DEV_PROCESSING_LOG_KEY or len(self.processing_log_key) < 32:
            problems.append("PROCESSING_LOG_KEY (at least 32 characters) is required in production")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def source_urn(self) -> str:
        """CloudEvents `source` per the NL GOV profile."""
        return f"urn:nld:oin:{self.oin}:systeem:{self.service_name}"
