"""Reports, follow-up, the 8-week decision term and routes into homelessness (intake's events)."""

from __future__ import annotations

from datetime import date

from reporting.domain.indicators.common import Values, Window, dutch_date, percentage
from reporting.domain.indicators.history import Fact, Snapshot

ROUTES = (
    "verlies-woning-na-life-event",
    "uitstroom-instelling",
    "huisuitzetting",
    "remigratie",
    "arbeidsmigrant",
    "caribisch-nederland",
    "onbekend",
)
DAYS_LEFT_BUCKETS = (("dagen0tot7", 0, 7), ("dagen8tot14", 8, 14), ("dagen15tot28", 15, 28), ("dagen29ofMeer", 29, 10**6))


def reports_in(s: Snapshot, w: Window) -> list[Fact]:
    return [f for f in s.named("melding-geregistreerd") if w.in_period(f.moment) and w.includes(f.data.get("gemeenteMelding"))]


def meldingen(s: Snapshot, w: Window) -> Values:
    reports = reports_in(s, w)
    return {
        "meldingen": len(reports),
        "uniekePersonen": len({f.client_id for f in reports}),
        "herhaalmeldingen": sum(1 for f in reports if f.data.get("herhaalmelding")),
    }


def meldingen_zonder_vervolg(s: Snapshot, w: Window) -> Values:
    reports = reports_in(s, w)
    closed = {f.data["meldingId"] for f in s.named("melding-afgesloten") if f.data.get("zonderVervolg")}
    without = sum(1 for f in reports if f.data["meldingId"] in closed)
    return {"meldingen": len(reports), "zonderVervolg": without, "aandeelZonderVervolg": percentage(without, len(reports))}


def _term_of(s: Snapshot) -> dict[str, date]:
    return {str(f.data["meldingId"]): date.fromisoformat(f.data["beslistermijn"]) for f in s.named("melding-geregistreerd")}


def beslissingen_binnen_termijn(s: Snapshot, w: Window) -> Values:
    terms = _term_of(s)
    decisions = [
        f
        for f in s.named("beschikking-afgegeven")
        if w.in_period(f.moment) and w.includes(f.data.get("verantwoordelijkeGemeente"))
    ]

    def on_time(f: Fact) -> bool:
        term = terms.get(str(f.data["meldingId"]))
        return dutch_date(f.moment) <= term if term else bool(f.data.get("binnenTermijn"))

    in_time = sum(1 for f in decisions if on_time(f))
    return {
        "beslissingen": len(decisions),
        "binnenTermijn": in_time,
        "buitenTermijn": len(decisions) - in_time,
        "aandeelBinnenTermijn": percentage(in_time, len(decisions)),
    }


def openstaande_meldingen(s: Snapshot, w: Window) -> Values:
    """Reports still awaiting a decision at the end of the reference date, by days left of the 8-week term,
    attributed to the journey's responsible municipality on the reference date (after a change, the new one)."""
    done = {str(f.data["meldingId"]) for f in s.named("beschikking-afgegeven", "melding-afgesloten")}
    open_reports = [
        f
        for f in s.named("melding-geregistreerd")
        if str(f.data["meldingId"]) not in done
        and w.includes(s.municipality_of(f.traject_id) or f.data.get("verantwoordelijkeGemeente"))
    ]
    days_left = [(date.fromisoformat(f.data["beslistermijn"]) - w.peildatum).days for f in open_reports]
    values: Values = {"open": len(open_reports), "verstreken": sum(1 for d in days_left if d < 0)}
    for key, low, high in DAYS_LEFT_BUCKETS:
        values[key] = sum(1 for d in days_left if low <= d <= high)
    return values


def routes_dakloosheid(s: Snapshot, w: Window) -> Values:
    """New journeys opened in the period, by the RVS route into homelessness the report names, attributed to
    the journey's responsible municipality on the reference date (the municipality reported in, if none)."""
    new = [
        f
        for f in s.named("melding-geregistreerd")
        if f.data.get("nieuwTraject", True)
        and w.in_period(f.moment)
        and w.includes(s.municipality_of(f.traject_id) or f.data.get("gemeenteMelding"))
    ]
    values: Values = {"nieuweTrajecten": len(new)}
    for route in ROUTES:
        values[route] = sum(1 for f in new if f.data.get("route", "onbekend") == route)
    return values
