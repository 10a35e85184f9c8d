"""Precise validation (issue 16, item 4): every bad field named with the form expected, 415 for a wrong content
type, JSON errors placed by line and column, token errors in plain words."""

from datetime import date, timedelta
from typing import Any

from journey_platform.testing.plugin import RunningService

from .conftest import report

BW = {"besluit": "toekenning", "voorziening": "beschermd-wonen", "soort": "nieuw", "geldigVan": "2026-11-01"}


def problems(response: Any) -> dict[str, dict[str, str]]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    params = response.json()["invalidParams"]
    for p in params:
        assert not p["reason"].startswith(("Value error", "Assertion failed")), p
    return {p["name"]: p for p in params}


async def new_report(intake: RunningService, ct: dict[str, str], **overrides: Any) -> dict[str, Any]:
    response = await intake.client.post("/v1/meldingen", json=report(**overrides), headers=ct)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]  # httpx's json() is Any


async def test_a_birth_date_in_the_future_or_before_1900_is_refused(intake: RunningService, auth: Any) -> None:
    ct = auth()
    for born in ("2030-01-01", "1850-06-01", (date.today() + timedelta(days=2)).isoformat()):
        body = report(persoon={"achternaam": "Jansen", "geboortedatum": born})
        bad = problems(await intake.client.post("/v1/meldingen", json=body, headers=ct))
        assert "1900-01-01" in bad["persoon.geboortedatum"]["reason"], bad  # the reason names the valid range
    oldest = report(persoon={"achternaam": "Jansen", "geboortedatum": "1900-01-01"})
    assert (await intake.client.post("/v1/meldingen", json=oldest, headers=ct)).status_code == 201


async def test_a_decision_date_in_the_future_is_refused(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct)
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    body = {**BW, "meldingId": melding["id"], "besluitDatum": tomorrow}
    bad = problems(await intake.client.post("/v1/beschikkingen", json=body, headers=ct))
    assert bad["besluitDatum"]["code"] == "future-date"


async def test_a_grant_needs_soort_and_geldig_van_each_named(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct)
    body = {"meldingId": melding["id"], "besluit": "toekenning", "voorziening": "beschermd-wonen"}
    bad = problems(await intake.client.post("/v1/beschikkingen", json=body, headers=ct))
    assert set(bad) == {"soort", "geldigVan"} and bad["soort"]["code"] == "missing"
    late = {**BW, "meldingId": melding["id"], "geldigTot": "2026-10-01"}
    assert (
        "on or after geldigVan (2026-11-01)"
        in problems(await intake.client.post("/v1/beschikkingen", json=late, headers=ct))["geldigTot"]["reason"]
    )
    # A refusal has no validity: soort is no field of it.
    refusal = {"meldingId": melding["id"], "besluit": "geen-ondersteuning", "redenCode": "zelfredzaam", "soort": "nieuw"}
    assert "soort" in problems(await intake.client.post("/v1/beschikkingen", json=refusal, headers=ct))


async def test_reason_codes_come_from_the_documented_list_of_their_kind(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct)
    body = {"meldingId": melding["id"], "besluit": "geen-ondersteuning", "redenCode": "geen-zin"}
    bad = problems(await intake.client.post("/v1/beschikkingen", json=body, headers=ct))
    assert "zelfredzaam" in bad["redenCode"]["reason"] and bad["redenCode"]["code"] == "enum"
    missing = {"meldingId": melding["id"], "besluit": "geen-ondersteuning"}
    assert problems(await intake.client.post("/v1/beschikkingen", json=missing, headers=ct))["redenCode"]["code"] == "missing"
    local = {"meldingId": melding["id"], "besluit": "verwijzing-lokale-ondersteuning", "redenCode": "zelfredzaam"}
    assert "redenCode" in problems(await intake.client.post("/v1/beschikkingen", json=local, headers=ct))
    closing = await intake.client.post(f"/v1/meldingen/{melding['id']}/afsluiting", json={"redenCode": "weg"}, headers=ct)
    assert "persoon-vertrokken" in problems(closing)["redenCode"]["reason"]
    refused = {"meldingId": melding["id"], "besluit": "geen-ondersteuning", "redenCode": "zelfredzaam"}
    assert (await intake.client.post("/v1/beschikkingen", json=refused, headers=ct)).status_code == 201


async def test_the_openapi_document_shows_the_kinds_of_decision_as_a_one_of(intake: RunningService) -> None:
    document = (await intake.client.get("/v1/openapi.json")).json()
    body = document["paths"]["/beschikkingen"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    variants = {ref["$ref"].rsplit("/", 1)[-1] for ref in body["oneOf"]}
    assert variants == {"Toekenning", "GeenOndersteuning", "VerwijzingLokaleOndersteuning"}
    schemas = document["components"]["schemas"]
    assert {"voorziening", "soort", "geldigVan"} <= set(schemas["Toekenning"]["required"])
    assert "redenCode" in schemas["GeenOndersteuning"]["required"]
    assert "415" in document["paths"]["/beschikkingen"]["post"]["responses"]


async def test_an_unknown_kind_of_decision_is_named(intake: RunningService, auth: Any) -> None:
    body = {"meldingId": "00000000-0000-0000-0000-000000000000", "besluit": "misschien"}
    bad = problems(await intake.client.post("/v1/beschikkingen", json=body, headers=auth()))
    assert "toekenning, geen-ondersteuning or verwijzing-lokale-ondersteuning" in bad["besluit"]["reason"]


async def test_a_wrong_content_type_is_415(intake: RunningService, auth: Any) -> None:
    headers = {**auth(), "content-type": "text/plain"}
    response = await intake.client.post("/v1/meldingen", content=b'{"melderType": "politie"}', headers=headers)
    assert response.status_code == 415, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "application/json" in response.json()["detail"]
    form = {**auth(), "content-type": "application/x-www-form-urlencoded"}
    assert (await intake.client.post("/v1/meldingen", content=b"melderType=politie", headers=form)).status_code == 415


async def test_invalid_json_is_placed_by_line_and_column(intake: RunningService, auth: Any) -> None:
    headers = {**auth(), "content-type": "application/json"}
    response = await intake.client.post("/v1/meldingen", content=b'{"melderType": "politie",\n  "situatie": }', headers=headers)
    bad = problems(response)
    assert list(bad) == ["body"]
    assert "line 2, column 15" in bad["body"]["reason"], bad


async def test_a_date_error_names_the_expected_format(intake: RunningService, auth: Any) -> None:
    ct = auth()
    melding = await new_report(intake, ct)
    body = {**BW, "meldingId": melding["id"], "geldigVan": "1-11-2026"}
    bad = problems(await intake.client.post("/v1/beschikkingen", json=body, headers=ct))
    assert "YYYY-MM-DD" in bad["geldigVan"]["reason"]
    born = report(persoon={"achternaam": "Jansen", "geboortedatum": "01-04-1980"})
    assert (
        "YYYY-MM-DD"
        in problems(await intake.client.post("/v1/meldingen", json=born, headers=ct))["persoon.geboortedatum"]["reason"]
    )


async def test_a_garbage_token_is_refused_without_decoder_details(intake: RunningService) -> None:
    for token in ("garbage", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.x.y"):
        response = await intake.client.get("/v1/meldingen", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        detail = response.json()["detail"]
        assert detail == "invalid token: it is not a well-formed signed JWT (header.payload.signature, base64url)", detail
