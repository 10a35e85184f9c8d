"""Equivalence (issue 18 item 1): the indicators computed in SQL over the row read models
(reporting/service_layer/sql_indicators.py over the rows of domain/indicators/rows.py) equal the pure definitions
(the golden reference: the indicator's function on `History.as_of`), for every municipality and scope, on the golden
histories and on a generated history with late events, for many reference dates; and the rows the projection keeps
per event (one by one, or in batches) equal the rows rebuilt from the whole history (the replay's).
"""

import random
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.contracts.identity import PersonenSamengevoegd
from journey_platform.reference import load_reference_data
from journey_platform.testing.plugin import RunningService
from reporting.adapters.orm import TrajectGemeente, Verblijf
from reporting.domain.indicators.catalogue import BY_CODE
from reporting.domain.indicators.common import Window
from reporting.domain.indicators.history import start_of
from reporting.domain.indicators.targets import load_doelen
from reporting.service_layer import indicators, sql_indicators, stay_rows
from reporting.service_layer.batch_projection import project_batch
from reporting.service_layer.erasure import on_persoon_gewist
from reporting.service_layer.identity import on_identity_changed
from reporting.service_layer.scope import Scope, resolve_window
from reporting.service_layer.stored_answers import everything_changed
from reporting.testing.golden_events import golden_histories
from reporting.testing.history_generator import generate
from reporting.tests_support import Client, at, emit, facility, feed

REFERENCE = load_reference_data()
DOELEN = load_doelen()
GOLDEN = Path(__file__).resolve().parent.parent / "unit" / "test_indicators_golden.py"
EVERY = tuple(m.code for r in REFERENCE.regions for m in r.municipalities)
PERIOD = timedelta(days=45)  # each window's period ends on its reference date (what a flow part counts over)


def scopes() -> list[frozenset[str] | None]:
    found: list[frozenset[str] | None] = [None, frozenset(EVERY)]
    for region in REFERENCE.regions:
        codes = [m.code for m in region.municipalities]
        found += [frozenset(codes), frozenset(codes[:1])]
    return found


def on(*peildata: date) -> list[Window]:
    """A window per reference date, its period that day alone."""
    return [Window(p, p, p) for p in peildata]


async def equal_both_ways(container: Any, peildata: list[date]) -> int:
    """Every SQL indicator against its definition, for each scope and each of its municipalities alone; how many
    values were compared (a test that compared nothing would pass)."""
    compared = 0
    async with container.uow() as uow:
        full = await indicators.load_history(uow, indicators.Computation())
        facilities = await stay_rows.facility_facts(uow.session)
        for code in sql_indicators.CODES:
            definition = BY_CODE[code].bereken
            for gemeenten in scopes():
                each = sorted(gemeenten or EVERY)
                windows = [Window(p - PERIOD, p, p, gemeenten) for p in peildata]
                answers = await sql_indicators.stock(uow.session, code, windows, gemeenten, each, facilities)
                for window, (values, per_municipality) in zip(windows, answers, strict=True):
                    peildatum = window.peildatum
                    snapshot = full.as_of(peildatum)
                    assert values == definition(snapshot, window), (code, gemeenten, peildatum)
                    for g in each:
                        assert per_municipality[g] == definition(snapshot, window.only(g)), (code, g, peildatum)
                    compared += 1 + len(each)
    return compared


async def equal_details(container: Any, peildatum: date) -> None:
    """The detail view (headline, per municipality, per month) from SQL and from the fold."""
    async with container.uow() as uow:
        full = await indicators.load_history(uow, indicators.Computation())
        for region in REFERENCE.regions:
            codes = tuple(m.code for m in region.municipalities)
            for scope in (Scope(region.code, None, codes, codes), Scope(region.code, codes[0], (codes[0],), codes)):
                window = resolve_window(scope, peildatum, peildatum, None, None)
                for code in sql_indicators.CODES:
                    expected = indicators.detail(full, DOELEN, REFERENCE, code, scope, window).model_dump()
                    found = await sql_indicators.detail(uow.session, DOELEN, REFERENCE, code, scope, window)
                    assert found.model_dump() == expected, (code, scope, peildatum)


async def rows(container: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    async with container.uow() as uow:
        stays = (await uow.session.execute(select(Verblijf).order_by(Verblijf.traject_id, Verblijf.rij))).scalars().all()
        kept = [tuple(getattr(s, c.key) for c in Verblijf.__table__.columns) for s in stays]
        moments = (await uow.session.execute(select(TrajectGemeente.__table__).order_by("traject_id", "vanaf"))).all()
        return kept, [tuple(m) for m in moments]


async def equal_when_rebuilt(container: Any) -> None:
    """The rows kept event by event are the rows derived from the whole history at once (as the replay does)."""
    kept = await rows(container)
    async with container.uow() as uow:
        await stay_rows.rebuild_all(uow.session)
        await uow.commit()
    assert await rows(container) == kept
    assert kept[0] and kept[1]


CAPTURED = golden_histories(GOLDEN)


@pytest.mark.parametrize("case", range(len(CAPTURED)))
async def test_golden_histories_both_ways(reporting: RunningService, case: int) -> None:
    events = CAPTURED[case]
    await feed(reporting.container, sorted(events, key=lambda e: e.time))
    days = sorted({e.time.date() for e in events})
    peildata = sorted({d + timedelta(days=shift) for d in days for shift in (-1, 0, 1)} | {date(2025, 12, 31)})
    assert await equal_both_ways(reporting.container, peildata) > 0
    await equal_details(reporting.container, days[len(days) // 2])


async def test_a_generated_history_with_late_events_both_ways(reporting: RunningService) -> None:
    """Both regions over two years, moves after provider failures, 10% late events, arriving shuffled a little."""
    events = generate(900, seed=18, start=date(2022, 1, 1), years=2, late_share=0.1)
    rng = random.Random(18)
    await feed(reporting.container, sorted(events, key=lambda e: e.time.toordinal() + rng.random() * 0.5))
    peildata = [date(2021, 12, 31) + timedelta(days=d) for d in range(0, 2 * 365 + 60, 4)]
    assert await equal_both_ways(reporting.container, peildata) > len(peildata)
    await equal_details(reporting.container, date(2023, 6, 30))
    await equal_when_rebuilt(reporting.container)


async def test_the_batch_projection_keeps_the_same_rows(reporting: RunningService) -> None:
    events = generate(400, seed=7, start=date(2022, 1, 1), years=1, late_share=0.1)
    rng = random.Random(7)
    arrived = sorted(events, key=lambda e: e.time.toordinal() + rng.random() * 3)
    for start in range(0, len(arrived), 37):
        async with reporting.container.uow() as uow:
            await project_batch(arrived[start : start + 37], uow)
            await uow.commit()
    await equal_when_rebuilt(reporting.container)
    assert await equal_both_ways(reporting.container, [date(2022, 3, 31), date(2022, 9, 30), date(2023, 1, 31)]) > 0


async def test_a_move_to_a_facility_registered_later_counts_as_that_facility_only_from_then(
    reporting: RunningService,
) -> None:
    """A BW client in Deventer moved (provider failure) to a facility registered only a month later, in Zwolle as
    MO: until the registration the stay is BW (the old stay's type) in Deventer, from it a 24-hour shelter in Zwolle;
    and the registration arrives after the rows were derived (a facility event re-derives the journey)."""
    deventer, zwolle, client, stay = uuid.uuid4(), uuid.uuid4(), Client("GM0150"), uuid.uuid4()
    events = [
        facility("beschermd-wonen", 20, "GM0150", facility_id=deventer),
        client.melding(date(2024, 1, 2)),
        client.opname(date(2024, 1, 3), deventer, kind="beschermd-wonen", opname_id=stay),
        client.verhuisd_bij_uitval(date(2024, 3, 1), deventer, zwolle),
        facility("24-uursopvang", 20, "GM0193", facility_id=zwolle, on=date(2024, 4, 1)),
    ]
    await feed(reporting.container, events)
    peildata = [date(2024, 1, 2) + timedelta(days=d) for d in range(0, 120, 3)]
    assert await equal_both_ways(reporting.container, peildata) > 0
    async with reporting.container.uow() as uow:
        found = await sql_indicators.stock(uow.session, "bw-clienten", on(date(2024, 3, 15), date(2024, 4, 15)), None, [], [])
    assert [values["clienten"] for values, _ in found] == [1, 0]
    await equal_when_rebuilt(reporting.container)


async def test_a_late_change_of_responsibility_an_outflow_at_midnight_and_a_stay_id_begun_twice(
    reporting: RunningService,
) -> None:
    """A Deventer BW client made Zwolle's responsibility on 1 March (the change arrives after later events: the rows
    are derived again), leaving at 00:00 on 1 May (still present at the end of 30 April); and an admission whose id
    is admitted again on 10 March in another facility type (the fold keeps the later stay from then on)."""
    bw, beschut, a, b = uuid.uuid4(), uuid.uuid4(), Client("GM0150"), Client("GM0150")
    first, twice = uuid.uuid4(), uuid.uuid4()
    midnight = start_of(date(2024, 5, 1))
    events = [
        facility("beschermd-wonen", 20, "GM0150", facility_id=bw),
        facility("beschut-wonen", 20, "GM0150", facility_id=beschut),
        a.melding(date(2024, 1, 2)),
        a.opname(date(2024, 1, 5), bw, kind="beschermd-wonen", opname_id=first),
        a.uitgestroomd(midnight, bw, first, kind="beschermd-wonen"),
        b.melding(date(2024, 1, 20)),
        b.opname(date(2024, 2, 1), beschut, kind="beschut-wonen", opname_id=twice),
        b.opname(date(2024, 3, 10), bw, kind="beschermd-wonen", opname_id=twice),
        a.gemeente_gewijzigd(date(2024, 3, 1), "GM0193"),  # late: after the outflow of 1 May
    ]
    await feed(reporting.container, events)
    peildata = [date(2024, 1, 1) + timedelta(days=d) for d in range(0, 180, 2)] + [date(2024, 4, 30), date(2024, 5, 1)]
    assert await equal_both_ways(reporting.container, peildata) > 0
    async with reporting.container.uow() as uow:
        days = [date(2024, 2, 29), date(2024, 3, 1), date(2024, 4, 30), date(2024, 5, 1)]
        found = await sql_indicators.stock(uow.session, "bw-clienten", on(*days), frozenset({"GM0193"}), [], [])
    assert [values["clienten"] for values, _ in found] == [0, 1, 1, 0]
    await equal_when_rebuilt(reporting.container)


async def test_a_merge_and_an_erasure_rename_the_client_of_the_rows(reporting: RunningService) -> None:
    """Two BW clients merged into one count once, at every date (the history is rewritten); erased, still once."""
    bw, a, b = uuid.uuid4(), Client("GM0150"), Client("GM0150")
    events = [
        facility("beschermd-wonen", 20, "GM0150", facility_id=bw),
        a.melding(date(2024, 1, 2)),
        a.opname(date(2024, 1, 5), bw, kind="beschermd-wonen"),
        b.melding(date(2024, 1, 3)),
        b.opname(date(2024, 1, 6), bw, kind="beschermd-wonen"),
    ]
    await feed(reporting.container, events)
    merge = PersonenSamengevoegd(
        samenvoeging_id=uuid.uuid4(),
        client_id=a.client_id,
        opgegaan_client_id=b.client_id,
        traject_ids=[b.traject_id],
        samengevoegd_op=at(date(2024, 2, 1)),
    )
    erase = PersoonGewist(
        client_id=a.client_id, traject_ids=[a.traject_id, b.traject_id], aanleiding="verzoek", gewist_op=at(date(2024, 3, 1))
    )
    for event, handler in (
        (emit(merge, at(date(2024, 2, 1))), on_identity_changed),
        (emit(erase, at(date(2024, 3, 1))), on_persoon_gewist),
    ):
        async with reporting.container.uow() as uow:
            await handler(event, uow)
            await uow.commit()
        assert await equal_both_ways(reporting.container, [date(2024, 1, 10), date(2024, 4, 1)]) > 0
        async with reporting.container.uow() as uow:
            found = await sql_indicators.stock(uow.session, "bw-clienten", on(date(2024, 1, 10)), None, [], [])
        assert found[0][0]["clienten"] == 1
        await equal_when_rebuilt(reporting.container)


async def test_the_detail_endpoint_answers_from_sql_once_the_rows_are_built(
    reporting: RunningService, auth: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Until `rebuild_all` marked the rows built the fold answers; from then on SQL, with the same answer."""
    await feed(reporting.container, generate(400, seed=3, start=date(2022, 1, 1), years=1))
    asked: list[str] = []
    original = sql_indicators.detail

    async def counted(*args: Any) -> Any:
        asked.append(args[3])
        return await original(*args)

    monkeypatch.setattr(sql_indicators, "detail", counted)
    params = {"peildatum": "2022-09-30", "van": "2022-01-01", "tot": "2022-12-31"}
    central = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")
    folded = [
        (await reporting.client.get(f"/v1/indicatoren/{code}", params=params, headers=central)) for code in sql_indicators.CODES
    ]
    assert asked == [] and all(r.status_code == 200 for r in folded)
    async with reporting.container.uow() as uow:
        await stay_rows.rebuild_all(uow.session)
        await everything_changed(uow.session)  # the kept answers asked again
        await uow.commit()
    for code, before in zip(sql_indicators.CODES, folded, strict=True):
        after = await reporting.client.get(f"/v1/indicatoren/{code}", params=params, headers=central)
        assert after.json() == before.json(), code
    assert asked == list(sql_indicators.CODES)
    assert any(r.json()["waarde"] for r in folded)  # something to compare
