"""A journey's current state as a fold over its events in time order.

Folding the same events in time order always gives the same state, whatever order they arrived in:
that is what lets a late event be absorbed by folding again, and a replay rebuild identical read models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from reporting.domain.journey import ActorType, Data, Fase, actor_of, event_name, next_phase, parse_moment

# The responsible municipality (woonplaatsbeginsel) has one owner, intake: it is decided at the journey's first report
# (or early signal) and changes only through intake's explicit change. No other event, and no repeat report, moves it.
# Until reporting has seen the first report (a late one, or a history without it), the first event that carries
# intake's word sets it: a decision, or placement's ready-to-leave, which copies it from intake's events.
_FIRST_RESPONSIBLE_FIELD = {
    "melding-geregistreerd": "verantwoordelijkeGemeente",
    "preventiezaak-geopend": "gemeente",
    "beschikking-afgegeven": "verantwoordelijkeGemeente",
    "uitstroomgereed-verklaard": "verantwoordelijkeGemeente",
}
_CHANGED_RESPONSIBLE_FIELD = {"verantwoordelijke-gemeente-gewijzigd": "naarGemeente"}
# The municipality of the journey's first report, as intake keeps it: a repeat report elsewhere does not move it.
_REPORTED_FIELD = {"melding-geregistreerd": "gemeenteMelding", "preventiezaak-geopend": "gemeente"}
# The events that can set a journey's municipalities (besides any that carries gemeenteVanHerkomst).
MUNICIPALITY_EVENTS = frozenset(_FIRST_RESPONSIBLE_FIELD) | frozenset(_CHANGED_RESPONSIBLE_FIELD) | frozenset(_REPORTED_FIELD)


# The state a journey's row keeps (reporting's `trajecten`); `zorgaanbieders` is the fold's own, the providers'
# table keeps it (traject_zorgaanbieders).
STATE_FIELDS = (
    "fase",
    "fase_sinds",
    "gemeente_melding",
    "verantwoordelijke_gemeente",
    "gemeente_van_herkomst",
    "regio",
    "zorgaanbieder",
    "geopend_op",
    "bijgewerkt_op",
    "status",
    "afsluitreden",
    "gesloten_op",
    "vorig_traject_id",
    "dagen_sinds_vorig_traject",
)


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
    # The episode's lifecycle, as intake publishes it.
    status: str | None = None  # open | gesloten
    afsluitreden: str | None = None
    gesloten_op: datetime | None = None
    vorig_traject_id: UUID | None = None
    dagen_sinds_vorig_traject: int | None = None


@dataclass(frozen=True)
class Step:
    """What one event did to the journey: the phase after it and who acted."""

    fase: Fase | None
    actor_type: ActorType
    actor: str | None


def timeline_values(step: Step, state: JourneyState) -> tuple[str, str, str | None]:
    """A timeline row's phase, actor type and actor after the event (`state` is the state after it)."""
    return (step.fase or state.fase or Fase.gemeld).value, step.actor_type.value, step.actor


def apply_event(state: JourneyState, time: datetime, event_type: str, data: Data, moment: datetime | None = None) -> Step:
    """`time` orders the fold; `moment`, when the payload says when the fact happened (a backdated or late fact),
    is when the phase it starts began."""
    name = event_name(event_type)
    phase = next_phase(state.fase, event_type, data)
    if phase is not None and phase != state.fase:
        state.fase, state.fase_sinds = phase, moment or time
    if name in _REPORTED_FIELD and data.get(_REPORTED_FIELD[name]) and state.gemeente_melding is None:
        state.gemeente_melding = str(data[_REPORTED_FIELD[name]])
    first = data.get(_FIRST_RESPONSIBLE_FIELD.get(name, ""))
    if first and state.verantwoordelijke_gemeente is None:
        state.verantwoordelijke_gemeente = str(first)
    changed = data.get(_CHANGED_RESPONSIBLE_FIELD.get(name, ""))
    if changed:
        state.verantwoordelijke_gemeente = str(changed)
    _follow_lifecycle(state, name, data)
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


def _follow_lifecycle(state: JourneyState, name: str, data: Data) -> None:
    state.status = state.status or "open"
    if name == "melding-geregistreerd" and data.get("vorigTrajectId"):
        state.vorig_traject_id = UUID(str(data["vorigTrajectId"]))
        state.dagen_sinds_vorig_traject = data.get("dagenSindsVorigTraject")
    if name == "traject-afgesloten":
        state.status, state.afsluitreden = "gesloten", str(data.get("redenCode"))
        state.gesloten_op = parse_moment(data.get("afgeslotenOp"))
