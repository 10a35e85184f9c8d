"""The journey: phases in the order of DOMAIN.md, and which event moves a journey to which phase."""

from __future__ import annotations

from enum import StrEnum


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


# Event name (the part of the CloudEvents type between producer and version) → phase it starts.
PHASE_BY_EVENT: dict[str, Fase] = {
    "melding-geregistreerd": Fase.gemeld,
    "preventiezaak-geopend": Fase.gemeld,
    "onderzoek-gestart": Fase.onderzoek,
    "beschikking-afgegeven": Fase.besloten,
    "melding-afgesloten": Fase.afgesloten,
}


def event_name(event_type: str) -> str:
    """`nl.opvangketen.intake.melding-geregistreerd.v1` → `melding-geregistreerd`."""
    return event_type.rsplit(".", 2)[-2]


def producer_of(event_type: str) -> str:
    return event_type.rsplit(".", 3)[-3]


def next_phase(current: Fase | None, event_type: str, data: dict[str, object]) -> Fase | None:
    name = event_name(event_type)
    if name == "beschikking-afgegeven" and data.get("besluit") == "geen-ondersteuning":
        return Fase.afgesloten
    return PHASE_BY_EVENT.get(name, current)
