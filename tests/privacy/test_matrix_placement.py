"""Placement's authorisation matrix (tests/privacy/matrix.py, PLACEMENT): every operation as every kind of organisation.

Placement learns of clients from intake's events: the world delivers them to placement's own consumer handlers
(placement.tests_support.deliver), then admits, refuses, plans and checks in through the API.
To add an operation: a row in matrix.PLACEMENT and a `Call` in CALLS below.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from journey_platform.contracts import intake as iv
from journey_platform.testing.plugin import RunningService
from placement.tests_support import decision, deliver, nl_today, report

from .harness import Call, Request, World, fixed, run_matrix
from .matrix import PRINCIPALS

CT, CT_OTHER = PRINCIPALS["ct-own"], PRINCIPALS["ct-other"]


def facility(naam: str, kind: str, provider: str, gemeente: str) -> dict[str, Any]:
    return {
        "naam": naam,
        "type": kind,
        "zorgaanbieder": provider,
        "gemeente": gemeente,
        "capaciteitPlaatsen": 500,
        "eenpersoonskamers": 0,
        "veiligVoor": [],
        "huisdierenToegestaan": False,
    }


def plan(provider: str = "leger-des-heils") -> dict[str, Any]:
    return {
        "zorgaanbieder": provider,
        "regisseur": {"organisatie": "CT-IJSSEL-VECHT", "naam": "M. de Regisseur"},
        "doelen": [{"levensdomein": "financien", "omschrijving": "Schulden in beeld"}],
        "eigenVisie": "Een eigen plek.",
    }


async def call(service: RunningService, auth: Any, method: str, path: str, body: Any = None, who: tuple[str, str] = CT) -> Any:
    response = await service.client.request(method, f"/v1{path}", json=body, headers=auth(*who))
    assert response.status_code in (200, 201), response.text
    return response.json()


@pytest.fixture
async def placement(start_service: Any) -> RunningService:
    service: RunningService = await start_service("placement")
    return service


class Placement:
    """Shortcuts for building the world and fresh targets."""

    def __init__(self, service: RunningService, auth: Any, world: World) -> None:
        self.service, self.auth, self.w = service, auth, world

    async def client(
        self, gemeente: str = "GM0193", regio: str = "ijssel-vecht", herkomst: str | None = None, short_stay: bool = False
    ) -> iv.MeldingGeregistreerd:
        melding = report(gemeente=gemeente, herkomst=herkomst or gemeente, regio=regio)
        await deliver(self.service, melding)
        if short_stay:
            await deliver(
                self.service,
                iv.KortVerblijfToegekend(
                    traject_id=melding.traject_id,
                    client_id=melding.client_id,
                    melding_id=melding.melding_id,
                    gemeente_melding=gemeente,
                    regio_melding=regio,
                    gemeente_van_herkomst="GM0150",
                    regio_van_herkomst="midden-ijssel",
                    nachten=2,
                    dagen=3,
                    eindigt_op=datetime.now(UTC) + timedelta(days=2),
                ),
            )
        return melding

    async def admitted(self, facility_name: str = "H", who: tuple[str, str] = CT, **kwargs: Any) -> dict[str, Any]:
        melding = await self.client(**kwargs)
        body = {"trajectId": str(melding.traject_id), "voorzieningId": self.w[facility_name]}
        return await call(self.service, self.auth, "POST", "/opnames", body, who)  # type: ignore[no-any-return]  # the matrix helpers return JSON (Any)

    async def waiting(self, melding: iv.MeldingGeregistreerd, who: tuple[str, str] = CT) -> dict[str, Any]:
        await deliver(self.service, decision(melding))
        entries = await call(self.service, self.auth, "GET", "/wachtlijst-aanmeldingen?paginaGrootte=500", who=who)
        return next(e for e in entries if e["trajectId"] == str(melding.traject_id))


async def world(placement: RunningService, auth: Any) -> World:
    w = World()
    p = Placement(placement, auth, w)
    w.ids["p"] = p
    w.add(
        "H",
        (
            await call(
                placement, auth, "POST", "/voorzieningen", facility("De Herberg", "acute-opvang", "leger-des-heils", "GM0193")
            )
        )["id"],
        "H",
    )
    w.add(
        "K",
        (
            await call(
                placement, auth, "POST", "/voorzieningen", facility("De Kade", "beschermd-wonen", "leger-des-heils", "GM0193")
            )
        )["id"],
        "K",
    )
    d = facility("Het Anker", "acute-opvang", "ribw", "GM0150")
    w.add("D", (await call(placement, auth, "POST", "/voorzieningen", d, CT_OTHER))["id"], "D")

    stay_a = await p.admitted("H")
    w.add("A", stay_a["trajectId"], "A")
    w.add("verblijf", stay_a["id"])
    w.add("clientA", stay_a["clientId"], "A")  # A's sharings: leger-des-heils reads A's stay
    await call(placement, auth, "GET", f"/verblijven/{stay_a['id']}", who=PRINCIPALS["zb-with"])
    stay_b = await p.admitted("D", CT_OTHER, gemeente="GM0150", regio="midden-ijssel")
    w.add("B", stay_b["trajectId"], "B")
    kampen = await p.client(gemeente="GM0166")  # C: Kampen's client, refused in Zwolle's shelter
    w.add("C", str(kampen.traject_id), "C")
    for traject, who, place in (
        (w["A"], PRINCIPALS["zb-with"], "H"),
        (w["B"], PRINCIPALS["zb-without"], "D"),
        (w["C"], PRINCIPALS["zb-with"], "H"),
    ):
        refusal = await call(
            placement,
            auth,
            "POST",
            "/weigeringen",
            {"trajectId": traject, "voorzieningId": w[place], "redenCode": "geen-plaats"},
            who,
        )
        if traject == w["A"]:
            w.add("weigeringA", refusal["id"])
    a = iv.MeldingGeregistreerd.model_construct(  # type: ignore[call-arg]  # only the fields the waiting list reads
        traject_id=uuid.UUID(w["A"]),
        client_id=uuid.UUID(stay_a["clientId"]),
        melding_id=uuid.uuid4(),
        verantwoordelijke_gemeente="GM0193",
        regio="ijssel-vecht",
    )
    w.add("wachtlijst", (await p.waiting(a))["id"])
    b = iv.MeldingGeregistreerd.model_construct(  # type: ignore[call-arg]  # only the fields the waiting list reads
        traject_id=uuid.UUID(w["B"]),
        client_id=uuid.UUID(stay_b["clientId"]),
        melding_id=uuid.uuid4(),
        verantwoordelijke_gemeente="GM0150",
        regio="midden-ijssel",
    )
    await p.waiting(b, CT_OTHER)
    w.add("plan", (await call(placement, auth, "POST", "/ondersteuningsplannen", {"trajectId": w["A"], **plan()}))["planId"])
    soon = str(nl_today() + timedelta(days=7))
    w.add(
        "controleA", (await call(placement, auth, "POST", "/trajectcontroles", {"trajectId": w["A"], "geplandDatum": soon}))["id"]
    )
    await call(placement, auth, "POST", "/trajectcontroles", {"trajectId": w["B"], "geplandDatum": soon}, CT_OTHER)
    return w


def on_fresh_stay(path: str, body: dict[str, Any], **client: Any) -> Any:
    async def build(w: World, principal: str) -> Request:
        stay = await w["p"].admitted("H", **client)
        return Request(path.format(verblijf=stay["id"]), json=body)

    return build


def on_fresh_client(path: str, body: dict[str, Any]) -> Any:
    async def build(w: World, principal: str) -> Request:
        melding = await w["p"].client()
        return Request(
            path,
            json={
                "trajectId": str(melding.traject_id),
                **{k: w.ids.get(v, v) if isinstance(v, str) else v for k, v in body.items()},
            },
        )

    return build


def on_fresh_entry(path: str, body: dict[str, Any] | None = None) -> Any:
    async def build(w: World, principal: str) -> Request:
        entry = await w["p"].waiting(await w["p"].client())
        return Request(path.format(entry=entry["id"]), json=body)

    return build


async def history(w: World, principal: str) -> Request:
    """A one-row stay history (docs/import.md) naming a report no import brought: 200, the row refused in the answer."""
    key = uuid.uuid4().hex[:8]
    row = {"regelsoort": "opname", "bronId": f"O-{key}", "melding": f"M-{key}", "voorzieningId": str(uuid.uuid4())}
    return Request("/historie-importen", json={"bron": "matrix", "regels": [{**row, "opgenomenOp": "2023-05-01"}]})


async def new_facility(w: World, principal: str) -> Request:
    return Request("/voorzieningen", json=facility("Nieuw", "acute-opvang", "leger-des-heils", "GM0193"))


async def failing_facility(w: World, principal: str) -> Request:
    failing = await call(
        w["p"].service, w["p"].auth, "POST", "/voorzieningen", facility("Failing", "acute-opvang", "failing-bv", "GM0193")
    )
    return Request("/uitvaloperaties", json={"voorzieningId": failing["id"], "redenCode": "faillissement"})


async def _operation(w: World, principal: str) -> Request:
    """An operation the own region's central access point ran on a failing facility of its region."""
    failing = await call(
        w["p"].service, w["p"].auth, "POST", "/voorzieningen", facility("Failing", "acute-opvang", "failing-bv", "GM0193")
    )
    body = {"voorzieningId": failing["id"], "redenCode": "faillissement"}
    operation = await call(w["p"].service, w["p"].auth, "POST", "/uitvaloperaties", body)
    return Request(f"/uitvaloperaties/{operation['id']}")


async def _declared(w: World, principal: str) -> Request:
    """A fresh stay in H, declared ready to leave by the own region's central access point."""
    stay = await w["p"].admitted("H")
    path = f"/verblijven/{stay['id']}/uitstroomgereed-verklaring"
    await call(w["p"].service, w["p"].auth, "POST", path, {"huishoudenGrootte": 1, "maxHuur": 700})
    return Request(path)


async def fresh_check(w: World, principal: str) -> Request:
    soon = str(nl_today() + timedelta(days=7))
    check = await call(w["p"].service, w["p"].auth, "POST", "/trajectcontroles", {"trajectId": w["A"], "geplandDatum": soon})
    return Request(f"/trajectcontroles/{check['id']}/uitkomst", json={"uitkomst": "volgens-plan"})


def later() -> str:
    return (datetime.now(UTC) + timedelta(days=5)).isoformat()


async def _refusal_of_a(w: World, principal: str) -> Request:
    return Request("/weigeringen", json={"trajectId": w["A"], "voorzieningId": w["H"], "redenCode": "geen-plaats"})


async def _check_in_for_a(w: World, principal: str) -> Request:
    return Request("/trajectcontroles", json={"trajectId": w["A"], "geplandDatum": str(nl_today() + timedelta(days=14))})


async def _transfer(w: World, principal: str) -> Request:
    stay = await w["p"].admitted("H")
    return Request(f"/verblijven/{stay['id']}/overplaatsing", json={"naarVoorzieningId": w["K"], "redenCode": "passender"})


CALLS: dict[str, Call] = {
    "registreerVoorziening": Call("POST", new_facility),
    "zoekVoorzieningen": Call("GET", fixed("/voorzieningen"), label="id"),
    "haalVoorzieningOp": Call("GET", fixed("/voorzieningen/{H}")),
    "wijzigCapaciteit": Call("PUT", fixed("/voorzieningen/{H}/capaciteit", json={"capaciteitPlaatsen": 500})),
    "meldAanbiederuitval": Call("POST", failing_facility),
    "haalUitvaloperatieOp": Call("GET", _operation),
    "neemOp": Call("POST", on_fresh_client("/opnames", {"voorzieningId": "H"})),
    "registreerWeigering": Call("POST", _refusal_of_a),
    "zoekWeigeringen": Call("GET", fixed("/weigeringen"), label="trajectId"),
    "haalWeigeringOp": Call("GET", fixed("/weigeringen/{weigeringA}")),
    "plaats": Call("POST", on_fresh_client("/plaatsingen", {"voorzieningId": "K"})),
    "zoekVerblijven": Call("GET", fixed("/verblijven"), label="trajectId"),
    "haalVerblijfOp": Call("GET", fixed("/verblijven/{verblijf}")),
    "verlengKortVerblijf": Call(
        "POST",
        on_fresh_stay(
            "/verblijven/{verblijf}/verlenging", {"tot": later(), "redenCode": "geen-vervoer"}, herkomst="GM0150", short_stay=True
        ),
    ),
    "rondChecklistItemAf": Call("POST", on_fresh_stay("/verblijven/{verblijf}/checklist-items/identiteitsbewijs/afronding", {})),
    "plaatsOver": Call("POST", _transfer),
    "verklaarUitstroomgereed": Call(
        "POST", on_fresh_stay("/verblijven/{verblijf}/uitstroomgereed-verklaring", {"huishoudenGrootte": 1, "maxHuur": 700})
    ),
    "haalUitstroomgereedVerklaringOp": Call("GET", _declared),
    "stroomUit": Call("POST", on_fresh_stay("/verblijven/{verblijf}/uitstroom", {"bestemming": "familie-of-vrienden"})),
    "zoekWachtlijstAanmeldingen": Call("GET", fixed("/wachtlijst-aanmeldingen"), label="trajectId"),
    "haalWachtlijstAanmeldingOp": Call("GET", fixed("/wachtlijst-aanmeldingen/{wachtlijst}")),
    "wijsAanbodAf": Call("POST", on_fresh_entry("/wachtlijst-aanmeldingen/{entry}/aanbod-afwijzing")),
    "meldAfVanWachtlijst": Call(
        "POST", on_fresh_entry("/wachtlijst-aanmeldingen/{entry}/afmelding", {"redenCode": "ingetrokken"})
    ),
    "stelOndersteuningsplanVast": Call("POST", on_fresh_client("/ondersteuningsplannen", plan())),
    "haalOndersteuningsplanOp": Call("GET", fixed("/ondersteuningsplannen/{plan}")),
    "stelNieuweVersieVast": Call("POST", fixed("/ondersteuningsplannen/{plan}/versies", json=plan())),
    "haalPlanversieOp": Call("GET", fixed("/ondersteuningsplannen/{plan}/versies/1")),
    "planTrajectcontrole": Call("POST", _check_in_for_a),
    "zoekTrajectcontroles": Call("GET", fixed("/trajectcontroles"), label="trajectId"),
    "haalTrajectcontroleOp": Call("GET", fixed("/trajectcontroles/{controleA}")),
    "legUitkomstVast": Call("POST", fresh_check),
    "zoekDelingen": Call("GET", fixed("/delingen?clientId={clientA}"), label="clientId"),
    "haalTrajectOp": Call("GET", fixed("/trajecten/{A}")),
    "raadpleegVerwerkingen": Call("GET", fixed("/verwerkingen?betrokkene={clientA}")),
    "importeerVerblijfshistorie": Call("POST", history),
}


async def test_each_organisation_gets_exactly_what_the_matrix_says(placement: RunningService, auth: Any) -> None:
    await run_matrix("placement", placement.client, auth, await world(placement, auth), CALLS)
