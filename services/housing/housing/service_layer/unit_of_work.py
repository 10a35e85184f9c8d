"""The unit of work as housing's journey steps see it: repositories, the outbox and one commit. The real one is
`adapters.unit_of_work.SqlUnitOfWork`; the unit tests pass an in-memory fake (housing/fakes.py)."""

from __future__ import annotations

from typing import Protocol

from housing.adapters.repositories import MatchingRepository
from journey_platform.backdating import NotesLate
from journey_platform.contracts.base import EventContract


class HousingUnitOfWork(NotesLate, Protocol):
    """Also notes a moment registered late (journey_platform.backdating)."""

    @property
    def matching(self) -> MatchingRepository: ...

    def publish(self, contract: EventContract, extra_headers: dict[str, str] | None = None) -> object:
        """Queues the event in the outbox, in this transaction."""
        ...

    async def flush_changes(self) -> None:
        """Writes the changed rows (ids and constraints checked) before the step reads on."""
        ...

    async def commit(self) -> None: ...
