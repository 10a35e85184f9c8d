"""The central BW waiting list and the placement it leads to."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from journey_platform.contracts.base import register
from journey_platform.contracts.placement.common import (
    VoorzieningType,
    _Placement,
)


@register
class AangemeldOpWachtlijst(_Placement):
    name: ClassVar[str] = "aangemeld-op-wachtlijst"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A client with a BW or beschut wonen decision joined the central waiting list."

    wachtlijst_id: UUID
    beschikking_id: UUID | None
    voorziening: str
    gemeente: str
    regio: str | None
    aangemeld_op: datetime
    prioriteit: int
    urgent: bool = False
    overgang_jeugdzorg: bool = False


@register
class WachtlijstAanbodGedaan(_Placement):
    name: ClassVar[str] = "wachtlijst-aanbod-gedaan"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A place came free and the next suitable client on the waiting list got an offer."

    wachtlijst_id: UUID
    voorziening_id: UUID
    aangeboden_op: datetime


@register
class WachtlijstAanbodAfgewezen(_Placement):
    name: ClassVar[str] = "wachtlijst-aanbod-afgewezen"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = (
        "A waiting-list offer was declined; the client keeps his or her place and the next one is offered."
    )

    wachtlijst_id: UUID
    voorziening_id: UUID
    afgewezen_op: datetime


@register
class WachtlijstVerlaten(_Placement):
    name: ClassVar[str] = "wachtlijst-verlaten"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A client left the waiting list (placed, withdrawn, moved away), with the time waited."

    wachtlijst_id: UUID
    reden_code: str
    verlaten_op: datetime
    wachttijd_dagen: int


@register
class PlaatsingGerealiseerd(_Placement):
    name: ClassVar[str] = "plaatsing-gerealiseerd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A client was placed in BW or another facility (from the waiting list, or as a transfer)."

    plaatsing_id: UUID
    voorziening_id: UUID
    voorziening_type: VoorzieningType
    zorgaanbieder: str
    gemeente: str
    regio: str | None
    geplaatst_op: datetime
    van_wachtlijst: bool
    overplaatsing_van: UUID | None = None
