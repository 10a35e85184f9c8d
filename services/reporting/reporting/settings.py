from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from journey_platform.settings import ServiceSettings
from reporting.subscriptions import settings as subscriptions


class ReportingSettings(ServiceSettings, subscriptions.SubscriptionSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTING_", extra="ignore", populate_by_name=True)

    service_name: str = "reporting"
    database_url: str = "sqlite+aiosqlite:///var/reporting.db"
