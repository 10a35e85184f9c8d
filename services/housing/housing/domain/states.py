"""The states a record of housing can be in (DOMAIN.md: a unit is offered, accepted, moved into; the warm handover is
started and acknowledged). The database refuses any other value (CHECK constraints, migrations 0008_states and
0011_aftercare_states)."""

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


class NazorgplanStatus(StrEnum):
    """An aftercare plan (docs/aftercare.md)."""

    actief = "actief"
    afgerond = "afgerond"
    beeindigd = "beeindigd"  # the person was erased
