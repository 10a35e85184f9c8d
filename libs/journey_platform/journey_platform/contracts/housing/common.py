"""The codes housing's events share, and their bases."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from journey_platform.contracts.base import JourneyEvent, ResourceEvent


class WoningType(StrEnum):
    sociale_huur = "sociale-huur"
    housing_first = "housing-first"
    gedeeld = "gedeeld"
    tiny_house = "tiny-house"
    skaeve_huse = "skaeve-huse"
    kamer_met_aandacht = "kamer-met-aandacht"
    eengezinswoning = "eengezinswoning"


class Aanbieder(StrEnum):
    woningcorporatie = "woningcorporatie"
    zorgaanbieder = "zorgaanbieder"
    particuliere_host = "particuliere-host"
    gemeente = "gemeente"


class OpvangNaVerhuizing(StrEnum):
    """What moving into a home does to the shelter stay."""

    beeindigd = "beeindigd"  # the stay ends (discharge to eigen-woning on the move-in moment)
    bw_loopt_door_als_ambulant = "bw-loopt-door-als-ambulant"  # BW continues as ambulant support at home


class TeRegelen(StrEnum):
    inkomen = "inkomen"
    schuldhulpverlening = "schuldhulpverlening"
    inrichtingskosten = "inrichtingskosten"
    inschrijving = "inschrijving"  # registration (BRP) in the new municipality; the benefit can only follow it


class _Housing(JourneyEvent):
    producer: ClassVar[str] = "housing"


class _Unit(ResourceEvent):
    producer: ClassVar[str] = "housing"
    resource_id: ClassVar[str] = "woning_id"
