"""The length of a stay in MO and the acute stay (seed 001 §2.1; DOMAIN.md "Acute shelter").

- Average MO length of stay: "Een gemiddelde duur is 8 maanden" (001 §2.1), over continuous MO periods.
- The acute shelter gives at most 8 weeks of "bed, bath, bread" ...
- ... during which ID, income and health insurance are arranged (the checklist).
Residents are attributed to the municipality responsible for them on the reference date."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from reporting.domain.indicators.common import Values, Window, dutch_date, dutch_days, mean, median, months, percentage
from reporting.domain.indicators.history import Snapshot, Stay

ACUTE_TYPE = "acute-opvang"
ACUTE_MAX = timedelta(weeks=8)  # placement's default (StayRules.acute_max_weeks)
CHECKLIST = ("identiteitsbewijs", "inkomen", "zorgverzekering")


def mo_verblijfsduur(s: Snapshot, w: Window) -> Values:
    """Continuous MO periods in the region (transfers joined, no Bed & Break or short stays) that ended in the period: their mean
    and median length in months of 30.4375 days (Dutch days from admission to leaving). Also those still running
    at the end of the reference date, with the length so far."""
    mine = [
        p
        for p in s.mo_periods
        if w.includes(s.municipality_of(p.traject_id) or p.stays[-1].gemeente) and w.in_region(p.stays[-1].gemeente)
    ]
    ended = [months(dutch_days(p.start, p.end)) for p in mine if p.end is not None and w.in_period(p.end)]
    running = [months(dutch_days(p.start, w.peildatum)) for p in mine if p.open_at(s.cutoff)]
    return {
        "beeindigd": len(ended),
        "gemiddeldeMaanden": mean(ended),
        "mediaanMaanden": median(ended),
        "lopend": len(running),
        "gemiddeldeLopendMaanden": mean(running),
    }


def _acute(s: Snapshot, w: Window) -> list[Stay]:
    return [
        st
        for st in s.stays
        if st.type == ACUTE_TYPE and st.counts_as_mo and w.includes(s.municipality_of(st.traject_id) or st.gemeente)
    ]


def _past_maximum(st: Stay, last_day: date) -> bool:
    """Past the 8 weeks on `last_day` (a Dutch date): the maximum is admission day + 56 days, passed the day after."""
    return last_day > dutch_date(st.start) + ACUTE_MAX


def acuut_langer_dan_8_weken(s: Snapshot, w: Window) -> Values:
    """Acute stays open at the end of the reference date that passed the 8-week maximum; and acute stays that
    ended in the period having lasted longer than 8 weeks."""
    acute = _acute(s, w)
    present = [st for st in acute if st.open_at(s.cutoff)]
    over = sum(1 for st in present if _past_maximum(st, w.peildatum))
    ended = [st for st in acute if st.end is not None and st.end < s.cutoff and w.in_period(st.end)]
    ended_over = sum(1 for st in ended if st.end is not None and _past_maximum(st, dutch_date(st.end)))
    return {
        "inAcuteOpvang": len(present),
        "langerDan8Weken": over,
        "aandeelLangerDan8Weken": percentage(over, len(present)),
        "beeindigd": len(ended),
        "beeindigdLangerDan8Weken": ended_over,
    }


def checklist_acuut_verblijf(s: Snapshot, w: Window) -> Values:
    """Acute stays that ended in the period: how many had each checklist item (ID, income, health insurance)
    arranged before the stay ended, and how many all three."""
    ended = [st for st in _acute(s, w) if st.end is not None and st.end < s.cutoff and w.in_period(st.end)]
    done: dict[str, dict[str, datetime]] = {}
    for fact in s.named("checklist-item-afgerond"):
        done.setdefault(str(fact.data.get("opnameId")), {})[str(fact.data.get("item"))] = fact.moment
    per_item = {item: 0 for item in CHECKLIST}
    complete = 0
    for st in ended:
        end = st.end or s.cutoff
        items = {item for item, moment in done.get(st.id, {}).items() if moment <= end}
        for item in CHECKLIST:
            per_item[item] += item in items
        complete += all(item in items for item in CHECKLIST)
    return {
        "beeindigd": len(ended),
        "volledig": complete,
        "aandeelVolledig": percentage(complete, len(ended)),
        **{f"{item}Geregeld": count for item, count in per_item.items()},
    }
