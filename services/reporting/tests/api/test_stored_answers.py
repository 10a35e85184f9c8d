"""Kept indicator answers (service_layer/stored_answers.py): a question asked again is answered from the store, and
never with an answer an event changed since: after every change the kept answers equal a fresh computation."""

import asyncio
import random
import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, select

from journey_platform.db import utcnow
from journey_platform.reference import load_reference_data
from journey_platform.testing.plugin import RunningService
from reporting.adapters import answers
from reporting.adapters.orm import IndicatorAntwoord
from reporting.domain.indicators.attribution import MUNICIPALITY
from reporting.forget_answers import forget
from reporting.service_layer.batch_projection import project_batch
from reporting.service_layer.indicator_worker import Answer, Question
from reporting.service_layer.projector import project_event
from reporting.service_layer.scope import Scope, resolve_window
from reporting.service_layer.stored_answers import StoredAnswers, encode
from reporting.testing.history_generator import generate
from reporting.tests_support import Client, facility, feed

REFERENCE = load_reference_data()
BW, BW_ZUTPHEN = uuid.uuid4(), uuid.uuid4()


def region_scope(index: int) -> Scope:
    region = REFERENCE.regions[index]
    codes = tuple(m.code for m in region.municipalities)
    return Scope(region.code, None, codes, codes)


def municipality_scope(code: str) -> Scope:
    region = REFERENCE.region(REFERENCE.region_of(code) or "")
    assert region is not None
    return Scope(region.code, code, (code,), tuple(m.code for m in region.municipalities))


def question(scope: Scope, peildatum: date, code: str | None = None) -> Question:
    return Question(scope, resolve_window(scope, peildatum, peildatum, None, None), code)


def store_of(reporting: RunningService) -> StoredAnswers:
    found = reporting.container.extras["indicator_answers"]
    assert isinstance(found, StoredAnswers)
    return found


async def fresh(reporting: RunningService, asked: Question) -> Answer:
    """The answer computed now, past the store."""
    async with reporting.container.sessionmaker() as session:
        return await store_of(reporting).inner.ask(session, asked)


async def kept(reporting: RunningService) -> int:
    async with reporting.container.sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(IndicatorAntwoord)) or 0


async def test_kept_answers_equal_fresh_ones_after_every_change(reporting: RunningService) -> None:
    """A generated history of both regions (15% of events recorded late, out of order) arrives in parts, per event
    and per batch; after each part every question asked before is answered as a fresh computation answers it,
    while answers the part cannot change were kept (the store is used, not just emptied)."""
    events = generate(450, seed=25, start=date(2022, 1, 1), years=2, late_share=0.15)
    rng = random.Random(25)
    arrived = sorted(events, key=lambda e: e.time.toordinal() + rng.random() * 3)
    first = len(arrived) * 6 // 10
    await feed(reporting.container, arrived[:first])
    questions = [
        question(scope, peildatum)
        for scope in (region_scope(0), region_scope(1), municipality_scope("GM0150"))
        for peildatum in (date(2022, 6, 30), date(2023, 3, 31), date(2023, 12, 31))
    ] + [question(region_scope(0), date(2023, 3, 31), "bw-clienten"), question(region_scope(1), date(2022, 6, 30), "meldingen")]
    store = store_of(reporting)
    for asked in questions:
        await store.ask(None, asked)  # type: ignore[arg-type]  # the store reads in sessions of its own
    assert await kept(reporting) == len(questions)

    survived, removed, rest = 0, 0, arrived[first:]
    for part, start in enumerate(range(0, len(rest), 60)):
        chunk = rest[start : start + 60]
        before = await kept(reporting)
        if part % 2:
            await feed(reporting.container, chunk)
        else:
            async with reporting.container.uow() as uow:
                await project_batch(chunk, uow)
                await uow.commit()
        after = await kept(reporting)
        survived, removed = survived + after, removed + before - after
        for asked in questions:
            answered = await store.ask(None, asked)  # type: ignore[arg-type]  # as above
            assert encode(answered) == encode(await fresh(reporting, asked)), (part, asked.scope.naam, asked.window)
    assert survived > 0 and removed > 0


async def test_a_late_event_removes_the_answers_of_its_scopes_only(reporting: RunningService, auth: Any) -> None:
    """Deventer (GM0150) and Zutphen (GM0301) in Midden-IJssel, Zwolle (GM0193) in IJssel-Vecht; a Zutphen placement
    registered late, on a day before the reference date, changes Zutphen's and the region's figures only. (A placement
    in Deventer's facility would remove Deventer's answers too: a stay counts where its facility lies.)"""
    deventer, zutphen = Client("GM0150"), Client("GM0301")
    await feed(
        reporting.container,
        [
            facility("beschermd-wonen", 20, "GM0150", "ribw", facility_id=BW),
            facility("beschermd-wonen", 12, "GM0301", "ribw", facility_id=BW_ZUTPHEN),
            deventer.melding(date(2023, 2, 1)),
            deventer.plaatsing(date(2023, 2, 1), BW),
            zutphen.melding(date(2023, 5, 1)),
        ],
    )
    params = {"peildatum": "2024-01-01", "van": "2023-01-01", "tot": "2023-12-31"}
    ct = ("centrale-toegang", "CT-MIDDEN-IJSSEL")
    asked = {
        "region": ("/v1/indicatoren/bw-clienten", ct),
        "GM0150": ("/v1/indicatoren/bw-clienten", ("gemeente", "GM0150")),
        "GM0301": ("/v1/indicatoren/bw-clienten", ("gemeente", "GM0301")),
        "zwolle": ("/v1/indicatoren", ("gemeente", "GM0193")),
    }

    async def values() -> dict[str, Any]:
        found = {}
        for name, (path, who) in asked.items():
            response = await reporting.client.get(path, params=params, headers=auth(*who))
            assert response.status_code == 200, response.text
            found[name] = response.json()
        return found

    before = await values()
    assert (before["region"]["waarde"], before["GM0150"]["waarde"], before["GM0301"]["waarde"]) == (1, 1, 0)
    assert await kept(reporting) == 4

    await feed(reporting.container, [zutphen.plaatsing(date(2024, 3, 1), BW_ZUTPHEN)])  # after the reference date: nothing
    assert await kept(reporting) == 4
    await feed(reporting.container, [zutphen.plaatsing(date(2023, 6, 1), BW_ZUTPHEN, plaatsing_id=uuid.uuid4())])  # late
    assert await kept(reporting) == 2  # Deventer's and Zwolle's answers stay
    after = await values()
    assert (after["region"]["waarde"], after["GM0150"]["waarde"], after["GM0301"]["waarde"]) == (2, 1, 1)
    assert after["GM0150"] == before["GM0150"] and after["zwolle"] == before["zwolle"]


async def test_an_answer_computed_while_an_event_came_in_is_not_kept(reporting: RunningService) -> None:
    keys = [(MUNICIPALITY, "GM0150"), answers.EVERYTHING]
    window = resolve_window(municipality_scope("GM0150"), date(2024, 1, 1), date(2024, 1, 1), None, None)
    fields = answers.stored_fields(None, "midden-ijssel", "GM0150", window, utcnow())
    sessions = reporting.container.sessionmaker
    async with sessions() as session, session.begin():
        expected = await answers.generations(session, keys)
    async with sessions() as session, session.begin():  # the projection of an event about a Deventer journey
        await answers.invalidate(session, [(MUNICIPALITY, "GM0150")], date(2023, 1, 1))
    async with sessions() as session, session.begin():
        assert not await answers.store(session, "a" * 64, fields, "[]", keys, expected)
        assert await answers.store(session, "b" * 64, fields, "[]", keys, await answers.generations(session, keys))
    assert await kept(reporting) == 1


async def test_a_batch_about_one_journey_keeps_the_answers_of_other_municipalities(reporting: RunningService) -> None:
    deventer, zwolle = Client("GM0150"), Client("GM0193")
    await feed(reporting.container, [deventer.melding(date(2023, 2, 1)), zwolle.melding(date(2023, 2, 1))])
    await store_of(reporting).ask(None, question(municipality_scope("GM0193"), date(2024, 1, 1)))  # type: ignore[arg-type]  # as above
    async with reporting.container.uow() as uow:  # two events of the one Deventer journey, in one batch
        await project_batch([deventer.onderzoek(date(2023, 6, 2)), deventer.afgesloten(date(2023, 6, 3))], uow)
        await uow.commit()
    assert await kept(reporting) == 1  # Zwolle's answer stays


async def test_two_consumers_projecting_one_clients_journeys_at_once_leave_no_stale_answer(reporting: RunningService) -> None:
    """Intake's consumer opens the client's new Zutphen journey while placement's (another partition, another
    replica) projects an admission on the client's older Deventer journey; Zutphen's answers load every journey of
    the client, so the admission's projection must see the new journey before it decides what to remove."""
    shelter, deventer = uuid.uuid4(), Client("GM0150")
    zutphen = Client("GM0301", client_id=deventer.client_id)
    await feed(
        reporting.container, [facility("acute-opvang", 20, "GM0150", facility_id=shelter), deventer.melding(date(2022, 6, 1))]
    )
    asked = question(municipality_scope("GM0301"), date(2023, 12, 31), "eerste-keer-dakloos")
    release = asyncio.Event()

    async def placement_consumer() -> None:
        async with reporting.container.uow() as uow:
            await project_event(deventer.opname(date(2023, 3, 1), shelter), uow)
            await release.wait()
            await uow.commit()

    async with reporting.container.uow() as intake:
        await project_event(zutphen.melding(date(2023, 5, 1)), intake)
        placement = asyncio.create_task(placement_consumer())
        await asyncio.sleep(0.3)  # placement's projection is under way
        await intake.commit()
    await asyncio.sleep(0.3)
    asking = asyncio.create_task(store_of(reporting).ask(None, asked))  # type: ignore[arg-type]  # as above
    await asyncio.sleep(0.3)
    release.set()
    await placement
    await asking
    again = await store_of(reporting).ask(None, asked)  # type: ignore[arg-type]  # as above
    assert encode(again) == encode(await fresh(reporting, asked))


async def test_the_operator_empties_the_store(reporting: RunningService) -> None:
    await feed(reporting.container, [Client("GM0150").melding(date(2023, 2, 1))])
    await store_of(reporting).ask(None, question(municipality_scope("GM0150"), date(2024, 1, 1)))  # type: ignore[arg-type]  # as above
    assert await kept(reporting) == 1
    await forget(reporting.container.settings.database_url)
    assert await kept(reporting) == 0
