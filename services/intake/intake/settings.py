from __future__ import annotations

from datetime import timedelta

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from intake.domain.episode import DEFAULT_AFTERCARE_DAYS, DEFAULT_INACTIVITY_DAYS
from intake.domain.retention import RetentionPeriods
from intake.service_layer import episodes
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
    # Retention per kind of record, in days after the record ended; the legal reasons are in
    # docs/privacy/erasure.md. Closed journeys (Wmo file, Archiefwet selection list): 7 years.
    retention_closed_journey_days: float = Field(default=7 * 365, ge=0)
    # Reports closed without follow-up: long enough to recognise a repeat report, no longer (AVG art. 5(1)(e)).
    retention_report_without_follow_up_days: float = Field(default=2 * 365, ge=0)
    # Prevention cases (early signals, Wet gemeentelijke schuldhulpverlening): one year after the signal.
    retention_prevention_case_days: float = Field(default=365, ge=0)
    # Episodes (domain/episode.py): days of aftercare after the confirmed warm handover before the episode closes, and
    # days without a stay, contact or decision after which it closes as inactive; the job that closes them.
    episode_aftercare_days: int = Field(default=DEFAULT_AFTERCARE_DAYS, ge=0, le=3650)
    episode_inactivity_days: int = Field(default=DEFAULT_INACTIVITY_DAYS, ge=1, le=3650)
    episode_job_enabled: bool = True
    episode_check_interval_seconds: float = Field(default=3600.0, gt=0)
    retention_job_enabled: bool = True
    retention_check_interval_seconds: float = Field(default=3600.0, gt=0)

    @model_validator(mode="after")
    def _no_dev_keys_in_production(self) -> IntakeSettings:
        if self.environment is Environment.production and (
            DEV_BSN_KEY.split(":")[1] in self.bsn_keys or self.bsn_index_key == DEV_INDEX_KEY
        ):
            raise ValueError("INTAKE_BSN_KEYS and INTAKE_BSN_INDEX_KEY must be set in production")
        return self

    def retention_periods(self) -> RetentionPeriods:
        return RetentionPeriods(
            closed_journey=timedelta(days=self.retention_closed_journey_days),
            report_without_follow_up=timedelta(days=self.retention_report_without_follow_up_days),
            prevention_case=timedelta(days=self.retention_prevention_case_days),
        )

    def episode_settings(self) -> episodes.EpisodeSettings:
        return episodes.EpisodeSettings(aftercare_days=self.episode_aftercare_days, inactivity_days=self.episode_inactivity_days)
