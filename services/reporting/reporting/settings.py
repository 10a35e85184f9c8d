from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from journey_platform.settings import ServiceSettings
from reporting.subscriptions import settings as subscriptions


class ReportingSettings(ServiceSettings, subscriptions.SubscriptionSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTING_", extra="ignore", populate_by_name=True)

    service_name: str = "reporting"
    database_url: str = "sqlite+aiosqlite:///var/reporting.db"
    doelen_file: Path | None = Field(None, description="Baselines and targets (YAML); the packaged doelen.yaml when unset.")
    dashboard_enabled: bool = True
