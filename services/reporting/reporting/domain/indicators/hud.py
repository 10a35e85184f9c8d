"""Returns and duration, in the manner of the US HUD System Performance Measures 1, 2 and 5.

SPM 1: length of time homeless (nights in MO; days from the report until housed or the period's end).
SPM 2: returns to homelessness within 6, 12 and 24 months after an exit to a home.
SPM 5: first-time homeless: entries with no report or MO stay in the 24 months before.
SPM 7b: housing retention: still housed 6, 12 and 24 months after moving into a home.
A Bed & Break/time-out stay (next to BW or support) is not a night homeless nor a return.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from uuid import UUID

from reporting.domain.indicators.common import Values, Window, add_months, days_between, dutch_date, mean, median, percentage
from reporting.domain.indicators.history import BW_TYPES, HOME_DESTINATIONS, MO_TYPES, Fact, Snapshot, Stay, start_of

RETURN_WINDOWS_MONTHS = (6, 12, 24)
LOOKBACK_MONTHS = 24


def _merged_days(intervals: list[tuple[datetime, datetime]]) -> float:
    total, current_start, current_end = 0.0, None, None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None and current_start is not None:
                total += days_between(current_start, current_end)
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_start is not None and current_end is not None:
        total += days_between(current_start, current_end)
    return total


def _mo_stays_by_client(s: Snapshot) -> dict[str | None, list[Stay]]:
    by_client: dict[str | None, list[Stay]] = defaultdict(list)
    for stay in s.stays:
        if stay.type in MO_TYPES and not stay.time_out:
            by_client[stay.client_id].append(stay)
    return by_client


def duur_dakloosheid(s: Snapshot, w: Window) -> Values:
    """SPM 1, for clients with at least one night in MO in the period (their municipality: of the latest such stay)."""
    first_report: dict[object, datetime] = {}
    for fact in s.named("melding-geregistreerd"):
        first_report[fact.traject_id] = min(first_report.get(fact.traject_id, fact.moment), fact.moment)
    housed = {f.traject_id: f.moment for f in s.named("verhuisd")}
    nights, since_report = [], []
    for stays in _mo_stays_by_client(s).values():
        active = [st for st in stays if st.overlaps(w.first, w.last)]
        latest = max(active, key=lambda st: st.start, default=None)
        if latest is None or not w.includes(s.municipality_of(latest.traject_id)):
            continue
        nights.append(_merged_days([(st.start, min(st.end or w.last, w.last)) for st in stays if st.start < w.last]))
        reported = first_report.get(latest.traject_id)
        if reported is not None:
            since_report.append(days_between(reported, min(housed.get(latest.traject_id, w.last), w.last)))
    return {
        "clienten": len(nights),
        "gemiddeldeNachten": mean(nights),
        "mediaanNachten": median(nights),
        "gemiddeldeDagenSindsMelding": mean(since_report),
        "mediaanDagenSindsMelding": median(since_report),
    }


def _exits_to_home(s: Snapshot) -> list[Fact]:
    home_outflow = [f for f in s.named("uitgestroomd") if f.data.get("bestemming") in HOME_DESTINATIONS]
    return sorted(s.named("verhuisd") + home_outflow, key=lambda f: f.moment)


def _returns_by_client(s: Snapshot) -> dict[str | None, list[tuple[datetime, UUID | None]]]:
    """Each client's reports and MO admissions, with the journey (episode) they belong to."""
    returns: dict[str | None, list[tuple[datetime, UUID | None]]] = defaultdict(list)
    for fact in s.named("melding-geregistreerd"):
        returns[fact.client_id].append((fact.moment, fact.traject_id))
    for stay in s.stays:
        if stay.type in MO_TYPES and not stay.time_out:
            returns[stay.client_id].append((stay.start, stay.traject_id))
    return returns


def terugkeer_dakloosheid(s: Snapshot, w: Window) -> Values:
    """SPM 2: clients whose first exit to a home in the period, and the share reported or admitted again within N months.

    Per episode: a return is a report or MO admission in another journey (episode) than the one the client left
    homelessness in; a repeat report within the same, still open, episode is no return (docs/episodes.md).

    A window counts only clients whose N months had passed by the reference date, so a share is never
    diluted by clients who have not yet had the time to return."""
    first_exit: dict[str | None, Fact] = {}
    for fact in _exits_to_home(s):
        if w.in_period(fact.moment) and w.includes(s.municipality_of(fact.traject_id)):
            first_exit.setdefault(fact.client_id, fact)
    returns = _returns_by_client(s)
    values: Values = {"uitgestroomdNaarWoning": len(first_exit)}
    for n in RETURN_WINDOWS_MONTHS:
        observable = returned = 0
        for client, exit_fact in first_exit.items():
            horizon_day = add_months(dutch_date(exit_fact.moment), n)  # N calendar months on, that Dutch day included
            if horizon_day > w.peildatum:
                continue
            observable += 1
            horizon = start_of(horizon_day + timedelta(days=1))
            returned += any(exit_fact.moment < m < horizon and t != exit_fact.traject_id for m, t in returns.get(client, []))
        values[f"waarneembaar{n}Maanden"] = observable
        values[f"teruggekeerd{n}Maanden"] = returned
        values[f"aandeelTeruggekeerd{n}Maanden"] = percentage(returned, observable)
    return values


def eerste_keer_dakloos(s: Snapshot, w: Window) -> Values:
    """SPM 5: clients entering in the period (a new journey's report, or an MO admission), first-time or returning."""
    entries: dict[str | None, tuple[datetime, UUID | None]] = {}
    candidates = [
        (f.moment, f.client_id, f.traject_id) for f in s.named("melding-geregistreerd") if f.data.get("nieuwTraject", True)
    ]
    candidates += [(st.start, st.client_id, st.traject_id) for st in s.stays if st.type in MO_TYPES and not st.time_out]
    for moment, client, traject in sorted(candidates, key=lambda c: c[0]):
        if w.in_period(moment) and client not in entries:
            entries[client] = (moment, traject)
    reports = _returns_by_client(s)
    stays = _mo_stays_by_client(s)
    first_time = returning = 0
    for client, (moment, traject) in entries.items():
        if not w.includes(s.municipality_of(traject)):
            continue
        lookback = start_of(add_months(dutch_date(moment), -LOOKBACK_MONTHS))
        seen_before = any(lookback <= m < moment for m, _ in reports.get(client, [])) or any(
            st.start < moment and (st.end is None or st.end >= lookback) for st in stays.get(client, [])
        )
        returning += seen_before
        first_time += not seen_before
    return {
        "ingestroomd": first_time + returning,
        "eersteKeer": first_time,
        "terugkerend": returning,
        "aandeelEersteKeer": percentage(first_time, first_time + returning),
    }


def woonbehoud(s: Snapshot, w: Window) -> Values:
    """Housing retention (HUD SPM 7b): of the clients whose first move into a home in the period (a `verhuisd`, or
    leaving to eigen-woning/housing-first), by responsible municipality, those still housed N = 6, 12, 24 calendar
    months later: no new report, MO admission (Bed & Break and short stays aside) or BW placement after the move
    and up to N months. Only clients whose N months had passed by the reference date are counted for N."""
    first_move: dict[str | None, Fact] = {}
    for fact in _exits_to_home(s):
        if w.in_period(fact.moment) and w.includes(s.municipality_of(fact.traject_id)):
            first_move.setdefault(fact.client_id, fact)
    lost: dict[str | None, list[datetime]] = defaultdict(list)
    for fact in s.named("melding-geregistreerd"):
        lost[fact.client_id].append(fact.moment)
    for stay in s.stays:
        if stay.counts_as_mo or stay.type in BW_TYPES:
            lost[stay.client_id].append(stay.start)
    values: Values = {"gehuisvest": len(first_move)}
    for n in RETURN_WINDOWS_MONTHS:
        observable = kept = 0
        for client, move in first_move.items():
            horizon_day = add_months(dutch_date(move.moment), n)
            if horizon_day > w.peildatum:
                continue
            observable += 1
            horizon = start_of(horizon_day + timedelta(days=1))
            kept += not any(move.moment < m < horizon for m in lost.get(client, []))
        values[f"waarneembaar{n}Maanden"] = observable
        values[f"behouden{n}Maanden"] = kept
        values[f"aandeelBehouden{n}Maanden"] = percentage(kept, observable)
    return values
