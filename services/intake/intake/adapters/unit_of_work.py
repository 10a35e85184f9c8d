"""Intake's unit of work: the platform's (one transaction, the outbox) with intake's repositories."""

from __future__ import annotations

from intake.adapters.repositories import SqlReferrals, SqlReports
from journey_platform.messaging.uow import UnitOfWork


class SqlUnitOfWork(UnitOfWork):
    """The container makes every unit of work of intake one of these (bootstrap: `uow_class`)."""

    @property
    def referrals(self) -> SqlReferrals:
        return SqlReferrals(self.session)

    @property
    def reports(self) -> SqlReports:
        return SqlReports(self.session)
