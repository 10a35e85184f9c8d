"""Indicators computed in SQL over the row read models (issue 18 item 1; rows: domain/indicators/rows.py), for a scope
and any reference dates, with the same values as the pure definitions (domain/indicators/shelter.py), which stay the
golden reference: tests/api/test_stay_rows.py asks every indicator here both ways.

A stock indicator at a reference date reads the stays open at its end of the version of the journey's rows that
holds then (`geldig_vanaf < cutoff <= geldig_tot`), of the journeys that are shown (policy.owner_facts_known): the
one piece of each such stay that contains the cutoff (`van < cutoff <= tot`; the pieces of a stay partition its
`(start, eind]`, rows.resident_segments), each attributed as the definition says: `bw-clienten` to the piece's
`woonplaats` (the journey's responsible municipality as of the cutoff, else the stay's, as `shelter._resident`),
`opvangbezetting` to the facility's municipality. One query answers every reference date of
a detail view (the headline's, and each month's end) and every municipality (GROUPING SETS): PostgreSQL only.
`acuut-langer-dan-8-weken` (present at the cutoff, and ended in the period) is in sql_acute.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import DateTime, Integer, String, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from journey_platform.reference import ReferenceData
from reporting.domain.indicators.common import Values, Window, percentage
from reporting.domain.indicators.compute import Uitkomst, headline, months_of
from reporting.domain.indicators.history import BW_TYPES, MO_TYPES, Fact, History, start_of
from reporting.domain.indicators.targets import Doelen
from reporting.service_layer import indicators, sql_acute
from reporting.service_layer.indicator_views import GemeenteUitkomstView, IndicatorDetailView, MaandUitkomstView
from reporting.service_layer.scope import Scope
from reporting.service_layer.stay_rows import facility_facts

CODES = ("bw-clienten", "opvangbezetting", sql_acute.CODE)
_NOBODY = ""  # a stay without a client id: one more distinct client, as the definition's set of ids counts None

_OPEN_STAYS = """
WITH peil(n, grens) AS (SELECT * FROM unnest(:ns, :grenzen)),
open AS (
    SELECT p.n, v.type, coalesce(v.client_id, :nobody) AS client, v.gemeente, v.woonplaats
    FROM peil p
    JOIN verblijven v ON v.van < p.grens AND (v.tot IS NULL OR v.tot >= p.grens)
        AND (v.geldig_vanaf IS NULL OR v.geldig_vanaf < p.grens) AND (v.geldig_tot IS NULL OR v.geldig_tot >= p.grens)
    JOIN trajecten t ON t.id = v.traject_id AND t.verantwoordelijke_gemeente IS NOT NULL
    WHERE v.type = ANY(:types)
)
"""

_BW = (
    _OPEN_STAYS
    + """
SELECT n, GROUPING(woonplaats) = 1 AS totaal, woonplaats AS gemeente,
       count(DISTINCT client),
       count(DISTINCT client) FILTER (WHERE type = 'beschermd-wonen'),
       count(DISTINCT client) FILTER (WHERE type = 'beschut-wonen')
FROM open WHERE :alle OR woonplaats = ANY(:gemeenten)
GROUP BY GROUPING SETS ((n), (n, woonplaats))
"""
)

_MO = (
    _OPEN_STAYS
    + """
SELECT n, GROUPING(gemeente) = 1 AS totaal, gemeente, count(*), count(*) FILTER (WHERE type = 'acute-opvang')
FROM open WHERE :alle OR gemeente = ANY(:gemeenten)
GROUP BY GROUPING SETS ((n), (n, gemeente))
"""
)


async def stock(
    session: AsyncSession,
    code: str,
    windows: Sequence[Window],
    gemeenten: frozenset[str] | None,
    municipalities: Sequence[str],
    facilities: list[Fact],
) -> list[tuple[Values, dict[str, Values]]]:
    """The indicator's values for each window (at the end of its reference date; `acuut-langer-dan-8-weken` also
    over its period, sql_acute): for the scope (`gemeenten`, None: every municipality; the windows' own are not
    read), and for each of `municipalities` alone. `facilities`: the facility facts (of no journey)."""
    if code == sql_acute.CODE:
        return await sql_acute.acute(session, windows, gemeenten, municipalities)
    peildata = [w.peildatum for w in windows]
    statement = text(_BW if code == "bw-clienten" else _MO).bindparams(
        bindparam("ns", type_=ARRAY(Integer)),
        bindparam("grenzen", type_=ARRAY(DateTime(timezone=True))),
        bindparam("types", type_=ARRAY(String)),
        bindparam("gemeenten", type_=ARRAY(String)),
    )
    rows = await session.execute(
        statement,
        {
            "ns": list(range(len(peildata))),
            "grenzen": [start_of(d + timedelta(days=1)) for d in peildata],
            "types": sorted(BW_TYPES if code == "bw-clienten" else MO_TYPES),
            "nobody": _NOBODY,
            "alle": gemeenten is None,
            "gemeenten": sorted(gemeenten or ()),
        },
    )
    totals, counts = sql_acute.grouped(rows, len(peildata))
    found = []
    for i, peildatum in enumerate(peildata):
        if code == "bw-clienten":
            found.append((_bw(totals[i]), {g: _bw(counts[i].get(g)) for g in municipalities}))
        else:
            capacity = _capacities(facilities, peildatum)
            scope = _occupancy(totals[i], _capacity_of(capacity, gemeenten))
            each = {g: _occupancy(counts[i].get(g), _capacity_of(capacity, frozenset({g}))) for g in municipalities}
            found.append((scope, each))
    return found


def _bw(numbers: tuple[int, ...] | None) -> Values:
    clients, beschermd, beschut = numbers or (0, 0, 0)
    return {"clienten": clients, "beschermdWonen": beschermd, "beschutWonen": beschut}


def _capacities(facilities: list[Fact], peildatum: date) -> list[dict[str, Any]]:
    """The MO facilities as of the reference date, folded by the snapshot's own code (`Snapshot.facilities`)."""
    known = History(facilities).as_of(peildatum).facilities
    return [v for v in known.values() if v.get("type") in MO_TYPES]


def _capacity_of(facilities: list[dict[str, Any]], gemeenten: frozenset[str] | None) -> tuple[int, int]:
    within = [v for v in facilities if gemeenten is None or v.get("gemeente") in gemeenten]
    every = sum(int(v.get("capaciteitPlaatsen") or 0) for v in within)
    acute = sum(int(v.get("capaciteitPlaatsen") or 0) for v in within if v.get("type") == "acute-opvang")
    return every, acute


def _occupancy(numbers: tuple[int, ...] | None, capacity: tuple[int, int]) -> Values:
    occupied, acute = numbers or (0, 0)
    return {
        "bezet": occupied,
        "capaciteit": capacity[0],
        "bezettingsgraad": percentage(occupied, capacity[0]),
        "acuutBezet": acute,
        "acuutCapaciteit": capacity[1],
    }


async def detail(
    session: AsyncSession, doelen: Doelen, reference: ReferenceData, code: str, scope: Scope, window: Window
) -> IndicatorDetailView:
    """indicators.detail of an indicator of `CODES` (all stocks: `op_peildatum`), from SQL: the headline, per
    municipality (the window for each alone), per month (that month as the period, its last day as the reference
    date: compute.per_maand)."""
    found = indicators.indicator(code)
    doel = doelen.voor(code, scope.regio, scope.gemeente)
    kop = headline(found, doel)
    months = months_of(window)
    assert found.op_peildatum, code  # a flow's month keeps the window's reference date (compute.per_maand)
    windows = [window, *(replace(window, van=start, tot=end, peildatum=end) for start, end in months)]
    facilities = await facility_facts(session) if code == "opvangbezetting" else []  # the capacity
    answers = await stock(session, code, windows, window.gemeenten, scope.gemeenten, facilities)
    values, each = answers[0]
    summary = indicators.view_of(Uitkomst(found, values.get(kop), values, doel), scope, window)
    municipalities = [
        GemeenteUitkomstView(gemeente=g, naam=indicators.name_of(reference, g), waarde=each[g].get(kop), waarden=each[g])
        for g in scope.gemeenten
    ]
    trend = [
        MaandUitkomstView(maand=f"{start.year:04d}-{start.month:02d}", waarde=month.get(kop), waarden=month)
        for (start, _), (month, _) in zip(months, answers[1:], strict=True)
    ]
    return IndicatorDetailView(**summary.model_dump(), per_gemeente=municipalities, per_maand=trend)
