"""What every placement handler needs besides the unit of work: reference data, rules, the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from journey_platform import backdating
from journey_platform.reference import ReferenceData
from placement.domain.stays import StayRules, local_day
from placement.domain.waiting_list import DEFAULT_ORDER, Criterium
from placement.settings import PlacementSettings


@dataclass(frozen=True)
class PlacementContext:
    reference: ReferenceData
    clock: Callable[[], datetime]
    rules: StayRules = field(default_factory=StayRules)
    order: tuple[Criterium, ...] = DEFAULT_ORDER
    late: backdating.LatePolicy = field(default_factory=backdating.LatePolicy.production)  # docs/late-registration.md
    offers: bool = True  # a freed place is offered to the waiting list; not for imported history (docs/import.md)

    def today(self) -> date:
        return local_day(self.clock())

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

    def at(self, moment: datetime) -> PlacementContext:
        """This context with its clock stopped at `moment`: a handler given a backdated moment records everything
        it does (stay terms, checklist dates, waiting-list offers) as of then."""
        return replace(self, clock=lambda: moment)

    @classmethod
    def from_settings(
        cls, settings: PlacementSettings, reference: ReferenceData, clock: Callable[[], datetime]
    ) -> PlacementContext:
        rules = StayRules(
            acute_max_weeks=settings.acute_stay_max_weeks or 8,
            acute_max_weeks_override=settings.acute_stay_max_weeks is not None,
            warning_days=settings.stay_warning_days,
            checklist_due_days=dict(settings.checklist_due_days),
            time_out_days=settings.time_out_days,
            check_in_interval_days=settings.check_in_interval_days,
        )
        return cls(
            reference=reference,
            clock=clock,
            rules=rules,
            order=tuple(settings.waiting_list_order),
            late=backdating.LatePolicy.from_settings(settings),
        )
