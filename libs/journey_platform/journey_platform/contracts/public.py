"""Public integration events: a minimised copy of every journey event, for organisations outside the chain.

Reporting republishes each journey event of intake, placement and housing to `opvangketen.public.<producer>`
with only ids, the municipalities it concerns, its channel, its type and its time: what a municipal app
needs to know that something happened to one of its residents, and where to ask for more (with its own
token, through the services' APIs). See docs/subscribing.md for who may read which topic.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from journey_platform.contracts.base import JourneyEvent, register


class PublicJourneyEvent(JourneyEvent):
    """Base of the public family: producer `public`, one topic per producer of the original event."""

    producer: ClassVar[str] = "public"
    sequenced: ClassVar[bool] = False  # a copy: subscribers order by its `volgnummer` in reporting (docs/subscribing.md)
    source_producer: ClassVar[str]
    consumers: ClassVar[tuple[str, ...]] = ("externe-afnemers",)

    gebeurtenis: str
    kanaal: str
    tijdstip: datetime
    verantwoordelijke_gemeente: str | None
    gemeente_melding: str | None

    @classmethod
    def topic(cls) -> str:
        return f"opvangketen.public.{cls.source_producer}"


def _description(producer: str) -> str:
    return (
        f"Minimised copy of a journey event of {producer}, republished by reporting: `gebeurtenis` is the "
        "original CloudEvents type, `kanaal` its event family, `tijdstip` its time; no other facts."
    )


@register
class IntakeGebeurtenis(PublicJourneyEvent):
    name: ClassVar[str] = "intake-gebeurtenis"
    version: ClassVar[int] = 1
    source_producer: ClassVar[str] = "intake"
    description: ClassVar[str] = _description("intake")


@register
class PlacementGebeurtenis(PublicJourneyEvent):
    name: ClassVar[str] = "placement-gebeurtenis"
    version: ClassVar[int] = 1
    source_producer: ClassVar[str] = "placement"
    description: ClassVar[str] = _description("placement")


@register
class HousingGebeurtenis(PublicJourneyEvent):
    name: ClassVar[str] = "housing-gebeurtenis"
    version: ClassVar[int] = 1
    source_producer: ClassVar[str] = "housing"
    description: ClassVar[str] = _description("housing")


PUBLIC_CONTRACTS: dict[str, type[PublicJourneyEvent]] = {
    c.source_producer: c for c in (IntakeGebeurtenis, PlacementGebeurtenis, HousingGebeurtenis)
}
