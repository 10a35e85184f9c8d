"""What one request did to whom, gathered from the unit of work's session, and written as log rows.

The middleware opens a `RequestLog` per request (a context variable); the unit of work lets it watch
its session: every instance loaded is a read, every instance flushed new/changed/deleted a write of
the subject the row names. No sampling: a list of 100 clients gives 100 rows.
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Iterable, MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from opentelemetry import trace
from sqlalchemy import event, inspect, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from journey_platform.db import utcnow
from journey_platform.observability.routes import route_template
from journey_platform.privacy.errors import ProcessingLogUnavailable
from journey_platform.privacy.pseudonyms import pseudonym
from journey_platform.privacy.register import Register
from journey_platform.privacy.subjects import CLIENT, SubjectLinks

Scope = MutableMapping[str, Any]  # an ASGI scope

log = logging.getLogger(__name__)

READ, CREATE, UPDATE, DELETE = "lezen", "aanmaken", "wijzigen", "verwijderen"
SUCCESS, REFUSED, NOT_FOUND, ERROR = "gelukt", "geweigerd", "niet-gevonden", "fout"

_current: ContextVar[RequestLog | None] = ContextVar("processing_log", default=None)


def current_request_log() -> RequestLog | None:
    return _current.get()


def outcome_of(status: int) -> str:
    if status < 400:
        return SUCCESS
    if status == 404:
        return NOT_FOUND
    return REFUSED if status < 500 else ERROR


@dataclass
class ProcessingLog:
    """A service's processing log: its table, register of activities, subject links and pseudonym key."""

    service: str
    table: Any  # sqlalchemy Table
    register: Register
    links: SubjectLinks
    key: str
    metrics: Any = None  # ServiceMetrics

    def counted(self, rows: int, failed: bool = False) -> None:
        if self.metrics is None:
            return
        if failed:
            self.metrics.processing_log_failures.inc()
        else:
            self.metrics.processing_log_rows.inc(rows)


class RequestLog:
    def __init__(self, processing_log: ProcessingLog, scope: Scope) -> None:
        self.log = processing_log
        self._scope = scope
        self._touched: dict[tuple[str, str, str], None] = {}  # (link kind, key, operation), in order
        self._written: set[tuple[str, str]] = set()  # (pseudonym, operation)
        self._trace: tuple[str | None, str | None, str | None] | None = None
        self._covered = self._confirmed = 0  # how many of `_touched` the last rows made, and the last committed, cover

    # --- gathering -------------------------------------------------------------------------------
    def watch(self, session: Session) -> None:
        _listen_once()
        session.info[_WATCHING] = self

    def touch(self, client_id: uuid.UUID | str, operation: str = READ) -> None:
        """A subject processed without an ORM instance (e.g. named in the query)."""
        self._note(CLIENT, client_id, operation)

    def touch_path(self) -> None:
        """The subject the path names (`persoonId`, `trajectId`…), for a request refused before any read."""
        path_params = self._scope.get("path_params") or {}
        for name, kind in self.log.links.path.items():
            value = path_params.get(name)
            try:
                key = value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
            except ValueError:
                continue  # not an id (a 400): it names no one
            self._note(kind, key, READ)

    @property
    def touched_anything(self) -> bool:
        return bool(self._touched)

    @property
    def all_written(self) -> bool:
        """Nothing touched since the last committed rows (a write's, in its unit of work): no rows left to write, and
        so no session to open for them (~3% of a report's CPU, issue 18)."""
        return self._confirmed == len(self._touched)

    def _loaded(self, session: Session, instance: Any) -> None:
        self._note_instance(instance, READ)

    def _flushed(self, session: Session, flush_context: Any) -> None:
        for instance in session.new:
            self._note_instance(instance, CREATE)
        for instance in session.dirty:
            if session.is_modified(instance):
                self._note_instance(instance, UPDATE)
        for instance in session.deleted:
            self._note_instance(instance, DELETE)

    def created_without_flush(self, instances: Iterable[Any]) -> bool:
        """Notes rows inserted without a flush (messaging/one_statement.py) as `_flushed` would. False, noting nothing,
        when a row names its subject only through a key to look up: the lookup runs before the row is written."""
        links = [(instance, self.log.links.link_of(inspect(instance).mapper.local_table)) for instance in instances]
        if any(link is not None and link[0] != CLIENT for _, link in links):
            return False
        for instance, link in links:
            if link is not None:
                self._note(CLIENT, getattr(instance, link[1], None), CREATE)
        return True

    def _note_instance(self, instance: Any, operation: str) -> None:
        table = inspect(instance).mapper.local_table
        link = self.log.links.link_of(table)
        if link is not None:
            self._note(link[0], getattr(instance, link[1], None), operation)

    def _note(self, kind: str, key: Any, operation: str) -> None:
        if key is None:
            return
        if self._trace is None:
            self._trace = _trace_ids()
        self._touched[(kind, str(key).lower(), operation)] = None

    # --- writing ---------------------------------------------------------------------------------
    async def pending_rows(self, session: AsyncSession, status: int) -> list[dict[str, Any]]:
        """Rows for every subject touched and not yet written, the subjects resolved in `session`."""
        if not self._touched:
            return []
        self._covered = len(self._touched)
        subjects = await self._resolve(session)
        principal = (self._scope.get("state") or {}).get("principal")
        if principal is None:
            return []  # no caller known: the request was turned away before any data was read
        route = self._scope.get("route")
        activity_id, activity = self.log.register.activity_of(getattr(route, "operation_id", None))
        if activity is None:
            log.warning("operation %s touched personal data but is not in the register", activity_id)
        trace_id, span_id, parent = self._trace or _trace_ids()
        now, outcome, rows = utcnow(), outcome_of(status), []
        for client_id, operation in subjects:
            subject = pseudonym(self.log.key, client_id)
            if (subject, operation) in self._written:
                continue
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "tijdstip": now,
                    "dienst": self.log.service,
                    "trace_id": trace_id,
                    "span_id": span_id,
                    "parent_span_id": parent,
                    "actor": principal.subject[:200],
                    "organisatie_type": principal.org_type.value,
                    "organisatie_id": principal.org_id,
                    "verwerkingsactiviteit": activity_id,
                    "doel": activity.doel if activity else "-",
                    "grondslag": activity.grondslag if activity else "-",
                    "betrokkene": subject,
                    "handeling": operation,
                    "resultaat": outcome,
                    "methode": self._scope.get("method", "")[:10],
                    "route": route_template(self._scope)[:200],
                }
            )
        return rows

    async def insert(self, session: AsyncSession, rows: list[dict[str, Any]]) -> None:
        """Insert in `session`'s transaction; any failure makes the request fail (503)."""
        if not rows:
            return
        try:
            await session.execute(self.log.table.insert(), rows)
        except SQLAlchemyError as exc:
            self.log.counted(0, failed=True)
            log.error("processing log not written (%s): %s", self.log.service, type(exc).__name__)
            raise ProcessingLogUnavailable() from exc

    def failed_in(self, exc: SQLAlchemyError) -> None:
        """A statement that wrote the log rows with others failed: when on the log table (renamed away, no privilege),
        the request fails as when `insert` fails (503); otherwise the error stands (a conflict stays a 409)."""
        if f'"{self.log.table.name}"' in str(getattr(exc, "orig", exc)):
            self.log.counted(0, failed=True)
            log.error("processing log not written (%s): %s", self.log.service, type(exc).__name__)
            raise ProcessingLogUnavailable() from exc

    def confirm(self, rows: Iterable[dict[str, Any]]) -> None:
        """The rows are committed: later writes in this request skip them."""
        rows = list(rows)
        self._confirmed = self._covered
        self._written.update((r["betrokkene"], r["handeling"]) for r in rows)
        self.log.counted(len(rows))

    async def _resolve(self, session: AsyncSession) -> list[tuple[str, str]]:
        wanted: dict[str, set[str]] = {}
        for kind, key, _ in self._touched:
            if kind != CLIENT:
                wanted.setdefault(kind, set()).add(key)
        clients: dict[tuple[str, str], str] = {}
        for kind, keys in wanted.items():
            lookup = self.log.links.via[kind]
            key_col, client_col = lookup.table.c[lookup.key], lookup.table.c[lookup.client]
            try:
                found = await session.execute(select(key_col, client_col).where(key_col.in_([uuid.UUID(k) for k in keys])))
            except SQLAlchemyError as exc:
                self.log.counted(0, failed=True)
                raise ProcessingLogUnavailable() from exc
            clients.update({(kind, str(k).lower()): str(c).lower() for k, c in found.all() if c is not None})
        resolved: dict[tuple[str, str], None] = {}
        for kind, key, operation in self._touched:
            client = key if kind == CLIENT else clients.get((kind, key))
            if client is not None:
                resolved[(client, operation)] = None
        return list(resolved)


_WATCHING = "journey_platform.request_log"


@functools.cache
def _listen_once() -> None:
    """Listeners on every session, once, that hand a watched session's loads and flushes to its request log: listening
    on each session (two `event.listen` per unit of work) cost ~3% of a report's CPU (issue 18)."""

    def loaded(session: Session, instance: Any) -> None:
        watching: RequestLog | None = session.info.get(_WATCHING)
        if watching is not None:
            watching._loaded(session, instance)

    def flushed(session: Session, flush_context: Any) -> None:
        watching: RequestLog | None = session.info.get(_WATCHING)
        if watching is not None:
            watching._flushed(session, flush_context)

    event.listen(Session, "loaded_as_persistent", loaded)
    event.listen(Session, "after_flush", flushed)


def _trace_ids() -> tuple[str | None, str | None, str | None]:
    span = trace.get_current_span()
    context = span.get_span_context()
    if not context.is_valid:
        return None, None, None
    parent = getattr(span, "parent", None)
    parent_id = format(parent.span_id, "016x") if parent is not None and parent.is_valid else None
    return format(context.trace_id, "032x"), format(context.span_id, "016x"), parent_id


def begin_request_log(processing_log: ProcessingLog, scope: Scope) -> tuple[RequestLog, Any]:
    request_log = RequestLog(processing_log, scope)
    return request_log, _current.set(request_log)


def end_request_log(token: Any) -> None:
    _current.reset(token)
