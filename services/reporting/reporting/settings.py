from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from journey_platform.settings import Environment, ServiceSettings
from reporting.experience import settings as experience
from reporting.subscriptions import settings as subscriptions


class ReportingSettings(ServiceSettings, subscriptions.SubscriptionSettings, experience.ExperienceSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTING_", extra="ignore", populate_by_name=True)

    service_name: str = "reporting"
    database_url: str = "sqlite+aiosqlite:///var/reporting.db"
    doelen_file: Path | None = Field(None, description="Baselines and targets (YAML); the packaged doelen.yaml when unset.")
    dashboard_enabled: bool = True
    indicator_worker: Literal["process", "thread"] | None = Field(
        None,
        description="Where indicator requests are folded (service_layer/indicator_worker.py): a worker process, or a "
        "worker thread of the serving process. Unset: a process, except under environment test or with an in-memory "
        "database (which another process cannot open).",
    )
    indicator_worker_max_rss_mib: float | None = Field(
        160,
        description="A worker process that keeps more resident memory (MiB) than this after an answer is replaced by a "
        "new one once no question has come for a while (service_layer/indicator_worker.py); unset: it is kept.",
    )

    def indicator_worker_mode(self) -> Literal["process", "thread"]:
        if self.indicator_worker is not None:
            return self.indicator_worker
        in_memory = ":memory:" in self.database_url or self.database_url.rstrip("/").endswith("sqlite+aiosqlite:")
        return "thread" if in_memory or self.environment is Environment.test else "process"

    @model_validator(mode="after")
    def _no_dev_secret_key_in_production(self) -> ReportingSettings:
        if self.environment is Environment.production and subscriptions.DEV_SECRET_KEY in self.subscription_secret_keys:
            raise ValueError("REPORTING_SUBSCRIPTION_SECRET_KEYS must be set in production (without the development key)")
        return self
