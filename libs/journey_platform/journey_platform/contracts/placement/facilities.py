"""Facilities and their capacity (resource events: no client data)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from journey_platform.contracts.base import register
from journey_platform.contracts.placement.common import (
    Doelgroep,
    VoorzieningType,
    _Facility,
)


@register
class VoorzieningGeregistreerd(_Facility):
    name: ClassVar[str] = "voorziening-geregistreerd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A facility (shelter, BW location, Bed & Break, Housing First) was registered or changed."

    voorziening_id: UUID
    type: VoorzieningType
    zorgaanbieder: str
    gemeente: str
    regio: str | None
    capaciteit_plaatsen: int
    eenpersoonskamers: int
    veilig_voor: list[Doelgroep] = Field(default_factory=list)
    huisdieren_toegestaan: bool = False
    rolstoeltoegankelijk: bool = False


@register
class CapaciteitGewijzigd(_Facility):
    name: ClassVar[str] = "capaciteit-gewijzigd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A facility's capacity changed (places, single rooms), or it closed (capacity 0)."

    voorziening_id: UUID
    capaciteit_plaatsen: int
    eenpersoonskamers: int
    gewijzigd_op: datetime
    reden_code: str | None = None
