from __future__ import annotations

from pydantic import model_validator
from pydantic_settings import SettingsConfigDict

from journey_platform.settings import Environment, ServiceSettings

# A development key (base64 of 32 bytes); production refuses it.
DEV_BSN_KEY = "dev:ZGV2LW9ubHktYnNuLWtleS1kby1ub3QtdXNlLTMyYiE="
DEV_INDEX_KEY = "ZGV2LW9ubHktaW5kZXgta2V5LW5vdC1mb3ItdXNlISE="


class IntakeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", extra="ignore", populate_by_name=True)

    service_name: str = "intake"
    database_url: str = "sqlite+aiosqlite:///var/intake.db"
    # Key ring "kid:base64key[,kid:base64key…]"; the first encrypts, all decrypt (rotation).
    bsn_keys: str = DEV_BSN_KEY
    # Key for the blind index that finds a person again without decrypting.
    bsn_index_key: str = DEV_INDEX_KEY
    deadline_check_interval_seconds: float = 60.0
    deadline_watcher_enabled: bool = True

    @model_validator(mode="after")
    def _no_dev_keys_in_production(self) -> IntakeSettings:
        if self.environment is Environment.production and (
            DEV_BSN_KEY.split(":")[1] in self.bsn_keys or self.bsn_index_key == DEV_INDEX_KEY
        ):
            raise ValueError("INTAKE_BSN_KEYS and INTAKE_BSN_INDEX_KEY must be set in production")
        return self
