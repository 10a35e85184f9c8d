"""`make demo`: a synthetic year for both regions, driven through the services' public REST APIs.

Start the services first (`make run`, other terminal). Calibrated on the seeds: IJssel-Vecht about 360
reports a year, about 200 reaching the acute shelter (32 places); Midden-IJssel 243 MO clients and
269 BW clients. Reports and decisions are dated across the past year (intake accepts `meldDatum` and
`besluitDatum`); placement records its facts at the moment of the call, so stays start today.
Each step that a service does not offer yet (its path is missing from its OpenAPI document) is
skipped with a message. Synthetic people only (made-up names, no BSN).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx

from journey_platform.devissuer import DevIssuer

PORTS = {"intake": "INTAKE_PORT", "placement": "PLACEMENT_PORT", "housing": "HOUSING_PORT", "reporting": "REPORTING_PORT"}
DEFAULT_PORTS = {"intake": 8001, "placement": 8002, "housing": 8003, "reporting": 8004}
TODAY = date.today()


@dataclass(frozen=True)
class RegionProfile:
    code: str
    central_access: str
    municipalities: dict[str, float]  # CBS code → share of reports
    reports: int
    mo: int  # decisions for MO (reaching the shelter)
    bw: int  # decisions for BW
    facilities: list[tuple[str, str, str, str, int]]  # naam, type, provider, municipality, places


REGIONS = (
    RegionProfile("ijssel-vecht", "CT-IJSSEL-VECHT",
                  {"GM0193": 0.45, "GM0166": 0.12, "GM0160": 0.12, "GM1708": 0.1, "GM0148": 0.06, "GM1896": 0.06,
                   "GM0175": 0.05, "GM0180": 0.04}, reports=360, mo=200, bw=45,
                  facilities=[("De Herberg", "acute-opvang", "leger-des-heils", "GM0193", 32),
                              ("Doorstroomhuis Zwolle", "doorstroomvoorziening", "leger-des-heils", "GM0193", 80),
                              ("Doorstroom Kampen", "doorstroomvoorziening", "limor", "GM0166", 38),
                              ("BW IJssel-Vecht", "beschermd-wonen", "ribw", "GM0193", 60)]),
    RegionProfile("midden-ijssel", "CT-MIDDEN-IJSSEL",
                  {"GM0150": 0.5, "GM0301": 0.2, "GM0177": 0.12, "GM0262": 0.1, "GM1773": 0.08}, reports=560, mo=243, bw=269,
                  facilities=[("24-uursopvang Deventer", "24-uursopvang", "leger-des-heils", "GM0150", 70),
                              ("Crisisopvang Zutphen", "crisisopvang", "leger-des-heils", "GM0301", 20),
                              ("BW Deventer", "beschermd-wonen", "ribw", "GM0150", 120),
                              ("BW Zutphen", "beschermd-wonen", "limor", "GM0301", 70),
                              ("Beschut wonen Raalte", "beschut-wonen", "creating-balance", "GM0177", 30)]),
)
ROUTES = ["verlies-woning-na-life-event"] * 4 + ["uitstroom-instelling"] * 2 + ["huisuitzetting"] * 3 + ["remigratie", "arbeidsmigrant", "onbekend"]


@dataclass
class Driver:
    http: httpx.Client
    issuer: DevIssuer
    paths: dict[str, set[str]]
    counts: Counter[str] = field(default_factory=Counter)
    skipped: set[tuple[str, str]] = field(default_factory=set)

    def base(self, service: str) -> str:
        return f"http://127.0.0.1:{os.environ.get(PORTS[service], DEFAULT_PORTS[service])}/v1"

    def offers(self, service: str, path: str) -> bool:
        if path in self.paths.get(service, set()):
            return True
        if (service, path) not in self.skipped:
            self.skipped.add((service, path))
            print(f"  skipped: {service} offers no {path} yet")
        return False

    def call(self, service: str, method: str, path: str, org: tuple[str, str], body: Any = None, retry_unknown: bool = False) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.issuer.mint(*org)}"}
        url = self.base(service) + path
        for _ in range(40 if retry_unknown else 1):
            response = self.http.request(method, url, json=body, headers=headers)
            # placement learns of a journey from intake's events: wait for them instead of failing
            unknown = response.status_code == 404 or "unknown-journey" in response.text
            if not (retry_unknown and unknown):
                break
            time.sleep(0.5)
        key = f"{service} {method} {path.split('/')[1]} {response.status_code}"
        if response.status_code >= 400 and not self.counts[key]:
            print(f"  first {key}: {response.text[:300]}")  # one example of each refusal, to tell a refusal from a bug
        self.counts[key] += 1
        return response


def discover(http: httpx.Client, driver_base: Any) -> dict[str, set[str]]:
    paths: dict[str, set[str]] = {}
    for service in PORTS:
        try:
            document = http.get(driver_base(service) + "/openapi.json").json()
        except httpx.HTTPError:
            print(f"  {service} is not reachable at {driver_base(service)}: start the services with `make run` first")
            continue
        paths[service] = set(document.get("paths", {}))
    return paths


def person(rng: random.Random, n: int) -> dict[str, Any]:
    born = date(1955, 1, 1) + timedelta(days=rng.randrange(365 * 50))
    return {"achternaam": f"Demo-{n:05d}", "voornaam": rng.choice(["Anna", "Bram", "Cor", "Dewi", "Eva", "Finn", "Gijs"]),
            "geboortedatum": born.isoformat()}


def report(d: Driver, rng: random.Random, region: RegionProfile, n: int, municipality: str, reported: date) -> dict[str, Any] | None:
    origin = municipality if rng.random() > 0.25 else rng.choice(list(region.municipalities))
    if rng.random() < 0.04:
        other = next(r for r in REGIONS if r.code != region.code)
        origin = rng.choice(list(other.municipalities))  # out of region: a short stay
    body = {"melderType": rng.choice(["politie", "huisarts", "zelfmelder", "welzijnsorganisatie", "zorgaanbieder"]),
            "persoon": person(rng, n), "situatie": rng.choice(["dakloos", "dakloos", "thuisloos"]), "route": rng.choice(ROUTES),
            "gemeenteMelding": municipality, "gemeenteVanHerkomst": origin, "meldDatum": reported.isoformat()}
    response = d.call("intake", "POST", "/meldingen", ("centrale-toegang", region.central_access), body)
    return response.json() if response.status_code in (200, 201) else None  # 200: linked to an open journey


def decide(d: Driver, rng: random.Random, region: RegionProfile, melding: dict[str, Any], kind: str) -> None:
    ct = ("centrale-toegang", region.central_access)
    reported = date.fromisoformat(melding["meldDatum"])
    d.call("intake", "POST", "/onderzoeken", ct, {"meldingId": melding["id"], "metPsychiater": kind == "beschermd-wonen"})
    days = rng.choice([10, 20, 30, 40, 50, 55, 60, 75]) if kind != "geen" else 30
    decided = min(reported + timedelta(days=days), TODAY)
    if kind == "sluiten":
        d.call("intake", "POST", f"/meldingen/{melding['id']}/afsluiting", ct, {"redenCode": "persoon-vertrokken"})
        return
    body: dict[str, Any] = {"meldingId": melding["id"], "besluitDatum": decided.isoformat()}
    if kind in ("mo", "beschermd-wonen"):
        body |= {"besluit": "toekenning", "voorziening": kind, "soort": "nieuw", "geldigVan": decided.isoformat()}
    elif kind == "lokaal":
        body |= {"besluit": "verwijzing-lokale-ondersteuning"}
    else:
        body |= {"besluit": "geen-ondersteuning", "redenCode": "geen-ondersteuningsbehoefte"}
    d.call("intake", "POST", "/beschikkingen", ct, body)


def drive_intake(d: Driver, rng: random.Random, region: RegionProfile, scale: float, start_n: int) -> list[tuple[str, str]]:
    """Reports over the past year, each screened and decided (or closed); returns (journey, decision kind) pairs."""
    total = max(1, round(region.reports * scale))
    kinds = ["mo"] * round(region.mo * scale) + ["beschermd-wonen"] * round(region.bw * scale)
    rest = max(0, total - len(kinds))
    kinds += [rng.choice(["lokaal", "lokaal", "geen", "sluiten"]) for _ in range(rest)]
    rng.shuffle(kinds)
    journeys = []
    for i, kind in enumerate(kinds):
        municipality = rng.choices(list(region.municipalities), weights=list(region.municipalities.values()))[0]
        melding = report(d, rng, region, start_n + i, municipality, TODAY - timedelta(days=rng.randrange(365)))
        if melding is None:
            continue
        decide(d, rng, region, melding, kind)
        journeys.append((melding["trajectId"], kind))
    print(f"  {region.code}: {len(journeys)} reports registered, screened and decided")
    return journeys


def drive_placement(d: Driver, rng: random.Random, region: RegionProfile, journeys: list[tuple[str, str]], scale: float) -> None:
    ct = ("centrale-toegang", region.central_access)
    if not d.offers("placement", "/voorzieningen"):
        return
    places: dict[str, list[str]] = {}
    for naam, kind, provider, municipality, capacity in region.facilities:
        body = {"naam": naam, "type": kind, "zorgaanbieder": provider, "gemeente": municipality,
                "capaciteitPlaatsen": max(1, round(capacity * max(scale, 0.1))), "eenpersoonskamers": 0}
        response = d.call("placement", "POST", "/voorzieningen", ct, body)
        if response.status_code == 201:
            places.setdefault("bw" if kind in ("beschermd-wonen", "beschut-wonen") else "mo", []).append(response.json()["id"])
    for traject, kind in journeys:
        if kind == "mo" and places.get("mo") and d.offers("placement", "/opnames"):
            admit(d, rng, ct, traject, places["mo"])
        elif kind == "beschermd-wonen" and places.get("bw") and d.offers("placement", "/plaatsingen") and rng.random() < 0.78:
            d.call("placement", "POST", "/plaatsingen", ct, {"trajectId": traject, "voorzieningId": rng.choice(places["bw"])},
                   retry_unknown=True)  # the rest stays on the waiting list


def admit(d: Driver, rng: random.Random, ct: tuple[str, str], traject: str, shelters: list[str]) -> None:
    body = {"trajectId": traject, "voorzieningId": rng.choice(shelters), "bijWeigering": {"bestemmingCode": "familie-of-vrienden"}}
    response = d.call("placement", "POST", "/opnames", ct, body, retry_unknown=True)
    if response.status_code != 201:
        return  # refused for lack of space: placement records the refusal
    stay = response.json()["id"]
    roll = rng.random()
    if roll < 0.45 and d.offers("placement", "/verblijven/{verblijfId}/uitstroom"):
        destination = rng.choice(["eigen-woning", "eigen-woning", "familie-of-vrienden", "housing-first", "onbekend-of-straat"])
        d.call("placement", "POST", f"/verblijven/{stay}/uitstroom", ct, {"bestemming": destination})
    elif roll < 0.75 and d.offers("placement", "/verblijven/{verblijfId}/uitstroomgereed-verklaring"):
        d.call("placement", "POST", f"/verblijven/{stay}/uitstroomgereed-verklaring", ct, {"huishoudenGrootte": 1, "maxHuur": 650})


def main() -> int:
    parser = argparse.ArgumentParser(description="Fill the services with a synthetic year for both regions.")
    parser.add_argument("--scale", type=float, default=float(os.environ.get("DEMO_SCALE", "1")), help="fraction of the seed volumes")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with httpx.Client(timeout=30) as http:
        d = Driver(http, DevIssuer(), {})
        d.paths = discover(http, d.base)
        if "intake" not in d.paths or "reporting" not in d.paths:
            return 1
        print(f"demo: a synthetic year (scale {args.scale}) through the REST APIs")
        for offset, region in enumerate(REGIONS):
            journeys = drive_intake(d, rng, region, args.scale, offset * 10_000)
            drive_placement(d, rng, region, journeys, args.scale)
        if not any(p.startswith("/kandidaten") or p.startswith("/woningen") for p in d.paths.get("housing", set())):
            print("  skipped: housing offers no API for units, offers or move-in yet")
    print("calls:", ", ".join(f"{k}: {v}" for k, v in sorted(d.counts.items())))
    token = d.issuer.mint("centrale-toegang", "CT-MIDDEN-IJSSEL")
    print(f"dashboard: http://127.0.0.1:{os.environ.get('REPORTING_PORT', 8004)}/dashboard?token={token}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
