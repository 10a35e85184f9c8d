"""The erasure of a person's personal data (AVG art. 17, or the end of a retention period).

Ids only: the pseudonymous client id and the journeys it concerns, so that every service can remove what it
holds about that client. See docs/privacy/erasure.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from journey_platform.contracts.base import EventContract, register


@register
class PersoonGewist(EventContract):
    producer: ClassVar[str] = "intake"
    name: ClassVar[str] = "persoon-gewist"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("placement", "housing", "reporting")
    description: ClassVar[str] = (
        "Intake erased a person's personal data (destroyed their data key): on a lawful erasure request or at the "
        "end of a retention period. Each consumer removes the personal data it holds for the client (free text, "
        "notes) and keeps the anonymous facts; reporting makes the client unlinkable in its event history. "
        "Subject and key are the client id, so it comes after every earlier event of the client."
    )

    client_id: UUID
    traject_ids: list[UUID]
    aanleiding: str  # verzoek | bewaartermijn
    gewist_op: datetime

    def subject(self) -> str:
        return str(self.client_id)

    def partition_key(self) -> str:
        return str(self.client_id)
