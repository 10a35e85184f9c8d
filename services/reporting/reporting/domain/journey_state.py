"""A journey's current state as a fold over its events in time order.

Folding the same events in time order always gives the same state, whatever order they arrived in:
that is what lets a late event be absorbed by folding again, and a replay rebuild identical read models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reporting.domain.journey import ActorType, Data, Fase, actor_of, event_name, next_phase

# Which event names say who the responsible municipality (woonplaatsbeginsel) is, and in which field.
_RESPONSIBLE_FIELD = {
    "melding-geregistreerd": "verantwoordelijkeGemeente",
    "beschikking-afgegeven": "verantwoordelijkeGemeente",
    "uitstroomgereed-verklaard": "verantwoordelijkeGemeente",
    "verantwoordelijke-gemeente-gewijzigd": "naarGemeente",
}
_REPORTED_FIELD = {"melding-geregistreerd": "gemeenteMelding", "preventiezaak-geopend": "gemeente"}


@dataclass
class JourneyState:
    fase: Fase | None = None
    fase_sinds: datetime | None = None
    gemeente_melding: str | None = None
    verantwoordelijke_gemeente: str | None = None
    gemeente_van_herkomst: str | None = None
    regio: str | None = None
    zorgaanbieder: str | None = None
    zorgaanbieders: set[str] = field(default_factory=set)
    geopend_op: datetime | None = None
    bijgewerkt_op: datetime | None = None


@dataclass(frozen=True)
class Step:
    """What one event did to the journey: the phase after it and who acted."""

    fase: Fase | None
    actor_type: ActorType
    actor: str | None


def apply_event(state: JourneyState, time: datetime, event_type: str, data: Data, moment: datetime | None = None) -> Step:
    """`time` orders the fold; `moment`, when the payload says when the fact happened (a backdated or late fact),
    is when the phase it starts began."""
    name = event_name(event_type)
    phase = next_phase(state.fase, event_type, data)
    if phase is not None and phase != state.fase:
        state.fase, state.fase_sinds = phase, moment or time
    if name in _REPORTED_FIELD and data.get(_REPORTED_FIELD[name]):
        state.gemeente_melding = str(data[_REPORTED_FIELD[name]])
    responsible = data.get(_RESPONSIBLE_FIELD.get(name, ""))
    if responsible:
        state.verantwoordelijke_gemeente = str(responsible)
    state.verantwoordelijke_gemeente = state.verantwoordelijke_gemeente or state.gemeente_melding
    if data.get("gemeenteVanHerkomst") and state.gemeente_van_herkomst is None:
        state.gemeente_van_herkomst = str(data["gemeenteVanHerkomst"])
    if data.get("regio"):
        state.regio = str(data["regio"])
    if data.get("zorgaanbieder"):
        state.zorgaanbieder = str(data["zorgaanbieder"])
        state.zorgaanbieders.add(state.zorgaanbieder)
    state.geopend_op = min(state.geopend_op or time, time)
    state.bijgewerkt_op = max(state.bijgewerkt_op or time, time)
    actor_type, actor = actor_of(event_type, data)
    if actor is None and actor_type is ActorType.zorgaanbieder:
        actor = state.zorgaanbieder  # the provider guiding the client at that moment
    return Step(phase, actor_type, actor)
