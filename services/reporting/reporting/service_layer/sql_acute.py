"""`acuut-langer-dan-8-weken` in SQL over the row read models (issue 18 item 1; the definition:
domain/indicators/acute.py `acuut_langer_dan_8_weken`), for a scope, every municipality and any windows at once.

Each window (reference date and period) is one point: its cutoff (the end of the reference date), its period
`[first, last)` (`Window.first`, `Window.last`) and the bound of the 8-week maximum, all computed here with the pure
code's helpers. Acute stays (`acute._acute`: type acute-opvang, no short stay, no time-out) of the journeys that are
shown, of the version of the journey's rows that holds at the cutoff:

- present: the piece that contains the cutoff (as sql_indicators' stock queries), attributed to its `woonplaats`
  (the journey's municipality as of the cutoff, else the stay's: `s.municipality_of(traject) or st.gemeente`);
  past the maximum (`_past_maximum(st, peildatum)`: peildatum > admission's Dutch date + 56 days) iff the
  admission lies before 00:00 Dutch time of peildatum - 56 days (`maximum`);
- ended in the period (`first <= eind < last`, and `last` is at most the cutoff): the stay's last piece
  (`tot = eind`: the pieces partition `(start, eind]`, so one per stay), attributed to the journey's municipality as
  of the cutoff (the latest `traject_gemeenten` row before it; it may have changed after the stay ended), else the
  stay's; past the maximum iff its Dutch end date > its Dutch admission date + 56 days (both days in the zone
  `dutch_calendar.NL`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import DateTime, Integer, String, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from journey_platform.dutch_calendar import NL
from reporting.domain.indicators.acute import ACUTE_MAX, ACUTE_TYPE
from reporting.domain.indicators.common import Values, Window, percentage
from reporting.domain.indicators.history import start_of

CODE = "acuut-langer-dan-8-weken"

_ACUTE = """
WITH peil(n, grens, eerste, laatste, maximum) AS (SELECT * FROM unnest(:ns, :grenzen, :eersten, :laatsten, :maxima)),
acuut AS (
    SELECT p.n, v.woonplaats AS gemeente, true AS aanwezig, v.start < p.maximum AS voorbij
    FROM peil p
    JOIN verblijven v ON v.van < p.grens AND (v.tot IS NULL OR v.tot >= p.grens)
        AND (v.geldig_vanaf IS NULL OR v.geldig_vanaf < p.grens) AND (v.geldig_tot IS NULL OR v.geldig_tot >= p.grens)
    JOIN trajecten t ON t.id = v.traject_id AND t.verantwoordelijke_gemeente IS NOT NULL
    WHERE v.type = :acuut AND NOT v.kort_verblijf AND NOT v.time_out
    UNION ALL
    SELECT p.n, coalesce(nullif(g.gemeente, ''), v.gemeente), false,
           (v.eind AT TIME ZONE :zone)::date > (v.start AT TIME ZONE :zone)::date + :dagen
    FROM peil p
    JOIN verblijven v ON v.eind >= p.eerste AND v.eind < p.laatste AND v.tot = v.eind
        AND (v.geldig_vanaf IS NULL OR v.geldig_vanaf < p.grens) AND (v.geldig_tot IS NULL OR v.geldig_tot >= p.grens)
    JOIN trajecten t ON t.id = v.traject_id AND t.verantwoordelijke_gemeente IS NOT NULL
    LEFT JOIN LATERAL (
        SELECT m.gemeente FROM traject_gemeenten m
        WHERE m.traject_id = v.traject_id AND m.vanaf < p.grens ORDER BY m.vanaf DESC LIMIT 1
    ) g ON true
    WHERE v.type = :acuut AND NOT v.kort_verblijf AND NOT v.time_out
)
SELECT n, GROUPING(gemeente) = 1 AS totaal, gemeente,
       count(*) FILTER (WHERE aanwezig), count(*) FILTER (WHERE aanwezig AND voorbij),
       count(*) FILTER (WHERE NOT aanwezig), count(*) FILTER (WHERE NOT aanwezig AND voorbij)
FROM acuut WHERE :alle OR gemeente = ANY(:gemeenten)
GROUP BY GROUPING SETS ((n), (n, gemeente))
"""


async def acute(
    session: AsyncSession, windows: Sequence[Window], gemeenten: frozenset[str] | None, municipalities: Sequence[str]
) -> list[tuple[Values, dict[str, Values]]]:
    """The indicator for each window: for the scope (`gemeenten`, None: every municipality), and for each of
    `municipalities` alone (the windows' own `gemeenten` are not read)."""
    moments = ARRAY(DateTime(timezone=True))
    statement = text(_ACUTE).bindparams(
        bindparam("ns", type_=ARRAY(Integer)),
        bindparam("grenzen", type_=moments),
        bindparam("eersten", type_=moments),
        bindparam("laatsten", type_=moments),
        bindparam("maxima", type_=moments),
        bindparam("zone", type_=String),
        bindparam("dagen", type_=Integer),
        bindparam("gemeenten", type_=ARRAY(String)),
    )
    rows = await session.execute(
        statement,
        {
            "ns": list(range(len(windows))),
            "grenzen": [start_of(w.peildatum + timedelta(days=1)) for w in windows],
            "eersten": [w.first for w in windows],
            "laatsten": [w.last for w in windows],
            "maxima": [start_of(w.peildatum - ACUTE_MAX) for w in windows],
            "zone": NL.key,
            "dagen": ACUTE_MAX.days,
            "acuut": ACUTE_TYPE,
            "alle": gemeenten is None,
            "gemeenten": sorted(gemeenten or ()),
        },
    )
    totals, counts = grouped(rows, len(windows))
    return [(_values(totals[i]), {g: _values(counts[i].get(g)) for g in municipalities}) for i in range(len(windows))]


def grouped(rows: Iterable[Any], size: int) -> tuple[list[tuple[int, ...] | None], list[dict[str | None, tuple[int, ...]]]]:
    """A GROUPING SETS ((n), (n, gemeente)) answer's numbers: per point n, the scope's total (None: no rows) and
    each municipality's."""
    totals: list[tuple[int, ...] | None] = [None] * size
    counts: list[dict[str | None, tuple[int, ...]]] = [{} for _ in range(size)]
    for n, totaal, gemeente, *numbers in rows:
        if totaal:
            totals[n] = tuple(numbers)
        else:
            counts[n][gemeente] = tuple(numbers)
    return totals, counts


def _values(numbers: tuple[int, ...] | None) -> Values:
    present, over, ended, ended_over = numbers or (0, 0, 0, 0)
    return {
        "inAcuteOpvang": present,
        "langerDan8Weken": over,
        "aandeelLangerDan8Weken": percentage(over, present),
        "beeindigd": ended,
        "beeindigdLangerDan8Weken": ended_over,
    }
