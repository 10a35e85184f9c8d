"""Indicator queries: the stored event history, folded by the pure indicator functions for a scope and a window."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Select, Text, cast, select

from journey_platform.contracts import versions
from journey_platform.db import utcnow
from journey_platform.dutch_calendar import dutch_date
from journey_platform.errors import NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.reference import ReferenceData
from reporting.adapters.orm import Gebeurtenis, Traject
from reporting.domain.indicators.catalogue import BY_CODE, INDICATORS, Indicator
from reporting.domain.indicators.common import Window
from reporting.domain.indicators.compute import Uitkomst, compute, headline, per_gemeente, per_maand
from reporting.domain.indicators.history import Fact, History
from reporting.domain.indicators.targets import Doelen
from reporting.service_layer.indicator_views import (
    DoelView,
    GemeenteUitkomstView,
    IndicatorDetailView,
    IndicatorView,
    MaandUitkomstView,
)
from reporting.service_layer.policy import owner_facts_known
from reporting.service_layer.scope import Scope

P = ParamSpec("P")
R = TypeVar("R")


class Computation:
    """Where indicators are computed: in a worker thread, one at a time per process.

    Folding the history is pure CPU work that can take seconds on a long history; on the event loop it would
    stall every request (health probes included) and the Kafka consumers' heartbeats of this process. In a
    thread the loop keeps its turn (the interpreter switches threads every few milliseconds). One at a time:
    concurrent folds would not finish sooner (one interpreter lock) and would each hold a copy of the history.
    """

    def __init__(self) -> None:
        self._one_at_a_time = threading.Lock()

    async def run(self, work: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        def guarded() -> R:
            with self._one_at_a_time:
                return work(*args, **kwargs)

        return await asyncio.to_thread(guarded)


def history_query() -> Select[str, datetime, uuid.UUID | None, str]:
    """The stored events in journey order, each payload as its JSON text: decoding it is the bulk of the read,
    and is done by `history_of`, off the event loop (the driver would decode it on the loop)."""
    return select(Gebeurtenis.event_type, Gebeurtenis.tijdstip, Gebeurtenis.traject_id, cast(Gebeurtenis.data, Text)).order_by(
        *Gebeurtenis.in_journey_order()
    )


async def load_history(uow: UnitOfWork, computation: Computation) -> History:
    """The rows are fetched on the loop (the driver is async); decoding them into facts is folded off it. Facts of
    journeys whose owner's facts have not arrived yet (policy.owner_facts_known) are left out: they count once
    intake's report is in."""
    hidden = set(await uow.session.scalars(select(Traject.id).where(~owner_facts_known())))
    rows = [row for row in (await uow.session.execute(history_query())).all() if row[2] not in hidden]
    return await computation.run(history_of, rows)


def history_of(rows: Sequence[Any]) -> History:
    return History([_fact(event_type, tijdstip, traject_id, json.loads(data)) for event_type, tijdstip, traject_id, data in rows])


def _fact(event_type: str, tijdstip: datetime, traject_id: uuid.UUID | None, data: dict[str, Any]) -> Fact:
    """A stored event, read as the newest version of its contract."""
    newest_type, newest_data = versions.upcast(event_type, data)
    return Fact.of(newest_type, tijdstip, traject_id, newest_data)


def indicator(code: str) -> Indicator:
    found = BY_CODE.get(code)
    if found is None:
        raise NotFound(f"no indicator {code}; known: {', '.join(BY_CODE)}")
    return found


def view_of(result: Uitkomst, scope: Scope, window: Window) -> IndicatorView:
    doel = result.doel
    return IndicatorView(
        code=result.indicator.code,
        titel=result.indicator.titel,
        eenheid=result.indicator.eenheid,
        op_peildatum=result.indicator.op_peildatum,
        regio=scope.regio,
        gemeente=scope.gemeente,
        van=window.van,
        tot=window.tot,
        peildatum=window.peildatum,
        waarde=result.waarde,
        waarden=result.waarden,
        gehaald=result.gehaald,
        doel=DoelView(
            norm=doel.richting,
            doelwaarde=doel.doelwaarde,
            basiswaarde=doel.basiswaarde,
            basismoment=doel.basismoment,
            doelmoment=doel.doelmoment,
            toelichting=doel.toelichting,
        )
        if doel
        else None,
    )


def overview(history: History, doelen: Doelen, scope: Scope, window: Window) -> list[IndicatorView]:
    return [
        view_of(compute(history, i, window, doelen.voor(i.code, scope.regio, scope.gemeente)), scope, window) for i in INDICATORS
    ]


def detail(
    history: History, doelen: Doelen, reference: ReferenceData, code: str, scope: Scope, window: Window
) -> IndicatorDetailView:
    found = indicator(code)
    doel = doelen.voor(code, scope.regio, scope.gemeente)
    kop = headline(found, doel)
    summary = view_of(compute(history, found, window, doel), scope, window)
    municipalities = [
        GemeenteUitkomstView(gemeente=g, naam=name_of(reference, g), waarde=r.waarde, waarden=r.waarden)
        for g, r in per_gemeente(history, found, window, list(scope.gemeenten), kop)
    ]
    months = [
        MaandUitkomstView(maand=f"{m.year:04d}-{m.month:02d}", waarde=r.waarde, waarden=r.waarden)
        for m, r in per_maand(history, found, window, kop)
    ]
    return IndicatorDetailView(**summary.model_dump(), per_gemeente=municipalities, per_maand=months)


def name_of(reference: ReferenceData, code: str) -> str:
    municipality = reference.municipality(code)
    return municipality.name if municipality else code


def as_csv(view: IndicatorDetailView, table: str) -> str:
    """One row per municipality (and the scope's total), or one per month; a column per computed value."""
    keys = list(view.waarden)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    label = "maand" if table == "maanden" else "gemeente"
    writer.writerow(["indicator", label, "naam", "van", "tot", "peildatum", "waarde", *keys])
    rows: list[tuple[str, str, object, Mapping[str, object]]]
    if table == "maanden":
        rows = [(m.maand, "", m.waarde, m.waarden) for m in view.per_maand]
    else:
        rows = [(g.gemeente, g.naam, g.waarde, g.waarden) for g in view.per_gemeente]
        rows.append((view.gemeente or view.regio or "", "totaal", view.waarde, view.waarden))
    for key, name, value, values in rows:
        writer.writerow(
            [view.code, key, name, view.van, view.tot, view.peildatum, _cell(value), *(_cell(values.get(k)) for k in keys)]
        )
    return out.getvalue()


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def today() -> date:
    """Today in Dutch time: the default reference date."""
    return dutch_date(utcnow())
