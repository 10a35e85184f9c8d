"""The event history as facts, and what it says as of a reference date: journeys, stays, waiting-list entries.

Every indicator is computed from these, so "the situation on 1-1-2024" is the history up to the end of that day,
whenever it is asked. A fact's moment is the time the thing happened as the payload says (admitted on, decided on,
moved in on); the CloudEvents time only where the payload names none: a late event counts on the day it happened."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property, lru_cache
from itertools import chain
from operator import attrgetter
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


@lru_cache(maxsize=8192)
def start_of(day: date) -> datetime:
    """00:00 Dutch time (Europe/Amsterdam) on that day, as a UTC moment: every day boundary of every indicator. Kept
    per day: the conversion costs ~25 µs, and a request asks for the same few days tens of thousands of times."""
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


@dataclass(frozen=True, slots=True)  # slots: a request folds hundreds of thousands of facts, each without a __dict__
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


@dataclass(slots=True)
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


@dataclass(slots=True)
class WaitEntry:
    id: str
    traject_id: UUID | None
    gemeente: str | None
    start: datetime
    end: datetime | None = None
    waited_days: int | None = None
    voorziening: str | None = None  # the list: beschermd-wonen, beschut-wonen, mo
    reden: str | None = None  # why the entry left the list: geplaatst, or another reason (a withdrawal)


class Snapshot:
    """What the history says at the end of one reference date: only facts that had happened by then.

    A view on its History's indexes, not a copy: a fact list per event name and a journey's state are cut from
    the history's moment-ordered lists (bisect) when first asked for, so a request that looks at many reference
    dates (a monthly trend) pays for what each date's indicators read, not for the whole history each time."""

    def __init__(self, peildatum: date, index: _Index) -> None:
        self.peildatum = peildatum
        self.cutoff = start_of(peildatum + timedelta(days=1))
        self._history = index  # the indexes only, not the History that keeps its snapshots: no reference cycle
        self._named: dict[str, list[Fact]] = {}
        self._journeys: dict[UUID, JourneyState | None] = {}

    def named(self, *names: str) -> list[Fact]:
        """The facts with these event names, name by name, each name's in moment order."""
        found: list[Fact] = []
        for name in names:
            if name not in self._named:
                self._named[name] = self._history.named_before(name, self.cutoff)
            found.extend(self._named[name])
        return found

    def journey(self, traject_id: UUID) -> JourneyState | None:
        """The journey's state folded from its facts up to the reference date; None when it had none yet."""
        if traject_id not in self._journeys:
            facts = self._history.journey_before(traject_id, self.cutoff)
            state = None
            if facts:
                state = JourneyState()
                for fact in facts:
                    apply_event(state, fact.moment, fact.event_type, fact.data)
            self._journeys[traject_id] = state
        return self._journeys[traject_id]

    def municipality_of(self, traject_id: UUID | None) -> str | None:
        state = self.journey(traject_id) if traject_id else None
        return (state.verantwoordelijke_gemeente or state.gemeente_melding) if state else None

    def origin_of(self, traject_id: UUID | None) -> str | None:
        state = self.journey(traject_id) if traject_id else None
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


_moment = attrgetter("moment")


def _in_moment_order(fact: Fact) -> tuple[datetime, str]:
    return fact.moment, fact.event_type


class _Index:
    """A history's facts per event name and per journey, each in moment order (cut at a moment by bisect).

    These lists are the only ones that hold the facts: no list of all facts beside them, and no lists of their
    moments (bisect reads a fact's moment itself), so a fact costs the index two list slots."""

    def __init__(self, facts: list[Fact]) -> None:
        self._by_name: dict[str, list[Fact]] = defaultdict(list)
        self._by_journey: dict[UUID, list[Fact]] = defaultdict(list)
        for fact in facts:
            self._by_name[fact.name].append(fact)
            if fact.traject_id is not None:
                self._by_journey[fact.traject_id].append(fact)

    def named_before(self, name: str, cutoff: datetime) -> list[Fact]:
        found = self._by_name.get(name)
        if not found:
            return []
        return found[: bisect.bisect_left(found, cutoff, key=_moment)]

    def journey_before(self, traject_id: UUID, cutoff: datetime) -> list[Fact]:
        found = self._by_journey.get(traject_id)
        if not found:
            return []
        return found[: bisect.bisect_left(found, cutoff, key=_moment)]

    def every_fact(self) -> list[Fact]:
        """All facts in moment order again: a fact's event type names its list, and each list keeps their order."""
        return sorted(chain.from_iterable(self._by_name.values()), key=_in_moment_order)


class History:
    """All facts in moment order, indexed per event name and per journey; snapshots as of any reference date.

    Nothing in it refers back to it (a snapshot holds the index, not the History), so a request's history is freed
    as soon as the request lets go of it, not at the garbage collector's next full pass: at 1M events a fold is a
    gigabyte, and an indicator worker that kept the last one until the next request's collection held two."""

    def __init__(self, facts: list[Fact]) -> None:
        self._index = _Index(sorted(facts, key=_in_moment_order))
        self._snapshots: dict[date, Snapshot] = {}

    @property
    def facts(self) -> list[Fact]:
        """Every fact in moment order, built when asked (the tests compare histories; the indicators read the index)."""
        return self._index.every_fact()

    def as_of(self, peildatum: date) -> Snapshot:
        if peildatum not in self._snapshots:
            self._snapshots[peildatum] = Snapshot(peildatum, self._index)
        return self._snapshots[peildatum]
