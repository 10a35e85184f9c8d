"""A fresh system admits someone to De Herberg without any set-up: the reference facilities are there (issue 16)."""

import uuid
from typing import Any

import pytest

from journey_platform.devbroker import LocalBroker
from placement.reference_facilities import load_reference_facilities, read_reference_facilities

from .conftest import a_report
from .test_placement_flow import eventually

pytestmark = pytest.mark.e2e
CT = ("centrale-toegang", "CT-IJSSEL-VECHT")
DE_HERBERG = uuid.uuid5(uuid.UUID("5d0f3c56-7a43-4d8e-9b0a-6f1f4a6c1e20"), "de-herberg-zwolle")


async def test_a_fresh_system_admits_a_person_to_de_herberg(start_service: Any, broker: LocalBroker, auth: Any) -> None:
    intake = await start_service("intake", broker=broker)
    placement = await start_service("placement", broker=broker)
    reporting = await start_service("reporting", broker=broker)
    ct = auth(*CT)
    # What `make run` (scripts/prepare.py) and the production migration Job do.
    added = await load_reference_facilities(placement.container.settings, read_reference_facilities())
    assert "de-herberg-zwolle" in added and len(added) == 10
    assert await load_reference_facilities(placement.container.settings, read_reference_facilities()) == []

    herberg = (await placement.client.get(f"/v1/voorzieningen/{DE_HERBERG}", headers=ct)).json()
    assert (herberg["naam"], herberg["type"], herberg["gemeente"], herberg["capaciteitPlaatsen"]) == (
        "De Herberg",
        "acute-opvang",
        "GM0193",
        32,
    )
    mo = (await placement.client.get("/v1/voorzieningen", params={"regio": "ijssel-vecht"}, headers=ct)).json()
    shelter_places = sum(f["capaciteitPlaatsen"] for f in mo if f["type"] in ("acute-opvang", "doorstroomvoorziening"))
    assert shelter_places == 150  # seed 001: "ongeveer 150 maatschappelijke opvangplekken in de regio IJssel-Vecht"

    report = await intake.client.post("/v1/meldingen", headers=ct, json=a_report("Eerstedag"))
    assert report.status_code == 201, report.text
    traject_id = report.json()["trajectId"]

    async def admitted() -> dict[str, Any] | None:
        response = await placement.client.post(
            "/v1/opnames", headers=ct, json={"trajectId": traject_id, "voorzieningId": str(DE_HERBERG)}
        )
        return response.json() if response.status_code == 201 else None  # 404 until placement follows intake

    stay = await eventually(admitted)
    assert stay["voorzieningId"] == str(DE_HERBERG)

    async def in_the_journey() -> dict[str, Any] | None:
        journey = (await reporting.client.get(f"/v1/trajecten/{traject_id}", headers=ct)).json()
        return journey if journey.get("fase") not in (None, "gemeld") else None

    assert (await eventually(in_the_journey))["fase"] != "gemeld"
