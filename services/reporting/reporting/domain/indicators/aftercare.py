"""Aftercare (nazorg) after a move into an own home (docs/aftercare.md): follow-ups done on time, and relapse signals
with their outcome. Housing retention itself is `woonbehoud` (hud.py).

Attribution, by their nature: the municipality of the aftercare plan (the new home's, whose local team does the
aftercare), not the journey's responsible municipality.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from reporting.domain.indicators.common import Values, Window, add_months, dutch_date, percentage
from reporting.domain.indicators.history import BW_TYPES, Snapshot, start_of

OUTCOME_MONTHS = 3  # the outcome of a relapse signal: still housed 3 calendar months later
SOURCES = {
    "nazorgcontact": "doorNazorgcontact",
    "woningcorporatie": "doorWoningcorporatie",
    "lokaal-team": "doorLokaalTeam",
    "nieuwe-melding": "doorNieuweMelding",
}


def nazorg_contacten_op_tijd(s: Snapshot, w: Window) -> Values:
    """Follow-ups whose last day (due date + the plan's `termijnDagen`) lies in the period and before the reference
    date (`verschuldigd`); of those recorded on or before their last day (`opTijd`), later (`teLaat`), or not by the
    reference date (`nietVastgelegd`). By the plan's municipality."""
    recorded: dict[tuple[str, int], date] = {}
    for fact in s.named("nazorgcontact-vastgelegd"):
        key = (str(fact.data.get("nazorgplanId")), int(fact.data.get("volgnummer", 0)))
        recorded.setdefault(key, dutch_date(fact.moment))
    due = on_time = late = 0
    last_period_day = min(w.tot, w.peildatum - timedelta(days=1))
    for plan in s.named("nazorgplan-opgesteld"):
        if not w.includes(plan.data.get("gemeente")):
            continue
        grace = int(plan.data.get("termijnDagen", 0))
        for number, planned in enumerate(plan.data.get("contactmomenten", []), start=1):
            last_day = date.fromisoformat(str(planned)) + timedelta(days=grace)
            if not w.van <= last_day <= last_period_day:
                continue
            due += 1
            done = recorded.get((str(plan.data.get("nazorgplanId")), number))
            if done is not None:
                on_time += done <= last_day
                late += done > last_day
    return {
        "verschuldigd": due,
        "opTijd": on_time,
        "teLaat": late,
        "nietVastgelegd": due - on_time - late,
        "aandeelOpTijd": percentage(on_time, due),
    }


def terugvalsignalen(s: Snapshot, w: Window) -> Values:
    """Relapse signals in the period, by the plan's municipality (`signalen`), per source, the prevention cases
    intake opened for them (`preventieGeopend`), and their outcome: of the signals whose 3 calendar months had passed
    by the reference date (`waarneembaar3Maanden`), those with no MO admission (Bed & Break aside) and no BW placement
    of the client after the signal up to and including that day (`woningBehouden3Maanden`)."""
    signals = [f for f in s.named("terugvalsignaal-gemeld") if w.in_period(f.moment) and w.includes(f.data.get("gemeente"))]
    values: Values = {"signalen": len(signals)}
    for source, key in SOURCES.items():
        values[key] = sum(1 for f in signals if f.data.get("bron") == source)
    values["preventieGeopend"] = sum(
        1
        for f in s.named("preventiezaak-geopend")
        if str(f.data.get("signaalType", "")).startswith("terugval-")
        and w.in_period(f.moment)
        and w.includes(f.data.get("gemeente"))
    )
    lost: dict[str | None, list[datetime]] = {}
    for stay in s.stays:
        if stay.counts_as_mo or stay.type in BW_TYPES:
            lost.setdefault(stay.client_id, []).append(stay.start)
    observable = kept = 0
    for signal in signals:
        horizon_day = add_months(dutch_date(signal.moment), OUTCOME_MONTHS)
        if horizon_day > w.peildatum:
            continue
        observable += 1
        horizon = start_of(horizon_day + timedelta(days=1))
        kept += not any(signal.moment < m < horizon for m in lost.get(signal.client_id, []))
    values["waarneembaar3Maanden"] = observable
    values["woningBehouden3Maanden"] = kept
    values["teruggevallen3Maanden"] = observable - kept
    values["aandeelWoningBehouden3Maanden"] = percentage(kept, observable)
    return values
