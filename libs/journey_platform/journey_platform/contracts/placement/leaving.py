"""Trajectory monitoring, ready to leave, discharge, and a move after a provider's failure."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from journey_platform.contracts.base import register
from journey_platform.contracts.placement.common import (
    Bestemming,
    Doelgroep,
    VoorzieningType,
    _Placement,
)


@register
class TrajectcontroleAchterstallig(_Placement):
    name: ClassVar[str] = "trajectcontrole-achterstallig"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A periodic trajectory check-in (trajectbewaking) is overdue."

    controle_id: UUID
    gepland_op: date


@register
class TrajectcontroleUitgevoerd(_Placement):
    name: ClassVar[str] = "trajectcontrole-uitgevoerd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A periodic trajectory check-in took place, with its outcome code (the notes stay in placement)."

    controle_id: UUID
    gepland_op: date
    uitgevoerd_op: datetime
    uitkomst: str
    op_tijd: bool


@register
class UitstroomgereedVerklaard(_Placement):
    name: ClassVar[str] = "uitstroomgereed-verklaard"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "housing", "intake")
    description: ClassVar[str] = (
        "The client can live more independently (uitstroomgereed). Carries the housing needs housing matches on."
    )

    verklaard_op: datetime
    gemeente_van_herkomst: str | None
    verantwoordelijke_gemeente: str
    regio: str | None
    huishouden_grootte: int
    gemeente_voorkeuren: list[str]
    max_huur: float
    huisdieren: bool = False
    rolstoeltoegankelijk: bool = False
    begeleidingsintensiteit: str = "midden"
    jongvolwassene_18_23: bool = False
    doelgroepen: list[Doelgroep] = Field(default_factory=list)
    urgent: bool = False
    housing_first: bool = False
    # The support plan says: return to the municipality of origin (housing then weighs it next to the wishes).
    terugkeer_naar_herkomst: bool = False
    # Where each item of the warm handover actually ran (CBS codes), when recorded; housing compares the new home's
    # municipality with each.
    uitkering_gemeente: str | None = None
    schuldhulpverlening_gemeente: str | None = None
    inrichtingskosten_gemeente: str | None = None
    inschrijving_gemeente: str | None = None


@register
class Uitgestroomd(_Placement):
    name: ClassVar[str] = "uitgestroomd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake", "housing")
    description: ClassVar[str] = (
        "A client left a shelter or BW, with destination and whether he or she returned to the municipality of origin."
    )

    verblijf_id: UUID
    voorziening_id: UUID
    voorziening_type: VoorzieningType
    uitgestroomd_op: datetime
    bestemming: Bestemming
    terug_naar_gemeente_van_herkomst: bool | None
    verblijfsduur_dagen: int
    reden_code: str | None = None


@register
class ClientVerhuisdBijAanbiederuitval(_Placement):
    name: ClassVar[str] = "client-verhuisd-bij-aanbiederuitval"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = (
        "Process control after a provider failed (bankruptcy, forced closure): this client was moved to a new "
        "place or onto the waiting list."
    )

    operatie_id: UUID
    van_voorziening_id: UUID
    naar_voorziening_id: UUID | None
    naar_wachtlijst: bool
    verhuisd_op: datetime
