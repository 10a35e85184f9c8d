"""What every intake handler needs besides the unit of work: reference data, the key ring, the clock, the
late-registration policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from intake.adapters.crypto import KeyRing
from intake.domain import rules
from intake.service_layer.persons import PersonKeys
from journey_platform import backdating
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.reference import ReferenceData


@dataclass(frozen=True)
class IntakeContext:
    reference: ReferenceData
    keyring: KeyRing
    clock: Callable[[], datetime]
    late: backdating.LatePolicy = field(default_factory=backdating.LatePolicy.production)  # docs/late-registration.md

    def today(self) -> date:
        return self.clock().astimezone(rules.NL).date()

    def keys(self, uow: UnitOfWork) -> PersonKeys:
        return PersonKeys(uow.session, self.keyring)
