from __future__ import annotations

from pydantic import Field, field_validator
from pydantic_settings import SettingsConfigDict

from journey_platform.settings import ServiceSettings
from placement.domain.waiting_list import DEFAULT_ORDER, Criterium


class PlacementSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PLACEMENT_", extra="ignore", populate_by_name=True)

    service_name: str = "placement"
    database_url: str = "sqlite+aiosqlite:///var/placement.db"
    # The acute shelter's maximum stay is the region's (regions.yaml `acuteStayMaxWeeks`); set this only to
    # override it for every region. And how many days before it the team is warned.
    acute_stay_max_weeks: int | None = Field(None, ge=1, le=52)
    stay_warning_days: int = Field(7, ge=0, le=60)
    # Days after admission by which ID, health insurance and income should be arranged.
    checklist_due_days: dict[str, int] = {"identiteitsbewijs": 14, "zorgverzekering": 28, "inkomen": 42}
    time_out_days: int = Field(7, ge=1, le=60)
    check_in_interval_days: int = Field(91, ge=7, le=366)
    # The order of the central waiting list, most important first (JSON list in the environment).
    waiting_list_order: list[Criterium] = list(DEFAULT_ORDER)
    watch_interval_seconds: float = 60.0

    @field_validator("waiting_list_order")
    @classmethod
    def _each_criterium_once(cls, order: list[Criterium]) -> list[Criterium]:
        if len(set(order)) != len(order) or Criterium.besluitdatum not in order:
            raise ValueError("name each criterium once, and include besluitdatum")
        return order

    @field_validator("checklist_due_days")
    @classmethod
    def _the_three_items(cls, due: dict[str, int]) -> dict[str, int]:
        if set(due) != {"identiteitsbewijs", "zorgverzekering", "inkomen"} or min(due.values()) < 0:
            raise ValueError("give due days (>= 0) for identiteitsbewijs, zorgverzekering and inkomen")
        return due
