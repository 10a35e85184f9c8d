"""`make demo`: a synthetic year for both regions, driven through the services' public REST APIs.

Start the services first (`make run`, other terminal), on fresh databases (`rm var/*.db`; the demo's people
would otherwise report again). Calibrated on the seeds: IJssel-Vecht about 360 reports a year, about 200
people reaching the acute shelter (de Herberg, 32 places), an average MO stay of 8 months; Midden-IJssel
about 243 MO clients and 269 BW clients, with a BW wait of about 9.2 months. The plan (scripts/demo_plan.py)
says who is reported when and how each journey is meant to go; the steps (scripts/demo_steps.py,
demo_housing.py) carry it out in time order with development tokens and backdated moments (intake's
meldDatum/besluitDatum; placement's and housing's ...Op fields, accepted outside production only):
reports, screening and decisions, admissions (refused when the shelter is full), the acute checklist,
transfers to transit places, support plans, the BW waiting list (placement offers each free place; central
access places the client), ready to leave, a corporation's unit, the offer and its acceptance, move-in with
the warm handover acknowledged by the local team, the aftercare follow-ups (docs/aftercare.md), out-of-region short stays, reports without follow-up and
returns to homelessness, and clients answering the experience questionnaire (docs/experience.md). Deterministic for a seed; `--scale 0.2` for a quick look. Synthetic people only
(made-up names, no BSN). At the end it prints the indicators and a dashboard link.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_driver import Driver, base, ct
from demo_experience import answer_all
from demo_plan import NL, REGIONS, Journey, RegionProfile, plan
from demo_steps import admit, register, schedule_bw_placements

from journey_platform.devissuer import DevIssuer

WORKERS = 6


def reachable(http: httpx.Client) -> bool:
    for service in ("intake", "placement", "housing", "reporting"):
        try:
            http.get(base(service) + "/openapi.json").raise_for_status()
        except httpx.HTTPError:
            print(f"  {service} is not reachable at {base(service)}: start the services with `make run` first")
            return False
    return True


def register_facilities(drivers: dict[str, Driver], scale: float) -> None:
    for region in REGIONS:
        d = drivers[region.code]
        roles = {"shelters": region.shelters, "transit": region.transit, "bw": region.bw_facilities}
        d.facilities[region.code] = {role: [] for role in roles}
        # `make run` loads the reference facilities (placement/voorzieningen.yaml): use those, at the demo's scale.
        listed = d.call("placement", "GET", "/voorzieningen", ct(region), params={"regio": region.code})
        existing = listed.json() if listed.status_code == 200 else []
        for role, facilities in roles.items():
            for f in facilities:
                places = max(1, round(f.plaatsen * scale))
                same = [
                    e for e in existing if (e["type"], e["gemeente"], e["zorgaanbieder"]) == (f.type, f.gemeente, f.zorgaanbieder)
                ]
                if same:
                    existing.remove(same[0])
                    path = f"/voorzieningen/{same[0]['id']}/capaciteit"
                    response = d.call(
                        "placement", "PUT", path, ct(region), {"capaciteitPlaatsen": places, "eenpersoonskamers": 0}
                    )
                    if response.status_code == 200:
                        d.facilities[region.code][role].append(response.json())
                    continue
                body = {
                    "naam": f.naam,
                    "type": f.type,
                    "zorgaanbieder": f.zorgaanbieder,
                    "gemeente": f.gemeente,
                    "capaciteitPlaatsen": places,
                    "eenpersoonskamers": 0,
                }
                response = d.call("placement", "POST", "/voorzieningen", ct(region), body)
                if response.status_code == 201:
                    d.facilities[region.code][role].append(response.json())


def wait_for_waiting_list(d: Driver, journeys: list[Journey]) -> None:
    """Placement puts BW decisions on its waiting list as intake's events arrive: wait until all have."""
    for region in REGIONS:
        expected = sum(1 for j in journeys if j.region is region and j.kind == "bw" and j.decided and "traject" in j.state)
        for _ in range(240):
            entries = d.call(
                "placement",
                "GET",
                "/wachtlijst-aanmeldingen",
                ct(region),
                params={"voorziening": "beschermd-wonen", "alleenWachtend": "false", "paginaGrootte": 500},
            ).json()
            if len(entries) >= min(expected, 500):
                break
            time.sleep(0.5)


def run_year(d: Driver, region: RegionProfile, journeys: list[Journey]) -> None:
    """Admissions as planned, BW placements as the waiting list offers places; each step schedules what follows."""
    for j in journeys:
        if j.region is region and j.stay is not None and "traject" in j.state:
            d.at(j.stay.admit, lambda j=j: admit(d, j))
    schedule_bw_placements(d, region)
    d.run()


def print_indicators(http: httpx.Client, issuer: DevIssuer) -> None:
    time.sleep(3)  # reporting follows the events a moment later
    for region in REGIONS:
        headers = {"Authorization": f"Bearer {issuer.mint(*ct(region))}"}
        response = http.get(base("reporting") + "/indicatoren", params={"regio": region.code}, headers=headers)
        if response.status_code != 200:
            print(f"  indicators for {region.code}: {response.status_code} {response.text[:200]}")
            continue
        values = ", ".join(f"{i['code']} {i['waarde']}" for i in response.json())
        print(f"  {region.code}: {values}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Fill the services with a synthetic year for both regions.")
    parser.add_argument(
        "--scale", type=float, default=float(os.environ.get("DEMO_SCALE", "1")), help="fraction of the seed volumes"
    )
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    started = time.monotonic()
    issuer = DevIssuer()
    with httpx.Client(timeout=60) as http:
        if not reachable(http):
            return 1
        now = datetime.now(NL) - timedelta(minutes=1)
        drivers = {region.code: Driver(http, issuer, now) for region in REGIONS}  # the regions share no places
        journeys = plan(now.date(), args.seed, args.scale)
        print(f"demo: a synthetic year (scale {args.scale}, seed {args.seed}): {len(journeys)} journeys through the REST APIs")
        register_facilities(drivers, args.scale)
        # Intake has no places to fill, so its reports and decisions go in parallel, in two waves: the BW clients
        # placed before the year first, so placement's waiting list offers them the places before the backlog.
        placed_before = [j for j in journeys if j.cohort == "geplaatst"]
        for wave in (placed_before, journeys):
            with ThreadPoolExecutor(max_workers=WORKERS) as pool:
                todo = sorted((j for j in wave if "traject" not in j.state), key=lambda j: (j.reported, j.n))
                list(pool.map(lambda j: register(drivers[j.region.code], j), todo))
            wait_for_waiting_list(drivers[REGIONS[0].code], wave)
        print(f"  reports and decisions done ({time.monotonic() - started:.0f}s)")
        with ThreadPoolExecutor(max_workers=len(REGIONS)) as pool:  # each region's year in time order, side by side
            list(pool.map(lambda region: run_year(drivers[region.code], region, journeys), REGIONS))
        print(f"  the year is done ({time.monotonic() - started:.0f}s)")
        mine = {code: [j for j in journeys if j.region.code == code] for code in drivers}
        answers = sum(answer_all(drivers[code], mine[code]) for code in drivers)
        print(f"  clients' experience: {answers} questionnaires answered (docs/experience.md)")
        counts: Counter[str] = sum((d.counts for d in drivers.values()), Counter())
        print("calls:", ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
        print("indicators (this calendar year, today):")
        print_indicators(http, issuer)
    token = issuer.mint("centrale-toegang", "CT-MIDDEN-IJSSEL")
    print(f"dashboard: http://127.0.0.1:{os.environ.get('REPORTING_PORT', 8004)}/dashboard?token={token}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
