"""Intake's authorisation matrix (tests/privacy/matrix.py, INTAKE): every operation as every kind of organisation.

To add an operation: a row in matrix.INTAKE and a `Call` in CALLS below. A read uses the world built in
`world()`; a write builds what it acts on afresh for each principal (see `fresh_report`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from journey_platform.sharing import day_of
from journey_platform.testing.plugin import RunningService

from .harness import Call, Request, World, fixed, run_matrix
from .matrix import PRINCIPALS

CT = PRINCIPALS["ct-own"]
BW = {"besluit": "toekenning", "voorziening": "beschermd-wonen", "soort": "nieuw", "geldigVan": "2026-11-01"}


def report_body(gemeente: str = "GM0193", herkomst: str | None = None) -> dict[str, Any]:
    """A report about a new, made-up person (no BSN: a name no one else has, and a date of birth)."""
    return {
        "melderType": "politie",
        "situatie": "dakloos",
        "route": "huisuitzetting",
        "gemeenteMelding": gemeente,
        "gemeenteVanHerkomst": herkomst or gemeente,
        "huishoudenGrootte": 1,
        "aandachtspunten": [],
        "persoon": {
            "achternaam": f"Test-{uuid.uuid4().hex[:10]}",
            "voornaam": f"Piet{uuid.uuid4().hex[:6]}",
            "geboortedatum": "1980-04-01",
        },
    }


async def post(service: RunningService, auth: Any, path: str, body: Any, who: tuple[str, str] = CT) -> Any:
    response = await service.client.post(f"/v1{path}", json=body, headers=auth(*who))
    assert response.status_code in (200, 201), response.text
    return response.json()


@pytest.fixture
async def intake(start_service: Any) -> RunningService:
    service: RunningService = await start_service("intake", deadline_watcher_enabled=False)
    return service


async def world(intake: RunningService, auth: Any) -> World:
    w = World()
    a = await post(intake, auth, "/meldingen", report_body("GM0193"))
    w.add("melding", a["id"], "A")
    w.add("traject", a["trajectId"])
    b = await post(intake, auth, "/meldingen", report_body("GM0150"), PRINCIPALS["ct-other"])
    w.add("meldingB", b["id"], "B")
    r = await post(intake, auth, "/meldingen", report_body("GM0193"))
    w.add("meldingR", r["id"], "R")
    w.add("persoonR", r["persoonId"])
    w.add(
        "verwijzing", (await post(intake, auth, "/verwijzingen", {"meldingId": r["id"], "naarOrganisatie": "GM0166"}))["id"], "V"
    )
    w.add("onderzoek", (await post(intake, auth, "/onderzoeken", {"meldingId": a["id"], "metPsychiater": False}))["id"])
    w.add("beschikking", (await post(intake, auth, "/beschikkingen", {"meldingId": a["id"], **BW}))["id"], "A")
    signal = {"gemeente": "GM0193", "signaalType": "betalingsachterstand", "huurder": report_body()["persoon"]}
    w.add("zaakP", (await post(intake, auth, "/vroegsignalen", signal, PRINCIPALS["wc-with"]))["id"], "P")
    signal = {**signal, "gemeente": "GM0150", "huurder": report_body()["persoon"]}
    w.add("zaakQ", (await post(intake, auth, "/vroegsignalen", signal, PRINCIPALS["ct-other"]))["id"], "Q")
    w.add("toestemming", (await post(intake, auth, "/toestemmingen", consent_body(a["trajectId"])))["id"], "A")
    w.add(
        "toestemmingB",
        (await post(intake, auth, "/toestemmingen", consent_body(b["trajectId"]), PRINCIPALS["ct-other"]))["id"],
        "B",
    )
    w.add("persoonA", a["persoonId"])
    erased = await post(intake, auth, "/meldingen", report_body("GM0193"))  # W: a person of Zwolle, erased on request
    w.add("meldingW", erased["id"], "W")
    w.add(
        "wisverzoek",
        (await post(intake, auth, "/wisverzoeken", {"persoonId": erased["persoonId"], "grondslag": "avg-17-1-a"}))["id"],
    )
    dubbele = await possible_duplicate(intake, auth, w)
    w.add("dubbele", dubbele["id"], "D")
    w.add("samenvoeging", (await merge(intake, auth, w))["id"])
    w.ids["service"], w.ids["auth"] = intake, auth
    return w


async def possible_duplicate(intake: RunningService, auth: Any, w: World | None = None) -> Any:
    """D: two people in Zwolle with the same surname and date of birth and other first names (their open reports
    are labelled D too in the world)."""
    first = report_body("GM0193")
    second = {**first, "persoon": {**first["persoon"], "voornaam": f"Klaas{uuid.uuid4().hex[:6]}"}}
    a = await post(intake, auth, "/meldingen", first)
    b = await post(intake, auth, "/meldingen", second)
    if w is not None:
        w.add(f"meldingD{a['id']}", a["id"], "D")
        w.add(f"meldingD{b['id']}", b["id"], "D")
    response = await intake.client.get("/v1/mogelijke-dubbelen", params={"status": "open"}, headers=auth(*CT))
    return next(d for d in response.json() if {d["persoon"]["id"], d["kandidaat"]["id"]} == {a["persoonId"], b["persoonId"]})


async def merge(intake: RunningService, auth: Any, w: World | None = None) -> Any:
    dubbele = await possible_duplicate(intake, auth, w)
    body = {
        "overblijvendPersoonId": dubbele["kandidaat"]["id"],
        "opgaandPersoonId": dubbele["persoon"]["id"],
        "reden": "Zelfde persoon, voornaam verkeerd verstaan",
    }
    return await post(intake, auth, "/samenvoegingen", body)


def consent_body(traject_id: str) -> dict[str, Any]:
    """The client's consent to share housing data with deltawonen for half a year."""
    return {
        "trajectId": traject_id,
        "ontvangerType": "woningcorporatie",
        "ontvangerId": "deltawonen",
        "doelen": ["huisvesting"],
        "geldigTot": (day_of(datetime.now(UTC)) + timedelta(days=180)).isoformat(),
    }


async def fresh_report(w: World) -> dict[str, Any]:
    """A new open report in Zwolle, for a write that changes it."""
    return await post(w["service"], w["auth"], "/meldingen", report_body("GM0193"))  # type: ignore[no-any-return]  # the matrix helpers return JSON (Any)


def on_fresh_report(path: str, body: dict[str, Any] | None = None, in_body: bool = False) -> Any:
    async def build(w: World, principal: str) -> Request:
        melding = await fresh_report(w)
        if in_body:
            return Request(path, json={"meldingId": melding["id"], **(body or {})})
        return Request(path.format(melding=melding["id"], traject=melding["trajectId"]), json=body)

    return build


async def referral_to_kampen(w: World, principal: str) -> Request:
    melding = await fresh_report(w)
    verwijzing = await post(w["service"], w["auth"], "/verwijzingen", {"meldingId": melding["id"], "naarOrganisatie": "GM0166"})
    return Request(f"/verwijzingen/{verwijzing['id']}/beoordeling", json={"geaccepteerd": True})


async def signal(w: World, principal: str) -> Request:
    return Request(
        "/vroegsignalen",
        json={"gemeente": "GM0193", "signaalType": "dreigende-huisuitzetting", "huurder": report_body()["persoon"]},
    )


async def erasure(w: World, principal: str) -> Request:
    """Erasure destroys: a new person (a new report in Zwolle) for each call."""
    melding = await fresh_report(w)
    return Request("/wisverzoeken", json={"persoonId": melding["persoonId"], "grondslag": "avg-17-1-a"})


async def new_consent(w: World, principal: str) -> Request:
    return Request("/toestemmingen", json=consent_body(w["traject"]))


async def revocation(w: World, principal: str) -> Request:
    """A fresh consent in A's journey for each call (a revoked one answers 409)."""
    toestemming = await post(w["service"], w["auth"], "/toestemmingen", consent_body(w["traject"]))
    return Request(f"/toestemmingen/{toestemming['id']}/intrekking", json={"redenCode": "op-verzoek-client"})


async def rejection(w: World, principal: str) -> Request:
    dubbele = await possible_duplicate(w["service"], w["auth"])
    return Request(f"/mogelijke-dubbelen/{dubbele['id']}/afwijzing", json={"reden": "Twee verschillende mensen"})


async def new_merge(w: World, principal: str) -> Request:
    dubbele = await possible_duplicate(w["service"], w["auth"])
    body = {"overblijvendPersoonId": dubbele["kandidaat"]["id"], "opgaandPersoonId": dubbele["persoon"]["id"], "reden": "Zelfde"}
    return Request("/samenvoegingen", json={**body, "mogelijkeDubbeleId": dubbele["id"]})


async def new_split(w: World, principal: str) -> Request:
    samenvoeging = await merge(w["service"], w["auth"])
    return Request("/splitsingen", json={"samenvoegingId": samenvoeging["id"], "reden": "Toch twee mensen"})


async def identification(w: World, principal: str) -> Request:
    """A fresh person known only by an alias in Zwolle, whose identity becomes known."""
    body = {**report_body("GM0193"), "persoon": {"alias": f"Alias-{uuid.uuid4().hex[:8]}"}}
    alias = await post(w["service"], w["auth"], "/meldingen", body)
    return Request(
        f"/personen/{alias['persoonId']}/identificatie", json={"persoon": report_body()["persoon"], "reden": "ID-kaart"}
    )


async def history(w: World, principal: str) -> Request:
    """A one-report history of its own for each call (a source id not imported before)."""
    key = uuid.uuid4().hex[:8]
    report = {k: v for k, v in report_body("GM0193").items() if k != "persoon"}
    rows = [
        {"regelsoort": "persoon", "bronId": f"P-{key}"},
        {"regelsoort": "melding", "bronId": f"M-{key}", "persoon": f"P-{key}", **report, "meldDatum": "2023-05-01"},
    ]
    return Request("/historie-importen", json={"bron": "matrix", "regels": rows})


async def new_report(w: World, principal: str) -> Request:
    return Request("/meldingen", json=report_body("GM0193"))


CALLS: dict[str, Call] = {
    "registreerMelding": Call("POST", new_report),
    "zoekMeldingen": Call("GET", fixed("/meldingen"), label="id"),
    "haalMeldingOp": Call("GET", fixed("/meldingen/{melding}")),
    "sluitMeldingAf": Call("POST", on_fresh_report("/meldingen/{melding}/afsluiting", {"redenCode": "persoon-vertrokken"})),
    "werklijstBeslistermijnen": Call("GET", fixed("/beslistermijnen"), label="meldingId"),
    "startOnderzoek": Call("POST", on_fresh_report("/onderzoeken", {"metPsychiater": False}, in_body=True)),
    "haalOnderzoekOp": Call("GET", fixed("/onderzoeken/{onderzoek}")),
    "neemBesluit": Call("POST", on_fresh_report("/beschikkingen", BW, in_body=True)),
    "haalBeschikkingOp": Call("GET", fixed("/beschikkingen/{beschikking}")),
    "zoekBeschikkingen": Call("GET", fixed("/beschikkingen"), label="id"),
    "maakVerwijzing": Call("POST", on_fresh_report("/verwijzingen", {"naarOrganisatie": "GM0166"}, in_body=True)),
    "haalVerwijzingOp": Call("GET", fixed("/verwijzingen/{verwijzing}")),
    "zoekVerwijzingen": Call("GET", fixed("/verwijzingen"), label="id"),
    "beoordeelVerwijzing": Call("POST", referral_to_kampen),
    "haalTrajectOp": Call("GET", fixed("/trajecten/{traject}")),
    "wijzigVerantwoordelijkeGemeente": Call(
        "PUT",
        on_fresh_report(
            "/trajecten/{traject}/verantwoordelijke-gemeente", {"gemeente": "GM0148", "reden": "woont sinds jaren in Dalfsen"}
        ),
    ),
    "sluitTrajectAf": Call("POST", on_fresh_report("/trajecten/{traject}/afsluiting", {"redenCode": "vertrokken-uit-regio"})),
    "haalPersoonOp": Call("GET", fixed("/personen/{persoonR}")),  # R's person: R was referred to Kampen
    "meldVroegsignaal": Call("POST", signal),
    "zoekPreventiezaken": Call("GET", fixed("/preventiezaken"), label="id"),
    "haalPreventiezaakOp": Call("GET", fixed("/preventiezaken/{zaakP}")),
    "zoekGemeenten": Call("GET", fixed("/gemeenten")),
    "zoekRegios": Call("GET", fixed("/regios")),
    "dienWisverzoekIn": Call("POST", erasure),
    "haalWisverzoekOp": Call("GET", fixed("/wisverzoeken/{wisverzoek}")),
    "legToestemmingVast": Call("POST", new_consent),
    "zoekToestemmingen": Call("GET", fixed("/toestemmingen"), label="id"),
    "haalToestemmingOp": Call("GET", fixed("/toestemmingen/{toestemming}")),
    "trekToestemmingIn": Call("POST", revocation),
    "raadpleegVerwerkingen": Call("GET", fixed("/verwerkingen?betrokkene={persoonA}")),
    "zoekMogelijkeDubbelen": Call("GET", fixed("/mogelijke-dubbelen?status=open"), label="id"),
    "haalMogelijkeDubbeleOp": Call("GET", fixed("/mogelijke-dubbelen/{dubbele}")),
    "wijsMogelijkeDubbeleAf": Call("POST", rejection),
    "voegPersonenSamen": Call("POST", new_merge),
    "haalSamenvoegingOp": Call("GET", fixed("/samenvoegingen/{samenvoeging}")),
    "splitsPersoon": Call("POST", new_split),
    "identificeerPersoon": Call("POST", identification),
    "importeerHistorie": Call("POST", history),
}


async def test_each_organisation_gets_exactly_what_the_matrix_says(intake: RunningService, auth: Any) -> None:
    await run_matrix("intake", intake.client, auth, await world(intake, auth), CALLS)
