"""The unit of work: the one owner of a transaction, and the writer of outbox rows.

A state change and the events that announce it are committed together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from journey_platform.contracts.base import EventContract, JourneyEvent
from journey_platform.db import utcnow
from journey_platform.messaging.envelope import CONTENT_TYPE, CloudEvent, new_event
from journey_platform.messaging.tables import MessagingTables
from journey_platform.observability.logs import bind_journey
from journey_platform.observability.tracing import current_trace_headers
from journey_platform.privacy.recorder import current_request_log


class UnitOfWork:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        tables: MessagingTables,
        source: str,
        on_commit: Callable[[], None] | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._tables = tables
        self._source = source
        self._on_commit = on_commit
        self._pending: list[dict[str, Any]] = []
        self.session: AsyncSession
        self._request_log = current_request_log()  # set by the processing-log middleware for API requests

    async def __aenter__(self) -> Self:
        self.session = self._sessionmaker()
        await self.session.begin()
        if self._request_log is not None:
            self._request_log.watch(self.session.sync_session)
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        try:
            if self.session.in_transaction():
                await self.session.rollback()
        finally:
            await self.session.close()

    def publish(self, contract: EventContract, extra_headers: dict[str, str] | None = None) -> CloudEvent:
        """Record an event in the outbox, in this transaction, with the current trace context (`traceparent`)."""
        event = new_event(contract, self._source)
        headers = {"content-type": CONTENT_TYPE, **current_trace_headers(), **(extra_headers or {})}
        if isinstance(contract, JourneyEvent):
            bind_journey(event.subject)
        self._pending.append(
            {
                "event_id": event.id,
                "event_type": event.type,
                "topic": type(contract).topic(),
                "message_key": contract.partition_key(),
                "payload": event.to_bytes().decode(),
                "headers": headers,
                "created_at": utcnow(),
                "attempts": 0,
            }
        )
        return event

    async def flush(self) -> None:
        await self.session.flush()
        if self._pending:
            await self.session.execute(self._tables.outbox.insert(), self._pending)
            self._pending = []

    async def commit(self) -> None:
        """The change, its events and its processing-log rows commit together or not at all."""
        had_events = bool(self._pending)
        await self.flush()
        logged: list[dict[str, Any]] = []
        if self._request_log is not None:
            logged = await self._request_log.pending_rows(self.session, status=200)
            await self._request_log.insert(self.session, logged)
        await self.session.commit()
        if self._request_log is not None:
            self._request_log.confirm(logged)
        if had_events and self._on_commit is not None:
            self._on_commit()

    async def rollback(self) -> None:
        self._pending = []
        await self.session.rollback()
