"""What every housing handler needs besides the unit of work: reference data, the clock, the settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from housing.domain.model import MatchingPolicy
from housing.settings import HousingSettings
from journey_platform import backdating
from journey_platform.dutch_calendar import NL as NL  # re-exported: the one Dutch calendar
from journey_platform.reference import ReferenceData


@dataclass(frozen=True)
class HousingContext:
    reference: ReferenceData
    settings: HousingSettings
    clock: Callable[[], datetime]

    def today(self) -> date:
        return self.clock().astimezone(NL).date()

    @property
    def backdating(self) -> bool:
        """Commands may say when their fact happened (never in production)."""
        return backdating.allowed(self.settings.environment)

    def moment(
        self, value: datetime | None, field: str, not_before: datetime | None = None, before_what: str = "the fact it follows"
    ) -> datetime:
        return backdating.moment(
            value, field, now=self.clock(), backdating=self.backdating, not_before=not_before, before_what=before_what
        )

    def at(self, moment: datetime) -> HousingContext:
        """This context with its clock stopped at `moment`, for a handler given a backdated moment."""
        return replace(self, clock=lambda: moment)

    @property
    def policy(self) -> MatchingPolicy:
        return self.settings.matching_policy()
