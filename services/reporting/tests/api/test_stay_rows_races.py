"""The row read models (service_layer/stay_rows.py) beside what else runs at the same time: two consumers, an
interrupted replay, the operator's rebuild on a live deployment; and the Dutch midnights around daylight saving.
Each asks both ways (SQL over the rows, and the pure fold). The first two failed before their fixes (found in review:
the projections' lock taken before the rows are derived; the replay removes the "built" marker)."""

import asyncio
import uuid
from datetime import date
from typing import Any

import pytest

from journey_platform.reference import load_reference_data
from journey_platform.testing.plugin import RunningService
from reporting.domain.indicators.catalogue import BY_CODE
from reporting.domain.indicators.common import Window
from reporting.domain.indicators.targets import load_doelen
from reporting.replay import replay
from reporting.service_layer import indicators, projector, sql_indicators, stay_rows
from reporting.service_layer.scope import Scope, resolve_window
from reporting.tests_support import Client, break_the_replay_at, facility, feed, synthetic_events

from .test_stay_rows import equal_when_rebuilt

REFERENCE = load_reference_data()
DOELEN = load_doelen()


async def both_ways(container: Any, code: str, peildatum: date) -> tuple[Any, Any]:
    async with container.uow() as uow:
        full = await indicators.load_history(uow, indicators.Computation())
        facilities = await stay_rows.facility_facts(uow.session)
        window = Window(peildatum, peildatum, peildatum, None)
        [(sql, _)] = await sql_indicators.stock(uow.session, code, [window], None, [], facilities)
        folded = BY_CODE[code].bereken(full.as_of(peildatum), window)
    return sql, folded


async def test_a_facility_registered_while_a_move_to_it_is_projected(
    reporting: RunningService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two replicas (or two partitions) project, at the same time, a move after a provider failure to facility Z
    (journey partition) and Z's registration (facility partition, Z registered before the move). The move's
    transaction reads the facility facts without Z's (uncommitted); the registration's transaction looks for
    journeys that moved to Z without the move (uncommitted). Both commit: the journey's rows never see Z."""
    container = reporting.container
    deventer, zwolle, client = uuid.uuid4(), uuid.uuid4(), Client("GM0150")
    await feed(
        container,
        [
            facility("beschermd-wonen", 20, "GM0150", facility_id=deventer),
            client.melding(date(2024, 1, 2)),
            client.opname(date(2024, 1, 3), deventer, kind="beschermd-wonen"),
        ],
    )
    move = client.verhuisd_bij_uitval(date(2024, 3, 1), deventer, zwolle)
    registered = facility("24-uursopvang", 20, "GM0193", facility_id=zwolle, on=date(2024, 2, 1))

    kept = asyncio.Event()
    real = stay_rows.keep_rows

    async def signalled(*args: Any) -> None:
        await real(*args)
        kept.set()

    async with container.uow() as a:
        await projector.project_event(move, a)  # rows derived without Z's registration; holds the answers' lock

        async def other_consumer() -> None:
            async with container.uow() as b:
                monkeypatch.setattr(projector, "keep_rows", signalled)
                await projector.project_event(registered, b)  # keep_rows, then waits for a's advisory lock
                await b.commit()

        task = asyncio.create_task(other_consumer())
        # b has looked for the journeys that moved to Z (or, with the race fixed, waits for a's lock): a commits
        await asyncio.wait(
            {asyncio.create_task(kept.wait()), task}, timeout=2, return_when=asyncio.FIRST_COMPLETED
        )  # < the 5 s lock timeout
        monkeypatch.setattr(projector, "keep_rows", real)
        await a.commit()
    await task

    sql, folded = await both_ways(container, "bw-clienten", date(2024, 3, 15))
    assert sql == folded  # fold: 0 (the stay is a 24-hour shelter in Zwolle); SQL: 1 (BW in Deventer)


async def test_an_interrupted_checkpointed_replay_makes_sql_and_the_fold_differ(
    reporting: RunningService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A replay with --checkpoints empties `trajecten` and commits, then rebuilds it batch by batch (and may stay
    interrupted until --resume). `rij_modellen` still says built and `verblijven` still holds every row, so the
    detail endpoint answers from SQL, which joins the half-rebuilt `trajecten`; the fold hides only journeys
    whose row says no municipality and so still counts every journey."""
    container = reporting.container
    events = synthetic_events(12, seed=5)
    await feed(container, events)
    async with container.uow() as uow:
        await stay_rows.rebuild_all(uow.session)
        await uow.commit()
    break_the_replay_at(monkeypatch, 3)
    with pytest.raises(ConnectionError):
        await replay(container.sessionmaker, checkpoints=True, batch=10)

    region = next(r for r in REFERENCE.regions if "GM0301" in {m.code for m in r.municipalities})
    codes = tuple(m.code for m in region.municipalities)
    scope = Scope(region.code, None, codes, codes)
    window = resolve_window(scope, date(2024, 12, 31), date(2024, 10, 31), None, None)
    async with container.uow() as uow:
        full = await indicators.load_history(uow, indicators.Computation())
        folded = indicators.detail(full, DOELEN, REFERENCE, "bw-clienten", scope, window).model_dump()
        served = await container.extras["rows_first"].detail(uow.session, indicators_question(scope, window, "bw-clienten"))
    # before the fix still "built" (SQL over the half-rebuilt journeys); None: the fold answers
    assert served is None or served.model_dump() == folded


def indicators_question(scope: Scope, window: Any, code: str) -> Any:
    from reporting.service_layer.indicator_worker import Question

    return Question(scope, window, code)


async def test_stays_at_dutch_midnights_around_daylight_saving_in_the_monthly_detail(reporting: RunningService) -> None:
    """Admissions and outflows exactly at, and just around, 00:00 Dutch time on the month
    boundaries next to the DST changes (1 April CEST, 1 November CET), in the detail's per-month rows."""
    from datetime import UTC, datetime, timedelta

    from reporting.domain.indicators.history import start_of

    container = reporting.container
    bw, shelter = uuid.uuid4(), uuid.uuid4()
    events = [
        facility("beschermd-wonen", 20, "GM0150", facility_id=bw),
        facility("acute-opvang", 9, "GM0150", facility_id=shelter),
    ]
    moments = [start_of(date(2024, 4, 1)), start_of(date(2024, 11, 1)), start_of(date(2024, 3, 1)), start_of(date(2024, 10, 1))]
    moments += [m + d for m in list(moments) for d in (timedelta(microseconds=-1), timedelta(minutes=30), timedelta(hours=-1))]
    for moment in moments:
        for kind, place in (("beschermd-wonen", bw), ("acute-opvang", shelter)):
            client, stay = Client("GM0150"), uuid.uuid4()
            events += [
                client.melding(date(2024, 1, 2)),
                client.opname(datetime(2024, 1, 5, tzinfo=UTC), place, kind=kind, opname_id=stay),
            ]
            events.append(client.uitgestroomd(moment, place, stay, kind=kind))
            later = Client("GM0150")
            events += [later.melding(date(2024, 1, 2)), later.opname(moment, place, kind=kind)]
    await feed(container, events)
    async with container.uow() as uow:
        await stay_rows.rebuild_all(uow.session)
        await uow.commit()
    region = next(r for r in REFERENCE.regions if "GM0150" in {m.code for m in r.municipalities})
    codes = tuple(m.code for m in region.municipalities)
    async with container.uow() as uow:
        full = await indicators.load_history(uow, indicators.Computation())
        for scope in (Scope(region.code, None, codes, codes), Scope(region.code, "GM0150", ("GM0150",), codes)):
            for peildatum in (date(2024, 12, 31), date(2024, 3, 31), date(2024, 10, 31), date(2024, 4, 1)):
                window = resolve_window(scope, peildatum, peildatum, date(2024, 1, 1), date(2024, 12, 31))
                for code in sql_indicators.CODES:
                    expected = indicators.detail(full, DOELEN, REFERENCE, code, scope, window).model_dump()
                    found = await sql_indicators.detail(uow.session, DOELEN, REFERENCE, code, scope, window)
                    assert found.model_dump() == expected, (code, scope, peildatum)
        assert any(m["waarde"] for m in expected["per_maand"])


async def test_the_operators_rebuild_in_parts_beside_the_live_projection(
    reporting: RunningService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m reporting.service_layer.stay_rows` on a live deployment: parts of journeys, each in its own short
    transaction, while the projection goes on; the rows come out as a rebuild from the whole history makes them, and
    the marker (SQL answers) is set only when the last part is done: a rebuild that stops halfway leaves the fold
    answering."""
    container = reporting.container
    events = synthetic_events(16, seed=7)
    half = len(events) // 2
    await feed(container, events[:half])
    async with container.uow() as uow:
        await stay_rows.rebuild_all(uow.session)
        await uow.commit()

    real, calls = stay_rows.refresh, []

    async def fails_the_second_time(session: Any, journeys: Any) -> None:
        calls.append(journeys)
        if len(calls) == 2:
            raise ConnectionError("the connection went away")
        await real(session, journeys)

    monkeypatch.setattr(stay_rows, "refresh", fails_the_second_time)
    with pytest.raises(ConnectionError):
        await stay_rows.rebuild_in_parts(container.sessionmaker, chunk=1)
    monkeypatch.setattr(stay_rows, "refresh", real)
    async with container.uow() as uow:
        assert not await stay_rows.built(uow.session)

    parts = asyncio.create_task(stay_rows.rebuild_in_parts(container.sessionmaker, chunk=1))
    await feed(container, events[half:])
    assert await parts > 0
    async with container.uow() as uow:
        assert await stay_rows.built(uow.session)
    await equal_when_rebuilt(container)
