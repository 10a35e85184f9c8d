"""Candidates, matching proposals and offers."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from journey_platform.contracts.base import register
from journey_platform.contracts.housing.common import _Housing


@register
class KandidaatAangemeld(_Housing):
    name: ClassVar[str] = "kandidaat-aangemeld"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A client ready to leave (or a prevention case needing a home) became a housing candidate."

    kandidaat_id: UUID
    uitstroomgereed_op: datetime
    gemeente: str
    regio: str | None
    bron: str  # uitstroomgereed | preventie


@register
class MatchVoorgesteld(_Housing):
    name: ClassVar[str] = "match-voorgesteld"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "Matching proposed a unit for a candidate, with its score."

    voorstel_id: UUID
    kandidaat_id: UUID
    woning_id: UUID
    score: float
    voorgesteld_op: datetime


@register
class AanbodGedaan(_Housing):
    name: ClassVar[str] = "aanbod-gedaan"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "Through the client's coordinator a proposal became an offer, with an expiry."

    aanbod_id: UUID
    woning_id: UUID
    gemeente: str
    gedaan_op: datetime
    verloopt_op: datetime


@register
class AanbodGeaccepteerd(_Housing):
    name: ClassVar[str] = "aanbod-geaccepteerd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "The client accepted an offer; competing offers are cancelled."

    aanbod_id: UUID
    woning_id: UUID
    geaccepteerd_op: datetime


@register
class AanbodAfgewezen(_Housing):
    name: ClassVar[str] = "aanbod-afgewezen"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = (
        "An offer was declined (by the client or the supplier), or expired; the unit returns to the pool. Also sent "
        "with afgewezenDoor `vervallen` when an offer lapses because a competing one was accepted."
    )

    aanbod_id: UUID
    woning_id: UUID
    afgewezen_door: str  # client | aanbieder | verlopen | vervallen
    reden_code: str | None
    afgewezen_op: datetime


@register
class AanbodVastgelopen(_Housing):
    name: ClassVar[str] = "aanbod-vastgelopen"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = (
        "An offer stalled: no reaction within the stall term (fase gedaan), or accepted without a move-in "
        "(fase geaccepteerd). The coordinator should act."
    )

    aanbod_id: UUID
    woning_id: UUID
    fase: str  # gedaan | geaccepteerd
    sinds: datetime
