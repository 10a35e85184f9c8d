"""`make demo`'s housing steps: a corporation's unit for a client ready to leave, the offer and its acceptance,
the move-in (the stay ends the same day), the local team's acknowledgement of the warm handover, and now and
then a return to homelessness."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from demo_driver import Driver, ct, iso
from demo_plan import RETURN_SHARE, Journey
from demo_steps import leave, returns


def candidate_id(d: Driver, j: Journey) -> str | None:
    """Housing learns of the candidate from placement's ready-to-leave event: look it up, waiting a little if needed."""
    known: dict[str, str] = d.__dict__.setdefault("_candidates", {})
    for _ in range(40):
        if j.state["traject"] in known:
            return known[str(j.state["traject"])]
        for page in range(1, 20):
            found = d.call(
                "housing", "GET", "/kandidaten", ct(j.region), params={"status": "wachtend", "pagina": page, "paginaGrootte": 500}
            ).json()
            known |= {k["trajectId"]: k["id"] for k in found}
            if len(found) < 500:
                break
        if j.state["traject"] not in known:
            time.sleep(0.25)
    return known.get(str(j.state["traject"]))


def unit_for(j: Journey, municipality: str, available: datetime, housing_first: bool) -> dict[str, Any]:
    rng = j.rng
    return {
        "aanbiederType": "woningcorporatie",
        "type": "housing-first"
        if housing_first
        else rng.choice(["sociale-huur", "sociale-huur", "sociale-huur", "tiny-house", "gedeeld"]),
        "gemeente": municipality,
        "wijk": f"wijk-{rng.randrange(12):02d}",
        "huur": round(rng.uniform(430, 640), 2),
        "kamers": rng.choice([1, 2, 2, 3]),
        "beschikbaarVanaf": available.date().isoformat(),
        "begeleidingInDeBuurt": True,
    }


def offer_home(d: Driver, j: Journey, when: datetime, moves: datetime, destination: str) -> None:
    kandidaat = candidate_id(d, j)
    if kandidaat is None:
        return
    # mostly a home in the municipality of origin; sometimes where the client's own need is (no ping-pong)
    home_town = j.origin if j.origin in j.region.municipalities and j.rng.random() < 0.8 else j.municipality
    municipality = home_town if j.rng.random() < 0.9 else j.rng.choice(list(j.region.municipalities))
    corporation = ("woningcorporatie", j.region.corporation)
    unit = d.call(
        "housing",
        "POST",
        "/woningen",
        corporation,
        unit_for(j, municipality, when - timedelta(days=10), destination == "housing-first"),
    )
    if unit.status_code != 201:
        return
    # The offer reaches the corporation only with the client's consent (docs/privacy/sharing.md), recorded in intake;
    # housing hears of it over the broker, so the offer waits for it.
    d.call(
        "intake",
        "POST",
        "/toestemmingen",
        ct(j.region),
        {
            "trajectId": j.state["traject"],
            "ontvangerType": "woningcorporatie",
            "ontvangerId": j.region.corporation,
            "doelen": ["huisvesting"],
            "geldigVan": (when - timedelta(days=30)).date().isoformat(),
            "geldigTot": (d.today + timedelta(days=365)).isoformat(),
        },
    )
    offered = d.call(
        "housing",
        "POST",
        "/aanbiedingen",
        ct(j.region),
        {"kandidaatId": kandidaat, "woningId": unit.json()["id"], "gedaanOp": iso(when)},
        retry_unknown=True,
    )
    if offered.status_code != 201:
        return
    aanbod = offered.json()["id"]
    accepted_at = min(when + timedelta(days=j.rng.uniform(1, 4)), d.now)
    accepted = d.call("housing", "POST", f"/aanbiedingen/{aanbod}/acceptatie", ct(j.region), {"geaccepteerdOp": iso(accepted_at)})
    if accepted.status_code == 200:
        d.at(max(moves, accepted_at), lambda: move_in(d, j, aanbod, max(moves, accepted_at), municipality, destination))


def move_in(d: Driver, j: Journey, aanbod: str, when: datetime, municipality: str, destination: str) -> None:
    corporation = ("woningcorporatie", j.region.corporation)
    body: dict[str, Any] = {"verhuisdOp": iso(when)}
    if j.n % 4 == 0:  # a peer expert in one in four aftercare plans (docs/experience.md)
        body["nazorgErvaringsdeskundige"] = {"betrokken": True}
    moved = d.call("housing", "POST", f"/aanbiedingen/{aanbod}/verhuizing", corporation, body)
    if moved.status_code != 201:
        return
    leave(d, j, when, destination, to=municipality)
    rng, overdracht = j.rng, moved.json()["id"]
    if rng.random() < 0.85:  # the rest is still waiting for the local team today
        acknowledged = when + timedelta(days=rng.uniform(2, 21))
        d.at(
            acknowledged,
            lambda: d.call(
                "housing",
                "POST",
                f"/overdrachten/{overdracht}/bevestiging",
                ("gemeente", municipality),
                {"bevestigdOp": iso(acknowledged)},
            ),
        )
    aftercare(d, j, when, municipality)
    if rng.random() < RETURN_SHARE:  # a new report of a client in aftercare is also a relapse signal (docs/aftercare.md)
        again = when + timedelta(days=rng.uniform(30, 200))
        d.at(again, lambda: returns(d, j, again))


def aftercare(d: Driver, j: Journey, moved: datetime, municipality: str) -> None:
    """The local team's follow-ups of the aftercare plan the move-in made: most on time, some late, a few never
    (overdue on its worklist), now and then worries or a relapse risk; sometimes the corporation signals arrears."""
    team = ("gemeente", municipality)
    plans = d.call("housing", "GET", "/nazorgplannen", team, params={"trajectId": j.state["traject"]}).json()
    if not plans:
        return
    plan, rng = plans[0], j.rng
    for contact in plan["contacten"]:
        if rng.random() < 0.1:
            continue  # never recorded
        due = datetime.fromisoformat(contact["geplandOp"] + "T10:00:00+01:00")
        at = due + timedelta(days=rng.uniform(-5, 24))
        outcome = rng.choices(["stabiel", "zorgen", "terugvalrisico", "contact-verloren"], [80, 14, 4, 2])[0]
        body = {"uitkomst": outcome, "volgnummer": contact["volgnummer"], "contactOp": iso(at)}
        d.at(at, lambda body=body: d.call("housing", "POST", f"/nazorgplannen/{plan['id']}/contacten", team, body))
    if rng.random() < 0.06:
        signalled = moved + timedelta(days=rng.uniform(40, 250))
        arrears = {"woningId": plan["woningId"], "signaal": "huurachterstand", "gemeldOp": iso(signalled)}
        corporation = ("woningcorporatie", j.region.corporation)
        d.at(signalled, lambda: d.call("housing", "POST", "/terugvalsignalen", corporation, arrears))
