"""What every housing handler needs besides the unit of work: reference data, the clock, the settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from housing.domain.model import MatchingPolicy
from housing.settings import HousingSettings
from journey_platform.reference import ReferenceData

NL = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class HousingContext:
    reference: ReferenceData
    settings: HousingSettings
    clock: Callable[[], datetime]

    def today(self) -> date:
        return self.clock().astimezone(NL).date()

    @property
    def policy(self) -> MatchingPolicy:
        return self.settings.matching_policy()
