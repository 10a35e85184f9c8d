"""The journey: phases in the order of DOMAIN.md, which event moves a journey to which phase, and who acted.

Every journey event of the catalogue is named here, either in `PHASE_BY_EVENT` (it starts a phase)
or in `KEEPS_PHASE` (it happens within the current phase); a unit test holds the catalogue to that.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class Fase(StrEnum):
    gemeld = "gemeld"
    onderzoek = "onderzoek"
    besloten = "besloten"
    in_opvang = "in-opvang"
    op_wachtlijst = "op-wachtlijst"
    geplaatst = "geplaatst"
    uitstroomgereed = "uitstroomgereed"
    aanbod = "aanbod"
    gehuisvest = "gehuisvest"
    overgedragen = "overgedragen"
    afgesloten = "afgesloten"


class ActorType(StrEnum):
    """The kind of organisation that acted, in the words of DOMAIN.md."""

    lokale_toegang = "lokale-toegang"
    centrale_toegang = "centrale-toegang"
    zorgaanbieder = "zorgaanbieder"
    woningcorporatie = "woningcorporatie"


Data = dict[str, Any]
PhaseRule = Callable[[Fase | None, Data], Fase | None]

# Destinations after leaving a shelter or BW that end the journey without a home through housing.
_ENDS_WITHOUT_HOME = {"andere-regio", "familie-of-vrienden", "onbekend-of-straat", "detentie", "ziekenhuis"}
_HOME = {"eigen-woning", "housing-first"}


def _report(current: Fase | None, data: Data) -> Fase | None:
    # A repeat report on an open journey does not send it back to the start.
    return current or Fase.gemeld


def _decision(current: Fase | None, data: Data) -> Fase | None:
    return Fase.afgesloten if data.get("besluit") == "geen-ondersteuning" else Fase.besloten


def _left_facility(current: Fase | None, data: Data) -> Fase | None:
    destination = data.get("bestemming")
    if destination in _HOME:
        # The discharge that follows housing's move-in may arrive after the handover was confirmed: never back.
        return current if current in (Fase.gehuisvest, Fase.overgedragen) else Fase.gehuisvest
    if destination in _ENDS_WITHOUT_HOME:
        return Fase.afgesloten
    return current  # e.g. on to BW: the placement that follows sets the phase


def _moved_by_failure(current: Fase | None, data: Data) -> Fase | None:
    return Fase.op_wachtlijst if data.get("naarWachtlijst") else current


def _candidate(current: Fase | None, data: Data) -> Fase | None:
    return Fase.uitstroomgereed if data.get("bron", "uitstroomgereed") == "uitstroomgereed" else current


# Phases a journey may end in: a closing keeps them ("the earlier one keeps its end state").
_END_PHASES = {Fase.gehuisvest, Fase.overgedragen, Fase.afgesloten}


def _closed(current: Fase | None, data: Data) -> Fase | None:
    """Intake closed the episode: it keeps an end phase it reached, otherwise it ends as afgesloten."""
    return current if current in _END_PHASES else Fase.afgesloten


def parse_moment(value: object) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _starts(phase: Fase) -> PhaseRule:
    return lambda current, data: phase


PHASE_BY_EVENT: dict[str, PhaseRule] = {
    "melding-geregistreerd": _report,
    "preventiezaak-geopend": _report,
    "onderzoek-gestart": _starts(Fase.onderzoek),
    "beschikking-afgegeven": _decision,
    "melding-afgesloten": _starts(Fase.afgesloten),
    "opname-geregistreerd": _starts(Fase.in_opvang),
    "aangemeld-op-wachtlijst": _starts(Fase.op_wachtlijst),
    "plaatsing-gerealiseerd": _starts(Fase.geplaatst),
    "uitstroomgereed-verklaard": _starts(Fase.uitstroomgereed),
    "uitgestroomd": _left_facility,
    "client-verhuisd-bij-aanbiederuitval": _moved_by_failure,
    "kandidaat-aangemeld": _candidate,
    "aanbod-gedaan": _starts(Fase.aanbod),
    "aanbod-afgewezen": _starts(Fase.uitstroomgereed),
    "verhuisd": _starts(Fase.gehuisvest),
    "warme-overdracht-bevestigd": _starts(Fase.overgedragen),
    "traject-afgesloten": _closed,
}

KEEPS_PHASE = frozenset(
    {
        "kort-verblijf-toegekend",
        "verwijzing-aangemaakt",
        "verwijzing-beoordeeld",
        "verantwoordelijke-gemeente-gewijzigd",
        "beslistermijn-nadert",
        "beslistermijn-verstreken",
        "opname-geweigerd",
        "checklist-item-afgerond",
        "verblijf-nadert-maximum",
        "verblijf-maximum-overschreden",
        "ondersteuningsplan-vastgesteld",
        "wachtlijst-aanbod-gedaan",
        "wachtlijst-verlaten",
        "trajectcontrole-achterstallig",
        "match-voorgesteld",
        "aanbod-geaccepteerd",
        "warme-overdracht-gestart",
        "drie-maanden-termijn-overschreden",
        "kort-verblijf-verlengd",
        "trajectcontrole-uitgevoerd",
        "wachtlijst-aanbod-afgewezen",
        "aanbod-vastgelopen",
        "toestemming-verleend",
        "toestemming-ingetrokken",
        # aftercare after the move (docs/aftercare.md): the journey shows them; the phase stays gehuisvest/overgedragen
        "nazorgplan-opgesteld",
        "nazorgcontact-vastgelegd",
        "terugvalsignaal-gemeld",
    }
)


def event_name(event_type: str) -> str:
    """`nl.opvangketen.intake.melding-geregistreerd.v1` → `melding-geregistreerd`."""
    return event_type.rsplit(".", 2)[-2]


def producer_of(event_type: str) -> str:
    return event_type.rsplit(".", 3)[-3]


def next_phase(current: Fase | None, event_type: str, data: Data) -> Fase | None:
    """The phase after this event; an event that starts no phase leaves the current one."""
    rule = PHASE_BY_EVENT.get(event_name(event_type))
    return rule(current, data) if rule else current


def _signaller(data: Data) -> tuple[ActorType, str | None]:
    """Who signalled a relapse: the landlord, the local team or central access, or intake's new report."""
    door = data.get("gemeldDoor")
    if data.get("bron") == "woningcorporatie":
        return ActorType.woningcorporatie, door
    if isinstance(door, str) and door.startswith("GM"):
        return ActorType.lokale_toegang, door
    return ActorType.centrale_toegang, None if door == "intake" else door


def actor_of(event_type: str, data: Data) -> tuple[ActorType, str | None]:
    """Who did this: the kind of organisation and, where the event names it, its id.

    Intake events that name no organisation are the central access point's work (it registers and
    decides); placement's are the provider's, except the waiting list, which central access runs;
    housing's are the corporation's, except the warm handover, which is the local team's."""
    name, producer = event_name(event_type), producer_of(event_type)
    for field in ("uitgevoerdDoor", "vanOrganisatie", "naarOrganisatie", "vastgelegdDoor", "ingetrokkenDoor"):
        if data.get(field):
            org = str(data[field])
            return (ActorType.lokale_toegang if org.startswith("GM") else ActorType.centrale_toegang), org
    if name == "preventiezaak-geopend":
        return ActorType.woningcorporatie, data.get("woningcorporatie")
    if producer == "placement":
        if "wachtlijst" in name:
            return ActorType.centrale_toegang, None
        return ActorType.zorgaanbieder, data.get("zorgaanbieder")
    if producer == "housing":
        if name == "terugvalsignaal-gemeld":
            return _signaller(data)
        if name.startswith("warme-overdracht") or name.startswith("nazorg"):
            return ActorType.lokale_toegang, data.get("gemeente")
        if name == "kandidaat-aangemeld":
            return ActorType.centrale_toegang, None
        return ActorType.woningcorporatie, None
    return ActorType.centrale_toegang, None
