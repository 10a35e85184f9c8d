"""The codes placement's events share, and their bases."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from journey_platform.contracts.base import JourneyEvent, ResourceEvent


class VoorzieningType(StrEnum):
    nachtopvang = "nachtopvang"
    acute_opvang = "acute-opvang"
    vierentwintiguursopvang = "24-uursopvang"
    crisisopvang = "crisisopvang"
    doorstroomvoorziening = "doorstroomvoorziening"
    tijdelijke_opvang_met_begeleiding = "tijdelijke-opvang-met-begeleiding"
    jongerenopvang = "jongerenopvang"
    beschermd_wonen = "beschermd-wonen"
    beschut_wonen = "beschut-wonen"
    bed_en_break = "bed-en-break"
    housing_first = "housing-first"


class Doelgroep(StrEnum):
    vrouwen = "vrouwen"
    jongvolwassenen = "jongvolwassenen"
    lhbtiq = "lhbtiq"
    gezinnen_met_kinderen = "gezinnen-met-kinderen"


class ChecklistItem(StrEnum):
    identiteitsbewijs = "identiteitsbewijs"
    inkomen = "inkomen"
    zorgverzekering = "zorgverzekering"


class Bestemming(StrEnum):
    eigen_woning = "eigen-woning"
    housing_first = "housing-first"
    beschermd_wonen = "beschermd-wonen"
    andere_regio = "andere-regio"
    familie_of_vrienden = "familie-of-vrienden"
    onbekend_of_straat = "onbekend-of-straat"
    detentie = "detentie"
    ziekenhuis = "ziekenhuis"


class _Placement(JourneyEvent):
    producer: ClassVar[str] = "placement"


class _Facility(ResourceEvent):
    producer: ClassVar[str] = "placement"
    resource_id: ClassVar[str] = "voorziening_id"
