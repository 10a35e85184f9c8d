"""A corporation's units (resource events: no client data)."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from journey_platform.contracts.base import register
from journey_platform.contracts.housing.common import Aanbieder, WoningType, _Unit


@register
class WoningBeschikbaar(_Unit):
    name: ClassVar[str] = "woning-beschikbaar"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A housing unit was registered as available for outflow."

    woning_id: UUID
    aanbieder_type: Aanbieder
    aanbieder: str
    type: WoningType
    gemeente: str
    wijk: str
    huur: float
    kamers: int
    beschikbaar_vanaf: date


@register
class WoningIngetrokken(_Unit):
    name: ClassVar[str] = "woning-ingetrokken"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A housing unit was withdrawn by its supplier."

    woning_id: UUID
    ingetrokken_op: datetime
