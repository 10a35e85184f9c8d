"""The states a record of housing can be in (DOMAIN.md: a unit is offered, accepted, moved into; the warm handover is
started and acknowledged). The database refuses any other value (CHECK constraints, migration 0008_states)."""

from __future__ import annotations

from enum import StrEnum


class WoningStatus(StrEnum):
    beschikbaar = "beschikbaar"
    aangeboden = "aangeboden"
    toegewezen = "toegewezen"
    verhuurd = "verhuurd"
    ingetrokken = "ingetrokken"


class TrajectStatus(StrEnum):
    """Housing's copy of intake's episode."""

    open = "open"
    gesloten = "gesloten"


class KandidaatStatus(StrEnum):
    wachtend = "wachtend"
    aanbod = "aanbod"
    toegewezen = "toegewezen"
    gehuisvest = "gehuisvest"
    afgemeld = "afgemeld"


class VoorstelStatus(StrEnum):
    voorgesteld = "voorgesteld"
    aanbod = "aanbod"
    vervallen = "vervallen"


class AanbodStatus(StrEnum):
    gedaan = "gedaan"
    geaccepteerd = "geaccepteerd"
    afgewezen = "afgewezen"
    verlopen = "verlopen"
    vervallen = "vervallen"
    verhuisd = "verhuisd"


class OverdrachtStatus(StrEnum):
    gestart = "gestart"
    bevestigd = "bevestigd"
