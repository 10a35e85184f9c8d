"""`opvangketen-ops verwerkingen`: one data subject's processing log gathered from all four services' databases."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

from typer.testing import CliRunner

from journey_platform.ops.cli import app
from journey_platform.testing.processing_log import log_rows, subject_of
from placement.tests_support import deliver, report

REPORT = {
    "melderType": "politie",
    "persoon": {"achternaam": "Bakker", "geboortedatum": "1969-07-07"},
    "situatie": "dakloos",
    "gemeenteMelding": "GM0193",
}


async def test_gathers_one_subject_from_every_service_and_logs_the_look(
    start_service: Any, auth: Any, clean_databases: dict[str, str]
) -> None:
    intake = await start_service("intake", deadline_watcher_enabled=False)
    placement = await start_service("placement")
    created = (await intake.client.post("/v1/meldingen", json=REPORT, headers=auth())).json()
    person = created["persoonId"]
    await intake.client.post(
        "/v1/meldingen", json={**REPORT, "persoon": {"achternaam": "Anders", "geboortedatum": "1970-01-01"}}, headers=auth()
    )  # someone else: not in the answer
    melding = report().model_copy(update={"client_id": uuid.UUID(person)})
    await deliver(placement, melding)
    facility = {
        "naam": "De Herberg",
        "type": "acute-opvang",
        "zorgaanbieder": "leger-des-heils",
        "gemeente": "GM0193",
        "capaciteitPlaatsen": 2,
        "eenpersoonskamers": 1,
        "veiligVoor": [],
        "huisdierenToegestaan": False,
    }
    herberg = (await placement.client.post("/v1/voorzieningen", json=facility, headers=auth())).json()
    body = {"trajectId": str(melding.traject_id), "voorzieningId": herberg["id"]}
    assert (await placement.client.post("/v1/opnames", json=body, headers=auth())).status_code == 201

    env = {f"{service.upper()}_DATABASE_URL": url for service, url in clean_databases.items()}
    result = await asyncio.to_thread(
        CliRunner().invoke, app, ["verwerkingen", "--betrokkene", person, "--operator", "fg-beheerder"], env=env
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    entries = [(e["dienst"], e["verwerkingsactiviteit"], e["handeling"]) for e in answer["verwerkingen"]]
    assert entries[0] == ("intake", "melding-registreren", "aanmaken")
    assert sorted(entries[1:]) == [("placement", "opvang-plaatsen", "aanmaken"), ("placement", "opvang-plaatsen", "lezen")]
    for service in (intake, placement):
        [look] = await log_rows(service, actor="fg-beheerder")
        assert (look["betrokkene"], look["verwerkingsactiviteit"], look["organisatie_id"]) == (
            subject_of(service, person),
            "inzageverzoek-afhandelen",
            "opvangketen-ops",
        )
