"""End to end over the real broker (docs/import.md): a small history imported into intake reaches placement, whose
import of the stays, the placement, the waiting list and a ready-to-leave declaration reaches housing, whose import of
the move ends the stay in placement; all of it reaches reporting's indicators, on the real days.
The full export and the seed baselines: tests/history/test_baselines.py (the same import paths, no broker)."""

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from housing.adapters.orm import ImportRegel as HousingKeys
from housing.import_history import import_lines as import_housing
from intake.import_history import import_lines as import_intake
from journey_platform.testing.plugin import RunningService
from placement.adapters.orm import ImportRegel
from placement.import_history import import_lines as import_placement

from ..history.support import facility_id, load_facilities
from .test_housing_flow import eventually

pytestmark = pytest.mark.e2e

DOOR = "CT-MIDDEN-IJSSEL"
REPORT = {"melderType": "zelfmelder", "situatie": "dakloos", "gemeenteMelding": "GM0150"}
BW = {"besluit": "toekenning", "voorziening": "beschermd-wonen", "soort": "nieuw"}
INTAKE_ROWS = [
    *({"regelsoort": "persoon", "bronId": f"P{n}"} for n in "ACEW"),
    {"regelsoort": "melding", "bronId": "MA", "persoon": "PA", "meldDatum": "2022-01-03", **REPORT},
    {"regelsoort": "beschikking", "bronId": "BA", "melding": "MA", "geldigVan": "2022-02-01", "besluitDatum": "2022-02-01", **BW},
    {"regelsoort": "melding", "bronId": "MW", "persoon": "PW", "meldDatum": "2023-03-01", **REPORT},
    {"regelsoort": "beschikking", "bronId": "BW", "melding": "MW", "geldigVan": "2023-04-26", "besluitDatum": "2023-04-26", **BW},
    {"regelsoort": "melding", "bronId": "MC", "persoon": "PC", "meldDatum": "2023-05-01", **REPORT},
    {"regelsoort": "melding", "bronId": "ME", "persoon": "PE", "meldDatum": "2023-10-01", **REPORT},
]
PLACEMENT_ROWS = [
    {
        "regelsoort": "plaatsing",
        "bronId": "VA",
        "melding": "MA",
        "voorzieningId": facility_id("bw-deventer"),
        "geplaatstOp": "2022-06-01",
        "beschikking": "BA",
    },
    {"regelsoort": "wachtlijst", "bronId": "WW", "beschikking": "BW"},
    {
        "regelsoort": "opname",
        "bronId": "VC",
        "melding": "MC",
        "voorzieningId": facility_id("opvang-deventer"),
        "opgenomenOp": "2023-05-01",
    },
    {
        "regelsoort": "opname",
        "bronId": "VE",
        "melding": "ME",
        "voorzieningId": facility_id("crisisopvang-zutphen"),
        "opgenomenOp": "2023-10-01",
    },
    {
        "regelsoort": "uitstroomgereed",
        "bronId": "RC",
        "verblijf": "VC",
        "verklaardOp": "2023-11-15",
        "huishoudenGrootte": 1,
        "maxHuur": 750,
        "gemeenteVoorkeuren": ["GM0150"],
    },
]
HOME = {"aanbiederType": "woningcorporatie", "aanbieder": "woonstichting-voorbeeld", "type": "sociale-huur"}
HOUSING_ROWS = [
    {
        "regelsoort": "verhuizing",
        "bronId": "HC",
        "uitstroomgereed": "RC",
        "woning": {**HOME, "gemeente": "GM0150", "wijk": "centrum", "huur": 650.0, "kamers": 2},
        "aangebodenOp": "2023-12-01",
        "geaccepteerdOp": "2023-12-05",
        "verhuisdOp": "2023-12-15",
    }
]


async def test_a_history_reaches_placement_and_the_monitor(broker: Any, start_service: Any, auth: Any) -> None:
    intake: RunningService = await start_service("intake", broker=broker)
    placement: RunningService = await start_service("placement", broker=broker)
    housing: RunningService = await start_service("housing", broker=broker)
    reporting: RunningService = await start_service("reporting", broker=broker)
    await load_facilities(placement)

    first = await import_intake(intake.container, [json.dumps(r) for r in INTAKE_ROWS], dry_run=False, door=DOOR, bron="e2e")
    assert first.refused == [] and first.imported == {"persoon": 4, "melding": 4, "beschikking": 2}

    async def consumed() -> bool:  # placement's consumer recorded the source ids of the 4 reports and 2 decisions
        async with placement.container.engine.connect() as conn:
            return await conn.scalar(select(func.count()).select_from(ImportRegel)) == 6

    assert await eventually(consumed), "placement never consumed intake's imported reports and decisions"
    second = await import_placement(
        placement.container, [json.dumps(r) for r in PLACEMENT_ROWS], dry_run=False, door=DOOR, bron="e2e"
    )
    assert second.refused == [], second.summary()
    assert second.imported == {"opname": 2, "plaatsing": 1, "uitstroom": 0, "wachtlijst": 1, "uitstroomgereed": 1}

    async def declared() -> bool:  # housing's consumer made C a candidate and recorded the declaration's source id
        async with housing.container.engine.connect() as conn:
            return await conn.scalar(select(func.count()).select_from(HousingKeys)) == 1

    assert await eventually(declared), "housing never consumed placement's imported ready-to-leave declaration"
    third = await import_housing(housing.container, [json.dumps(r) for r in HOUSING_ROWS], dry_run=False, door=DOOR, bron="e2e")
    assert third.refused == [] and third.imported == {"verhuizing": 1}, third.summary()

    ct = auth("centrale-toegang", DOOR)

    async def figure(code: str, expected: float, **params: str) -> Any:
        async def check() -> Any:
            response = await reporting.client.get(
                f"/v1/indicatoren/{code}", params={"regio": "midden-ijssel", **params}, headers=ct
            )
            return response.json() if response.status_code == 200 and response.json()["waarde"] == expected else None

        return await eventually(check)

    # A placed in BW since 1-6-2022: 1 BW client on 1-1-2024
    assert await figure("bw-clienten", 1, peildatum="2024-01-01"), "the imported placement never reached the monitor"
    # W waiting since the decision of 26-4-2023: 250 days on 1-1-2024; 250 / 30.4375 = 8.21 → 8.2 months
    assert await figure("bw-wachttijd", 8.2, peildatum="2024-01-01")
    # C (1-5-2023 until the move into a home on 15-12, which ends the stay) and E (from 1-10-2023): 2 MO clients in 2023
    assert await figure("mo-unieke-clienten", 2, peildatum="2023-12-31", van="2023-01-01", tot="2023-12-31")
    # on 1-12-2023: C since 1-5 (longer than 3 months), E since 1-10 (not): 1 / 2 = 50.0%
    assert await figure("mo-trajecten-langer-dan-3-maanden", 50.0, peildatum="2023-12-01")
    # C ready on 15-11, housed on 15-12: 30 days = 1.0 month
    assert await figure("uitstroomgereed-tot-gehuisvest", 1.0, peildatum="2023-12-31")

    async def occupied() -> bool:  # on 31-12-2023 only E's place is taken: the move ended C's stay
        params = {"regio": "midden-ijssel", "peildatum": "2023-12-31"}
        response = await reporting.client.get("/v1/indicatoren/opvangbezetting", params=params, headers=ct)
        return response.status_code == 200 and response.json()["waarden"]["bezet"] == 1

    assert await eventually(occupied), "the move never ended C's stay"
