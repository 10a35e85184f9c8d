"""Regional rules are data (regions.yaml), and the BW new-client rule as seed 003 4.1 fn 5 words it."""

import uuid
from datetime import UTC, date, datetime, time
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from intake.domain.rules import NL
from intake.service_layer.bw_use import HANDLERS
from intake.tests_support import outbox_events
from journey_platform.contracts import placement as pv
from journey_platform.messaging.envelope import new_event
from journey_platform.testing.plugin import RunningService

from .conftest import report

BW = {"besluit": "toekenning", "voorziening": "beschermd-wonen", "soort": "nieuw", "geldigVan": "2026-11-01"}
PLACEMENT = "urn:nld:oin:00000001003214345000:systeem:placement"


async def new_report(intake: RunningService, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    response = await intake.client.post("/v1/meldingen", json=report(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def decide(intake: RunningService, headers: dict[str, str], melding: dict[str, Any], on: str) -> dict[str, Any]:
    decided = await intake.client.post(
        "/v1/beschikkingen", json={"meldingId": melding["id"], **BW, "besluitDatum": on}, headers=headers
    )
    assert decided.status_code == 201, decided.text
    return decided.json()  # type: ignore[no-any-return]  # httpx gives JSON as Any


async def client_of(intake: RunningService, melding: dict[str, Any]) -> uuid.UUID:
    event = next(e for e in await outbox_events(intake) if e["data"].get("meldingId") == melding["id"])
    return uuid.UUID(event["data"]["clientId"])


async def bw_stay(intake: RunningService, client_id: uuid.UUID, region: str, start: date, end: date | None) -> None:
    """Placement's events about an actual BW stay, handled by intake's consumer as it would from the broker."""
    stay_id = uuid.uuid4()
    placed = pv.PlaatsingGerealiseerd(
        traject_id=uuid.uuid4(),
        client_id=client_id,
        plaatsing_id=stay_id,
        voorziening_id=uuid.uuid4(),
        voorziening_type=pv.VoorzieningType.beschermd_wonen,
        zorgaanbieder="ribw",
        gemeente="GM0193" if region == "ijssel-vecht" else "GM0150",
        regio=region,
        geplaatst_op=datetime.combine(start, time(10), tzinfo=NL),
        van_wachtlijst=True,
    )
    contracts: list[Any] = [placed]
    if end is not None:
        contracts.append(
            pv.Uitgestroomd(
                traject_id=placed.traject_id,
                client_id=client_id,
                verblijf_id=stay_id,
                voorziening_id=placed.voorziening_id,
                voorziening_type=pv.VoorzieningType.beschermd_wonen,
                uitgestroomd_op=datetime.combine(end, time(0, 30), tzinfo=NL),
                bestemming=pv.Bestemming.eigen_woning,
                terug_naar_gemeente_van_herkomst=None,
                verblijfsduur_dagen=(end - start).days,
            )
        )
    for contract in contracts:
        event = new_event(contract, PLACEMENT)
        async with intake.container.uow() as uow:
            await HANDLERS[event.type](event, uow)
            await uow.commit()


async def test_an_undecided_bw_application_within_365_days_of_the_report_decides(intake: RunningService, auth: Any) -> None:
    ct = auth()
    # 1 October 2025 is 365 days before 1 October 2026: still "het afgelopen jaar"
    first = await new_report(intake, ct, meldDatum="2025-10-01")
    screened = await intake.client.post(
        "/v1/onderzoeken", json={"meldingId": first["id"], "aanvraagVoorziening": "beschut-wonen"}, headers=ct
    )
    assert screened.status_code == 201, screened.text
    second = await new_report(intake, ct, meldDatum="2026-10-01")
    body = await decide(intake, ct, second, "2026-11-20")  # decided 415 days after: the report date counts
    assert (body["nieuweClient"], body["nieuweClientGrond"], body["nieuweClientFeitOp"]) == (
        False,
        "aanvraag-binnen-terugkijkperiode",
        "2025-10-01",
    )
    event = (await outbox_events(intake))[-1]["data"]
    assert (event["nieuweClient"], event["nieuweClientGrond"]) == (False, "aanvraag-binnen-terugkijkperiode")


async def test_an_application_366_days_back_no_longer_counts(intake: RunningService, auth: Any) -> None:
    ct = auth()
    first = await new_report(intake, ct, meldDatum="2025-09-30")
    await intake.client.post(
        "/v1/onderzoeken", json={"meldingId": first["id"], "aanvraagVoorziening": "beschermd-wonen"}, headers=ct
    )
    second = await new_report(intake, ct, meldDatum="2026-10-01")
    body = await decide(intake, ct, second, "2026-10-02")
    assert (body["nieuweClient"], body["nieuweClientGrond"]) == (True, "geen-aanvraag-en-geen-bw-gebruik")


async def test_an_actual_bw_stay_in_the_region_where_the_client_reports_decides(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct, meldDatum="2026-10-01")
    client = await client_of(intake, melding)
    await bw_stay(intake, client, "midden-ijssel", date(2024, 1, 10), date(2024, 6, 1))  # another region: no matter
    assert (await decide(intake, ct, melding, "2026-10-05"))["nieuweClient"] is True
    other = await new_report(intake, ct, meldDatum="2026-10-06", persoon={"achternaam": "Smit", "geboortedatum": "1970-02-02"})
    await bw_stay(intake, await client_of(intake, other), "ijssel-vecht", date(2018, 3, 1), date(2019, 3, 1))
    body = await decide(intake, ct, other, "2026-10-07")  # seven years ago, in this region: not new (no time bound)
    assert (body["nieuweClient"], body["nieuweClientGrond"], body["nieuweClientFeitOp"]) == (
        False,
        "bw-gebruik-in-regio",
        "2019-03-01",
    )


def regions_file(tmp_path: Path, **rules: Any) -> Path:
    data = yaml.safe_load(resources.files("journey_platform").joinpath("regions.yaml").read_text())
    for region in data["regions"]:
        region["rules"] = {**region.get("rules", {}), **rules}
    path = tmp_path / "regions.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


async def test_decision_term_and_short_stay_are_the_regions_settings(start_service: Any, auth: Any, tmp_path: Path) -> None:
    intake = await start_service(
        "intake",
        deadline_watcher_enabled=False,
        retention_job_enabled=False,
        reference_data_file=regions_file(tmp_path, decisionTermWeeks=6, shortStay=None),
    )
    melding = await new_report(intake, auth(), meldDatum="2026-10-01", gemeenteVanHerkomst="GM0363")  # Amsterdam
    assert melding["beslistermijn"] == "2026-11-12"  # 6 weeks
    assert melding.get("kortVerblijf") is None
    assert "kort-verblijf-toegekend" not in [e["type"].split(".")[-2] for e in await outbox_events(intake)]


async def test_the_short_stay_nights_are_announced_from_the_settings(start_service: Any, auth: Any, tmp_path: Path) -> None:
    intake = await start_service(
        "intake",
        deadline_watcher_enabled=False,
        retention_job_enabled=False,
        reference_data_file=regions_file(tmp_path, shortStay={"nights": 3, "checkout": "10:00"}),
    )
    await new_report(intake, auth(), gemeenteVanHerkomst="GM0363")
    granted = next(e for e in await outbox_events(intake) if e["type"].split(".")[-2] == "kort-verblijf-toegekend")
    assert (granted["data"]["nachten"], granted["data"]["dagen"]) == (3, 4)
    ends = datetime.fromisoformat(granted["data"]["eindigtOp"]).astimezone(NL)
    assert ends.time() == time(10) and ends.date() > datetime.now(UTC).astimezone(NL).date()
