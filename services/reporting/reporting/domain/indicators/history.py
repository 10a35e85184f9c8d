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
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any
from uuid import UUID

from journey_platform.dutch_calendar import start_of_day
from reporting.domain.journey import event_name
from reporting.domain.journey_state import JourneyState, apply_event

if TYPE_CHECKING:
    from reporting.domain.indicators.stays import MoPeriod

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
# Bed & Break / time-out: a short stay next to a client's running BW or support, not a period in MO (seed 002 fn 9).
TIME_OUT_TYPES = frozenset({"bed-en-break"})
# Seed 002 fn 10: "24-uursopvang, crisisopvang en ambulante crisisopvang": every MO type with a place day
# and night (acute shelter is the crisis shelter); not the night shelter, not Bed & Break.
LONG_TRAJECTORY_TYPES = MO_TYPES - {"nachtopvang"} - TIME_OUT_TYPES
# The lists of the central waiting list that are BW (seed 002 fn 8: beschut wonen counts as BW).
BW_WAITING_LISTS = frozenset({"beschermd-wonen", "beschut-wonen"})
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
    "wachtlijst-aanbod-afgewezen": "afgewezenOp",
    "trajectcontrole-uitgevoerd": "uitgevoerdOp",
    "toestemming-ingetrokken": "ingetrokkenOp",
    "traject-afgesloten": "afgeslotenOp",
    "nazorgplan-opgesteld": "gestartOp",
    "nazorgcontact-vastgelegd": "contactOp",
    "terugvalsignaal-gemeld": "gemeldOp",
}


def start_of(day: date) -> datetime:
    """00:00 Dutch time (Europe/Amsterdam) on that day, as a UTC moment: every day boundary of every indicator."""
    return start_of_day(day).astimezone(UTC)


def parse_moment(value: Any) -> datetime | None:
    """A payload's moment; a bare date (meldDatum, besluitDatum) is that Dutch day from its start."""
    if not value:
        return None
    text = str(value)
    if len(text) == 10:
        return start_of(date.fromisoformat(text))
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def moment_of(name: str, data: dict[str, Any], recorded: datetime) -> datetime:
    """When the fact happened as its payload says (`MOMENT_FIELD`); when it was recorded where the payload names none."""
    return parse_moment(data.get(MOMENT_FIELD.get(name, ""))) or recorded


@dataclass(frozen=True)
class Fact:
    event_type: str
    moment: datetime
    traject_id: UUID | None
    data: dict[str, Any]

    @classmethod
    def of(cls, event_type: str, recorded: datetime, traject_id: UUID | None, data: dict[str, Any]) -> Fact:
        return cls(event_type, moment_of(event_name(event_type), data, recorded), traject_id, data)

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
    time_out: bool = False

    @property
    def counts_as_mo(self) -> bool:
        """A period in MO as the seeds count it: an MO type, not Bed & Break/time-out, not an out-of-region short stay."""
        return self.type in MO_TYPES and not self.time_out and not self.kort_verblijf

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
    voorziening: str | None = None  # the list: beschermd-wonen, beschut-wonen, mo
    reden: str | None = None  # why the entry left the list: geplaatst, or another reason (a withdrawal)


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
    def mo_periods(self) -> list[MoPeriod]:
        from reporting.domain.indicators.stays import mo_periods

        return mo_periods(self.stays)

    @cached_property
    def wait_entries(self) -> list[WaitEntry]:
        entries = {
            str(f.data["wachtlijstId"]): WaitEntry(
                str(f.data["wachtlijstId"]), f.traject_id, f.data.get("gemeente"), f.moment, voorziening=f.data.get("voorziening")
            )
            for f in self.named("aangemeld-op-wachtlijst")
        }
        for fact in self.named("wachtlijst-verlaten"):
            entry = entries.get(str(fact.data["wachtlijstId"]))
            if entry is not None:
                entry.end, entry.waited_days = fact.moment, fact.data.get("wachttijdDagen")
                entry.reden = fact.data.get("redenCode")
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
