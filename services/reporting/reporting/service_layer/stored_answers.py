"""Indicator answers kept until an event they depend on is projected (issue 18 item 1: "indicators that cost what
their answer costs"; docs/indicators.md, "Answers kept").

An answer (every indicator's headline, or one indicator's detail, for a scope, period and reference date) is a pure
function of the facts that had happened by the end of its reference date, of the journeys its scope may count
(read_models.scoped_query: the journeys that name one of the scope's municipalities or a facility in them, and their
clients' other journeys) and of the facts about no journey. So it stays right until an event arrives that is about
such a journey and happened on or before the reference date. The projection (per event and per batch) removes
exactly those answers in its own transaction (`after_projection`); a merge or split of persons, a fact about no
journey, and a replay remove every answer from that day on. A question asked again is then one indexed read.

Two facts are not "as of the reference date" and are handled apart: a journey is only counted once intake's report
arrived (policy.owner_facts_known), so an event that sets its responsible municipality removes the answers from the
journey's first fact on; and an answer computed while an event came in is not kept (adapters/answers.py, the
generations), it is only returned.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import journey_platform
import reporting
from journey_platform.db import among, utcnow
from journey_platform.dutch_calendar import dutch_date
from journey_platform.reference import ReferenceData
from reporting.adapters import answers
from reporting.adapters.orm import Gebeurtenis, Traject, TrajectAttributie
from reporting.domain.indicators.attribution import FACILITY, MUNICIPALITY
from reporting.domain.indicators.targets import Doelen
from reporting.domain.journey import event_name
from reporting.domain.journey_state import MUNICIPALITY_EVENTS
from reporting.service_layer import read_models
from reporting.service_layer.indicator_views import IndicatorDetailView, IndicatorView
from reporting.service_layer.indicator_worker import Answer, Answers, Question
from reporting.service_layer.scope import EARLIEST

log = logging.getLogger(__name__)

FORMAT = 1  # raise when the stored JSON of an answer changes shape
KEEP_DAYS = 30
PRUNE_EVERY = 200
_OVERVIEW = TypeAdapter(list[IndicatorView])
_IN_CHUNK = 400


def fingerprint(doelen: Doelen, reference: ReferenceData) -> str:
    """What every answer is computed with besides the history: the code (reporting's and the shared library's, so
    the indicators, the scope, the contracts' upcasters), the targets, the regions. A change to any of them (a new
    release, an edited doelen.yaml) makes every kept answer a stranger."""
    digest = hashlib.sha256(f"{FORMAT}".encode())
    for package in (Path(reporting.__file__).parent, Path(journey_platform.__file__).parent):
        for source in sorted(package.rglob("*.py")):  # the indicators, the scope, the contracts' upcasters, the calendar
            digest.update(source.read_bytes())
    digest.update(repr(vars(doelen)).encode())
    digest.update(reference.model_dump_json().encode())
    return digest.hexdigest()


def key_of(question: Question, fingerprinted: str) -> str:
    scope, window = question.scope, question.window
    parts = (fingerprinted, question.code or "", scope.regio, scope.gemeente, window.van, window.tot, window.peildatum)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def encode(found: Answer) -> str:
    if isinstance(found, IndicatorDetailView):
        return found.model_dump_json(by_alias=True)
    return _OVERVIEW.dump_json(found, by_alias=True).decode()


def decode(question: Question, text: str) -> Answer:
    if question.code is None:
        return _OVERVIEW.validate_json(text)
    return IndicatorDetailView.model_validate_json(text)


class StoredAnswers:
    """Answers a question from the store when it can, else asks `inner` (the worker) and keeps what it answers."""

    def __init__(self, inner: Answers, sessionmaker: async_sessionmaker[AsyncSession], fingerprinted: str) -> None:
        self.inner = inner
        self._sessionmaker = sessionmaker
        self._fingerprint = fingerprinted
        self._stored = 0

    async def ask(self, session: AsyncSession, question: Question) -> Answer:
        del session  # read in sessions of its own: the facts must be read after the generations (adapters/answers.py)
        sleutel = key_of(question, self._fingerprint)
        async with self._sessionmaker() as reading:
            kept = await answers.lookup(reading, sleutel)
        if kept is not None:
            return decode(question, kept)
        try:
            keys, expected = await self._generations(question)
        except SQLAlchemyError as exc:  # e.g. a projection's lock held too long: answered, not kept
            log.warning("indicator answer store unavailable, computing without keeping: %s", exc)
            keys, expected = [], None
        async with self._sessionmaker() as computing:
            found = await self.inner.ask(computing, question)
        if expected is not None:
            await self._keep(sleutel, question, found, keys, expected)
        return found

    async def _generations(self, question: Question) -> tuple[list[answers.Key], int]:
        """What the answer depends on, and the sum of their generations, read before the facts are."""
        codes = sorted(question.scope.gemeenten)
        keys: list[answers.Key] = [(MUNICIPALITY, c) for c in codes] + [answers.EVERYTHING]
        async with self._sessionmaker() as counting, counting.begin():
            expected = await answers.generations(counting, keys)
        async with self._sessionmaker() as counting, counting.begin():
            facilities = [(FACILITY, f) for f in await read_models.facilities_in(counting, codes, question.window.peildatum)]
            expected += await answers.generations(counting, facilities)
        return keys + facilities, expected

    async def _keep(self, sleutel: str, question: Question, found: Answer, keys: list[answers.Key], expected: int) -> None:
        fields = answers.stored_fields(question.code, question.scope.regio, question.scope.gemeente, question.window, utcnow())
        try:
            async with self._sessionmaker() as writing, writing.begin():
                kept = await answers.store(writing, sleutel, fields, encode(found), keys, expected)
        except SQLAlchemyError as exc:  # the answer stands; only keeping it failed (the next ask computes it again)
            log.warning("an indicator answer could not be kept: %s", exc)
            return
        if not kept:
            log.info("an indicator answer was not kept: an event it depends on arrived while it was computed")
        self._stored += 1
        if self._stored % PRUNE_EVERY == 0:
            await self._prune()

    async def _prune(self) -> None:
        """Answers computed more than KEEP_DAYS ago go (every PRUNE_EVERY answers kept by this process): the store
        holds what was asked lately, not every period and reference date anyone ever asked for."""
        try:
            async with self._sessionmaker() as writing, writing.begin():
                gone = await answers.prune(writing, utcnow() - timedelta(days=KEEP_DAYS))
        except SQLAlchemyError as exc:
            log.warning("old indicator answers could not be removed: %s", exc)
            return
        log.info("%d indicator answers older than %d days removed", gone, KEEP_DAYS)

    async def close(self) -> None:
        await self.inner.close()


async def after_projection(session: AsyncSession, events: Sequence[tuple[uuid.UUID | None, str, datetime | None]]) -> None:
    """Remove the answers the projected events (journey, event type, moment) may change; in the projection's own
    transaction, after its rows are written."""
    if not events:
        return
    await answers.exclusively(session)  # before reading which values the events touch (adapters/answers.py)
    moments = [m for _, _, m in events if m is not None]
    first = dutch_date(min(moments)) if len(moments) == len(events) else EARLIEST
    journeys = list(dict.fromkeys(j for j, _, _ in events if j is not None))
    keys = await _keys_of(session, journeys)
    if any(j is None for j, _, _ in events):
        keys.add(answers.EVERYTHING)  # a fact about no journey (a facility, its capacity) may count anywhere
    newly_counted = list({j for j, t, _ in events if j is not None and event_name(t) in MUNICIPALITY_EVENTS})
    if newly_counted:
        dialect = session.get_bind().dialect.name
        earliest = await session.scalar(
            select(func.min(Gebeurtenis.moment)).where(among(Gebeurtenis.traject_id, newly_counted, dialect))
        )
        first = min(first, dutch_date(earliest)) if earliest is not None else EARLIEST
    await answers.invalidate(session, keys, first, locked=True)


async def everything_changed(session: AsyncSession, from_day: date = EARLIEST) -> None:
    """A merge or split of persons, a replay: every answer from `from_day` on is removed."""
    await answers.invalidate(session, [answers.EVERYTHING], from_day)


async def _keys_of(session: AsyncSession, journeys: list[uuid.UUID]) -> set[answers.Key]:
    """Every attribution value of the journeys' clients' journeys (a scope that counts one of them loads them all)."""
    found: set[answers.Key] = set()
    dialect = session.get_bind().dialect.name
    step = max(len(journeys), 1) if dialect == "postgresql" else _IN_CHUNK  # one array parameter there, whatever the count
    for start in range(0, len(journeys), step):
        chunk = journeys[start : start + step]
        clients = select(Traject.client_id).where(among(Traject.id, chunk, dialect))
        related = select(Traject.id).where(Traject.client_id.in_(clients))
        rows = await session.execute(
            select(TrajectAttributie.soort, TrajectAttributie.waarde).where(TrajectAttributie.traject_id.in_(related)).distinct()
        )
        found.update((soort, waarde) for soort, waarde in rows)
    return found


def projected(rows: Iterable[dict[str, Any]]) -> list[tuple[uuid.UUID | None, str, datetime | None]]:
    """(journey, event type, moment) of stored event rows (the batch projection's dicts)."""
    return [(row["traject_id"], row["event_type"], row["moment"]) for row in rows]
