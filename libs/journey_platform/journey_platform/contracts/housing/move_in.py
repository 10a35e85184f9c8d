"""The move-in, the warm handover and the 3-month target."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from journey_platform.contracts.base import register
from journey_platform.contracts.housing.common import OpvangNaVerhuizing, TeRegelen, WoningType, _Housing


@register
class Verhuisd(_Housing):
    name: ClassVar[str] = "verhuisd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "placement", "intake")
    description: ClassVar[str] = (
        "The client moved into a home. Placement ends the shelter stay on verhuisdOp (destination eigen-woning) "
        "unless opvangNaVerhuizing says beschermd wonen continues as ambulant support."
    )

    woning_id: UUID
    woning_type: WoningType
    housing_first: bool
    gemeente: str
    wijk: str
    regio: str | None
    verhuisd_op: datetime
    dagen_sinds_uitstroomgereed: int
    gemeente_van_herkomst: str | None
    terug_naar_gemeente_van_herkomst: bool | None
    opvang_na_verhuizing: OpvangNaVerhuizing = OpvangNaVerhuizing.beeindigd


@register
class WarmeOverdrachtGestart(_Housing):
    name: ClassVar[str] = "warme-overdracht-gestart"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = (
        "After move-in, a warm handover to the local team of the municipality where the home is, listing what must "
        "be arranged there."
    )

    overdracht_id: UUID
    gemeente: str
    te_regelen: list[TeRegelen] = Field(default_factory=list)
    gestart_op: datetime


@register
class WarmeOverdrachtBevestigd(_Housing):
    name: ClassVar[str] = "warme-overdracht-bevestigd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "The local team acknowledged the warm handover."

    overdracht_id: UUID
    gemeente: str
    bevestigd_op: datetime


@register
class DrieMaandenTermijnOverschreden(_Housing):
    name: ClassVar[str] = "drie-maanden-termijn-overschreden"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A candidate has waited more than 3 months since being ready to leave."

    kandidaat_id: UUID
    uitstroomgereed_op: datetime
    gemeente: str
