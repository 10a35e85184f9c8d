"""The read models of a stored history as rows, folded in memory in journey order (no database access here).

The replay (reporting/replay.py) reads the history in batches and hands each to `Fold.add`, which returns the rows
the projector would have written for those events, event by event, in that order (projector.project_onto_journey
and read_models.attribute): the timeline rows, the provider links and the attributions that are new, the moments
that differ from the stored ones, and which journeys changed. The journey rows themselves (`trajecten`) stay in
memory (`JourneyFold.row`) until the caller writes them (`Fold.journey_rows`), so a journey spread over many
batches is written once per commit, not once per event.

The result is the live projection's in journey order, exactly, including its two ways of folding:
- an event after the journey's last one continues from the journey's row (`_state_of` in the projector): the
  row keeps a value the event would clear (a field never goes back to None), and a journey opens in `gemeld`;
- an event at the same moment as the journey's last one (or earlier) is late: the projector folds the whole
  journey again from a fresh state (`refold`) and rewrites every timeline row's phase and actor.
Both give the same rows unless a journey starts without a phase or an event clears a field; so each journey keeps
the fresh fold (`JourneyFold.fresh`) and its row, and while they agree (almost always) one fold does for both.
Timeline rows whose phase or actor differ from the fresh fold's are remembered (`JourneyFold.off`) so that a
later refold can rewrite them (`Rows.rewrites`), also when they were written in an earlier batch.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from journey_platform.contracts import versions
from reporting.domain.indicators.attribution import attribution_of
from reporting.domain.indicators.history import moment_of
from reporting.domain.journey import Fase, event_name, producer_of
from reporting.domain.journey_state import STATE_FIELDS, JourneyState, apply_event, timeline_values

# Column order of the rows below (the tables' column names: the writer passes them to COPY or INSERT).
JOURNEY_COLUMNS = ("id", "client_id", *STATE_FIELDS)
TIMELINE_COLUMNS = (
    "event_id",
    "traject_id",
    "tijdstip",
    "volgnummer",
    "registratie",
    "gebeurtenis",
    "dienst",
    "actor_type",
    "actor",
    "fase",
    "gegevens",
)
PROVIDER_COLUMNS = ("traject_id", "zorgaanbieder")
ATTRIBUTION_COLUMNS = ("traject_id", "soort", "waarde")

Values = tuple[str, str, str | None]  # a timeline row's fase, actor_type, actor


class Stored(NamedTuple):
    """One stored event as the replay reads it (`gebeurtenissen`); `text` is its payload as stored, when read so."""

    event_id: uuid.UUID
    traject_id: uuid.UUID | None
    tijdstip: datetime
    volgnummer: int | None
    registratie: str | None
    event_type: str
    data: dict[str, Any]
    moment: datetime | None
    text: str | None = None


class Payload(NamedTuple):
    """A timeline row's `gegevens`: the payload read as the newest contract, and its stored text when that is it."""

    data: dict[str, Any]
    text: str | None


@dataclass
class JourneyFold:
    """One journey during the fold: its row as the projector keeps it, the fresh fold, and what it has written."""

    id: uuid.UUID
    client_id: uuid.UUID
    row: dict[str, Any]
    fresh: JourneyState = field(default_factory=JourneyState)
    diverged: bool = False  # the row is not the fresh fold's state (see the module docstring)
    off: dict[uuid.UUID, Values] = field(default_factory=dict)  # timeline rows not at the fresh fold's values: those
    providers: set[str] = field(default_factory=set)
    attributions: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def opened_by(cls, traject_id: uuid.UUID, data: dict[str, Any], tijdstip: datetime) -> JourneyFold:
        """As the projector creates a journey on its first event (before the event is applied)."""
        row: dict[str, Any] = dict.fromkeys(STATE_FIELDS)
        row.update(fase=Fase.gemeld.value, fase_sinds=tijdstip, geopend_op=tijdstip, bijgewerkt_op=tijdstip, status="open")
        return cls(traject_id, uuid.UUID(str(data["clientId"])), row)

    def as_row(self) -> tuple[Any, ...]:
        return (self.id, self.client_id, *(self.row[f] for f in STATE_FIELDS))


@dataclass
class Rows:
    """What one batch adds: rows to insert, moments to set, timeline rows to rewrite, journeys opened and changed."""

    timeline: list[tuple[Any, ...]] = field(default_factory=list)
    providers: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    attributions: list[tuple[uuid.UUID, str, str]] = field(default_factory=list)
    moments: list[tuple[uuid.UUID, datetime]] = field(default_factory=list)  # (event_id, moment) where it differs
    rewrites: list[tuple[uuid.UUID, str, str, str | None]] = field(default_factory=list)  # (event_id, *Values)
    opened: list[uuid.UUID] = field(default_factory=list)  # journeys first seen in this batch
    touched: set[uuid.UUID] = field(default_factory=set)  # journeys an event of this batch changed
    journeys: list[tuple[Any, ...]] = field(default_factory=list)  # the opened journeys' rows at the batch's end


class Fold:
    """The fold of one replay: every journey seen so far, in memory (a few hundred bytes each)."""

    def __init__(self) -> None:
        self.journeys: dict[uuid.UUID, JourneyFold] = {}
        self._current: dict[str, bool] = {}  # per stored type: is it its contract's newest version
        self._names: dict[str, tuple[str, str]] = {}  # per type read: (event name, producer)

    def add(self, events: Iterable[Stored], rows: Rows | None = None) -> Rows:
        """Fold the events (in journey order, after every event added before) into rows (added to `rows` if given);
        `Rows.journeys` holds the opened journeys' rows as they stand after these events."""
        rows = Rows() if rows is None else rows
        for stored in events:
            event_type, data = stored.event_type, stored.data
            current = self._current.get(event_type)
            if current is None:
                newest = versions.newest_contract(event_type)
                current = self._current[event_type] = newest is None or newest.event_type() == event_type
            if not current:
                event_type, data = versions.upcast(event_type, data)
            names = self._names.get(event_type)
            if names is None:
                names = self._names[event_type] = (event_name(event_type), producer_of(event_type))
            moment = moment_of(names[0], data, stored.tijdstip)
            if moment != stored.moment:
                rows.moments.append((stored.event_id, moment))
            if stored.traject_id is not None:
                self._project(stored, event_type, data, names, moment, rows)
        rows.journeys = list(self.journey_rows(rows.opened))
        return rows

    def _project(
        self, stored: Stored, event_type: str, data: dict[str, Any], names: tuple[str, str], moment: datetime, rows: Rows
    ) -> None:
        traject_id, tijdstip = stored.traject_id, stored.tijdstip
        assert traject_id is not None
        journey = self.journeys.get(traject_id)
        if journey is None:
            journey = self.journeys[traject_id] = JourneyFold.opened_by(traject_id, data, tijdstip)
            rows.opened.append(traject_id)
            late = fresh = True
        else:
            late, fresh = tijdstip <= journey.row["bijgewerkt_op"], False
        rows.touched.add(traject_id)
        step = apply_event(journey.fresh, tijdstip, event_type, data, moment)
        values = timeline_values(step, journey.fresh)
        if late and not fresh:  # the projector's refold: every timeline row gets the fresh fold's values
            rows.rewrites.extend((event_id, *fold_values) for event_id, fold_values in journey.off.items())
            journey.off.clear()
        if late or not journey.diverged:  # the row's state is the fresh fold's (or the fresh fold is what is saved)
            journey.diverged = _save(journey.row, journey.fresh)
        else:
            state = _state_of(journey.row)
            own = timeline_values(apply_event(state, tijdstip, event_type, data, moment), state)
            _save(journey.row, state)
            journey.diverged = _differs(journey.row, journey.fresh)
            if own != values:
                journey.off[stored.event_id] = values
                values = own
        text = stored.text if data is stored.data else None
        rows.timeline.append(
            (
                stored.event_id,
                traject_id,
                tijdstip,
                stored.volgnummer,
                stored.registratie,
                *names,
                *_actor(values),
                Payload(data, text),
            )
        )
        provider = data.get("zorgaanbieder")
        if provider and str(provider) not in journey.providers:
            journey.providers.add(str(provider))
            rows.providers.append((traject_id, str(provider)))
        for named in attribution_of(stored.data, data).difference(journey.attributions):
            journey.attributions.add(named)
            rows.attributions.append((traject_id, *named))

    def journey_rows(self, ids: Iterable[uuid.UUID]) -> Iterator[tuple[Any, ...]]:
        """The journeys' rows as they stand (`JOURNEY_COLUMNS`)."""
        return (self.journeys[i].as_row() for i in ids)

    def resume(self, journey: JourneyFold, history: Iterable[Stored], written: dict[uuid.UUID, Values]) -> None:
        """Take up a journey an earlier, interrupted replay wrote (its row, providers and attributions as stored):
        fold its events up to there again, to know the fresh fold and which timeline rows (`written`) differ."""
        for stored in history:
            event_type, data = versions.upcast(stored.event_type, stored.data)
            step = apply_event(
                journey.fresh, stored.tijdstip, event_type, data, moment_of(event_name(event_type), data, stored.tijdstip)
            )
            values = timeline_values(step, journey.fresh)
            if stored.event_id in written and written[stored.event_id] != values:
                journey.off[stored.event_id] = values
        journey.diverged = _differs(journey.row, journey.fresh)
        self.journeys[journey.id] = journey


def _actor(values: Values) -> tuple[str, str | None, str]:
    """`Values` in the timeline's column order (actor_type, actor, fase)."""
    return values[1], values[2], values[0]


def _state_of(row: dict[str, Any]) -> JourneyState:
    state = JourneyState(**{f: row[f] for f in STATE_FIELDS})
    state.fase = Fase(row["fase"])
    return state


def _save(row: dict[str, Any], state: JourneyState) -> bool:
    """As the projector's `_save_state`: every value the state has; True when the row keeps one the state lacks."""
    kept = False
    values = vars(state)
    for f in STATE_FIELDS:
        value = values[f]
        if value is not None:
            row[f] = value
        elif row[f] is not None:
            kept = True
    if state.fase is not None:
        row["fase"] = state.fase.value
    return kept


def _differs(row: dict[str, Any], state: JourneyState) -> bool:
    return any(row[f] != (v.value if isinstance(v := getattr(state, f), Fase) else v) for f in STATE_FIELDS)
