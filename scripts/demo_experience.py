"""`make demo`'s client experience (docs/experience.md): the central access point invites clients of each municipality
with enough of them, and each answers through the one-time link, so the dashboard shows results (at least 5 answers
per municipality: smaller groups are suppressed). Answers fall in the month the demo runs (they are given now)."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

from demo_driver import Driver, base, ct
from demo_plan import Journey

PER_MUNICIPALITY = 8  # at least 5, so each chosen municipality is shown
SCALE = ["1", "2", "3", "4", "5"]
WEIGHTS = [1, 2, 3, 5, 4]  # most clients are (quite) positive; some are not


def chosen(journeys: list[Journey]) -> list[Journey]:
    """Up to PER_MUNICIPALITY journeys of each municipality that has at least 5 (with a journey id), in plan order."""
    per: dict[str, list[Journey]] = defaultdict(list)
    for j in journeys:
        if "traject" in j.state:
            per[j.municipality].append(j)
    return [j for group in per.values() if len(group) >= 5 for j in group[:PER_MUNICIPALITY]]


def moment(j: Journey) -> str:
    return "tijdens-opvang" if "stay" in j.state else "na-besluit"


def form(rng: random.Random, moment: str) -> dict[str, Any]:
    codes = ["wist-waar-hulp", "snel-geholpen", "serieus-genomen", "samen-besloten", "veilig-gevoeld", "hulp-past"]
    codes += ["afspraken-nagekomen", "beter-redden", "meedoen", "betere-kwaliteit-leven"]
    if moment == "tijdens-opvang":
        codes.append("veilig-opvang")
    answers = {code: rng.choices(SCALE, WEIGHTS)[0] for code in codes if rng.random() > 0.1}  # a few skipped
    answers["veilig-gevoeld"] = rng.choices(SCALE, WEIGHTS)[0]  # everyone says how safe they felt
    return {**answers, "toestemming": "nee"}


def answer_all(d: Driver, journeys: list[Journey]) -> int:
    answered = 0
    for j in chosen(journeys):
        when = moment(j)
        invited = d.call(
            "reporting", "POST", f"/trajecten/{j.state['traject']}/ervaringsuitnodigingen", ct(j.region), {"moment": when}
        )
        if invited.status_code != 201:
            continue
        link = invited.json()["link"]
        # The link is a path (/v1/vragenlijst/...) on reporting's own origin; the client posts the form there.
        response = d.http.post(base("reporting").removesuffix("/v1") + link, data=form(j.rng, when))
        answered += response.status_code == 200
    return answered
