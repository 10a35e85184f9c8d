"""Housing's unit of work: the platform's (one transaction, the outbox) with housing's repositories."""

from __future__ import annotations

from typing import TYPE_CHECKING

from housing.adapters.repositories import SqlMatching
from journey_platform.messaging.uow import UnitOfWork

if TYPE_CHECKING:  # the runtime brings the web layer along; the service layer imports this module
    from journey_platform.runtime import Container


class SqlUnitOfWork(UnitOfWork):
    """The container makes every unit of work of housing one of these (bootstrap: `uow_class`)."""

    @property
    def matching(self) -> SqlMatching:
        return SqlMatching(self.session)

    async def flush_changes(self) -> None:
        """The changed rows to the database, not yet the outbox (its rows, and the journey counters they lock, are
        written at commit)."""
        await self.session.flush()


def unit_of_work(container: Container) -> SqlUnitOfWork:
    """A unit of work of the container bootstrap built for housing."""
    return container.uow_as(SqlUnitOfWork)
