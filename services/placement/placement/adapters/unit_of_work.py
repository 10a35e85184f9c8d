"""Placement's unit of work: the platform's (one transaction, the outbox) with placement's repositories."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journey_platform.messaging.uow import UnitOfWork

if TYPE_CHECKING:  # the runtime brings the web layer along; the service layer imports this module
    from journey_platform.runtime import Container
from placement.adapters.repositories import SqlFacilities, SqlJourneys, SqlReadyToLeave, SqlStays, SqlWaitingList


class SqlUnitOfWork(UnitOfWork):
    """The container makes every unit of work of placement one of these (bootstrap: `uow_class`)."""

    @property
    def waiting_list(self) -> SqlWaitingList:
        return SqlWaitingList(self.session)

    @property
    def facilities(self) -> SqlFacilities:
        return SqlFacilities(self.session)

    @property
    def stays(self) -> SqlStays:
        return SqlStays(self.session)

    @property
    def journeys(self) -> SqlJourneys:
        return SqlJourneys(self.session)

    @property
    def ready_to_leave(self) -> SqlReadyToLeave:
        return SqlReadyToLeave(self.session)

    async def flush_changes(self) -> None:
        """The changed rows to the database, not yet the outbox (its rows, and the journey counters they lock, are
        written at commit, as before repositories)."""
        await self.session.flush()


def unit_of_work(container: Container) -> SqlUnitOfWork:
    """A unit of work of the container bootstrap built for placement."""
    return container.uow_as(SqlUnitOfWork)
