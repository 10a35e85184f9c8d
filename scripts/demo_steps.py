"""`make demo`'s steps: each carries out one planned moment of a journey through a service's REST API, with the
moment backdated (intake's meldDatum/besluitDatum, placement's and housing's ...Op fields), and schedules what
follows only if the service said yes. The Driver runs them in time order, so a shelter is as full at each
admission as it was on that day, and placement's waiting list decides who gets a BW place that frees up.
"""

from __future__ import annotations

import functools
import random
from datetime import date, datetime, timedelta
from typing import Any

from demo_driver import Driver, ct, iso
from demo_plan import NL, Journey, RegionProfile, moment

# --- intake ---------------------------------------------------------------------------------------------------


def person(j: Journey) -> dict[str, Any]:
    rng = random.Random(j.seed)  # the same person on every report about him or her
    born = date(1958, 1, 1) + timedelta(days=rng.randrange(365 * 45))
    return {
        "achternaam": f"Demo-{j.n:05d}",
        "voornaam": rng.choice(["Anna", "Bram", "Cor", "Dewi", "Eva", "Finn", "Gijs", "Hanna"]),
        "geboortedatum": born.isoformat(),
    }


def report(d: Driver, j: Journey, reported: date) -> dict[str, Any] | None:
    rng = j.rng
    body = {
        "melderType": rng.choice(["politie", "huisarts", "zelfmelder", "welzijnsorganisatie", "zorgaanbieder"]),
        "persoon": person(j),
        "situatie": rng.choice(["dakloos", "dakloos", "thuisloos"]),
        "route": j.route,
        "gemeenteMelding": j.municipality,
        "gemeenteVanHerkomst": j.origin,
        "meldDatum": reported.isoformat(),
    }
    response = d.call("intake", "POST", "/meldingen", ct(j.region), body)
    return response.json() if response.status_code in (200, 201) else None  # 200: a repeat report joins the open journey


def decide(d: Driver, j: Journey, melding: dict[str, Any], kind: str, decided: date | None) -> None:
    org = ct(j.region)
    d.call("intake", "POST", "/onderzoeken", org, {"meldingId": melding["id"], "metPsychiater": kind == "bw"})
    if kind == "sluiten":
        d.call("intake", "POST", f"/meldingen/{melding['id']}/afsluiting", org, {"redenCode": "persoon-vertrokken"})
        return
    if decided is None:
        return  # still under investigation today
    body: dict[str, Any] = {"meldingId": melding["id"], "besluitDatum": decided.isoformat()}
    if kind in ("mo", "bw"):
        body |= {
            "besluit": "toekenning",
            "voorziening": "mo" if kind == "mo" else "beschermd-wonen",
            "soort": "nieuw",
            "geldigVan": decided.isoformat(),
        }
    elif kind == "geen":
        body |= {"besluit": "geen-ondersteuning", "redenCode": "geen-ondersteuningsbehoefte"}
    else:
        body |= {"besluit": "verwijzing-lokale-ondersteuning"}
    d.call("intake", "POST", "/beschikkingen", org, body)


def register(d: Driver, j: Journey) -> None:
    melding = report(d, j, j.reported)
    if melding is None:
        return
    j.state["melding"], j.state["traject"] = melding["id"], melding["trajectId"]
    d.by_traject[melding["trajectId"]] = j  # one journey per thread: no lock needed
    if j.kind != "kort":  # an out-of-region short stay is closed after the stay
        decide(d, j, melding, j.kind, j.decided)


def returns(d: Driver, j: Journey, reported: datetime) -> None:
    """Back to homelessness after being housed: a repeat report, referred to the local team."""
    melding = report(d, j, reported.date())
    if melding is not None:
        decided = reported.date() + timedelta(days=j.rng.randint(5, 20))
        decide(d, j, melding, "lokaal", decided if decided <= d.today else None)


# --- placement ------------------------------------------------------------------------------------------------


def admit(d: Driver, j: Journey) -> None:
    assert j.stay is not None
    shelters = d.facilities[j.region.code]["shelters"]
    shelter = shelters[0] if len(shelters) == 1 or j.rng.random() < 0.8 else shelters[1]
    body = {
        "trajectId": j.state["traject"],
        "voorzieningId": shelter["id"],
        "opgenomenOp": iso(j.stay.admit),
        "bijWeigering": {"bestemmingCode": j.rng.choice(["familie-of-vrienden", "straat", "nachtopvang-elders"])},
    }
    response = d.call("placement", "POST", "/opnames", ct(j.region), body, retry_unknown=True)
    if response.status_code != 201:  # refused for lack of space: placement recorded the refusal
        if j.kind == "kort":
            d.call(
                "intake", "POST", f"/meldingen/{j.state['melding']}/afsluiting", ct(j.region), {"redenCode": "persoon-vertrokken"}
            )
        return
    stay = response.json()
    j.state["stay"], j.state["provider"] = stay["id"], shelter["zorgaanbieder"]
    plan, rng = j.stay, j.rng
    if j.kind == "kort":
        d.at(plan.leaves, lambda: leave(d, j, plan.leaves, "andere-regio", close=True))
        return
    acute_days = min(40.0, plan.days - 1, plan.transfer_after or plan.days)
    for item in ("identiteitsbewijs", "inkomen", "zorgverzekering"):  # arranged during the acute weeks
        if stay.get("checklist") and rng.random() < 0.85 and acute_days > 2:
            done = plan.admit + timedelta(days=rng.uniform(1, acute_days))
            path = f"/verblijven/{stay['id']}/checklist-items/{item}/afronding"

            def finish(path: str = path, done: datetime = done) -> None:
                d.call("placement", "POST", path, ct(j.region), {"afgerondDatum": done.date().isoformat()})

            d.at(done, finish)
    if plan.transfer_after is not None and plan.transfer_after < plan.days - 14:
        d.at(
            plan.admit + timedelta(days=plan.transfer_after),
            lambda: transfer(d, j, plan.admit + timedelta(days=plan.transfer_after or 0)),
        )
    if plan.plan_after is not None and plan.plan_after < plan.days:
        d.at(
            plan.admit + timedelta(days=plan.plan_after),
            lambda: support_plan(d, j, plan.admit + timedelta(days=plan.plan_after or 0)),
        )
    ready = plan.admit + timedelta(days=plan.ready_after) if plan.ready_after is not None else None
    exit_stay(d, j, plan.leaves, plan.destination, ready)


def transfer(d: Driver, j: Journey, when: datetime, attempt: int = 1) -> None:
    """From the acute weeks on to a transit place; a full transit house means waiting in the acute shelter."""
    target = j.rng.choice(d.facilities[j.region.code]["transit"])
    body = {"naarVoorzieningId": target["id"], "redenCode": "doorstroom", "geplaatstOp": iso(when)}
    response = d.call("placement", "POST", f"/verblijven/{j.state['stay']}/overplaatsing", ct(j.region), body)
    if response.status_code == 201:
        j.state["stay"], j.state["provider"] = response.json()["id"], target["zorgaanbieder"]
    elif response.status_code == 409 and attempt < 6 and j.stay and when + timedelta(days=7) < j.stay.leaves - timedelta(days=14):
        later = when + timedelta(days=7)
        d.at(later, lambda: transfer(d, j, later, attempt + 1))


def support_plan(d: Driver, j: Journey, when: datetime) -> None:
    body = {
        "trajectId": j.state["traject"],
        "zorgaanbieder": j.state["provider"],
        "vastgesteldOp": iso(when),
        "regisseur": {"organisatie": j.region.central_access, "naam": "Regisseur Demo"},
        "doelen": [
            {"levensdomein": "huisvesting", "omschrijving": "Een eigen woning vinden"},
            {"levensdomein": "financien", "omschrijving": "Inkomen en schulden op orde"},
        ],
        "resultaten": [{"resultaat": "dagstructuur"}, {"resultaat": "zelfstandig-wonen"}],
        "eigenVisie": "Ik wil weer zelfstandig wonen, dicht bij mijn netwerk.",
    }
    if j.n % 3 == 0:  # a peer expert of the provider guides one in three (docs/experience.md); not the journey's dice
        body["ervaringsdeskundige"] = {"betrokken": True, "organisatie": j.state["provider"]}
    d.call("placement", "POST", "/ondersteuningsplannen", ct(j.region), body)


def exit_stay(d: Driver, j: Journey, leaves: datetime, destination: str, ready: datetime | None) -> None:
    """Schedule the way out: ready to leave, an offer of a home, move-in and leaving on the same day; or just leaving."""
    from demo_housing import offer_home  # housing's steps end in leave(), here

    if ready is None:
        d.at(leaves, lambda: leave(d, j, leaves, destination))
        return
    d.at(ready, lambda: declare_ready(d, j, ready, destination == "housing-first"))
    offered = max(leaves - timedelta(days=j.rng.uniform(10, 25)), ready + timedelta(days=1))
    d.at(offered, lambda: offer_home(d, j, offered, leaves, destination))


def declare_ready(d: Driver, j: Journey, when: datetime, housing_first: bool) -> None:
    body = {"huishoudenGrootte": 1, "maxHuur": 650, "housingFirst": housing_first, "verklaardOp": iso(when)}
    d.call("placement", "POST", f"/verblijven/{j.state['stay']}/uitstroomgereed-verklaring", ct(j.region), body)


def leave(d: Driver, j: Journey, when: datetime, destination: str, close: bool = False, to: str | None = None) -> None:
    body = {"bestemming": destination, "uitgestroomdOp": iso(when), **({"naarGemeente": to} if to else {})}
    response = d.call("placement", "POST", f"/verblijven/{j.state['stay']}/uitstroom", ct(j.region), body)
    if close:
        d.call("intake", "POST", f"/meldingen/{j.state['melding']}/afsluiting", ct(j.region), {"redenCode": "persoon-vertrokken"})
    if response.status_code == 200 and j.kind == "bw":
        schedule_bw_placements(d, j.region)  # the freed place was offered to the next on the list


# --- the BW waiting list --------------------------------------------------------------------------------------


def schedule_bw_placements(d: Driver, region: RegionProfile) -> None:
    """Placement offers a free BW place to the next suitable client; central access places him or her soon after."""
    entries = d.call(
        "placement",
        "GET",
        "/wachtlijst-aanmeldingen",
        ct(region),
        params={"voorziening": "beschermd-wonen", "paginaGrootte": 500},
    ).json()
    for entry in entries:
        j = d.by_traject.get(entry["trajectId"])
        if entry["status"] != "aanbod" or entry["id"] in d.placed_entries or j is None:
            continue
        d.placed_entries.add(entry["id"])
        offered = datetime.fromisoformat(entry["aanbodOp"]).astimezone(NL)
        when = max(offered, moment(offered.date(), j.rng)) + timedelta(days=j.rng.uniform(5, 25))
        d.at(when, functools.partial(place_bw, d, j, entry["id"], when))


def place_bw(d: Driver, j: Journey, entry_id: str, when: datetime) -> None:
    response = d.call(
        "placement", "POST", "/plaatsingen", ct(j.region), {"wachtlijstAanmeldingId": entry_id, "geplaatstOp": iso(when)}
    )
    if response.status_code != 201:
        return
    j.state["stay"] = response.json()["id"]
    rng, year_start = j.rng, d.now - timedelta(days=365)
    leaving = rng.random() < (j.region.bw_leave_share if when < year_start else 0.08)
    if not leaving:
        return
    start = max(when + timedelta(days=60), year_start)
    leaves = start + timedelta(days=rng.uniform(0, max(1.0, (d.now - start).days)))
    if rng.random() < 0.5:
        ready = max(leaves - timedelta(days=rng.gammavariate(2, 35)), when + timedelta(days=30))
        exit_stay(d, j, leaves, "eigen-woning", ready)
    else:
        d.at(leaves, lambda: leave(d, j, leaves, rng.choice(["familie-of-vrienden", "ziekenhuis", "andere-regio"])))
