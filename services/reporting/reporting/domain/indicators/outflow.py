"""Outflow: from ready-to-leave to a home, and the return to the municipality of origin."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from reporting.domain.indicators.common import Values, Window, add_months, days_between, mean, median, months, percentage
from reporting.domain.indicators.history import Fact, Snapshot, parse_moment, start_of


def _ready_moments(s: Snapshot) -> dict[UUID | None, list[datetime]]:
    ready: dict[UUID | None, list[datetime]] = {}
    for fact in s.named("uitstroomgereed-verklaard"):
        ready.setdefault(fact.traject_id, []).append(fact.moment)
    for fact in s.named("kandidaat-aangemeld"):
        moment = parse_moment(fact.data.get("uitstroomgereedOp"))
        if moment is not None and fact.data.get("bron", "uitstroomgereed") == "uitstroomgereed":
            ready.setdefault(fact.traject_id, []).append(moment)
    return ready


def _days_ready_to_housed(housed: Fact, ready: dict[UUID | None, list[datetime]]) -> float | None:
    before = [m for m in ready.get(housed.traject_id, []) if m <= housed.moment]
    if before:
        return days_between(max(before), housed.moment)
    days = housed.data.get("dagenSindsUitstroomgereed")
    return float(days) if days is not None else None


def uitstroomgereed_tot_gehuisvest(s: Snapshot, w: Window) -> Values:
    ready = _ready_moments(s)
    housed = [f for f in s.named("verhuisd") if w.in_period(f.moment) and w.includes(s.municipality_of(f.traject_id))]
    waits = [d for d in (_days_ready_to_housed(f, ready) for f in housed) if d is not None]
    within = sum(1 for d in waits if months(d) <= 3)
    housed_journeys = {f.traject_id for f in s.named("verhuisd")}
    limit = start_of(add_months(w.peildatum, -3))
    still_waiting = sum(
        1
        for t, moments in ready.items()
        if t not in housed_journeys and min(moments) < limit and w.includes(s.municipality_of(t))
    )
    return {
        "gehuisvest": len(housed),
        "gemiddeldeMaanden": mean(months(d) for d in waits),
        "mediaanMaanden": median(months(d) for d in waits),
        "aandeelBinnen3Maanden": percentage(within, len(waits)),
        "wachtendLangerDan3Maanden": still_waiting,
    }


def _returned(fact: Fact) -> bool | None:
    if fact.name == "verhuisd" and fact.data.get("terugNaarGemeenteVanHerkomst") is None and fact.data.get("gemeenteVanHerkomst"):
        return bool(fact.data.get("gemeente") == fact.data.get("gemeenteVanHerkomst"))
    flag = fact.data.get("terugNaarGemeenteVanHerkomst")
    return None if flag is None else bool(flag)


def terugkeer_gemeente_van_herkomst(s: Snapshot, w: Window) -> Values:
    """Per journey that left shelter/BW or was housed in the period (last such fact), whether it went back to its origin."""
    outcome: dict[UUID | None, bool] = {}
    for fact in sorted(s.named("uitgestroomd", "verhuisd"), key=lambda f: f.moment):
        returned = _returned(fact)
        if returned is not None and w.in_period(fact.moment) and w.includes(s.origin_of(fact.traject_id)):
            outcome[fact.traject_id] = returned
    back = sum(1 for r in outcome.values() if r)
    return {"uitgestroomd": len(outcome), "terugNaarHerkomst": back, "aandeelTerugNaarHerkomst": percentage(back, len(outcome))}
