"""The unit of work: the one owner of a transaction, and the writer of outbox rows.

A state change and the events that announce it are committed together or not at all. Each journey event gets its
journey's next number (`trajectvolgnummer`) when its outbox row is written, from a counter row per journey raised in
the same transaction: the row lock orders writers, so the numbers follow the order the producer committed them in."""

from __future__ import annotations

import contextlib
import functools
import uuid
from collections.abc import AsyncIterator, Callable, Collection
from datetime import datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Table, bindparam, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from journey_platform.contracts.base import EventContract, JourneyEvent
from journey_platform.db import utcnow
from journey_platform.messaging.envelope import (
    CONTENT_TYPE,
    IMPORT_SOURCE,
    IMPORTED,
    LATE_REGISTERED,
    CloudEvent,
    new_event,
)
from journey_platform.messaging.one_statement import insert_rows, new_rows
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
        self._pending: list[tuple[dict[str, Any], CloudEvent, bool]] = []  # (outbox row, event, numbered per journey)
        self.session: AsyncSession
        self._request_log = current_request_log()  # set by the processing-log middleware for API requests
        self._extensions: dict[str, Any] = {}  # CloudEvents extension attributes on every event of this unit of work
        self._late_rows: list[dict[str, Any]] = []
        self._first_journey: uuid.UUID | None = None  # the journey of the first journey event: a late row's default
        self._opened: dict[str, int] = {}  # journeys opened in this transaction whose counter row is not written: last number

    def mark_imported(self, source: str | None = None) -> None:
        """Every event of this unit of work is marked as imported (`geimporteerd`), with `source` as `importbron`."""
        self._extensions[IMPORTED] = True
        if source is not None:
            self._extensions[IMPORT_SOURCE] = source

    @property
    def imported(self) -> bool:
        return bool(self._extensions.get(IMPORTED))

    def note_late(
        self,
        *,
        veld: str,
        moment: datetime,
        now: datetime,
        door: str,
        subject: str,
        reden: str | None,
        traject_id: uuid.UUID | None,
    ) -> None:
        """A moment registered late: its events say so (`laatgeregistreerd`); the service keeps who, why and when."""
        self._extensions[LATE_REGISTERED] = True
        if self._tables.late_registrations is None:
            return
        self._late_rows.append(
            {
                "id": uuid.uuid4(),
                "traject_id": traject_id,
                "veld": veld,
                "moment": moment,
                "vastgelegd_op": now,
                "vastgelegd_door": door,
                "vastgelegd_door_subject": subject,
                "reden": reden,
                "geimporteerd": self.imported,
            }
        )

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

    @contextlib.asynccontextmanager
    async def before_transaction(self) -> AsyncIterator[None]:
        """Statements in this block run on their own while no transaction has begun (PostgreSQL): no BEGIN round trip
        for them. Only for plain reads (READ COMMITTED: each sees what it would see inside the transaction; no lock is
        taken) and for a single write that is all the unit of work writes. Once a transaction runs, they run in it;
        the first statement after the block begins one. No autoflush inside: a flush is a write."""
        connection = await self.session.connection()
        driver = (await connection.get_raw_connection()).dbapi_connection if connection.dialect.driver == "asyncpg" else None
        if driver is None:
            yield
            return
        driver.autocommit = True  # SQLAlchemy's adapter: begins no transaction at its next statement (none runs yet)
        try:
            with self.session.no_autoflush:
                yield
        finally:
            driver.autocommit = False

    def publish(self, contract: EventContract, extra_headers: dict[str, str] | None = None) -> CloudEvent:
        """Record an event in the outbox, in this transaction, with the current trace context (`traceparent`).

        A journey event's number within its journey is added when the row is written (flush or commit)."""
        event = new_event(contract, self._source)
        headers = {"content-type": CONTENT_TYPE, **current_trace_headers(), **(extra_headers or {})}
        if isinstance(contract, JourneyEvent):
            bind_journey(event.subject)
        row = {
            "event_id": event.id,
            "event_type": event.type,
            "topic": type(contract).topic(),
            "message_key": contract.partition_key(),
            "headers": headers,
            "created_at": utcnow(),
            "attempts": 0,
        }
        self._pending.append((row, event, isinstance(contract, JourneyEvent) and contract.sequenced))
        return event

    def journey_opened(self, traject_id: uuid.UUID) -> None:
        """A journey created in this transaction: no other transaction can number its events, so they are numbered
        here and its counter row is written with the outbox rows (one statement on PostgreSQL, not one per event)."""
        self._opened.setdefault(str(traject_id).lower(), 0)

    async def flush(self) -> None:
        await self.session.flush()
        if self._pending:
            await self._insert_outbox_rows(await self._outbox_rows())

    async def _outbox_rows(self) -> list[dict[str, Any]]:
        """The pending events' outbox rows, each journey event numbered in its journey."""
        rows = []
        for row, event, numbered in self._pending:
            event = event.with_extensions(self._extensions)
            if numbered and event.subject is not None and self._first_journey is None:
                self._first_journey = uuid.UUID(event.subject)
            if numbered and event.subject is not None:
                event = event.with_journey_sequence(await self._next_in_journey(event.subject))
            rows.append({**row, "payload": event.to_bytes().decode()})
        self._pending = []
        return rows

    def _opened_counters(self) -> list[dict[str, Any]]:
        """The counter rows of the journeys opened here that got a number (from then on their counters are raised like
        any other's)."""
        counters = [{"traject_id": uuid.UUID(t), "last_sequence": n} for t, n in self._opened.items() if n]
        self._opened = {t: n for t, n in self._opened.items() if not n}
        return counters

    async def _insert_outbox_rows(self, rows: list[dict[str, Any]]) -> None:
        """The outbox rows and the counter rows of the journeys opened here."""
        counters = self._opened_counters()
        outbox, sequences = self._tables.outbox, self._tables.journey_sequences
        if len(rows) == 1 and len(counters) == 1 and self.session.get_bind().dialect.name == "postgresql":
            # The usual case (a new journey's first event) in one round trip, with a statement compiled once.
            params = {**rows[0], **{f"opened_{k}": v for k, v in counters[0].items()}}
            await self.session.execute(_outbox_with_counter(outbox, sequences, tuple(sorted(rows[0]))), params)
            return
        if counters:
            await self.session.execute(sequences.insert(), counters)
        if len(rows) == 1:
            await self.session.execute(outbox.insert(), rows)
            return
        # Several (a batch handler's events): one multi-row INSERT instead of one execution per row; RETURNING with
        # sort_by_parameter_order makes SQLAlchemy render it as INSERT ... SELECT ... ORDER BY the rows' positions,
        # so the relay's `seq` still follows the order the events were published in.
        await self.session.execute(outbox.insert().returning(outbox.c.seq, sort_by_parameter_order=True), rows)

    def _late_rows_out(self) -> list[dict[str, Any]]:
        """The late-registration rows to write, each with its journey (the first journey event's when it named none)."""
        rows = [{**row, "traject_id": row["traject_id"] or self._first_journey} for row in self._late_rows]
        self._late_rows = []
        return rows

    async def _write_late_rows(self) -> None:
        if self._late_rows and self._tables.late_registrations is not None:
            await self.session.execute(self._tables.late_registrations.insert(), self._late_rows_out())

    async def _next_in_journey(self, traject_id: str) -> int:
        """Raises the journey's counter (creating it at 1) and returns it; the row stays locked until commit."""
        opened = self._opened.get(traject_id.lower())
        if opened is not None:
            self._opened[traject_id.lower()] = opened + 1
            return opened + 1
        statement = _sequence_upsert(self._tables.journey_sequences, self.session.get_bind().dialect.name == "postgresql")
        return int((await self.session.execute(statement, {"traject_id": uuid.UUID(traject_id)})).scalar_one())

    async def commit(self, *, one_statement: bool = False) -> None:
        """The change, its events and its processing-log rows commit together or not at all. `one_statement`: when the
        unit of work only added rows, they are written with the others in one statement (messaging/one_statement.py)."""
        had_events = bool(self._pending)
        logged: list[dict[str, Any]] | None = await self._write_in_one_statement() if one_statement else None
        if logged is None:
            await self.flush()
            await self._write_late_rows()
            logged = []
            if self._request_log is not None:
                logged = await self._request_log.pending_rows(self.session, status=200)
                await self._request_log.insert(self.session, logged)
        await self.session.commit()
        if self._request_log is not None:
            self._request_log.confirm(logged)
        if had_events and self._on_commit is not None:
            self._on_commit()

    async def _write_in_one_statement(self) -> list[dict[str, Any]] | None:
        """The processing-log rows written, or None (nothing written) when this unit of work cannot be one statement."""
        if self.session.get_bind().dialect.name != "postgresql":
            return None
        if any(numbered and e.subject is not None and e.subject.lower() not in self._opened for _, e, numbered in self._pending):
            return None  # an existing journey's counter: raised with its own statement by `flush`
        added = new_rows(self.session.sync_session)
        if added is None or (self._request_log is not None and not self._request_log.created_without_flush(added[0])):
            return None
        objects, rows = added
        rows += [(self._tables.outbox, row) for row in await self._outbox_rows()]
        rows += [(self._tables.journey_sequences, row) for row in self._opened_counters()]
        if self._late_rows and self._tables.late_registrations is not None:
            rows += [(self._tables.late_registrations, row) for row in self._late_rows_out()]
        logged = await self._request_log.pending_rows(self.session, status=200) if self._request_log is not None else []
        if self._request_log is not None:
            rows += [(self._request_log.log.table, r) for r in logged]
        try:
            async with self.before_transaction():  # without reads in a transaction: the statement is the transaction
                await insert_rows(self.session, rows)
        except SQLAlchemyError as exc:
            if logged and self._request_log is not None:
                self._request_log.failed_in(exc)
            raise
        for instance in objects:
            self.session.expunge(instance)  # written: the commit has nothing left to flush
        return logged

    async def forget_late_reasons(self, traject_ids: Collection[uuid.UUID]) -> None:
        """Erasure (AVG art. 17): the reasons given for these journeys' late registrations are free text; blank them."""
        table = self._tables.late_registrations
        if table is not None and traject_ids:
            await self.session.execute(update(table).where(table.c.traject_id.in_(list(traject_ids))).values(reden=None))

    def discard_pending(self) -> None:
        """Forget the events and late-registration notes not yet written (a savepoint rolled back)."""
        self._pending = []
        self._late_rows = []

    async def rollback(self) -> None:
        self._pending = []
        self._late_rows = []
        self._opened = {}
        await self.session.rollback()


@functools.cache
def _sequence_upsert(table: Table, on_postgresql: bool) -> Any:  # an INSERT … ON CONFLICT … RETURNING
    """Raise a journey's counter, creating it at 1: built once per table (not per event)."""
    dialect = postgresql if on_postgresql else sqlite
    statement = dialect.insert(table).values(traject_id=bindparam("traject_id"), last_sequence=1)
    return statement.on_conflict_do_update(
        index_elements=[table.c.traject_id], set_={"last_sequence": table.c.last_sequence + 1}
    ).returning(table.c.last_sequence)


@functools.cache
def _outbox_with_counter(outbox: Table, sequences: Table, columns: tuple[str, ...]) -> Any:
    """One outbox row and a new journey's counter row, in one statement (a data-modifying CTE, PostgreSQL): bound
    parameters throughout, so it is compiled once (a multi-row VALUES would be compiled at every execution)."""
    counter = sequences.insert().values(
        traject_id=bindparam("opened_traject_id"), last_sequence=bindparam("opened_last_sequence")
    )
    return outbox.insert().values({c: bindparam(c) for c in columns}).add_cte(counter.cte("opened_journey_sequences"))
