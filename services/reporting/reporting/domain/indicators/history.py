"""The event history as facts, and what it says as of a reference date: journeys, stays, waiting-list entries.

Every indicator is computed from these, so "the situation on 1-1-2024" is the history up to the end
of that day, whenever it is asked. A fact's moment is the time the thing happened as the payload says
(admitted on, decided on, moved in on); the CloudEvents time only where the payload names none, so a
late event counts on the day it happened.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from typing import Any
from uuid import UUID

from reporting.domain.journey import event_name
from reporting.domain.journey_state import JourneyState, apply_event

MO_TYPES = frozenset(
    {
        "nachtopvang",
        "acute-opvang",
        "24-uursopvang",
        "crisisopvang",
        "doorstroomvoorziening",
        "tijdelijke-opvang-met-begeleiding",
        "jongerenopvang",
        "bed-en-break",
    }
)
BW_TYPES = frozenset({"beschermd-wonen", "beschut-wonen"})
HOME_DESTINATIONS = frozenset({"eigen-woning", "housing-first"})

# The payload field that says when the fact happened, per event name.
MOMENT_FIELD = {
    "melding-geregistreerd": "meldDatum",
    "beschikking-afgegeven": "besluitDatum",
    "opname-geregistreerd": "opgenomenOp",
    "opname-geweigerd": "geweigerdOp",
    "capaciteit-gewijzigd": "gewijzigdOp",
    "checklist-item-afgerond": "afgerondOp",
    "ondersteuningsplan-vastgesteld": "vastgesteldOp",
    "aangemeld-op-wachtlijst": "aangemeldOp",
    "wachtlijst-aanbod-gedaan": "aangebodenOp",
    "wachtlijst-verlaten": "verlatenOp",
    "plaatsing-gerealiseerd": "geplaatstOp",
    "uitstroomgereed-verklaard": "verklaardOp",
    "uitgestroomd": "uitgestroomdOp",
    "client-verhuisd-bij-aanbiederuitval": "verhuisdOp",
    "match-voorgesteld": "voorgesteldOp",
    "aanbod-gedaan": "gedaanOp",
    "aanbod-geaccepteerd": "geaccepteerdOp",
    "aanbod-afgewezen": "afgewezenOp",
    "verhuisd": "verhuisdOp",
    "warme-overdracht-gestart": "gestartOp",
    "warme-overdracht-bevestigd": "bevestigdOp",
    "woning-ingetrokken": "ingetrokkenOp",
    "traject-afgesloten": "afgeslotenOp",
}


def start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def parse_moment(value: Any) -> datetime | None:
    if not value:
        return None
    text = str(value)
    if len(text) == 10:
        return start_of(date.fromisoformat(text))
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Fact:
    event_type: str
    moment: datetime
    traject_id: UUID | None
    data: dict[str, Any]

    @classmethod
    def of(cls, event_type: str, recorded: datetime, traject_id: UUID | None, data: dict[str, Any]) -> Fact:
        moment = parse_moment(data.get(MOMENT_FIELD.get(event_name(event_type), ""))) or recorded
        return cls(event_type, moment, traject_id, data)

    @property
    def name(self) -> str:
        return event_name(self.event_type)

    @property
    def client_id(self) -> str | None:
        return self.data.get("clientId")


@dataclass
class Stay:
    """A client's stay in a shelter or BW facility, from admission or placement until outflow or transfer."""

    id: str
    traject_id: UUID | None
    client_id: str | None
    voorziening_id: str | None
    type: str
    gemeente: str | None
    start: datetime
    end: datetime | None = None
    kort_verblijf: bool = False

    def open_at(self, moment: datetime) -> bool:
        return self.start < moment and (self.end is None or self.end >= moment)

    def overlaps(self, first: datetime, last: datetime) -> bool:
        return self.start < last and (self.end is None or self.end >= first)


@dataclass
class WaitEntry:
    id: str
    traject_id: UUID | None
    gemeente: str | None
    start: datetime
    end: datetime | None = None
    waited_days: int | None = None


@dataclass
class Snapshot:
    """What the history says at the end of one reference date: only facts that had happened by then."""

    peildatum: date
    facts: list[Fact]
    by_name: dict[str, list[Fact]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        grouped: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.facts:
            grouped[fact.name].append(fact)
        self.by_name = dict(grouped)

    @property
    def cutoff(self) -> datetime:
        return start_of(self.peildatum + timedelta(days=1))

    def named(self, *names: str) -> list[Fact]:
        return [f for n in names for f in self.by_name.get(n, [])]

    @cached_property
    def journeys(self) -> dict[UUID, JourneyState]:
        states: dict[UUID, JourneyState] = defaultdict(JourneyState)
        for fact in self.facts:
            if fact.traject_id is not None:
                apply_event(states[fact.traject_id], fact.moment, fact.event_type, fact.data)
        return dict(states)

    def municipality_of(self, traject_id: UUID | None) -> str | None:
        state = self.journeys.get(traject_id) if traject_id else None
        return (state.verantwoordelijke_gemeente or state.gemeente_melding) if state else None

    def origin_of(self, traject_id: UUID | None) -> str | None:
        state = self.journeys.get(traject_id) if traject_id else None
        return (state.gemeente_van_herkomst or state.verantwoordelijke_gemeente) if state else None

    @cached_property
    def facilities(self) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for fact in self.named("voorziening-geregistreerd", "capaciteit-gewijzigd"):
            found.setdefault(str(fact.data["voorzieningId"]), {}).update(fact.data)
        return found

    @cached_property
    def stays(self) -> list[Stay]:
        from reporting.domain.indicators.stays import derive_stays

        return derive_stays(self)

    @cached_property
    def wait_entries(self) -> list[WaitEntry]:
        entries = {
            str(f.data["wachtlijstId"]): WaitEntry(str(f.data["wachtlijstId"]), f.traject_id, f.data.get("gemeente"), f.moment)
            for f in self.named("aangemeld-op-wachtlijst")
        }
        for fact in self.named("wachtlijst-verlaten"):
            entry = entries.get(str(fact.data["wachtlijstId"]))
            if entry is not None:
                entry.end, entry.waited_days = fact.moment, fact.data.get("wachttijdDagen")
        return list(entries.values())


class History:
    """All facts in moment order; snapshots as of any reference date, each computed once."""

    def __init__(self, facts: list[Fact]) -> None:
        self.facts = sorted(facts, key=lambda f: (f.moment, f.event_type))
        self._moments = [f.moment for f in self.facts]
        self._snapshots: dict[date, Snapshot] = {}

    def as_of(self, peildatum: date) -> Snapshot:
        if peildatum not in self._snapshots:
            end = bisect.bisect_left(self._moments, start_of(peildatum + timedelta(days=1)))
            self._snapshots[peildatum] = Snapshot(peildatum, self.facts[:end])
        return self._snapshots[peildatum]
