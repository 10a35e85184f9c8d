"""The crafted requests of the fault trial (issue 15) that gave 5xx: each now answers 4xx naming what is wrong.

Through each service's real app and database (PostgreSQL when reachable, where NUL gave 500)."""

from __future__ import annotations

import json
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from journey_platform.devissuer import DevIssuer
from journey_platform.testing.plugin import SERVICES

from .test_token_refusal import GUARDED, b64url, claims_of

CT = ("centrale-toegang", "CT-IJSSEL-VECHT")
REPORT = {
    "melderType": "politie",
    "situatie": "dakloos",
    "gemeenteMelding": "GM0193",
    "persoon": {"achternaam": "Groot", "geboortedatum": "1980-01-01"},
}
FACILITY = {
    "naam": "De Herberg",
    "type": "acute-opvang",
    "zorgaanbieder": "leger-des-heils",
    "gemeente": "GM0193",
    "capaciteitPlaatsen": 2,
    "eenpersoonskamers": 1,
}
PLAN = {
    "trajectId": "00000000-0000-4000-8000-000000000000",
    "zorgaanbieder": "ribw",
    "regisseur": {"organisatie": "CT-IJSSEL-VECHT", "naam": "M. de Regisseur"},
    "doelen": [{"levensdomein": "financien", "omschrijving": "Schulden in beeld en een budgetplan"}],
    "eigenVisie": "Ik wil weer een eigen plek.",
}
UNIT = {
    "aanbiederType": "woningcorporatie",
    "type": "sociale-huur",
    "gemeente": "GM0160",
    "wijk": "centrum",
    "huur": 640.0,
    "kamers": 2,
    "beschikbaarVanaf": "2026-01-01",
}
CONTROL_CHARACTERS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\ud800"]


def invalid_names(response: Any) -> set[str]:
    assert response.status_code == 400, (response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/problem+json"
    return {p["name"] for p in response.json().get("invalidParams", [])}


def with_text(body: dict[str, Any], path: str, text: str) -> dict[str, Any]:
    copy: dict[str, Any] = {k: (dict(v) if isinstance(v, dict) else v) for k, v in body.items()}
    *parents, last = path.split(".")
    target = copy
    for part in parents:
        target = target[part]
    target[last] = text
    return copy


@pytest.mark.parametrize(
    ("service", "path", "body", "field", "who"),
    [
        ("placement", "/v1/voorzieningen", FACILITY, "naam", CT),
        ("placement", "/v1/ondersteuningsplannen", PLAN, "regisseur.naam", CT),
        ("housing", "/v1/woningen", UNIT, "wijk", ("woningcorporatie", "dewoonplaats")),
        ("intake", "/v1/meldingen", REPORT, "persoon.achternaam", CT),
    ],
)
async def test_text_with_a_control_character_is_400_naming_the_field(
    start_service: Any, auth: Any, service: str, path: str, body: dict[str, Any], field: str, who: tuple[str, str]
) -> None:
    running = await start_service(service)
    for character in CONTROL_CHARACTERS:
        content = json.dumps(with_text(body, field, f"Ab{character}cd"))  # ASCII: a lone surrogate as \\ud800
        response = await running.client.post(path, content=content, headers={**auth(*who), "content-type": "application/json"})
        assert field in invalid_names(response), (character, response.text[:300])


async def test_newlines_and_tabs_stay_allowed_in_text(start_service: Any, auth: Any) -> None:
    placement = await start_service("placement")
    response = await placement.client.post(
        "/v1/voorzieningen", json={**FACILITY, "naam": "De\tHerberg\r\nZwolle"}, headers=auth(*CT)
    )
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("moment", ["2026-01-01", "2026-01-01T10:00:00", "2026-01-01T10:00:00+01:00", "2026-01-01T09:00:00Z"])
async def test_in_fase_sinds_voor_accepts_a_date_a_local_time_and_a_time_with_offset(
    start_service: Any, auth: Any, moment: str
) -> None:
    reporting = await start_service("reporting")
    response = await reporting.client.get("/v1/trajecten", params={"inFaseSindsVoor": moment}, headers=auth(*CT))
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("/v1/trajecten", "inFaseSindsVoor", "0001-01-01T00:00:00+01:00"),
        ("/v1/trajecten", "inFaseSindsVoor", "9999-12-31T23:59:59-01:00"),
        ("/v1/trajecten", "inFaseSindsVoor", "1899-12-31"),
        ("/v1/trajecten", "inFaseSindsVoor", "2026-02-30"),
        ("/v1/trajecten", "inFaseSindsVoor", "0"),
        ("/v1/indicatoren", "peildatum", "0001-01-01"),
        ("/v1/indicatoren", "van", "9999-12-31"),
        ("/v1/indicatoren", "tot", "2101-01-01"),
    ],
)
async def test_query_times_outside_the_documented_forms_are_400_naming_the_parameter(
    start_service: Any, auth: Any, path: str, name: str, value: str
) -> None:
    reporting = await start_service("reporting")
    response = await reporting.client.get(path, params={name: value}, headers=auth(*CT))
    assert name in invalid_names(response)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("persoon.geboortedatum", "0001-01-01"),
        ("persoon.geboortedatum", "9999-12-31"),
        ("persoon.geboortedatum", "1899-12-31"),
        ("persoon.geboortedatum", "2099-01-01"),  # in range, but a birth date cannot lie ahead
        ("meldDatum", "0001-01-01"),
        ("meldDatum", "2101-01-01"),
    ],
)
async def test_dates_outside_1900_2100_and_future_births_are_400_never_stored_as_infinity(
    start_service: Any, auth: Any, field: str, value: str
) -> None:
    intake = await start_service("intake")
    response = await intake.client.post("/v1/meldingen", json=with_text(REPORT, field, value), headers=auth(*CT))
    assert field in invalid_names(response)


async def test_a_unit_available_from_year_one_is_400(start_service: Any, auth: Any) -> None:
    housing = await start_service("housing")
    corp = auth("woningcorporatie", "dewoonplaats")
    response = await housing.client.post("/v1/woningen", json={**UNIT, "beschikbaarVanaf": "0001-01-01"}, headers=corp)
    assert "beschikbaarVanaf" in invalid_names(response)


def malformed_claims(issuer: DevIssuer) -> dict[str, dict[str, Any]]:
    return {
        "roles a number": claims_of(issuer, roles=7),
        "roles a string": claims_of(issuer, roles="medewerker"),
        "a role with NUL": claims_of(issuer, roles=["mede\x00werker"]),
        "a role an object": claims_of(issuer, roles=[{"naam": "medewerker"}]),
        "org_id with NUL": claims_of(issuer, org_id="CT-IJSSEL-VECHT\x00"),
        "org_id of 61 characters": claims_of(issuer, org_type="zorgaanbieder", org_id="a" * 61),
        "org_id a number": claims_of(issuer, org_type="gemeente", org_id=193),
        "org_id a list": claims_of(issuer, org_id=["CT-IJSSEL-VECHT"]),
        "org_type a number": claims_of(issuer, org_type=1),
        "sub a number": claims_of(issuer, sub=42),
        "sub with NUL": claims_of(issuer, sub="dev\x00test"),
        "sub of 256 characters": claims_of(issuer, sub="s" * 256),
        "region a number": claims_of(issuer, org_type="zorgaanbieder", org_id="ribw", region=3),
    }


def signed_with_header(issuer: DevIssuer, header: dict[str, Any]) -> str:
    """A good signature over a header PyJWT itself would refuse to write (e.g. a `kid` that is no string)."""
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims_of(issuer)).encode())}"
    algorithm = jwt.algorithms.RSAAlgorithm(jwt.algorithms.RSAAlgorithm.SHA256)
    key = serialization.load_pem_private_key((issuer.directory / "signing-key.pem").read_bytes(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return f"{signing_input}.{b64url(algorithm.sign(signing_input.encode(), key))}"


@pytest.mark.parametrize("service", SERVICES)
async def test_every_malformed_claim_is_401_on_every_service(start_service: Any, issuer: DevIssuer, service: str) -> None:
    running = await start_service(service)
    path = GUARDED[service]
    accepted = {}
    tokens = {case: issuer.sign(claims) for case, claims in malformed_claims(issuer).items()}
    tokens["kid a number"] = signed_with_header(issuer, {"alg": "RS256", "typ": "JWT", "kid": 7})
    tokens["kid a list"] = signed_with_header(issuer, {"alg": "RS256", "typ": "JWT", "kid": [issuer.kid]})
    for case, token in tokens.items():
        response = await running.client.get(path, headers={"Authorization": f"Bearer {token}"})
        if response.status_code != 401 or response.headers["content-type"] != "application/problem+json":
            accepted[case] = (response.status_code, response.text[:200])
    assert accepted == {}


@pytest.mark.parametrize("last_event_id", ["²", "9" * 5000, "12\x00", "-1"])
async def test_a_malformed_last_event_id_is_400(start_service: Any, auth: Any, last_event_id: str) -> None:
    reporting = await start_service("reporting")
    headers: dict[str, Any] = {**auth(*CT), "Last-Event-ID": last_event_id.encode("latin-1")}  # "²": a digit to str.isdigit
    response = await reporting.client.get("/v1/gebeurtenissen/stream", headers=headers)
    assert response.status_code == 400, response.text[:300]
