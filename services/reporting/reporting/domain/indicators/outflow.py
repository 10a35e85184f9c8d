"""Outflow: from ready-to-leave to a home, and the return to the municipality of origin."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from journey_platform.dutch_calendar import within_months
from reporting.domain.indicators.common import Values, Window, dutch_date, dutch_days, mean, median, months, percentage
from reporting.domain.indicators.history import BW_TYPES, HOME_DESTINATIONS, Fact, Snapshot, parse_moment
from reporting.domain.indicators.shelter import camel

TARGET_MONTHS = 3


def _ready_moments(s: Snapshot) -> dict[UUID | None, list[datetime]]:
    ready: dict[UUID | None, list[datetime]] = {}
    for fact in s.named("uitstroomgereed-verklaard"):
        ready.setdefault(fact.traject_id, []).append(fact.moment)
    for fact in s.named("kandidaat-aangemeld"):
        moment = parse_moment(fact.data.get("uitstroomgereedOp"))
        if moment is not None and fact.data.get("bron", "uitstroomgereed") == "uitstroomgereed":
            ready.setdefault(fact.traject_id, []).append(moment)
    return ready


def _latest_before(moments: list[datetime], moment: datetime) -> datetime | None:
    return max((m for m in moments if m <= moment), default=None)


def _days_ready_to_housed(housed: Fact, ready: dict[UUID | None, list[datetime]]) -> tuple[int, bool] | None:
    """Whole Dutch days from the latest ready-to-leave moment before the move, and whether within 3 calendar months."""
    latest = _latest_before(ready.get(housed.traject_id, []), housed.moment)
    if latest is not None:
        return dutch_days(latest, housed.moment), within_months(latest, housed.moment, TARGET_MONTHS)
    days = housed.data.get("dagenSindsUitstroomgereed")
    if days is None:
        return None
    moved = dutch_date(housed.moment)
    return int(days), within_months(moved - timedelta(days=int(days)), moved, TARGET_MONTHS)


def _wait_enders(s: Snapshot) -> dict[UUID | None, list[Fact]]:
    """Per journey, in moment order, the facts that can end a wait for a home: a move into a home, or leaving
    the shelter or BW for anywhere (a home through placement, family, BW elsewhere, the street ...); leaving a
    Bed & Break/time-out or out-of-region short stay is not leaving MO or BW."""
    not_a_period = {st.id for st in s.stays if st.time_out or st.kort_verblijf}
    enders: dict[UUID | None, list[Fact]] = {}
    for f in sorted(s.named("verhuisd", "uitgestroomd"), key=lambda f: f.moment):
        if str(f.data.get("verblijfId")) not in not_a_period:
            enders.setdefault(f.traject_id, []).append(f)
    return enders


def uitstroomgereed_tot_gehuisvest(s: Snapshot, w: Window) -> Values:
    """Seed 002: a home within 3 calendar months of the (latest) moment the client was declared ready to leave.

    Flow: moves into a home in the period. Stock on the reference date: journeys whose latest ready moment lies
    more than 3 calendar months back, still in MO or BW and not housed. Leaving otherwise (an exit to anything
    but a home) ends the wait; those exits in the period are counted by destination, not as waiting."""
    ready = _ready_moments(s)
    housed = [f for f in s.named("verhuisd") if w.in_period(f.moment) and w.includes(s.municipality_of(f.traject_id))]
    waits = [d for d in (_days_ready_to_housed(f, ready) for f in housed) if d is not None]
    enders = _wait_enders(s)
    in_mo_or_bw = {st.traject_id for st in s.stays if st.open_at(s.cutoff) and (st.counts_as_mo or st.type in BW_TYPES)}
    values: Values = {
        "gehuisvest": len(housed),
        "gemiddeldeMaanden": mean(months(days) for days, _ in waits),
        "mediaanMaanden": median(months(days) for days, _ in waits),
        "aandeelBinnen3Maanden": percentage(sum(1 for _, within in waits if within), len(waits)),
        "wachtend": 0,
        "wachtendLangerDan3Maanden": 0,
        "andersVertrokken": 0,
    }
    for traject, moments in ready.items():
        latest = max(moments)
        if not w.includes(s.municipality_of(traject)):
            continue
        ended = next((f for f in enders.get(traject, []) if f.moment >= latest), None)
        if ended is None:
            if traject in in_mo_or_bw:
                values["wachtend"] = int(values["wachtend"] or 0) + 1
                late = not within_months(latest, w.peildatum, TARGET_MONTHS)
                values["wachtendLangerDan3Maanden"] = int(values["wachtendLangerDan3Maanden"] or 0) + late
        elif ended.name == "uitgestroomd" and ended.data.get("bestemming") not in HOME_DESTINATIONS and w.in_period(ended.moment):
            key = camel("andersVertrokkenNaar", ended.data.get("bestemming"))
            values["andersVertrokken"] = int(values["andersVertrokken"] or 0) + 1
            values[key] = int(values.get(key) or 0) + 1
    return values


def _returned(fact: Fact) -> bool | None:
    if fact.name == "verhuisd" and fact.data.get("terugNaarGemeenteVanHerkomst") is None and fact.data.get("gemeenteVanHerkomst"):
        return bool(fact.data.get("gemeente") == fact.data.get("gemeenteVanHerkomst"))
    flag = fact.data.get("terugNaarGemeenteVanHerkomst")
    return None if flag is None else bool(flag)


def terugkeer_gemeente_van_herkomst(s: Snapshot, w: Window) -> Values:
    """Per journey that left shelter/BW or was housed in the period (last such fact), whether it went back to its
    origin; attributed to the journey's responsible municipality on the reference date (its origin if none)."""
    outcome: dict[UUID | None, bool] = {}
    for fact in sorted(s.named("uitgestroomd", "verhuisd"), key=lambda f: f.moment):
        returned = _returned(fact)
        if (
            returned is not None
            and w.in_period(fact.moment)
            and w.includes(s.municipality_of(fact.traject_id) or s.origin_of(fact.traject_id))
        ):
            outcome[fact.traject_id] = returned
    back = sum(1 for r in outcome.values() if r)
    return {"uitgestroomd": len(outcome), "terugNaarHerkomst": back, "aandeelTerugNaarHerkomst": percentage(back, len(outcome))}
