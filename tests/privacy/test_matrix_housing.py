"""Housing's authorisation matrix (tests/privacy/matrix.py, HOUSING): every operation as every kind of organisation.

Housing learns of candidates from placement's `uitstroomgereed-verklaard`: the world delivers it to housing's own
consumer handler (housing.tests_support.deliver), with intake's `toestemming-verleend` (the client's consent to share
with the corporation whose unit is offered: a corporation gets an offer only with it), then registers units, matches,
offers and moves in through the API.
To add an operation: a row in matrix.HOUSING and a `Call` in CALLS below.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from housing.tests_support import INTAKE_SOURCE, consent, deliver, journey_report, ready_to_leave
from journey_platform.testing.plugin import RunningService

from .harness import Call, Request, World, fixed, run_matrix
from .matrix import PRINCIPALS

CT, CT_OTHER, CORP, OTHER_CORP = PRINCIPALS["ct-own"], PRINCIPALS["ct-other"], PRINCIPALS["wc-with"], PRINCIPALS["wc-without"]
QUIET = {"matching_interval_seconds": 3600, "watch_interval_seconds": 3600}
SUPPLIER_TYPE = {"woningcorporatie": "woningcorporatie", "zorgaanbieder": "zorgaanbieder"}


def unit(aanbieder_type: str = "woningcorporatie") -> dict[str, Any]:
    """A unit in Zwolle, in a neighbourhood of its own (so no neighbourhood's capacity runs out)."""
    return {
        "aanbiederType": aanbieder_type,
        "type": "sociale-huur",
        "gemeente": "GM0193",
        "wijk": f"wijk-{uuid.uuid4().hex[:8]}",
        "huur": 640.0,
        "kamers": 2,
        "beschikbaarVanaf": "2026-01-01",
    }


@pytest.fixture
async def housing(start_service: Any) -> RunningService:
    service: RunningService = await start_service("housing", **QUIET)
    return service


class Housing:
    def __init__(self, service: RunningService, auth: Any) -> None:
        self.service, self.auth = service, auth

    async def call(self, method: str, path: str, body: Any = None, who: tuple[str, str] = CT) -> Any:
        response = await self.service.client.request(method, f"/v1{path}", json=body, headers=self.auth(*who))
        assert response.status_code in (200, 201), response.text
        return response.json()

    async def candidate(
        self, responsible: str = "GM0193", regio: str = "ijssel-vecht", who: tuple[str, str] = CT, consents_to: str = CORP[1]
    ) -> str:
        """A client ready to leave, who wants to live in Zwolle and consented to sharing with the corporation
        `consents_to`; answers the candidate's id."""
        event = ready_to_leave(
            verantwoordelijke_gemeente=responsible, gemeente_van_herkomst=responsible, regio=regio, gemeente_voorkeuren=["GM0193"]
        )
        await deliver(self.service, event)
        await deliver(self.service, consent(event, ontvanger_id=consents_to), INTAKE_SOURCE)
        found = await self.call("GET", "/kandidaten?paginaGrootte=500", who=who)
        return next(k["id"] for k in found if k["trajectId"] == str(event.traject_id))  # type: ignore[no-any-return]  # the matrix helpers return JSON (Any)

    async def unit(self, who: tuple[str, str] = CORP) -> str:
        return (await self.call("POST", "/woningen", unit(), who))["id"]  # type: ignore[no-any-return]  # the matrix helpers return JSON (Any)

    async def offer(self, kandidaat: str | None = None, woning: str | None = None, who: tuple[str, str] = CT) -> dict[str, Any]:
        body = {"kandidaatId": kandidaat or await self.candidate(), "woningId": woning or await self.unit()}
        return await self.call("POST", "/aanbiedingen", body, who)  # type: ignore[no-any-return]  # the matrix helpers return JSON (Any)

    async def accepted(self, **kwargs: Any) -> dict[str, Any]:
        offer = await self.offer(**kwargs)
        return await self.call("POST", f"/aanbiedingen/{offer['id']}/acceptatie", who=kwargs.get("who", CT))  # type: ignore[no-any-return]  # the matrix helpers return JSON (Any)

    async def moved(self, **kwargs: Any) -> dict[str, Any]:
        offer = await self.accepted(**kwargs)
        return await self.call("POST", f"/aanbiedingen/{offer['id']}/verhuizing", {}, kwargs.get("who", CT))  # type: ignore[no-any-return]  # the matrix helpers return JSON (Any)

    async def plan(self, traject_id: str) -> str:
        """The aftercare plan the move-in made for the journey (Zwolle's local team's: the homes are in Zwolle)."""
        plans = await self.call("GET", "/nazorgplannen?paginaGrootte=500")
        return next(p["id"] for p in plans if p["trajectId"] == traject_id)  # type: ignore[no-any-return]  # the matrix helpers return JSON (Any)


async def world(service: RunningService, auth: Any) -> World:
    w = World()
    h = w.ids["h"] = Housing(service, auth)
    w.add("A", await h.candidate(), "A")
    w.add("B", await h.candidate("GM0150", "midden-ijssel", CT_OTHER, consents_to=OTHER_CORP[1]), "B")
    w.add("U", await h.unit(CORP), "U")
    w.add("V", await h.unit(OTHER_CORP), "V")
    w.add("ronde", (await h.call("POST", "/matchingrondes"))["id"])
    proposals = await h.call("GET", "/voorstellen")
    w.add("voorstel", next(p["id"] for p in proposals if p["kandidaatId"] == w["A"]))
    handover_a = await h.moved(kandidaat=w["A"], woning=w["U"])
    w.add("aanbod", handover_a["aanbodId"])
    w.add("overdracht", handover_a["id"])
    await h.moved(kandidaat=w["B"], woning=w["V"], who=CT_OTHER)  # B, Deventer's client, moves into a home in Zwolle
    candidate_a = await h.call("GET", f"/kandidaten/{w['A']}")
    w.add("clientA", candidate_a["clientId"], "A")  # A's sharings (with deltawonen); A's aftercare plan and follow-ups
    candidate_b = await h.call("GET", f"/kandidaten/{w['B']}", who=CT_OTHER)
    w.add("clientB", candidate_b["clientId"], "B")  # B's aftercare plan, Zwolle's local team's (where the home is)
    w.add("planA", await h.plan(candidate_a["trajectId"]))
    w.add("contactA", (await h.call("GET", f"/nazorgplannen/{w['planA']}"))["contacten"][0]["id"])
    arrears = {"woningId": w["U"], "signaal": "huurachterstand"}
    w.add("signaalA", (await h.call("POST", "/terugvalsignalen", arrears, CORP))["id"])  # deltawonen let A's home
    w.add("trajectA", candidate_a["trajectId"])  # A's journey, as housing follows it from intake's report
    await deliver(service, journey_report(candidate_a["trajectId"], candidate_a["clientId"]), INTAKE_SOURCE)
    return w


async def register_unit(w: World, principal: str) -> Request:
    org_type = PRINCIPALS.get(principal, ("gemeente", ""))[0]
    return Request("/woningen", json=unit(SUPPLIER_TYPE.get(org_type, "gemeente")))


async def register_units(w: World, principal: str) -> Request:
    return Request("/woningbatches", json={"woningen": [(await register_unit(w, principal)).json]})


async def withdraw_unit(w: World, principal: str) -> Request:
    return Request(f"/woningen/{await w['h'].unit()}/intrekking")


async def withdraw_units(w: World, principal: str) -> Request:
    return Request("/intrekkingen", json={"woningIds": [await w["h"].unit()]})


async def make_offer(w: World, principal: str) -> Request:
    return Request("/aanbiedingen", json={"kandidaatId": await w["h"].candidate(), "woningId": await w["h"].unit()})


async def accept_offer(w: World, principal: str) -> Request:
    return Request(f"/aanbiedingen/{(await w['h'].offer())['id']}/acceptatie")


async def decline_offer(w: World, principal: str) -> Request:
    by = "aanbieder" if PRINCIPALS.get(principal, ("gemeente", ""))[0] in SUPPLIER_TYPE else "client"
    return Request(f"/aanbiedingen/{(await w['h'].offer())['id']}/afwijzing", json={"afgewezenDoor": by, "redenCode": "te-ver"})


async def report_move(w: World, principal: str) -> Request:
    return Request(f"/aanbiedingen/{(await w['h'].accepted())['id']}/verhuizing", json={})


async def confirm_handover(w: World, principal: str) -> Request:
    return Request(f"/overdrachten/{(await w['h'].moved())['id']}/bevestiging")


async def record_follow_up(w: World, principal: str) -> Request:
    handover = await w["h"].moved()
    return Request(f"/nazorgplannen/{await w['h'].plan(handover['trajectId'])}/contacten", json={"uitkomst": "stabiel"})


async def signal_relapse(w: World, principal: str) -> Request:
    """A corporation names the home (A's, let by deltawonen); everyone else names A's plan."""
    if PRINCIPALS.get(principal, ("gemeente", ""))[0] == "woningcorporatie":
        return Request("/terugvalsignalen", json={"woningId": w["U"], "signaal": "huurachterstand"})
    return Request("/terugvalsignalen", json={"nazorgplanId": w["planA"], "signaal": "politie"})


async def history(w: World, principal: str) -> Request:
    """A one-move history (docs/import.md) naming a declaration no import brought: 200, the row refused in the answer."""
    key = uuid.uuid4().hex[:8]
    row = {"regelsoort": "verhuizing", "bronId": f"H-{key}", "uitstroomgereed": f"R-{key}", "woning": unit()}
    return Request("/historie-importen", json={"bron": "matrix", "regels": [{**row, "verhuisdOp": "2023-05-01"}]})


CALLS: dict[str, Call] = {
    "registreerWoning": Call("POST", register_unit),
    "registreerWoningen": Call("POST", register_units),
    "zoekWoningen": Call("GET", fixed("/woningen"), label="id"),
    "haalWoningOp": Call("GET", fixed("/woningen/{U}")),
    "trekWoningIn": Call("POST", withdraw_unit),
    "trekWoningenIn": Call("POST", withdraw_units),
    "zoekKandidaten": Call("GET", fixed("/kandidaten"), label="id"),
    "haalKandidaatOp": Call("GET", fixed("/kandidaten/{A}")),
    "startMatchingronde": Call("POST", fixed("/matchingrondes")),
    "haalMatchingrondeOp": Call("GET", fixed("/matchingrondes/{ronde}")),
    "zoekVoorstellen": Call("GET", fixed("/voorstellen"), label="kandidaatId"),
    "haalVoorstelOp": Call("GET", fixed("/voorstellen/{voorstel}")),
    "doeAanbod": Call("POST", make_offer),
    "zoekAanbiedingen": Call("GET", fixed("/aanbiedingen"), label="kandidaatId"),
    "haalAanbodOp": Call("GET", fixed("/aanbiedingen/{aanbod}")),
    "accepteerAanbod": Call("POST", accept_offer),
    "wijsAanbodAf": Call("POST", decline_offer),
    "meldVerhuizing": Call("POST", report_move),
    "zoekOverdrachten": Call("GET", fixed("/overdrachten"), label="kandidaatId"),
    "haalOverdrachtOp": Call("GET", fixed("/overdrachten/{overdracht}")),
    "bevestigOverdracht": Call("POST", confirm_handover),
    "zoekNazorgplannen": Call("GET", fixed("/nazorgplannen"), label="clientId"),
    "haalNazorgplanOp": Call("GET", fixed("/nazorgplannen/{planA}")),
    "legNazorgcontactVast": Call("POST", record_follow_up),
    "haalNazorgcontactOp": Call("GET", fixed("/nazorgcontacten/{contactA}")),
    "haalTerugvalsignaalOp": Call("GET", fixed("/terugvalsignalen/{signaalA}")),
    "zoekNazorgcontacten": Call("GET", fixed("/nazorgcontacten"), label="clientId"),
    "meldTerugvalsignaal": Call("POST", signal_relapse),
    "zoekDelingen": Call("GET", fixed("/delingen?clientId={clientA}"), label="clientId"),
    "haalTrajectOp": Call("GET", fixed("/trajecten/{trajectA}")),
    "raadpleegVerwerkingen": Call("GET", fixed("/verwerkingen?betrokkene={clientA}")),
    "importeerVerhuishistorie": Call("POST", history),
}


async def test_each_organisation_gets_exactly_what_the_matrix_says(housing: RunningService, auth: Any) -> None:
    await run_matrix("housing", housing.client, auth, await world(housing, auth), CALLS)
