"""Who a journey is about changed: intake merged two persons into one, or undid such a merge by a split.

Ids only: the pseudonymous client ids and the journeys that moved. Every service applies it by giving those
journeys (and what hangs off them: stays, the waiting list, candidates, read models) the new client id.
See docs/privacy/identity.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from journey_platform.contracts.base import EventContract, register

FOLLOWERS = ("placement", "housing", "reporting")


@register
class PersonenSamengevoegd(EventContract):
    producer: ClassVar[str] = "intake"
    name: ClassVar[str] = "personen-samengevoegd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = FOLLOWERS
    description: ClassVar[str] = (
        "Central access recognised two persons as one (a possible duplicate, or an alias whose identity became known): "
        "the journeys of the absorbed client (`opgegaanClientId`) now belong to the surviving client (`clientId`). "
        "Each consumer gives those journeys, and everything it keeps for them, the surviving client id. Reversible by "
        "`persoon-gesplitst`. Subject and key are the absorbed client id, so it comes after that client's earlier events."
    )

    samenvoeging_id: UUID
    client_id: UUID
    opgegaan_client_id: UUID
    traject_ids: list[UUID]
    samengevoegd_op: datetime

    def subject(self) -> str:
        return str(self.opgegaan_client_id)

    def partition_key(self) -> str:
        return str(self.opgegaan_client_id)


@register
class PersoonGesplitst(EventContract):
    producer: ClassVar[str] = "intake"
    name: ClassVar[str] = "persoon-gesplitst"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = FOLLOWERS
    description: ClassVar[str] = (
        "A merge undone: the journeys that `personen-samengevoegd` moved go back from `vanClientId` to the restored "
        "client (`clientId`), with everything that happened in them since. Subject and key are the restored client id."
    )

    samenvoeging_id: UUID
    splitsing_id: UUID
    client_id: UUID
    van_client_id: UUID
    traject_ids: list[UUID]
    gesplitst_op: datetime

    def subject(self) -> str:
        return str(self.client_id)

    def partition_key(self) -> str:
        return str(self.client_id)
