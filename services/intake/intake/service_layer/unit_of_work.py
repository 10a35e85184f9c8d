"""The unit of work as intake's journey steps see it: repositories, the outbox and one commit. The real one is
`adapters.unit_of_work.SqlUnitOfWork`; the unit tests pass an in-memory fake (intake/fakes.py)."""

from __future__ import annotations

from typing import Protocol

from intake.adapters.repositories import ReferralRepository, ReportRepository
from journey_platform.backdating import NotesLate
from journey_platform.contracts.base import EventContract


class IntakeUnitOfWork(NotesLate, Protocol):
    """Also notes a moment registered late (journey_platform.backdating)."""

    @property
    def referrals(self) -> ReferralRepository: ...

    @property
    def reports(self) -> ReportRepository: ...

    def publish(self, contract: EventContract, extra_headers: dict[str, str] | None = None) -> object:
        """Queues the event in the outbox, in this transaction."""
        ...

    async def commit(self) -> None: ...
