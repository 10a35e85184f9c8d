"""Events about the legal basis for sharing a client's data, produced by intake (where consent is recorded).

Ids and scope codes only: who may receive (organisation type and id), for which purposes, from and to which day.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from journey_platform.contracts.base import JourneyEvent, register
from journey_platform.sharing import Doel, OntvangerType


class _Consent(JourneyEvent):
    producer: ClassVar[str] = "intake"
    consumers: ClassVar[tuple[str, ...]] = ("housing", "reporting")

    toestemming_id: UUID
    ontvanger_type: OntvangerType
    ontvanger_id: str | None
    doelen: list[Doel]
    geldig_van: date
    geldig_tot: date


@register
class ToestemmingVerleend(_Consent):
    name: ClassVar[str] = "toestemming-verleend"
    version: ClassVar[int] = 1
    description: ClassVar[str] = (
        "A client consented to sharing data with an organisation (ontvangerId), or with every organisation of a type "
        "(ontvangerId null), for the purposes listed, from geldigVan up to and including geldigTot (Dutch days)."
    )

    vastgelegd_door: str


@register
class ToestemmingIngetrokken(_Consent):
    name: ClassVar[str] = "toestemming-ingetrokken"
    version: ClassVar[int] = 1
    description: ClassVar[str] = (
        "A client revoked a consent: sharing on its basis stops as soon as a service knows. Carries the consent's "
        "scope again, so a consumer that missed the grant still records the revocation."
    )

    ingetrokken_op: datetime
    ingetrokken_door: str
