"""Shelter and sheltered housing: occupancy, refusals, short stays, clients, waiting, long trajectories.

Each function implements one definition of docs/indicators.md (which names the seed sentence). Residents
are attributed to the municipality responsible for them on the reference date (woonplaatsbeginsel)."""

from __future__ import annotations

import re

from reporting.domain.indicators.common import Values, Window, add_months, dutch_date, dutch_days, mean, months, percentage
from reporting.domain.indicators.history import (
    BW_TYPES,
    BW_WAITING_LISTS,
    LONG_TRAJECTORY_TYPES,
    MO_TYPES,
    Snapshot,
    Stay,
    WaitEntry,
)

# Reason codes of a refused admission that mean "no place free".
LACK_OF_SPACE = frozenset({"plaatsgebrek", "vol", "geen-plaats", "capaciteit", "geen-plek"})
PLACED = "geplaatst"  # the waiting list's reason for leaving when the client got a place


def camel(prefix: str, code: str | None) -> str:
    """`naar` + `familie-of-vrienden` → `naarFamilieOfVrienden` (a value's key for a code)."""
    return prefix + "".join(part.capitalize() for part in re.split(r"[^0-9a-zA-Z]+", code or "onbekend") if part)


def opvangbezetting(s: Snapshot, w: Window) -> Values:
    """Occupied MO places against MO capacity at the end of the reference date, by the facility's municipality."""
    facilities = {k: v for k, v in s.facilities.items() if v.get("type") in MO_TYPES and w.includes(v.get("gemeente"))}
    capacity = sum(int(v.get("capaciteitPlaatsen") or 0) for v in facilities.values())
    acute_capacity = sum(int(v.get("capaciteitPlaatsen") or 0) for v in facilities.values() if v.get("type") == "acute-opvang")
    occupied = [st for st in s.stays if st.type in MO_TYPES and st.open_at(s.cutoff) and w.includes(st.gemeente)]
    acute = sum(1 for st in occupied if st.type == "acute-opvang")
    return {
        "bezet": len(occupied),
        "capaciteit": capacity,
        "bezettingsgraad": percentage(len(occupied), capacity),
        "acuutBezet": acute,
        "acuutCapaciteit": acute_capacity,
    }


def weigeringen_plaatsgebrek(s: Snapshot, w: Window) -> Values:
    """Refused admissions in the period, by the journey's responsible municipality on the reference date (the
    refusal's municipality if none), and where each refused person went (`naar<Bestemming>`)."""
    refusals = [
        f
        for f in s.named("opname-geweigerd")
        if w.in_period(f.moment) and w.includes(s.municipality_of(f.traject_id) or f.data.get("gemeente"))
    ]
    lack = sum(1 for f in refusals if f.data.get("redenCode") in LACK_OF_SPACE)
    values: Values = {
        "weigeringen": len(refusals),
        "wegensPlaatsgebrek": lack,
        "aandeelPlaatsgebrek": percentage(lack, len(refusals)),
    }
    for f in refusals:
        key = camel("naar", f.data.get("bestemmingCode"))
        values[key] = int(values.get(key) or 0) + 1
    return values


def kort_verblijf_buiten_regio(s: Snapshot, w: Window) -> Values:
    """Out-of-region short stays, by the municipality where reported / admitted: these people are by definition
    not the region's residents, so a responsible municipality in the region would not find them."""
    granted = [
        f for f in s.named("kort-verblijf-toegekend") if w.in_period(f.moment) and w.includes(f.data.get("gemeenteMelding"))
    ]
    admitted = [st for st in s.stays if st.kort_verblijf and w.in_period(st.start) and w.includes(st.gemeente)]
    return {"toegekend": len(granted), "uniekePersonen": len({f.client_id for f in granted}), "opgenomen": len(admitted)}


def _resident(s: Snapshot, w: Window, st: Stay) -> bool:
    return w.includes(s.municipality_of(st.traject_id) or st.gemeente)


def bw_clienten(s: Snapshot, w: Window) -> Values:
    """Seed 002 fn 8: residents in beschermd or beschut wonen at the end of the reference date, by responsible
    municipality; a client in both (a transfer that day) counts once."""
    present = [st for st in s.stays if st.type in BW_TYPES and st.open_at(s.cutoff) and _resident(s, w, st)]
    return {
        "clienten": len({st.client_id for st in present}),
        "beschermdWonen": len({st.client_id for st in present if st.type == "beschermd-wonen"}),
        "beschutWonen": len({st.client_id for st in present if st.type == "beschut-wonen"}),
    }


def mo_unieke_clienten(s: Snapshot, w: Window) -> Values:
    """Seed 002 fn 9: unique residents (responsible municipality in scope) with an MO stay in a facility in the
    region overlapping the period; Bed & Break/time-out and out-of-region short stays excluded, shown apart."""
    overlapping = [st for st in s.stays if st.type in MO_TYPES and st.overlaps(w.first, w.last)]
    counted = {st.client_id for st in overlapping if st.counts_as_mo and _resident(s, w, st) and w.in_region(st.gemeente)}
    time_out = {st.client_id for st in overlapping if st.time_out and _resident(s, w, st)}
    short = {st.client_id for st in overlapping if st.kort_verblijf and w.includes(st.gemeente)}
    return {"clienten": len(counted), "bedEnBreakTimeOut": len(time_out), "kortVerblijfBuitenRegio": len(short)}


def _bw_entry_in_scope(s: Snapshot, w: Window, e: WaitEntry) -> bool:
    return (e.voorziening or "beschermd-wonen") in BW_WAITING_LISTS and w.includes(s.municipality_of(e.traject_id) or e.gemeente)


def bw_wachttijd(s: Snapshot, w: Window) -> Values:
    """Seed 002 fn 8: the BW waiting time, BW and beschut wonen lists only, in two named readings (months of
    30.4375 days): those waiting on the reference date (days from the entry's Dutch date to the reference date),
    and those placed in the period (entry to placement). Withdrawals and other exits are counted, not averaged."""
    entries = [e for e in s.wait_entries if _bw_entry_in_scope(s, w, e)]
    waiting = [e for e in entries if e.end is None or e.end >= s.cutoff]
    waited = [months(dutch_days(e.start, w.peildatum)) for e in waiting]
    left = [e for e in entries if e.end is not None and e.end < s.cutoff and w.in_period(e.end)]
    placed = [e for e in left if e.reden == PLACED]
    placed_waited = [months(dutch_days(e.start, e.end)) for e in placed if e.end is not None]
    return {
        "opWachtlijst": len(waiting),
        "gemiddeldeWachttijdWachtendenMaanden": mean(waited),
        "langsteWachttijdMaanden": round(max(waited), 1) if waited else None,
        "geplaatst": len(placed),
        "gemiddeldeWachttijdGeplaatstenMaanden": mean(placed_waited),
        "verlatenZonderPlaatsing": len(left) - len(placed),
    }


def mo_trajecten_langer_dan_3_maanden(s: Snapshot, w: Window) -> Values:
    """Seed 002 fn 10: of the clients present at the end of the reference date in 24-hour or crisis shelter, the
    share whose current continuous MO period (transfers joined, this episode only) began more than 3 calendar
    months before the reference date."""
    present = [
        p
        for p in s.mo_periods
        if p.open_at(s.cutoff)
        and any(st.type in LONG_TRAJECTORY_TYPES and st.open_at(s.cutoff) for st in p.stays)
        and w.includes(s.municipality_of(p.traject_id) or p.stays[-1].gemeente)
        and w.in_region(p.stays[-1].gemeente)
    ]
    longer = sum(1 for p in present if w.peildatum > add_months(dutch_date(p.start), 3))
    return {"inOpvang": len(present), "langerDan3Maanden": longer, "aandeelLangerDan3Maanden": percentage(longer, len(present))}
