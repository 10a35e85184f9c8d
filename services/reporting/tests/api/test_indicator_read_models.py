"""Equivalence (issue 18 item 1): every indicator, overview and detail (per municipality and per month), computed from
the read models (reporting/service_layer/read_models.py: only the scope's journeys' facts up to the reference date)
equals the full fold of the whole stored history (the reference: indicators.load_history), on the golden histories
and on generated ones (several regions, responsibility changes, late events), for several scopes and dates.
"""

import importlib.util
import json
import random
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from journey_platform.reference import load_reference_data
from journey_platform.testing.plugin import RunningService
from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject, TrajectAttributie, TrajectZorgaanbieder
from reporting.domain.indicators.catalogue import INDICATORS
from reporting.domain.indicators.targets import load_doelen
from reporting.service_layer import indicators, read_models
from reporting.service_layer.scope import Scope, resolve_window
from reporting.testing.golden_events import golden_histories
from reporting.testing.history_generator import generate
from reporting.testing.history_store import store
from reporting.tests_support import Client, facility, feed

REFERENCE = load_reference_data()
DOELEN = load_doelen()
GOLDEN = Path(__file__).resolve().parent.parent / "unit" / "test_indicators_golden.py"


def scopes() -> list[Scope]:
    every = tuple(m.code for r in REFERENCE.regions for m in r.municipalities)
    found = [Scope(None, None, every)]  # all municipalities, no region check
    for region in REFERENCE.regions:
        codes = tuple(m.code for m in region.municipalities)
        found += [Scope(region.code, None, codes, codes), Scope(region.code, codes[0], (codes[0],), codes)]
    found.append(Scope("midden-ijssel", "GM0301", ("GM0301",), tuple(m.code for m in REFERENCE.regions[1].municipalities)))
    return found


async def both_ways(container: Any, scope: Scope, peildatum: date, details: bool) -> None:
    window = resolve_window(scope, peildatum, peildatum, None, None)
    computation = indicators.Computation()
    async with container.uow() as uow:
        full = await indicators.load_history(uow, computation)
        scoped = await read_models.load_scoped_history(uow.session, computation, scope, peildatum)
    assert len(scoped.facts) <= len(full.facts)
    expected = [v.model_dump() for v in indicators.overview(full, DOELEN, scope, window)]
    assert [v.model_dump() for v in indicators.overview(scoped, DOELEN, scope, window)] == expected, (scope, peildatum)
    for indicator in INDICATORS if details else ():
        reference = indicators.detail(full, DOELEN, REFERENCE, indicator.code, scope, window).model_dump()
        assert indicators.detail(scoped, DOELEN, REFERENCE, indicator.code, scope, window).model_dump() == reference, (
            indicator.code,
            scope,
            peildatum,
        )


CAPTURED = golden_histories(GOLDEN)


@pytest.mark.parametrize("case", range(len(CAPTURED)))
async def test_golden_histories_both_ways(reporting: RunningService, case: int) -> None:
    events = CAPTURED[case]
    await feed(reporting.container, sorted(events, key=lambda e: e.time))
    moments = sorted({e.time.date() for e in events})
    for peildatum in {moments[0], moments[len(moments) // 2], moments[-1], date(2025, 12, 31)}:
        for scope in scopes():
            await both_ways(reporting.container, scope, peildatum, details=scope.regio == "midden-ijssel")


async def test_a_generated_history_both_ways(reporting: RunningService) -> None:
    """Both regions over three years, with responsibility changes, returns and 10% late events, arriving shuffled a little."""
    events = generate(900, seed=18, start=date(2022, 1, 1), years=2, late_share=0.1)
    rng = random.Random(18)
    arrived = sorted(events, key=lambda e: e.time.toordinal() + rng.random() * 0.5)  # some out of order on a day
    await feed(reporting.container, arrived)
    for peildatum in (date(2022, 6, 30), date(2023, 12, 31), date(2024, 3, 15)):
        for scope in scopes():
            await both_ways(reporting.container, scope, peildatum, details=peildatum.year == 2023)


async def test_a_stay_counts_where_its_facility_lies_after_a_provider_failure(reporting: RunningService) -> None:
    """A Deventer client in Deventer's shelter, moved to a Zwolle shelter when the provider failed: the stay lies in
    IJssel-Vecht, though none of the journey's events names a municipality there (only the facility does)."""
    deventer, zwolle, client, stay = uuid.uuid4(), uuid.uuid4(), Client("GM0150"), uuid.uuid4()
    events = [
        facility("24-uursopvang", 20, "GM0150", facility_id=deventer),
        facility("24-uursopvang", 20, "GM0193", facility_id=zwolle),
        client.melding(date(2024, 1, 2)),
        client.opname(date(2024, 1, 3), deventer, kind="24-uursopvang", opname_id=stay),
        client.verhuisd_bij_uitval(date(2024, 3, 1), deventer, zwolle),
    ]
    await feed(reporting.container, events)
    for scope in scopes():
        await both_ways(reporting.container, scope, date(2024, 3, 15), details=True)


async def test_the_migration_backfills_what_the_projector_keeps(reporting: RunningService) -> None:
    """Existing deployments: 0009's backfill yields the same moments and attribution rows as projecting each event."""
    await feed(reporting.container, generate(300, seed=5, region_count=2))
    async with reporting.container.uow() as uow:
        kept = set(
            (
                await uow.session.execute(select(TrajectAttributie.traject_id, TrajectAttributie.soort, TrajectAttributie.waarde))
            ).all()
        )
        moments = dict((await uow.session.execute(select(Gebeurtenis.event_id, Gebeurtenis.moment))).all())
        await uow.session.execute(delete(TrajectAttributie))
        await uow.session.execute(update(Gebeurtenis).values(moment=None))
        await uow.session.run_sync(lambda session: backfill(session.connection()))
        assert (
            set(
                (
                    await uow.session.execute(
                        select(TrajectAttributie.traject_id, TrajectAttributie.soort, TrajectAttributie.waarde)
                    )
                ).all()
            )
            == kept
        )
        assert dict((await uow.session.execute(select(Gebeurtenis.event_id, Gebeurtenis.moment))).all()) == moments
        await uow.commit()


def backfill(connection: Any) -> None:
    path = Path(__file__).resolve().parents[2] / "migrations" / "versions" / "0010_indicator_read_models.py"
    spec = importlib.util.spec_from_file_location("migration_0009", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.backfill(connection)


async def test_the_bulk_store_writes_what_the_projector_writes(reporting: RunningService) -> None:
    """reporting/testing/history_store.py (the benchmark's loader) against the consumer's path, row for row."""
    events = generate(400, seed=9, late_share=0.1)
    await feed(reporting.container, events)
    projected = await snapshot(reporting.container)
    async with reporting.container.uow() as uow:
        for table in (TijdlijnItem, TrajectZorgaanbieder, Traject, TrajectAttributie, Gebeurtenis):
            await uow.session.execute(delete(table))
        await uow.commit()
    await store(reporting.container.engine, events)
    assert await snapshot(reporting.container) == projected


async def snapshot(container: Any) -> dict[str, set[tuple[Any, ...]]]:
    ignored = {"ontvangen_op"}
    found = {}
    async with container.uow() as uow:
        for table in (TijdlijnItem, TrajectZorgaanbieder, Traject, TrajectAttributie, Gebeurtenis):
            columns = [c for c in table.__table__.columns if c.name not in ignored]
            rows = (await uow.session.execute(select(*columns))).all()
            found[table.__tablename__] = {
                tuple(json.dumps(v, sort_keys=True) if isinstance(v, dict) else v for v in r) for r in rows
            }
    return found
