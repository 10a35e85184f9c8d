"""Indicator read models (issue 18 item 1): kept per event by the projector, read per indicator request.

Per event the projector stores its moment (`gebeurtenissen.moment`) and adds the journey's attribution rows
(`traject_attributies`: every municipality and facility its events name, domain/indicators/attribution.py).
An indicator request then loads, in SQL, only the facts its answer can depend on: those that had happened by
the end of the reference date, of the journeys that name a municipality of the scope (or a facility in it),
of the other journeys of the same clients, and the facts about no journey (facilities, capacity). The pure
indicator functions fold those facts exactly as they fold the full history; the equivalence test
(tests/api/test_indicator_read_models.py) asks every indicator both ways.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, Text, and_, cast, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from journey_platform.contracts import versions
from reporting.adapters.orm import Gebeurtenis, Traject, TrajectAttributie
from reporting.domain.indicators.attribution import FACILITY, MUNICIPALITY, attribution, indicator_event_types
from reporting.domain.indicators.history import Fact, History, start_of
from reporting.service_layer.indicators import Computation
from reporting.service_layer.policy import owner_facts_known
from reporting.service_layer.scope import Scope

_FACILITY_EVENTS = ("voorziening-geregistreerd", "capaciteit-gewijzigd")
PARTITION = 2000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


async def attribute(session: AsyncSession, stored: Gebeurtenis) -> None:
    """Add what this event says about where its journey counts (one statement; rows the journey has are skipped)."""
    if stored.traject_id is None:
        return
    known: set[tuple[object, object, object]] = session.info.setdefault("known_attributions", set())
    rows = [
        {"traject_id": stored.traject_id, "soort": kind, "waarde": value}
        for kind, value in sorted(attribution(stored.event_type, stored.data))
        if (stored.traject_id, kind, value) not in known
    ]
    if not rows:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    with session.no_autoflush:
        await session.execute(dialect.insert(TrajectAttributie).values(rows).on_conflict_do_nothing())
    known.update((stored.traject_id, r["soort"], r["waarde"]) for r in rows)


def cutoff_of(peildatum: date) -> ColumnElement[bool]:
    """Facts that had happened by the end of the reference date (Dutch time), and any not yet given a moment."""
    return or_(Gebeurtenis.moment < start_of(peildatum + timedelta(days=1)), Gebeurtenis.moment.is_(None))


async def facilities_in(session: AsyncSession, codes: list[str], peildatum: date) -> list[str]:
    """The facilities that lie in one of the municipalities by the reference date (a stay there counts there)."""
    rows = await session.execute(
        select(Gebeurtenis.event_type, cast(Gebeurtenis.data, Text)).where(
            Gebeurtenis.traject_id.is_(None),
            or_(*(Gebeurtenis.event_type.like(f"%.{name}.%") for name in _FACILITY_EVENTS)),
            cutoff_of(peildatum),
        )
    )
    found = set()
    for event_type, text in rows:
        data = versions.upcast(event_type, json.loads(text))[1]
        if data.get("gemeente") in codes and data.get("voorzieningId"):
            found.add(str(data["voorzieningId"]))
    return sorted(found)


def scoped_query(
    codes: list[str], facilities: list[str], peildatum: date
) -> Select[str, datetime, int | None, uuid.UUID, uuid.UUID | None, datetime | None, str]:
    """The facts of the scope's journeys (and of their clients' other journeys) and of no journey, by the date's end.

    Unordered: an ORDER BY would make PostgreSQL walk the whole history in time order and filter it (at 1M events,
    most of the request); `facts_of` puts the scope's rows in journey order itself."""
    named = select(TrajectAttributie.traject_id).where(
        or_(
            and_(TrajectAttributie.soort == MUNICIPALITY, TrajectAttributie.waarde.in_(codes)),
            and_(TrajectAttributie.soort == FACILITY, TrajectAttributie.waarde.in_(facilities)),
        )
    )
    clients = select(Traject.client_id).where(Traject.id.in_(named))
    journeys = select(Traject.id).where(Traject.client_id.in_(clients), owner_facts_known())
    return select(
        Gebeurtenis.event_type,
        Gebeurtenis.tijdstip,
        Gebeurtenis.volgnummer,
        Gebeurtenis.event_id,
        Gebeurtenis.traject_id,
        Gebeurtenis.moment,
        cast(Gebeurtenis.data, Text),
    ).where(
        or_(Gebeurtenis.traject_id.in_(journeys), Gebeurtenis.traject_id.is_(None)),
        cutoff_of(peildatum),
        Gebeurtenis.event_type.in_(indicator_event_types()),
    )


async def load_scoped_history(session: AsyncSession, computation: Computation, scope: Scope, peildatum: date) -> History:
    """What an indicator request for the scope and reference date folds: the same answers as the full history's.

    Each partition of rows becomes facts as it arrives (off the loop), so its rows and their JSON texts are freed
    before the next is fetched: the request never holds all rows and all facts at once."""
    codes = sorted(scope.gemeenten)  # every indicator counts a fact only where it `includes` one of these
    facilities = await facilities_in(session, codes, peildatum)
    facts = ScopedFacts()
    result = await session.stream(scoped_query(codes, facilities, peildatum))
    async for partition in result.partitions(PARTITION):  # the driver decodes each on the loop: others get turns
        await computation.run(facts.add, partition)
    return await computation.run(facts.history)


def facts_of(rows: Sequence[Any]) -> History:
    """The scoped rows (`scoped_query`) as one History, as `load_scoped_history` makes it partition by partition."""
    facts = ScopedFacts()
    facts.add(rows)
    return facts.history()


class ScopedFacts:
    """As indicators.history_of, from the scoped rows: in journey order (`Gebeurtenis.in_journey_order`), each at its
    stored moment (the projector's `attribution.moment`, the same as `Fact.of` computes; computed here only for a row
    that has none yet), and asking the contract registry once per event type whether it needs upcasting.

    Built from the rows partition by partition, in whatever order they come: a fact keeps its row's journey rank
    until `history` puts them in journey order. Fewer bytes a fact: a partition's payloads are decoded in one call
    (the decoder shares the key strings of one call), and equal strings, moments and journey ids are one object."""

    def __init__(self) -> None:
        self._facts: list[Fact] = []
        self._ranks: list[int] = []
        self._current: dict[str, bool] = {}
        self._strings: dict[str, str] = {}
        self._moments: dict[datetime, datetime] = {}
        self._journeys: dict[uuid.UUID, uuid.UUID] = {}

    def add(self, rows: Sequence[Any]) -> None:
        payloads = json.loads("[" + ",".join(row[6] for row in rows) + "]") if rows else []
        for (event_type, tijdstip, volgnummer, event_id, traject_id, stored_moment, _), data in zip(rows, payloads, strict=True):
            if event_type not in self._current:
                newest = versions.newest_contract(event_type)
                self._current[event_type] = newest is None or newest.event_type() == event_type
            if not self._current[event_type]:
                event_type, data = versions.upcast(event_type, data)
            event_type = self._strings.setdefault(event_type, event_type)
            self._share_strings(data)
            if traject_id is not None:
                traject_id = self._journeys.setdefault(traject_id, traject_id)
            if stored_moment is None:
                self._facts.append(Fact.of(event_type, tijdstip, traject_id, data))
            else:
                self._facts.append(Fact(event_type, self._moments.setdefault(stored_moment, stored_moment), traject_id, data))
            self._ranks.append(journey_rank(tijdstip, volgnummer, event_id))

    def history(self) -> History:
        order = sorted(range(len(self._facts)), key=self._ranks.__getitem__)
        facts, self._facts, self._ranks = self._facts, [], []
        return History([facts[i] for i in order])

    def _share_strings(self, data: dict[str, Any]) -> None:
        """The payload's string values replaced by the equal ones already kept (municipality codes, types, dates, a
        journey's client id): in place, values only, which is a third of the cost of a new dict. Its keys need no
        sharing: the decoder shares them within a partition, so each is kept once per partition at most."""
        kept = self._strings.setdefault
        for key, value in data.items():
            if type(value) is str:
                data[key] = kept(value, value)


def journey_rank(tijdstip: datetime, volgnummer: int | None, event_id: uuid.UUID) -> int:
    """`(tijdstip, volgnummer or 0, event_id)`, the journey order, as one int that sorts the same: a request's facts
    wait for their sort with ~60 bytes each instead of a tuple's ~190 (the tuple, its datetime, UUID and int)."""
    if tijdstip.tzinfo is None:  # SQLite's timestamps (the tests' in-memory databases): all naive, all UTC
        tijdstip = tijdstip.replace(tzinfo=UTC)
    micros = (tijdstip - _EPOCH) // _MICROSECOND
    sequence = (volgnummer or 0) + 2**63  # a bigint, from 0
    return (((micros << 64) + sequence) << 128) + event_id.int
