"""A journey's row read models (issue 18 item 1): its stays, and its responsible municipality over time, derived
from all of its facts with the same pure code the indicators fold (`derive_stays`, `JourneyState`), so that the rows
cut at a reference date's end are what `History.as_of(peildatum)` derives. Why the cut is exact:

- Stays. `derive_stays` is a left fold over the stay facts in moment order (a stable sort: among facts of one
  moment, the order of `_STAY_EVENTS`, then the history's (moment, event type, journey order)). A snapshot's stay
  facts are a prefix of that sequence: all facts with a moment before the cutoff (ties fall in or out together).
  So the state after the snapshot's facts is the state part-way through the full fold: a stay exists as of the
  cutoff iff its start (the moment of the fact that began it) lies before it, and its end as of the cutoff is the
  full fold's end if that lies before the cutoff, else none. `Stay.open_at(cutoff)` reads the same either way
  (an end at or after the cutoff counts as open); a query that needs the end itself cuts it (`eind < cutoff`).
  Nothing else of a stay changes after its start: its type, municipality, facility and flags are set when it begins.
- The fold is per journey. Every lookup of `derive_stays` stays within the fact's journey (`_end` falls back to
  the journey's own open stays; a move's stay id is `operatieId:trajectId`), except the stay id itself: the rows
  assume an admission's, placement's or outflow's stay id names a stay of the same journey (placement mints a
  fresh id per admission and placement). A stay fact without a journey (an event without a subject) has no rows.
- A stay id begun twice in one journey: the fold keeps the later stay from that moment; the earlier one is a row
  valid for reference cutoffs up to that moment (`geldig_tot`).
- Facilities. The one fact from outside the journey is the facility a client moved to after a provider failure
  (`_move_after_failure` reads `snapshot.facilities`: type and municipality of the target as of the reference date,
  not as of the move). So a journey with such a move has a version of its stays per interval between the moments
  of the target facilities' facts after its first move: version i folds the facility facts up to bound i and holds
  for cutoffs in (bound i, bound i+1] (`geldig_vanaf` exclusive, `geldig_tot` inclusive, none at the ends); a
  journey without moves has one version. A facility event re-derives the journeys that moved to that facility.
- Resident municipality. `verblijven` holds each stay (version) in pieces `(van, tot]` split where the journey's
  municipality changes while it runs, each with the municipality its resident counts in (`resident_segments`), so
  that a query for many reference dates needs no lookup per stay and date.
- Municipality. `Snapshot.municipality_of` folds the journey's facts before the cutoff into a `JourneyState` (in the
  history's order) and reads `verantwoordelijke_gemeente or gemeente_melding`; the rows are that value after each
  moment's facts, one row per moment where it changes (`vanaf`): as of a cutoff, the row with the latest moment
  before it (none: no municipality, the stay's own counts, as in `_resident`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from operator import attrgetter
from typing import Any
from uuid import UUID

from reporting.domain.indicators.history import Fact, History, Stay
from reporting.domain.indicators.stays import derive_stays_and_replaced
from reporting.domain.journey_state import MUNICIPALITY_EVENTS, JourneyState, apply_event

MOVE = "client-verhuisd-bij-aanbiederuitval"
STAY_EVENTS = frozenset({"opname-geregistreerd", "plaatsing-gerealiseerd", "uitgestroomd", MOVE})
FACILITY_EVENTS = frozenset({"voorziening-geregistreerd", "capaciteit-gewijzigd"})
# The events of a journey that can change its rows: a stay fact, or one that names its municipality.
ROW_EVENTS = STAY_EVENTS | MUNICIPALITY_EVENTS
_LAST_DAY = date(9999, 12, 1)  # a reference date after every fact: the whole history


@dataclass(frozen=True, slots=True)
class StayRow:
    stay: Stay
    versie: int
    verhuisd: bool  # begun by a move after a provider failure: its type and municipality read the facility's facts
    geldig_vanaf: datetime | None  # this version holds for reference cutoffs after this moment (none: from the start)
    geldig_tot: datetime | None  # ... up to and including this one (none: ever after)

    def values(self) -> dict[str, Any]:
        s = self.stay
        return {
            "traject_id": s.traject_id,
            "verblijf_id": s.id,
            "versie": self.versie,
            "client_id": s.client_id,
            "voorziening_id": s.voorziening_id,
            "type": s.type,
            "gemeente": s.gemeente,
            "start": s.start,
            "eind": s.end,
            "kort_verblijf": s.kort_verblijf,
            "time_out": s.time_out,
            "verhuisd": self.verhuisd,
            "geldig_vanaf": self.geldig_vanaf,
            "geldig_tot": self.geldig_tot,
        }


def stay_rows(facts: list[Fact], facility_facts: list[Fact]) -> list[StayRow]:
    """The journey's stays (its facts and the facility facts each in journey order), version by version."""
    moves = [f for f in facts if f.name == MOVE]
    if not moves:
        return _version(facts, [], 0, None, None)
    first = min(f.moment for f in moves)
    targets = {str(f.data["naarVoorzieningId"]) for f in moves if f.data.get("naarVoorzieningId")}
    relevant = [f for f in facility_facts if str(f.data.get("voorzieningId")) in targets]
    bounds = [first, *sorted({f.moment for f in relevant if f.moment > first})]
    rows: list[StayRow] = []
    for i, bound in enumerate(bounds):
        known = [f for f in relevant if f.moment <= bound]
        until = bounds[i + 1] if i + 1 < len(bounds) else None
        rows += _version(facts, known, i, bound if i else None, until)
    return rows


def _version(
    facts: list[Fact], facility_facts: list[Fact], versie: int, vanaf: datetime | None, tot: datetime | None
) -> list[StayRow]:
    snapshot = History([*facts, *facility_facts]).as_of(_LAST_DAY)
    stays, replaced = derive_stays_and_replaced(snapshot)
    rows = [StayRow(s, versie, _moved(s), vanaf, tot) for s in stays]
    for stay, moment in replaced:  # held until the moment the later stay of its id began, within this version
        until = moment if tot is None else min(moment, tot)
        if vanaf is None or until > vanaf:
            rows.append(StayRow(stay, versie, _moved(stay), vanaf, until))
    return rows


def _moved(stay: Stay) -> bool:
    """Begun by `_move_after_failure` (its id is `operatieId:trajectId`)."""
    return stay.id.endswith(f":{stay.traject_id}")


def resident_segments(row: StayRow, municipalities: list[MunicipalityRow]) -> list[dict[str, Any]]:
    """The stay row split where its journey's municipality changes while it runs: each piece `(van, tot]` with the
    municipality the stay's resident counts in for a cutoff in it (`_resident`: the journey's as of the cutoff, else
    the stay's own). For a cutoff c in (van, tot] the latest municipality row before c is the latest at or before
    `van`: no row's moment lies inside the piece (those are its bounds). The pieces partition (start, eind]: a stay
    is open at c iff exactly one of its pieces contains c, so counting pieces counts stays."""
    s = row.stay
    inner = [m.vanaf for m in municipalities if s.start < m.vanaf and (s.end is None or m.vanaf < s.end)]
    bounds = [s.start, *inner]
    pieces = []
    for i, van in enumerate(bounds):
        tot = bounds[i + 1] if i + 1 < len(bounds) else s.end
        known = [m.gemeente for m in municipalities if m.vanaf <= van]
        pieces.append({**row.values(), "van": van, "tot": tot, "woonplaats": (known[-1] if known else None) or s.gemeente})
    return pieces


@dataclass(frozen=True, slots=True)
class MunicipalityRow:
    traject_id: UUID
    vanaf: datetime
    gemeente: str | None

    def values(self) -> dict[str, Any]:
        return {"traject_id": self.traject_id, "vanaf": self.vanaf, "gemeente": self.gemeente}


def municipality_rows(traject_id: UUID, facts: list[Fact]) -> list[MunicipalityRow]:
    """The journey's responsible municipality (as `Snapshot.municipality_of`) from each moment it changes."""
    state, current, rows = JourneyState(), None, []
    in_order = sorted(facts, key=lambda f: (f.moment, f.event_type))  # as History sorts them: stable, journey order
    for moment, group in groupby(in_order, key=attrgetter("moment")):
        for fact in group:
            apply_event(state, fact.moment, fact.event_type, fact.data)
        value = state.verantwoordelijke_gemeente or state.gemeente_melding
        if value != current:
            rows.append(MunicipalityRow(traject_id, moment, value))
            current = value
    return rows
