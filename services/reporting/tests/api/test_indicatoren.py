"""Indicators over HTTP: values against targets, comparison and trend, CSV, bad input and who may see what."""

import csv
import io
import uuid
from datetime import date
from typing import Any

from journey_platform.testing.plugin import RunningService
from reporting.tests_support import Client, facility, feed

BW = uuid.uuid4()
CT_MI = ("centrale-toegang", "CT-MIDDEN-IJSSEL")
Q = {"peildatum": "2024-01-01", "van": "2023-01-01", "tot": "2023-12-31"}


async def bw_region(reporting: RunningService) -> None:
    """Three BW clients on 1-1-2024: two from Deventer, one from Zutphen; one more placed after."""
    clients = [Client("GM0150"), Client("GM0150"), Client("GM0301"), Client("GM0301")]
    events = [facility("beschermd-wonen", 20, "GM0150", "ribw", facility_id=BW)]
    for c, placed in zip(clients, (date(2023, 2, 1), date(2023, 5, 1), date(2023, 11, 1), date(2024, 2, 1)), strict=True):
        events += [c.melding(placed.replace(day=1)), c.plaatsing(placed, BW)]
    await feed(reporting.container, events)


async def test_overview_gives_every_indicator_with_its_target(reporting: RunningService, auth: Any) -> None:
    await bw_region(reporting)
    response = await reporting.client.get("/v1/indicatoren", params=Q, headers=auth(*CT_MI))
    assert response.status_code == 200, response.text
    by_code = {i["code"]: i for i in response.json()}
    assert (
        len(by_code) == 24
    )  # 17, plus MO length of stay, acute > 8 weeks, checklist, housing retention, aftercare (2), peer experts
    bw = by_code["bw-clienten"]
    assert bw["waarde"] == 3 and bw["regio"] == "midden-ijssel" and bw["peildatum"] == "2024-01-01"
    assert bw["doel"]["basiswaarde"] == 269 and bw["doel"]["doelwaarde"] == 215.2 and bw["gehaald"] is True
    assert by_code["meldingen"]["waarde"] == 3  # the 2024 report lies outside the period
    assert by_code["bw-wachttijd"]["waarde"] is None and by_code["bw-wachttijd"]["gehaald"] is None


async def test_one_indicator_per_municipality_and_per_month(reporting: RunningService, auth: Any) -> None:
    await bw_region(reporting)
    response = await reporting.client.get("/v1/indicatoren/bw-clienten", params=Q, headers=auth(*CT_MI))
    body = response.json()
    per_gemeente = {g["gemeente"]: g["waarde"] for g in body["perGemeente"]}
    assert per_gemeente == {"GM0150": 2, "GM0262": 0, "GM1773": 0, "GM0177": 0, "GM0301": 1}
    assert [m["maand"] for m in body["perMaand"]][:2] == ["2023-01", "2023-02"]
    assert [m["waarde"] for m in body["perMaand"]] == [0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3]
    later = await reporting.client.get("/v1/indicatoren/bw-clienten", params={"peildatum": "2024-03-01"}, headers=auth(*CT_MI))
    assert later.json()["waarde"] == 4  # the same history asked as of another date


async def test_a_local_team_sees_its_own_municipality(reporting: RunningService, auth: Any) -> None:
    await bw_region(reporting)
    response = await reporting.client.get("/v1/indicatoren/bw-clienten", params=Q, headers=auth("gemeente", "GM0150"))
    assert response.status_code == 200
    assert response.json()["gemeente"] == "GM0150" and response.json()["waarde"] == 2
    assert response.json()["doel"] is None  # the −20% is a regional target


async def test_csv_export_by_path_and_by_content_negotiation(reporting: RunningService, auth: Any) -> None:
    await bw_region(reporting)
    exported = await reporting.client.get("/v1/indicatoren/bw-clienten/export", params=Q, headers=auth(*CT_MI))
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [(r["gemeente"], r["waarde"]) for r in rows] == [
        ("GM0150", "2"),
        ("GM0262", "0"),
        ("GM1773", "0"),
        ("GM0177", "0"),
        ("GM0301", "1"),
        ("midden-ijssel", "3"),
    ]
    negotiated = await reporting.client.get(
        "/v1/indicatoren/bw-clienten", params=Q, headers={**auth(*CT_MI), "Accept": "text/csv"}
    )
    assert negotiated.headers["content-type"].startswith("text/csv") and negotiated.text == exported.text
    monthly = await reporting.client.get(
        "/v1/indicatoren/meldingen/export", params={**Q, "tabel": "maanden"}, headers=auth(*CT_MI)
    )
    assert len(list(csv.DictReader(io.StringIO(monthly.text)))) == 12


async def test_bad_input_is_a_400_naming_the_field(reporting: RunningService, auth: Any) -> None:
    ct = auth(*CT_MI)
    cases = [
        ({"peildatum": "1-1-2024"}, "peildatum"),
        ({"van": "2024-02-01", "tot": "2024-01-01"}, "tot"),
        ({"regio": "achterhoek"}, "regio"),
        ({"gemeente": "Deventer"}, "gemeente"),
        ({"gemeente": "GM9999"}, "gemeente"),
        ({"regio": "midden-ijssel", "gemeente": "GM0193"}, "gemeente"),
        ({"tabel": "jaren"}, "tabel"),
        ({"peildatum": "0999-06-01"}, "peildatum"),
        ({"van": "9999-12-01", "tot": "9999-12-31"}, "van"),
        ({"peildatum": "0"}, "peildatum"),
        ({"tot": "1.5e9"}, "tot"),
    ]  # the last four found by fuzzing
    for params, field in cases:
        response = await reporting.client.get("/v1/indicatoren/meldingen/export", params=params, headers=ct)
        assert response.status_code == 400, (params, response.text)
        assert field in {p["name"] for p in response.json()["invalidParams"]}, params
    assert (await reporting.client.get("/v1/indicatoren/geen-indicator", headers=ct)).status_code == 404
    assert (await reporting.client.get("/v1/indicatoren/GEEN_CODE", headers=ct)).status_code == 400


async def test_other_organisations_figures_are_forbidden(reporting: RunningService, auth: Any) -> None:
    refused = [
        (auth("centrale-toegang", "CT-IJSSEL-VECHT"), {"regio": "midden-ijssel"}),
        (auth("centrale-toegang", "CT-IJSSEL-VECHT"), {"gemeente": "GM0150"}),
        (auth("gemeente", "GM0193"), {"gemeente": "GM0150"}),
        (auth("gemeente", "GM0193"), {"regio": "ijssel-vecht"}),
        (auth("zorgaanbieder", "leger-des-heils"), {}),
        (auth("woningcorporatie", "dewoonplaats"), {}),
    ]
    for headers, params in refused:
        for path in ("/v1/indicatoren", "/v1/indicatoren/meldingen", "/v1/indicatoren/meldingen/export"):
            response = await reporting.client.get(path, params=params, headers=headers)
            assert response.status_code == 403, (path, params, response.text)
            assert response.headers["content-type"].startswith("application/problem+json")
