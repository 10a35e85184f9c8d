from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from journey_platform.settings import ServiceSettings


class PlacementSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PLACEMENT_", extra="ignore", populate_by_name=True)

    service_name: str = "placement"
    database_url: str = "sqlite+aiosqlite:///var/placement.db"
