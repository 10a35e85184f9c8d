from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from journey_platform.settings import ServiceSettings


class HousingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HOUSING_", extra="ignore", populate_by_name=True)

    service_name: str = "housing"
    database_url: str = "sqlite+aiosqlite:///var/housing.db"
