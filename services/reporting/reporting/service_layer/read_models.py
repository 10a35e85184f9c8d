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
from datetime import date, datetime, timedelta
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
    """What an indicator request for the scope and reference date folds: the same answers as the full history's."""
    codes = sorted(scope.gemeenten)  # every indicator counts a fact only where it `includes` one of these
    facilities = await facilities_in(session, codes, peildatum)
    rows: list[Any] = []
    result = await session.stream(scoped_query(codes, facilities, peildatum))
    async for partition in result.partitions(PARTITION):  # the driver decodes each on the loop: others get turns
        rows.extend(partition)
    return await computation.run(facts_of, rows)


def facts_of(rows: list[Any]) -> History:
    """As indicators.history_of, from the scoped rows: in journey order (`Gebeurtenis.in_journey_order`), each at its
    stored moment (the projector's `attribution.moment`, the same as `Fact.of` computes; computed here only for a row
    that has none yet), and asking the contract registry once per event type whether it needs upcasting."""
    current: dict[str, bool] = {}
    facts = []
    for event_type, tijdstip, _, _, traject_id, stored_moment, text in sorted(rows, key=_journey_order):
        data = json.loads(text)
        if event_type not in current:
            newest = versions.newest_contract(event_type)
            current[event_type] = newest is None or newest.event_type() == event_type
        if not current[event_type]:
            event_type, data = versions.upcast(event_type, data)
        if stored_moment is None:
            facts.append(Fact.of(event_type, tijdstip, traject_id, data))
        else:
            facts.append(Fact(event_type, stored_moment, traject_id, data))
    return History(facts)


def _journey_order(row: Any) -> tuple[datetime, int, uuid.UUID]:
    return row[1], row[2] or 0, row[3]
