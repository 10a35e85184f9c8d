"""Identity end to end over the real broker and PostgreSQL (issue 13, item 1).

A rough sleeper known only by an alias is reported, refused at a full shelter, admitted, and declared ready to leave
(so housing has a candidate); then a report about a known person (BSN, name) comes in. Central access merges the
alias into the known person: intake, placement, housing and reporting all give the alias's journey the surviving
client id, and reporting counts one unique person for two reports. The split undoes it everywhere. The alias's
description never leaves intake.
"""

import asyncio
import importlib
import uuid
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from housing.adapters.orm import Kandidaat
from journey_platform.devbroker import LocalBroker
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.privacy import personal_data_in
from placement.adapters.orm import Traject as PlacementTraject
from placement.adapters.orm import Verblijf
from reporting.adapters.orm import Gebeurtenis
from reporting.adapters.orm import Traject as ReportingTraject

pytestmark = pytest.mark.e2e
T = TypeVar("T")
TODAY = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
ALIAS = {
    "alias": "Zwarte Sjaak",
    "beschrijving": {"leeftijdIndicatie": 50, "geslacht": "man", "waarGezien": "Slaapt bij de Sassenpoort", "kenmerken": "Baard"},
}


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


def report(persoon: dict[str, Any]) -> dict[str, Any]:
    return {
        "melderType": "zorgaanbieder",
        "persoon": persoon,
        "situatie": "dakloos",
        "gemeenteMelding": "GM0193",
        "gemeenteVanHerkomst": "GM0193",
    }


async def clients_everywhere(
    placement: RunningService, housing: RunningService, reporting: RunningService, traject_id: str
) -> dict[str, set[str]]:
    """The client id each service gives the journey, in each place it keeps one."""
    tid = uuid.UUID(traject_id)
    found: dict[str, set[str]] = {}
    async with placement.container.sessionmaker() as session:
        found["placement.trajecten"] = {
            str(c) for c in await session.scalars(select(PlacementTraject.client_id).where(PlacementTraject.id == tid))
        }
        found["placement.verblijven"] = {
            str(c) for c in await session.scalars(select(Verblijf.client_id).where(Verblijf.traject_id == tid))
        }
    async with housing.container.sessionmaker() as session:
        found["housing.kandidaten"] = {
            str(c) for c in await session.scalars(select(Kandidaat.client_id).where(Kandidaat.traject_id == tid))
        }
    async with reporting.container.sessionmaker() as session:
        found["reporting.trajecten"] = {
            str(c) for c in await session.scalars(select(ReportingTraject.client_id).where(ReportingTraject.id == tid))
        }
        found["reporting.gebeurtenissen"] = {
            str(d.get("clientId")) for d in await session.scalars(select(Gebeurtenis.data).where(Gebeurtenis.traject_id == tid))
        }
    return found


async def unique_persons(reporting: RunningService, headers: dict[str, str]) -> dict[str, Any]:
    params = {"regio": "ijssel-vecht", "peildatum": TODAY.isoformat(), "van": date(TODAY.year, 1, 1).isoformat()}
    response = await reporting.client.get("/v1/indicatoren", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return next(i["waarden"] for i in response.json() if i["code"] == "meldingen")


async def test_every_service_follows_a_merge_of_an_alias_into_a_known_person_and_its_split(
    start_service: Any, broker: LocalBroker, auth: Any
) -> None:
    intake = await start_service("intake", broker=broker, retention_job_enabled=False)
    placement = await start_service("placement", broker=broker)
    housing = await start_service("housing", broker=broker, matching_interval_seconds=3600, watch_interval_seconds=3600)
    reporting = await start_service("reporting", broker=broker)
    ct, leger = auth(), auth("zorgaanbieder", "leger-des-heils")

    # unknown identity: reported, refused for lack of space, admitted, ready to leave
    alias = (await intake.client.post("/v1/meldingen", json=report(ALIAS), headers=leger)).json()
    traject_id, alias_id = alias["trajectId"], alias["persoonId"]
    shelter = {
        "naam": "De Herberg",
        "type": "acute-opvang",
        "zorgaanbieder": "leger-des-heils",
        "gemeente": "GM0193",
        "capaciteitPlaatsen": 2,
        "eenpersoonskamers": 2,
        "veiligVoor": [],
        "huisdierenToegestaan": False,
    }
    herberg = (await placement.client.post("/v1/voorzieningen", json=shelter, headers=ct)).json()

    async def refused() -> Any:
        body = {"trajectId": traject_id, "voorzieningId": herberg["id"], "redenCode": "geen-plaats", "bestemmingCode": "straat"}
        response = await placement.client.post("/v1/weigeringen", json=body, headers=leger)
        return response.json() if response.status_code == 201 else None

    await eventually(refused)  # as soon as placement knows the journey from intake's event
    stay = await placement.client.post(
        "/v1/opnames", json={"trajectId": traject_id, "voorzieningId": herberg["id"]}, headers=leger
    )
    assert stay.status_code == 201, stay.text
    ready = await placement.client.post(
        f"/v1/verblijven/{stay.json()['id']}/uitstroomgereed-verklaring",
        json={"huishoudenGrootte": 1, "maxHuur": 650.0, "doelgroepen": []},
        headers=leger,
    )
    assert ready.status_code == 201, ready.text

    # the identity becomes known: a report with BSN and name
    known = (
        await intake.client.post(
            "/v1/meldingen",
            json=report({"bsn": "111222333", "voornaam": "Jacobus", "achternaam": "Sjaaksma", "geboortedatum": "1975-02-03"}),
            headers=ct,
        )
    ).json()
    known_id = known["persoonId"]
    assert known_id != alias_id

    async def all_name(client_id: str) -> dict[str, set[str]] | None:
        found = await clients_everywhere(placement, housing, reporting, traject_id)
        return found if all(ids == {client_id} for ids in found.values()) else None

    await eventually(lambda: all_name(alias_id))
    before = await eventually(lambda: _counted(reporting, ct, meldingen=2))
    assert before["uniekePersonen"] == 2  # the alias counts as a report and a unique person

    # merge: the alias's journey, with its refusal, stay and candidate, belongs to the known person everywhere
    merge = {"overblijvendPersoonId": known_id, "opgaandPersoonId": alias_id, "reden": "Herkend door de begeleider"}
    merged = await intake.client.post("/v1/samenvoegingen", json=merge, headers=ct)
    assert merged.status_code == 201, merged.text
    assert (await intake.client.get(f"/v1/trajecten/{traject_id}", headers=ct)).json()["persoonId"] == known_id
    await eventually(lambda: all_name(known_id))
    after_merge = await eventually(lambda: _counted(reporting, ct, meldingen=2, uniekePersonen=1))
    assert after_merge["uniekePersonen"] == 1
    journey = (await reporting.client.get(f"/v1/trajecten/{traject_id}", headers=ct)).json()
    assert journey["clientId"] == known_id  # the shared journey, as the API answers it

    # split: back to the alias everywhere, and two people again
    split = await intake.client.post(
        "/v1/splitsingen", json={"samenvoegingId": merged.json()["id"], "reden": "Toch niet"}, headers=ct
    )
    assert split.status_code == 201, split.text
    assert (await intake.client.get(f"/v1/trajecten/{traject_id}", headers=ct)).json()["persoonId"] == alias_id
    await eventually(lambda: all_name(alias_id))
    await eventually(lambda: _counted(reporting, ct, meldingen=2, uniekePersonen=2))

    # the description is personal data: it stays sealed in intake and is nowhere else
    needles = ["Zwarte Sjaak", "Sassenpoort", "Sjaaksma", "Jacobus"]
    for service in (intake, placement, housing, reporting):
        metadata = importlib.import_module(f"{service.name}.adapters.orm").Base.metadata
        assert await personal_data_in(service.container.engine, metadata, needles) == [], service.name


async def _counted(reporting: RunningService, headers: dict[str, str], **expected: int) -> dict[str, Any] | None:
    values = await unique_persons(reporting, headers)
    return values if all(values.get(k) == v for k, v in expected.items()) else None
