from __future__ import annotations

from pathlib import Path

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

    @model_validator(mode="after")
    def _no_dev_secret_key_in_production(self) -> ReportingSettings:
        if self.environment is Environment.production and subscriptions.DEV_SECRET_KEY in self.subscription_secret_keys:
            raise ValueError("REPORTING_SUBSCRIPTION_SECRET_KEYS must be set in production (without the development key)")
        return self
