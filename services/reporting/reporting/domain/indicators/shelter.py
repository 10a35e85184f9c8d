"""Shelter and sheltered housing: occupancy, refusals, short stays, clients, waiting, long trajectories."""

from __future__ import annotations

from datetime import datetime

from reporting.domain.indicators.common import Values, Window, add_months, days_between, mean, months, percentage
from reporting.domain.indicators.history import BW_TYPES, MO_TYPES, Snapshot, Stay, start_of

# Reason codes of a refused admission that mean "no place free".
LACK_OF_SPACE = frozenset({"plaatsgebrek", "vol", "geen-plaats", "capaciteit", "geen-plek"})


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
    refusals = [f for f in s.named("opname-geweigerd") if w.in_period(f.moment) and w.includes(f.data.get("gemeente"))]
    lack = sum(1 for f in refusals if f.data.get("redenCode") in LACK_OF_SPACE)
    return {"weigeringen": len(refusals), "wegensPlaatsgebrek": lack, "aandeelPlaatsgebrek": percentage(lack, len(refusals))}


def kort_verblijf_buiten_regio(s: Snapshot, w: Window) -> Values:
    granted = [
        f for f in s.named("kort-verblijf-toegekend") if w.in_period(f.moment) and w.includes(f.data.get("gemeenteMelding"))
    ]
    admitted = [st for st in s.stays if st.kort_verblijf and w.in_period(st.start) and w.includes(st.gemeente)]
    return {"toegekend": len(granted), "uniekePersonen": len({f.client_id for f in granted}), "opgenomen": len(admitted)}


def _clients_in(s: Snapshot, w: Window, types: frozenset[str], at_cutoff: bool) -> set[str | None]:
    def counts(st: Stay) -> bool:
        return st.open_at(s.cutoff) if at_cutoff else st.overlaps(w.first, w.last)

    return {
        st.client_id
        for st in s.stays
        if st.type in types and counts(st) and w.includes(s.municipality_of(st.traject_id) or st.gemeente)
    }


def bw_clienten(s: Snapshot, w: Window) -> Values:
    """Clients in BW or beschut wonen at the end of the reference date, by responsible municipality."""
    return {"clienten": len(_clients_in(s, w, BW_TYPES, at_cutoff=True))}


def mo_unieke_clienten(s: Snapshot, w: Window) -> Values:
    """Unique clients with at least one day in MO in the period, by responsible municipality."""
    return {"clienten": len(_clients_in(s, w, MO_TYPES, at_cutoff=False))}


def bw_wachttijd(s: Snapshot, w: Window) -> Values:
    waiting = [e for e in s.wait_entries if e.end is None and w.includes(e.gemeente or s.municipality_of(e.traject_id))]
    waited = [months(days_between(e.start, s.cutoff)) for e in waiting]
    left = [
        e
        for e in s.wait_entries
        if e.end is not None and w.in_period(e.end) and w.includes(e.gemeente or s.municipality_of(e.traject_id))
    ]
    left_waited = [months(e.waited_days if e.waited_days is not None else days_between(e.start, e.end)) for e in left]  # type: ignore[arg-type]  # e.end is set: `left` keeps only ended entries
    return {
        "opWachtlijst": len(waiting),
        "gemiddeldeWachttijdMaanden": mean(waited),
        "langsteWachttijdMaanden": round(max(waited), 1) if waited else None,
        "verlaten": len(left),
        "gemiddeldeWachttijdVerlatenMaanden": mean(left_waited),
    }


def mo_trajecten_langer_dan_3_maanden(s: Snapshot, w: Window) -> Values:
    """Of the journeys in MO at the end of the reference date, the share whose first MO stay began over 3 months before."""
    in_mo = {
        st.traject_id
        for st in s.stays
        if st.type in MO_TYPES and st.open_at(s.cutoff) and w.includes(s.municipality_of(st.traject_id))
    }
    first_start: dict[object, datetime] = {}
    for st in s.stays:
        if st.traject_id in in_mo and st.type in MO_TYPES:
            first_start[st.traject_id] = min(first_start.get(st.traject_id, st.start), st.start)
    limit = start_of(add_months(w.peildatum, -3))
    longer = sum(1 for start in first_start.values() if start < limit)
    return {"inOpvang": len(in_mo), "langerDan3Maanden": longer, "aandeelLangerDan3Maanden": percentage(longer, len(in_mo))}
