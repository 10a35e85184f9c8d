"""Erasure end to end over the real broker (issue 6, item 5).

A journey with personal data and free text runs through all four services; then the person is erased, once on a
lawful request and once by the retention job. Afterwards no service's database holds the name, BSN, date of birth
or notes anywhere in a text column, the person's data key is gone, reporting's event history no longer names the
client's id, and the indicators, also after a replay, are exactly what they were.
"""

import asyncio
import dataclasses
import importlib
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from intake.adapters.orm import Persoon, Wissing
from journey_platform.devbroker import LocalBroker
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.privacy import personal_data_in
from reporting.adapters.orm import Gebeurtenis, Traject
from reporting.replay import replay

pytestmark = pytest.mark.e2e
T = TypeVar("T")
ERASED = "nl.opvangketen.intake.persoon-gewist.v1"
TODAY = datetime.now(ZoneInfo("Europe/Amsterdam")).date()


async def eventually(probe: Callable[[], Awaitable[T | None]], within_seconds: float = 90.0) -> T:
    try:
        async with asyncio.timeout(within_seconds):
            while True:
                found = await probe()
                if found:
                    return found
                await asyncio.sleep(0.2)
    except TimeoutError:
        pytest.fail("the effect did not show in time")


async def count(service: RunningService, query: Any) -> int:
    async with service.container.sessionmaker() as session:
        return int(await session.scalar(query) or 0)


async def processed_erasure(service: RunningService) -> bool:
    inbox = service.container.tables.inbox
    return await count(service, select(func.count()).select_from(inbox).where(inbox.c.event_type == ERASED)) == 1


async def produced(services: list[RunningService]) -> int:
    total = 0
    for service in services:
        outbox = service.container.tables.outbox
        total += await count(
            service, select(func.count()).select_from(outbox).where(outbox.c.topic.not_like("opvangketen.public.%"))
        )
    return total


async def reporting_has_caught_up(reporting: RunningService, producers: list[RunningService]) -> bool:
    expected = await produced(producers)
    return await count(reporting, select(func.count()).select_from(Gebeurtenis)) == expected


async def indicators(reporting: RunningService, headers: dict[str, str]) -> list[dict[str, Any]]:
    params = {"regio": "ijssel-vecht", "peildatum": TODAY.isoformat(), "van": date(TODAY.year, 1, 1).isoformat()}
    response = await reporting.client.get("/v1/indicatoren", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def nothing_personal_left(services: list[RunningService], needles: list[str]) -> None:
    for service in services:
        metadata = importlib.import_module(f"{service.name}.adapters.orm").Base.metadata
        assert await personal_data_in(service.container.engine, metadata, needles) == [], service.name


async def unlinked_in_reporting(reporting: RunningService, client_id: str, traject_ids: list[str]) -> None:
    metadata = importlib.import_module("reporting.adapters.orm").Base.metadata
    assert await personal_data_in(reporting.container.engine, metadata, [client_id]) == []
    async with reporting.container.sessionmaker() as session:
        pseudonyms = set(
            await session.scalars(select(Traject.client_id).where(Traject.id.in_([uuid.UUID(t) for t in traject_ids])))
        )
        history = set()
        for data in await session.scalars(
            select(Gebeurtenis.data).where(Gebeurtenis.traject_id.in_([uuid.UUID(t) for t in traject_ids]))
        ):
            history.add(data.get("clientId"))
        assert await session.scalar(select(func.count()).select_from(Gebeurtenis).where(Gebeurtenis.event_type == ERASED)) == 0
    assert len(pseudonyms) == 1 and str(uuid.UUID(str(pseudonyms.pop()))) != client_id
    assert len(history) == 1 and history != {client_id}  # one fresh id, the same throughout


async def test_an_erasure_request_leaves_nothing_personal_in_any_service_and_the_indicators_unchanged(
    start_service: Any, broker: LocalBroker, auth: Any
) -> None:
    intake = await start_service("intake", broker=broker, retention_job_enabled=False)
    placement = await start_service("placement", broker=broker)
    housing = await start_service("housing", broker=broker, matching_interval_seconds=0.2, watch_interval_seconds=3600)
    reporting = await start_service("reporting", broker=broker)
    ct, ribw, corp = auth(), auth("zorgaanbieder", "ribw"), auth("woningcorporatie", "dewoonplaats")
    person = {"bsn": "314159265", "voornaam": "Wendelien", "achternaam": "Vergeetmeniet", "geboortedatum": "1979-03-14"}
    notes = [
        "Slaapt onder de brug bij de IJssel",
        "Broer in Deventer helpt soms",
        "Dringend vanwege de winter",
        "Schuldhulp starten met een bewindvoerder",
        "Ik wil mijn kinderen weer zien",
        "Gaat goed, nieuwe vriendin",
    ]

    # intake: a report, screening and a BW decision, all with free text
    melding = (
        await intake.client.post(
            "/v1/meldingen",
            headers=ct,
            json={
                "melderType": "politie",
                "persoon": person,
                "situatie": "dakloos",
                "gemeenteMelding": "GM0193",
                "gemeenteVanHerkomst": "GM0160",
                "toelichting": notes[0],
            },
        )
    ).json()
    traject_id, client_id = melding["trajectId"], melding["persoonId"]
    assert (
        await intake.client.post(
            "/v1/onderzoeken", headers=ct, json={"meldingId": melding["id"], "metPsychiater": False, "notities": notes[1]}
        )
    ).status_code == 201
    assert (
        await intake.client.post(
            "/v1/beschikkingen",
            headers=ct,
            json={
                "meldingId": melding["id"],
                "besluit": "toekenning",
                "voorziening": "beschermd-wonen",
                "soort": "nieuw",
                "geldigVan": TODAY.isoformat(),
                "urgent": True,
                "toelichting": notes[2],
            },
        )
    ).status_code == 201

    # placement: placed in BW, a support plan, a check-in with notes, ready to leave
    async def journey_in_placement() -> bool:
        return bool((await placement.client.get("/v1/wachtlijst-aanmeldingen", headers=ct)).json())

    await eventually(journey_in_placement)
    bw = (
        await placement.client.post(
            "/v1/voorzieningen",
            headers=ct,
            json={
                "naam": "Het Anker",
                "type": "beschermd-wonen",
                "zorgaanbieder": "ribw",
                "gemeente": "GM0193",
                "capaciteitPlaatsen": 4,
                "eenpersoonskamers": 4,
                "veiligVoor": [],
                "huisdierenToegestaan": False,
            },
        )
    ).json()
    stay = await placement.client.post("/v1/plaatsingen", headers=ct, json={"trajectId": traject_id, "voorzieningId": bw["id"]})
    assert stay.status_code == 201, stay.text
    plan = await placement.client.post(
        "/v1/ondersteuningsplannen",
        headers=ct,
        json={
            "trajectId": traject_id,
            "zorgaanbieder": "ribw",
            "regisseur": {"organisatie": "CT-IJSSEL-VECHT", "naam": "M. de Regisseur"},
            "doelen": [{"levensdomein": "financien", "omschrijving": notes[3]}],
            "resultaten": [],
            "eigenVisie": notes[4],
        },
    )
    assert plan.status_code == 201, plan.text
    check = (
        await placement.client.post(
            "/v1/trajectcontroles", headers=ct, json={"trajectId": traject_id, "geplandDatum": TODAY.isoformat()}
        )
    ).json()
    assert (
        await placement.client.post(
            f"/v1/trajectcontroles/{check['id']}/uitkomst", headers=ribw, json={"uitkomst": "volgens-plan", "notities": notes[5]}
        )
    ).status_code == 200
    assert (
        await placement.client.post(
            f"/v1/verblijven/{stay.json()['id']}/uitstroomgereed-verklaring",
            headers=ribw,
            json={"huishoudenGrootte": 1, "maxHuur": 650.0, "doelgroepen": ["vrouwen"]},
        )
    ).status_code == 201

    # housing: a home, and the matcher proposes it by itself
    assert (
        await housing.client.post(
            "/v1/woningen",
            headers=corp,
            json={
                "aanbiederType": "woningcorporatie",
                "type": "sociale-huur",
                "gemeente": "GM0160",
                "wijk": "centrum",
                "huur": 600.0,
                "kamers": 2,
                "beschikbaarVanaf": "2026-01-01",
                "begeleidingInDeBuurt": True,
            },
        )
    ).status_code == 201

    async def proposed() -> list[dict[str, Any]] | None:
        return (await housing.client.get("/v1/voorstellen", headers=ct)).json() or None

    assert "Constraints held" in (await eventually(proposed))[0]["uitleg"]["samenvatting"]
    producers = [intake, placement, housing]
    await eventually(lambda: reporting_has_caught_up(reporting, producers))
    before = await indicators(reporting, ct)
    assert any(i["waarde"] for i in before)  # the journey counts somewhere, or the comparison proves nothing

    # the erasure request
    erased = await intake.client.post("/v1/wisverzoeken", headers=ct, json={"persoonId": client_id, "grondslag": "avg-17-1-a"})
    assert erased.status_code == 201, erased.text
    for service in (placement, housing, reporting):
        await eventually(lambda s=service: processed_erasure(s))  # type: ignore[misc]  # mypy cannot infer a lambda with a default argument

    async with intake.container.sessionmaker() as session:
        persoon = await session.get(Persoon, uuid.UUID(client_id))
        assert persoon is not None and persoon.sleutel_versleuteld is None  # the data key is gone
    needles = [*person.values(), *notes]
    await nothing_personal_left([intake, placement, housing, reporting], needles)
    await unlinked_in_reporting(reporting, client_id, [traject_id])
    voorstel = (await housing.client.get("/v1/voorstellen", headers=ct)).json()[0]
    assert voorstel["uitleg"]["samenvatting"] == "" and voorstel["uitleg"]["score"] > 0  # the facts stay
    assert await indicators(reporting, ct) == before

    replayed = await replay(reporting.container.sessionmaker)
    assert replayed.journeys >= 1
    assert await indicators(reporting, ct) == before
    await unlinked_in_reporting(reporting, client_id, [traject_id])

    again = await intake.client.post("/v1/wisverzoeken", headers=ct, json={"persoonId": client_id, "grondslag": "avg-17-1-a"})
    assert again.status_code == 200 and again.json() == erased.json()
    outbox = intake.container.tables.outbox
    assert await count(intake, select(func.count()).select_from(outbox).where(outbox.c.event_type == ERASED)) == 1


async def test_the_retention_job_erases_an_expired_journey_everywhere(start_service: Any, broker: LocalBroker, auth: Any) -> None:
    intake = await start_service(
        "intake", broker=broker, retention_report_without_follow_up_days=1, retention_check_interval_seconds=0.2
    )
    placement = await start_service("placement", broker=broker)
    reporting = await start_service("reporting", broker=broker)
    ct = auth()
    person = {"bsn": "161803398", "voornaam": "Jorrit", "achternaam": "Oudeboom", "geboortedatum": "1991-11-30"}
    note = "Vertrokken naar familie in Groningen"
    melding = (
        await intake.client.post(
            "/v1/meldingen",
            headers=ct,
            json={
                "melderType": "bewoner",
                "persoon": person,
                "situatie": "thuisloos",
                "gemeenteMelding": "GM0193",
                "toelichting": note,
            },
        )
    ).json()
    closed = await intake.client.post(
        f"/v1/meldingen/{melding['id']}/afsluiting", headers=ct, json={"redenCode": "persoon-vertrokken"}
    )
    assert closed.status_code == 200, closed.text
    await eventually(lambda: reporting_has_caught_up(reporting, [intake, placement]))
    before = await indicators(reporting, ct)
    assert any(i["waarde"] for i in before)
    await asyncio.sleep(1.0)  # several rounds of the job: one day has not passed yet
    async with intake.container.sessionmaker() as session:
        assert (await session.scalars(select(Wissing))).all() == []

    context = intake.container.extras["context"]  # two days later, as far as intake can tell
    intake.container.extras["context"] = dataclasses.replace(context, clock=lambda: datetime.now(UTC) + timedelta(days=2))
    for service in (placement, reporting):
        await eventually(lambda s=service: processed_erasure(s))  # type: ignore[misc]  # mypy cannot infer a lambda with a default argument
    async with intake.container.sessionmaker() as session:
        wissing = await session.scalar(select(Wissing))
        assert wissing is not None and wissing.aanleiding == "bewaartermijn" and str(wissing.persoon_id) == melding["persoonId"]
        assert (await session.get(Persoon, uuid.UUID(melding["persoonId"]))).sleutel_versleuteld is None
    await nothing_personal_left([intake, placement, reporting], [*person.values(), note])
    await unlinked_in_reporting(reporting, melding["persoonId"], [melding["trajectId"]])
    assert await indicators(reporting, ct) == before
