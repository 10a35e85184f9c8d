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
    def late(self) -> backdating.LatePolicy:
        """How far back a command's moment may lie and when it needs a reason (docs/late-registration.md)."""
        return backdating.LatePolicy.from_settings(self.settings)

    def moment(
        self,
        value: datetime | None,
        field: str,
        recorder: backdating.Recorder,
        not_before: datetime | None = None,
        before_what: str = "the fact it follows",
    ) -> datetime:
        """The command's moment (a late one noted with who and why), or now; a 400 naming the field if refused."""
        return backdating.moment(
            value, field, now=self.clock(), policy=self.late, recorder=recorder, not_before=not_before, before_what=before_what
        )

    def at(self, moment: datetime) -> HousingContext:
        """This context with its clock stopped at `moment`, for a handler given a backdated moment."""
        return replace(self, clock=lambda: moment)

    @property
    def policy(self) -> MatchingPolicy:
        return self.settings.matching_policy()
